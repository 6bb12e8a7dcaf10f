// From the text of a lesson file to a typed Lesson, or to every problem found in it, each
// with its line. A line scanner rather than a markdown library: we need exact line numbers,
// fences that are never mistaken for headings, and to stop at nothing on broken input.
import { parseCheck } from './check-syntax.js';
import { lessonLines, parseFrontMatter, splitFrontMatter } from './front-matter.js';
import { parseAnswer, type Question } from './question.js';
import type { Lesson, LessonCheck, LessonMeta, LintError, SourceLine, Step } from './types.js';
import { lintText } from '../i18n/lint-text.js';

/** Fence languages a step reads; any other fence is shown to the learner as it is. */
export const COMMAND_LANGS = ['sh', 'bash', 'shell'];
const CHECK_LANGS = ['check', 'checks'];
const QUESTION_LANG = 'question';
/** Fences that belong to the step even right after its hints. */
const STEP_FENCE_LANGS = [...CHECK_LANGS, QUESTION_LANG, 'hints', 'recap'];

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const STEP_HEADING = /^ {0,3}##(?!#)\s+(.*?)\s*#*\s*$/;
const SUB_HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const HINTS_HEADING = /^hints?$/i;
const RECAP = /^ {0,3}>\s*recap:\s*(.*)$/i;
const LIST_ITEM = /^( {0,3})(?:\d+[.)]|[-*+])\s+(.*)$/;

export interface ParsedLesson {
  lesson?: Lesson;
  errors: LintError[];
}

/** Parses a lesson. `lesson` is set only when there are no errors. Never throws. */
export function parseLesson(text: string, file: string): ParsedLesson {
  const split = splitFrontMatter(lessonLines(text), file);
  if ('message' in split) return { errors: [split] };
  const fm = parseFrontMatter(split, file);
  const body = parseBody(split.bodyLines, split.bodyLine, file);
  const errors = [...fm.errors, ...body.errors];
  if (fm.meta) errors.push(...lessonRules(fm.meta, body.steps, file));
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0 || !fm.meta) return { errors };
  return { lesson: { meta: fm.meta, file, intro: body.intro, steps: body.steps }, errors: [] };
}

interface Fence {
  lang: string;
  indent: number;
  line: number;
  content: SourceLine[];
  closed: boolean;
  /** The lines of the fence as written, for the body. */
  raw: string[];
}

interface StepDraft {
  title: string;
  line: number;
  body: string[];
  prose: string[];
  commands: SourceLine[];
  checks: LessonCheck[];
  hints: string[];
  hintsLine?: number;
  question?: Question;
  questionLine?: number;
  recap?: string;
}

