// Reading the JSON that `ip -j` and `bridge -j` print. A malformed document is a bug in
// our reading (or a tool far older than iproute2 5.x), so it fails loudly, naming the
// command whose output it was.

export class KernelOutputError extends Error {
  constructor(what: string, detail: string, options?: { cause?: unknown }) {
    super(`could not read the output of \`${what}\`: ${detail}. Is iproute2 at least 5.0? (\`nslab doctor\` checks)`, options);
    this.name = 'KernelOutputError';
  }
}

/** Parses a JSON array of objects; empty output counts as an empty array (old `ip -j`
 * versions print nothing where there is nothing to show). */
export function parseJsonArray(text: string, what: string): Record<string, unknown>[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (e) {
    throw new KernelOutputError(what, `not JSON (${trimmed.slice(0, 60)}…)`, { cause: e });
  }
  if (!Array.isArray(value)) throw new KernelOutputError(what, 'expected a JSON array');
  return value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
