// `nslab doctor [--json]`: every requirement on one line, pass or fail, and the exact fix.
// The checks themselves are sandbox/doctor.ts's.
import type { DoctorLine } from '../sandbox/doctor.js';
import { colorEnabled, colors } from '../view/color.js';

export function formatDoctor(lines: DoctorLine[], color: boolean): string {
  const c = colors(color);
  const width = Math.max(...lines.map((l) => l.name.length));
  const body = lines.map((l) => {
    const mark = l.ok ? c.green('✔') : l.optional ? c.yellow('–') : c.red('✘');
    const fix = l.fix ? `\n  ${' '.repeat(width)}  ${c.yellow('fix:')} ${l.fix}` : '';
    return `${mark} ${l.name.padEnd(width)}  ${l.detail}${l.optional && !l.ok ? ' (optional)' : ''}${fix}`;
  }).join('\n');
  const failed = unmet(lines).length;
  return `${body}\n\n${failed ? `${failed} requirement(s) not met.` : 'All requirements met.'}`;
}

function unmet(lines: DoctorLine[]): DoctorLine[] {
  return lines.filter((l) => !l.ok && !l.optional);
}

/** The shape of `nslab doctor --json` (documented in README.md): every key always present. */
export interface DoctorJson {
  ok: boolean;
  unmet: number;
  checks: { name: string; ok: boolean; optional: boolean; detail: string; fix: string | null }[];
}

export function doctorJson(lines: DoctorLine[]): DoctorJson {
  return {
    ok: unmet(lines).length === 0,
    unmet: unmet(lines).length,
    checks: lines.map((l) => ({ name: l.name, ok: l.ok, optional: l.optional ?? false, detail: l.detail, fix: l.fix ?? null })),
  };
}

export async function doctorCommand(opts: { json?: boolean } = {}): Promise<void> {
  const { collectDoctorLines } = await import('../sandbox/doctor.js');
  const lines = await collectDoctorLines();
  process.stdout.write((opts.json ? JSON.stringify(doctorJson(lines), null, 2) : formatDoctor(lines, colorEnabled())) + '\n');
  process.exitCode = unmet(lines).length ? 1 : 0;
}
