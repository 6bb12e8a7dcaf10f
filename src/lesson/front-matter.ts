// The YAML front matter of a lesson: split from the markdown, parsed with `yaml`, checked
// key by key. Every error points at the line of the key it is about.
//
// Front matter of the plainest kind (`key: text`, `key: "text"` and `key: [text, text]`
// lines, as every lesson of nslab's has) is read without `yaml`: loading that package took 22 ms of every
// `nslab start`, and of every lab a class starts. Anything else, and anything that does
// not check out, goes to `yaml`, which alone says where an error is.
import { createRequire } from 'node:module';
import type { Document } from 'yaml';
import { PRESETS, type Preset } from '../sandbox/presets.js';
import type { LessonMeta, LintError, SourceLine } from './types.js';
import { lintText } from '../i18n/lint-text.js';

export const LESSON_ID = /^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$/;

export const FRONT_MATTER_KEYS = ['id', 'title', 'summary', 'source', 'preset', 'setup', 'next'] as const;

/** One thing wrong with the front matter's data: at `path`, or unknown keys. `type` marks
 * a value of the wrong type, which for an absent required key reads "missing". */
type Issue = { path: (string | number)[]; message: string; type?: boolean } | { unknownKeys: string[] };

interface Checked<T> { value?: T; issues: Issue[] }

/** Text, trimmed, not empty, and matching `pattern` when one is given. */
function text(v: unknown, path: (string | number)[], what: string, pattern?: { re: RegExp; message: () => string }): Checked<string> {
  if (typeof v !== 'string') return { issues: [{ path, message: lintText().mustBeText(what), type: true }] };
  const value = v.trim();
  const issues: Issue[] = [];
  if (value === '') issues.push({ path, message: lintText().mustNotBeEmpty(what) });
  if (pattern && !pattern.re.test(value)) issues.push({ path, message: pattern.message() });
  return { value, issues };
}

/** A list of texts; undefined when an element is not text at all (for `source`, which
 * then reads as neither form). */
function texts(v: unknown[], path: (string | number)[], what: string): Checked<string[]> | undefined {
  const each = v.map((x, i) => text(x, [...path, i], what));
  if (each.some((c) => c.value === undefined)) return undefined;
  return { value: each.map((c) => c.value!), issues: each.flatMap((c) => c.issues) };
}

const ID = { re: LESSON_ID, message: () => lintText().idPattern };
const NEXT = { re: LESSON_ID, message: () => lintText().nextPattern };

/** The front matter's data checked key by key, every issue in key order, then the
 * unknown keys. (By hand rather than with a schema library: zod alone took 45 ms to load,
 * a fifth of `nslab start`'s time to its first prompt.) */
function checkFrontMatter(data: Record<string, unknown>): Checked<Omit<LessonMeta, 'setup'> & { setup?: string[] }> {
  const issues: Issue[] = [];
  const take = <T>(c: Checked<T>): T | undefined => { issues.push(...c.issues); return c.value; };
  const id = take(text(data.id, ['id'], 'id', ID));
  const title = take(text(data.title, ['title'], 'title'));
  const summary = take(text(data.summary, ['summary'], 'summary'));
  // source: one file name or a list of them. A list with something other than text in it
  // reads as neither form (so does any other value), as a union of the two would say.
  let source: string[] | undefined;
  if (typeof data.source === 'string') {
    const one = take(text(data.source, ['source'], 'source'));
    source = one === undefined ? undefined : [one];
  } else {
    const list = Array.isArray(data.source) ? texts(data.source, ['source'], 'each source') : undefined;
    if (!list) {
      issues.push({ path: ['source'], message: lintText().sourceForm });
    } else {
      source = take(list);
      if (source?.length === 0) issues.push({ path: ['source'], message: lintText().sourceEmpty });
    }
  }
  const preset = (PRESETS as readonly unknown[]).includes(data.preset) ? (data.preset as Preset) : undefined;
  if (!preset) issues.push({ path: ['preset'], message: lintText().presetOneOf(PRESETS.join(', ')) });
  let setup: string[] | undefined;
  if (data.setup !== undefined) {
    if (!Array.isArray(data.setup)) {
      issues.push({ path: ['setup'], message: lintText().setupList, type: true });
    } else {
      const each = data.setup.map((x, i) => text(x, ['setup', i], 'each setup line'));
      for (const c of each) issues.push(...c.issues);
      setup = each.map((c) => c.value ?? '');
    }
  }
  const next = data.next === undefined ? undefined : take(text(data.next, ['next'], 'next', NEXT));
  const unknownKeys = Object.keys(data).filter((k) => !(FRONT_MATTER_KEYS as readonly string[]).includes(k));
  if (unknownKeys.length) issues.push({ unknownKeys });
  if (issues.length) return { issues };
  return { value: { id: id!, title: title!, summary: summary!, source: source!, preset: preset!, setup, next }, issues: [] };
}

export interface SplitLesson {
  /** Lines of the YAML, without the --- fences. */
  yaml: string;
  /** Line number (1-based) of the first YAML line. */
  yamlLine: number;
  /** Line number of the first markdown line after the closing fence. */
  bodyLine: number;
  bodyLines: string[];
}

/** A lesson file's text as lines (a byte-order mark and CR line ends dropped). */
export function lessonLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

/** The front matter of a lesson file's text: what the lesson parser reads of it. */
export function readFrontMatter(text: string, file: string): { meta?: LessonMeta; errors: LintError[] } {
  const split = splitFrontMatter(lessonLines(text), file);
  return 'message' in split ? { errors: [split] } : parseFrontMatter(split, file);
}

