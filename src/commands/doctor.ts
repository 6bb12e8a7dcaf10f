// `nslab doctor [--json]`: every requirement on one line, pass or fail, and the exact fix.
// The checks themselves are sandbox/doctor.ts's.
import { cliText } from '../i18n/cli-text.js';
import { currentLang, type Lang } from '../i18n/lang.js';
import type { DoctorLine } from '../sandbox/doctor.js';
import { colorEnabled, colors } from '../view/color.js';
import { displayWidth } from '../view/display-width.js';

export function formatDoctor(lines: DoctorLine[], color: boolean, lang: Lang = currentLang()): string {
  const t = cliText(lang);
  const c = colors(color);
  // By columns, not characters: a Chinese name takes two columns a character.
  const width = Math.max(...lines.map((l) => displayWidth(l.name)));
  const body = lines.map((l) => {
    const mark = l.ok ? c.green('✔') : l.optional ? c.yellow('–') : c.red('✘');
    const fix = l.fix ? `\n  ${' '.repeat(width)}  ${t.fix(c.yellow, l.fix)}` : '';
    return `${mark} ${l.name}${' '.repeat(width - displayWidth(l.name))}  ${l.detail}${l.optional && !l.ok ? t.optional : ''}${fix}`;
  }).join('\n');
  const failed = unmet(lines).length;
  return `${body}\n\n${failed ? t.unmet(failed) : t.allMet}`;
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
  // JSON is data for scripts: English, whatever the learner's language.
  const lines = await collectDoctorLines(opts.json ? 'en' : currentLang());
  process.stdout.write((opts.json ? JSON.stringify(doctorJson(lines), null, 2) : formatDoctor(lines, colorEnabled())) + '\n');
  process.exitCode = unmet(lines).length ? 1 : 0;
}
