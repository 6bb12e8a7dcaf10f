// docs/environment.md lists every NSLAB_ variable with the files that use it; the names
// cross three languages (sh, perl, TypeScript), so this keeps the list and the code in step.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/lab.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** name → the files (relative to the checkout) that mention it. */
function usesInCode(): Map<string, Set<string>> {
  const uses = new Map<string, Set<string>>();
  for (const path of ['bin', 'src', 'lab-bin'].flatMap((d) => filesUnder(join(ROOT, d)))) {
    for (const [name] of readFileSync(path, 'utf8').matchAll(/\bNSLAB_[A-Z_]*[A-Z]\b/g)) {
      if (!uses.has(name)) uses.set(name, new Set());
      uses.get(name)!.add(relative(ROOT, path));
    }
  }
  return uses;
}

function usesInDoc(): Map<string, Set<string>> {
  const doc = readFileSync(join(ROOT, 'docs', 'environment.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| `(NSLAB_[A-Z_]+)` \| ([^|]+) \|/gm)];
  return new Map(rows.map(([, name, files]) => [name, new Set(files.trim().split(/\s+/))]));
}

describe('docs/environment.md', () => {
  it('names every NSLAB_ variable the code uses, with exactly the files that use it', () => {
    const code = usesInCode();
    const doc = usesInDoc();
    expect(doc.size).toBeGreaterThan(15);
    expect([...doc.keys()].sort()).toEqual([...code.keys()].sort());
    for (const [name, files] of code) expect([...doc.get(name)!].sort(), name).toEqual([...files].sort());
  });
});