export function splitFrontMatter(lines: string[], file: string): SplitLesson | LintError {
  if (lines[0]?.trim() !== '---') {
    return { file, line: 1, message: lintText().noFrontMatter };
  }
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) return { file, line: 1, message: lintText().frontMatterNotClosed };
  return { yaml: lines.slice(1, end).join('\n'), yamlLine: 2, bodyLine: end + 2, bodyLines: lines.slice(end + 1) };
}

/** `yaml`, loaded when first needed (CommonJS, so that a sync parse can load it). */
let yamlModule: typeof import('yaml') | undefined;
const yaml = () => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

/** A value YAML reads as text for sure: not empty, nothing YAML gives a meaning to (a
 * quote, a flow or block indicator, an anchor, a tag, a comment, `: ` inside), and nothing
 * its core schema reads as another type (null, a boolean, a number). */
function plainText(v: string, inList: boolean): boolean {
  if (v === '' || v !== v.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(v) || /: |:$| #|[\t\x00-\x08\x0b-\x1f\x7f]/.test(v)) return false;
  if (inList && /[,[\]{}]/.test(v)) return false;
  // The core schema's null, booleans and numbers (and YAML 1.1's, to be safe), whole.
  return !/^(~|null|true|false|yes|no|on|off|y|n|[-+]?[\d._]+([eE][-+]?\d+)?|[-+]?\.(inf|nan)|0x[\da-f_]+|0o[0-7_]+|0b[01_]+)$/i.test(v);
}

/** The front matter as data, when it is plainly `key: text`, `key: "text"` (no escapes)
 * and `key: [text, …]` lines,
 * each key once; undefined for anything else (which `yaml` then reads). */
export function plainFrontMatter(text: string): Record<string, string | string[]> | undefined {
  const data: Record<string, string | string[]> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^([a-z]+): (.*)$/.exec(line);
    if (!m || Object.hasOwn(data, m[1])) return undefined;
    const value = m[2];
    const list = /^\[(.*)\]$/.exec(value);
    if (list) {
      const items = list[1].split(', ');
      if (!items.every((x) => plainText(x, true))) return undefined;
      data[m[1]] = items;
    } else {
      // Quoted without escapes or quotes inside ("First steps: …"): the text between.
      const quoted = /^"([^"\\\x00-\x1f\x7f]*)"$|^'([^'\x00-\x1f\x7f]*)'$/.exec(value);
      if (quoted) data[m[1]] = quoted[1] ?? quoted[2];
      else if (plainText(value, false)) data[m[1]] = value;
      else return undefined;
    }
  }
  return data;
}

export function parseFrontMatter(split: SplitLesson, file: string): { meta?: LessonMeta; errors: LintError[] } {
  const plain = plainFrontMatter(split.yaml);
  if (plain && plain.setup === undefined) {
    const m = checkFrontMatter(plain).value;
    if (m) return { meta: { id: m.id, title: m.title, summary: m.summary, source: m.source, preset: m.preset, setup: [], next: m.next }, errors: [] };
  }
  return parseFrontMatterWithYaml(split, file);
}

/** The front matter read by `yaml`, with every error at its line. */
export function parseFrontMatterWithYaml(split: SplitLesson, file: string): { meta?: LessonMeta; errors: LintError[] } {
  const { LineCounter, parseDocument } = yaml();
  const counter = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined) => (offset === undefined ? split.yamlLine - 1 : counter.linePos(offset).line + split.yamlLine - 1);
  if (doc.errors.length > 0) {
    return { errors: doc.errors.map((e) => ({ file, line: lineAt(e.pos[0]), message: lintText().notYaml(firstLine(e.message)) })) };
  }
  // toJS throws on what parses but cannot be built, such as an alias bomb ("billion
  // laughs"): a lint error at the front matter, not a crash of lint or start.
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    return { errors: [{ file, line: split.yamlLine - 1, message: lintText().couldNotRead(firstLine((e as Error).message)) }] };
  }
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    return { errors: [{ file, line: split.yamlLine - 1, message: lintText().mustBeKeys }] };
  }
  const record = data as Record<string, unknown>;
  const checked = checkFrontMatter(record);
  if (!checked.value) {
    return {
      errors: checked.issues.flatMap((issue) => {
        if ('unknownKeys' in issue) {
          return issue.unknownKeys.map((k) => ({ file, line: keyLine(doc, [k], lineAt), message: lintText().unknownKey(k, FRONT_MATTER_KEYS.join(', ')) }));
        }
        const key = String(issue.path[0]);
        const missing = issue.type === true && record[key] === undefined;
        return [{ file, line: keyLine(doc, issue.path, lineAt), message: missing ? lintText().missingKey(key) : lintText().keyProblem(issue.path.join('.'), issue.message) }];
      }),
    };
  }
  const m = checked.value;
  const setupLines = (m.setup ?? []).map((text, i): SourceLine => ({ text, line: keyLine(doc, ['setup', i], lineAt) }));
  return {
    meta: {
      id: m.id,
      title: m.title,
      summary: m.summary,
      source: m.source,
      preset: m.preset,
      setup: setupLines,
      next: m.next,
    },
    errors: [],
  };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

/** The line of the node at `path` (or of its nearest existing parent). */
function keyLine(doc: Document, path: (string | number)[], lineAt: (offset: number | undefined) => number): number {
  const { isMap, isScalar, isSeq } = yaml();
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isScalar(node) || isMap(node) || isSeq(node)) {
      // For a map key, the value node's range is after the key on the same line, which is right.
      return lineAt(node.range?.[0]);
    }
    // A key whose value is null has no value node: find the key itself.
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[n - 1]);
      if (pair && isScalar(pair.key)) return lineAt(pair.key.range?.[0]);
    }
  }
  return lineAt(undefined);
}
