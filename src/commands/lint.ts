// `nslab lint [files...]`: check lesson files; `file:line: message` per problem, exit 1 on any.
import { formatLintError, lintFiles, summarizeLesson } from '../lesson/index.js';

export async function lintCommand(files: string[]): Promise<void> {
  const { reports, errors } = await lintFiles(files);
  const out: string[] = [];
  for (const r of reports) {
    if (r.errors.length === 0 && r.lesson) out.push(`ok   ${r.file}: ${summarizeLesson(r.lesson)}`);
  }
  out.push(...errors.map(formatLintError));
  if (reports.length === 0 && errors.length === 0) out.push('no lesson files to lint');
  const bad = new Set(errors.map((e) => e.file)).size;
  if (errors.length) out.push(`${errors.length} problem${errors.length === 1 ? '' : 's'} in ${bad} file${bad === 1 ? '' : 's'}`);
  process.stdout.write(out.join('\n') + '\n');
  process.exitCode = errors.length > 0 ? 1 : 0;
}
