// Parsers and explainers never throw and always finish, whatever they are given:
// random bytes, every fixture cut at random points, and 5 MB of input.
import { describe, expect, it } from 'vitest';
import { EXPLAINER_IDS, detect, explain, explainError, parse, recognize } from '../../src/explain/index.js';
import { allFixtures } from './helpers.js';

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function everyExplainer(text: string): void {
  for (const id of EXPLAINER_IDS) {
    for (const detail of ['full', 'compact'] as const) {
      const lines = explain(id, text, { detail });
      expect(Array.isArray(lines)).toBe(true);
    }
    parse(id, text);
  }
  detect(text);
  recognize(text);
  explainError(text, text, {});
}

describe('fuzz', () => {
  it('random bytes', () => {
    const r = rng(1);
    for (let k = 0; k < 40; k++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(r() * 4000) }, () => Math.floor(r() * 256)));
      expect(() => everyExplainer(bytes.toString('latin1'))).not.toThrow();
      expect(() => everyExplainer(bytes.toString('utf8'))).not.toThrow();
    }
  });

  it('every fixture truncated at random points, with lines explained as they are', () => {
    const r = rng(2);
    for (const f of allFixtures()) {
      for (let k = 0; k < 6; k++) {
        const cut = f.text.slice(0, Math.floor(r() * f.text.length));
        expect(() => everyExplainer(cut)).not.toThrow();
        const lines = explain(f.id, cut, { detail: 'full' });
        expect(lines.map((l) => l.text).join('\n')).toBe(cut.replace(/\n$/, '').replace(/\r$/, ''));
      }
    }
  });

  it('fixtures mixed with garbage lines keep the garbage, marked not understood', () => {
    for (const f of allFixtures()) {
      const text = `${f.text}\u0007\u0000 garbage \u00ff line\n`;
      const lines = explain(f.id, text, { detail: 'full' });
      const last = lines[lines.length - 1];
      expect(last.text).toContain('garbage');
      expect(last.understood).toBe(false);
    }
  });

  it('a 5 MB input, and a single 5 MB line', () => {
    const big = allFixtures().map((f) => f.text).join('\n').repeat(1 + Math.floor(5_000_000 / allFixtures().reduce((n, f) => n + f.text.length, 0)));
    expect(big.length).toBeGreaterThan(5_000_000);
    const lineCount = big.replace(/\n$/, '').split('\n').length;
    for (const id of ['ip-addr', 'route-n', 'iptables-save', 'docker-network-inspect', 'ping'] as const) {
      const lines = explain(id, big, { detail: 'compact' });
      expect(lines.length).toBe(lineCount);
      expect(lines.flatMap((l) => l.notes).length).toBeLessThanOrEqual(4);
    }
    expect(detect(big)).toBeDefined();
    const line = '1: '.padEnd(5_000_000, 'a<');
    for (const id of EXPLAINER_IDS) expect(explain(id, line, { detail: 'full' })[0].understood).toBe(false);
    expect(explainError(line, line)).toBeDefined();
  });

  it('non-string input from a careless caller', () => {
    expect(() => explain('ip-addr', undefined as unknown as string, { detail: 'full' })).not.toThrow();
    expect(() => explain('no-such' as never, 'x', { detail: 'full' })).not.toThrow();
    expect(detect(null as unknown as string)).toBeUndefined();
  });
});
