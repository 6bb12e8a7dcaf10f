// What every catalogue test asks of a pair of catalogues: the same keys, a sample that
// says every message (a key added and left out of the sample would go untested), and
// Chinese that is Chinese, not English left in place.
import { expect } from 'vitest';

export function expectSameKeysAllSampled<T extends object>(en: T, zh: T, sample: (t: T) => string[]): void {
  expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  const called = new Set<string>();
  sample(new Proxy(en, { get: (o, k: string) => { called.add(k); return o[k as keyof T]; } }));
  expect([...called].sort()).toEqual(Object.keys(en).sort());
}

export function expectTranslated<T extends object>(en: T, zh: T, sample: (t: T) => string[]): void {
  const [e, z] = [sample(en), sample(zh)];
  z.forEach((text, i) => {
    expect(text, `Chinese for "${e[i]}"`).toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toBe(e[i]);
  });
}