function parseBody(lines: string[], firstLine: number, file: string): { intro: string; steps: Step[]; errors: LintError[] } {
  const errors: LintError[] = [];
  const err = (line: number, message: string) => errors.push({ file, line, message });
  const intro: string[] = [];
  const steps: StepDraft[] = [];
  let step: StepDraft | undefined;
  let inHints = false;
  let recapOpen = false;

  for (let i = 0; i < lines.length; i++) {
    const lineNo = firstLine + i;
    const line = lines[i];
    const open = FENCE_OPEN.exec(line);
    if (open) {
      const fence = readFence(lines, i, firstLine, open);
      i += fence.raw.length - 1;
      recapOpen = false;
      if (!fence.closed) err(lineNo, lintText().fenceNotClosed(fence.lang, open[2]));
      if (!step) {
        if (CHECK_LANGS.includes(fence.lang) || fence.lang === QUESTION_LANG) err(lineNo, lintText().fenceOutsideStep(fence.lang));
        intro.push(...fence.raw);
      } else if (inHints && !STEP_FENCE_LANGS.includes(fence.lang)) {
        appendToLastHint(step, dedent(fence.raw, fence.indent).join('\n'), lineNo, err);
      } else {
        inHints = false;
        takeFence(step, fence, err);
      }
      continue;
    }
    const heading = STEP_HEADING.exec(line);
    if (heading) {
      if (heading[1] === '') err(lineNo, lintText().stepNeedsTitle);
      step = { title: heading[1], line: lineNo, body: [], prose: [], commands: [], checks: [], hints: [] };
      steps.push(step);
      inHints = false;
      recapOpen = false;
      continue;
    }
    if (!step) {
      intro.push(line);
      continue;
    }
    const sub = SUB_HEADING.exec(line);
    if (sub && sub[1].length >= 3) {
      inHints = HINTS_HEADING.test(sub[2] ?? '');
      recapOpen = false;
      if (inHints) {
        if (step.hintsLine !== undefined) err(lineNo, lintText().secondHints(step.hintsLine));
        step.hintsLine ??= lineNo;
        continue;
      }
    } else if (sub && sub[1].length === 1) {
      err(lineNo, lintText().topHeadingInSteps);
    }
    const recap = RECAP.exec(line);
    if (recap) {
      if (step.recap !== undefined) err(lineNo, lintText().secondRecap);
      step.recap = recap[1].trim();
      recapOpen = true;
      continue;
    }
    if (recapOpen && /^ {0,3}>/.test(line)) {
      step.recap = `${step.recap} ${line.replace(/^ {0,3}>\s?/, '').trim()}`.trim();
      continue;
    }
    recapOpen = false;
    if (inHints) {
      readHintLine(step, line, lineNo, err);
      continue;
    }
    step.body.push(line);
    step.prose.push(line);
  }
  return { intro: trimBlank(intro).join('\n'), steps: steps.map(finishStep), errors };
}

function readFence(lines: string[], start: number, firstLine: number, open: RegExpExecArray): Fence {
  const indent = open[1].length;
  const marker = open[2];
  const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
  const raw = [lines[start]];
  const content: SourceLine[] = [];
  for (let j = start + 1; j < lines.length; j++) {
    raw.push(lines[j]);
    if (close.test(lines[j])) return { lang: open[3].toLowerCase(), indent, line: firstLine + start, content, closed: true, raw };
    content.push({ text: lines[j].slice(Math.min(indent, lines[j].length - lines[j].trimStart().length)), line: firstLine + j });
  }
  return { lang: open[3].toLowerCase(), indent, line: firstLine + start, content, closed: false, raw };
}

function takeFence(step: StepDraft, fence: Fence, err: (line: number, message: string) => void): void {
  if (COMMAND_LANGS.includes(fence.lang)) {
    step.body.push(...fence.raw);
    step.commands.push(...readCommands(fence.content, err));
    return;
  }
  if (CHECK_LANGS.includes(fence.lang)) {
    for (const { text, line } of fence.content) {
      const t = text.trim();
      if (t === '' || t.startsWith('#')) continue;
      const parsed = parseCheck(t);
      if (parsed.ok) step.checks.push({ check: parsed.value, text: t, line });
      else err(line, lintText().checkProblem(parsed.error));
    }
    return;
  }
  if (fence.lang === QUESTION_LANG) {
    if (step.questionLine !== undefined) err(fence.line, lintText().secondQuestion(step.questionLine));
    const q = readQuestion(fence, err);
    if (q && step.questionLine === undefined) step.question = q;
    step.questionLine ??= fence.line;
    return;
  }
  if (fence.lang === 'hints' || fence.lang === 'recap') {
    err(fence.line, fence.lang === 'hints' ? lintText().hintsBlock : lintText().recapBlock);
    return;
  }
  step.body.push(...fence.raw);
  step.prose.push(...fence.raw);
}

/** Shell lines of a ```sh block; a trailing backslash continues a line. */
function readCommands(content: SourceLine[], err: (line: number, message: string) => void): SourceLine[] {
  const out: SourceLine[] = [];
  let pending: SourceLine | undefined;
  for (const { text, line } of content) {
    if (pending) {
      pending.text += '\n' + text;
      if (!text.endsWith('\\')) {
        out.push(pending);
        pending = undefined;
      }
      continue;
    }
    const t = text.trim();
    if (t === '' || t.startsWith('#')) continue;
    if (/^\$\s/.test(t)) err(line, lintText().promptInCommands);
    if (t.endsWith('\\')) pending = { text: t, line };
    else out.push({ text: t, line });
  }
  if (pending) {
    err(pending.line, lintText().danglingBackslash);
    out.push(pending);
  }
  return out;
}

