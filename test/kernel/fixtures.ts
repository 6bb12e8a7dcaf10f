// Captured real outputs (see test/fixtures/kernel/capture*.sh for how they were made).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'kernel');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}
