// `nslab lint [files...]`: check lesson files; `file:line: message` per problem, exit 1 on any.
import { formatLintError, lintFiles, summarizeLesson } from '../lesson/index.js';
import { lintText } from '../i18n/lint-text.js';

export async function lintCommand(files: string[]): Promise<void> {
  const { reports, errors } = await lintFiles(files);
  const say = lintText();
  const out: string[] = [];
  for (const r of reports) {
    if (r.errors.length === 0 && r.lesson) out.push(say.okLine(r.file, summarizeLesson(r.lesson)));
  }
  out.push(...errors.map(formatLintError));
  if (reports.length === 0 && errors.length === 0) out.push(say.noFilesToLint);
  const bad = new Set(errors.map((e) => e.file)).size;
  if (errors.length) out.push(say.problems(errors.length, bad));
  process.stdout.write(out.join('\n') + '\n');
  process.exitCode = errors.length > 0 ? 1 : 0;
}
