// Lab scripts print `@@@ NAME` before each part of their output; this splits them.
export const SECTION = 'sec() { printf "\\n@@@ %s\\n" "$1"; }';

export function sections(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  let name = '(preamble)';
  for (const line of stdout.split('\n')) {
    const m = /^@@@ (\S+)$/.exec(line);
    if (m) { name = m[1]; out[name] = ''; continue; }
    out[name] = (out[name] ?? '') + line + '\n';
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.replace(/\n+$/, '')]));
}