function readQuestion(fence: Fence, err: (line: number, message: string) => void): Question | undefined {
  const prompt: string[] = [];
  let answer: Question['answer'] | undefined;
  let answerLine: number | undefined;
  for (const { text, line } of fence.content) {
    const a = /^\s*answer:\s*(.*)$/i.exec(text);
    if (a) {
      if (answerLine !== undefined) {
        err(line, lintText().secondAnswer(answerLine));
        continue;
      }
      answerLine = line;
      const parsed = parseAnswer(a[1]);
      if (parsed.ok) answer = parsed.value;
      else err(line, lintText().answerProblem(parsed.error));
      continue;
    }
    prompt.push(text.replace(/^\s*question:\s*/i, ''));
  }
  const promptText = trimBlank(prompt).join('\n');
  if (promptText === '') err(fence.line, lintText().questionNoPrompt);
  if (answerLine === undefined) err(fence.line, lintText().questionNoAnswer);
  return answer && promptText ? { prompt: promptText, answer, line: fence.line } : undefined;
}

function readHintLine(step: StepDraft, line: string, lineNo: number, err: (line: number, message: string) => void): void {
  const item = LIST_ITEM.exec(line);
  if (item) {
    step.hints.push(item[2].trim());
    return;
  }
  if (line.trim() === '') return;
  appendToLastHint(step, line.trim(), lineNo, err);
}

function appendToLastHint(step: StepDraft, text: string, lineNo: number, err: (line: number, message: string) => void): void {
  if (step.hints.length === 0) {
    err(lineNo, lintText().hintsNotList);
    return;
  }
  const last = step.hints.length - 1;
  step.hints[last] = `${step.hints[last]}${text.includes('\n') ? '\n' : ' '}${text}`;
}

function finishStep(d: StepDraft, index: number): Step {
  return {
    number: index + 1,
    title: d.title,
    slug: slugify(d.title),
    line: d.line,
    body: trimBlank(d.body).join('\n'),
    prose: trimBlank(d.prose).join('\n'),
    commands: d.commands.map((c) => c.text),
    commandLines: d.commands,
    checks: d.checks,
    hints: d.hints,
    question: d.question,
    recap: d.recap,
  };
}

export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

function dedent(lines: string[], indent: number): string[] {
  return lines.map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)));
}

function trimBlank(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a].trim() === '') a++;
  while (b > a && lines[b - 1].trim() === '') b--;
  return lines.slice(a, b);
}

/** Authoring rules a lesson must follow to be usable (see lessons/README.md). */
function lessonRules(meta: LessonMeta, steps: Step[], file: string): LintError[] {
  const errors: LintError[] = [];
  const err = (line: number, message: string) => errors.push({ file, line, message });
  if (steps.length === 0) err(1, lintText().noSteps);
  const baseName = file.split('/').pop()!.replace(/\.md$/, '');
  if (/^\d{2}-/.test(baseName) && baseName !== meta.id) err(2, lintText().idMismatch(meta.id, baseName));
  const titles = new Map<string, number>();
  for (const s of steps) {
    const seen = titles.get(s.slug);
    if (seen !== undefined) err(s.line, lintText().titleRepeats(s.title, seen));
    else titles.set(s.slug, s.line);
    if (s.commands.length === 0) err(s.line, lintText().noCommands(s.title));
    if (s.checks.length === 0 && !s.question) err(s.line, lintText().noChecks(s.title));
    if (s.hints.length === 0) err(s.line, lintText().noHints(s.title));
    const ran = s.checks.filter((c) => c.check.kind === 'ran');
    const state = s.checks.filter((c) => c.check.kind !== 'ran');
    if (ran.length > 0 && state.length > 0) {
      err(ran[0].line, lintText().ranWithState);
    }
  }
  return errors;
}
