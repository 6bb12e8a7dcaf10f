// The YAML front matter of a lesson: split from the markdown, parsed with `yaml`, checked
// with a zod schema. Every error points at the line of the key it is about.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { PRESETS } from '../sandbox/presets.js';
import type { LessonMeta, LintError, SourceLine } from './types.js';

export const LESSON_ID = /^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$/;

const nonEmpty = (what: string) => z.string({ error: `${what} must be text` }).trim().min(1, { error: `${what} must not be empty` });

export const frontMatterSchema = z.strictObject({
  id: nonEmpty('id').regex(LESSON_ID, { error: 'id must be two digits, a dash and lowercase words, like 01-docker0' }),
  title: nonEmpty('title'),
  summary: nonEmpty('summary'),
  source: z.union([nonEmpty('source'), z.array(nonEmpty('each source'), { error: 'source must be a file name or a list of them' }).min(1, { error: 'source must name at least one document' })], {
    error: 'source must be a file name or a list of them',
  }),
  preset: z.enum(PRESETS, { error: `preset must be one of ${PRESETS.join(', ')}` }),
  setup: z.array(nonEmpty('each setup line'), { error: 'setup must be a list of shell lines' }).optional(),
  next: nonEmpty('next').regex(LESSON_ID, { error: 'next must be a lesson id, like 02-veth' }).optional(),
});

export const FRONT_MATTER_KEYS = Object.keys(frontMatterSchema.shape);

export interface SplitLesson {
  /** Lines of the YAML, without the --- fences. */
  yaml: string;
  /** Line number (1-based) of the first YAML line. */
  yamlLine: number;
  /** Line number of the first markdown line after the closing fence. */
  bodyLine: number;
  bodyLines: string[];
}

export function splitFrontMatter(lines: string[], file: string): SplitLesson | LintError {
  if (lines[0]?.trim() !== '---') {
    return { file, line: 1, message: 'a lesson starts with YAML front matter between two --- lines (see lessons/README.md)' };
  }
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) return { file, line: 1, message: 'the front matter is not closed: add a line --- after it' };
  return { yaml: lines.slice(1, end).join('\n'), yamlLine: 2, bodyLine: end + 2, bodyLines: lines.slice(end + 1) };
}

export function parseFrontMatter(split: SplitLesson, file: string): { meta?: LessonMeta; errors: LintError[] } {
  const counter = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined) => (offset === undefined ? split.yamlLine - 1 : counter.linePos(offset).line + split.yamlLine - 1);
  if (doc.errors.length > 0) {
    return { errors: doc.errors.map((e) => ({ file, line: lineAt(e.pos[0]), message: `front matter is not valid YAML: ${firstLine(e.message)}` })) };
  }
  // toJS throws on what parses but cannot be built, such as an alias bomb ("billion
  // laughs"): a lint error at the front matter, not a crash of lint or start.
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    return { errors: [{ file, line: split.yamlLine - 1, message: `front matter could not be read: ${firstLine((e as Error).message)} (plain keys and values are all a lesson needs)` }] };
  }
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    return { errors: [{ file, line: split.yamlLine - 1, message: `front matter must be keys and values (id, title, summary, source, preset)` }] };
  }
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((issue) => {
        if (issue.code === 'unrecognized_keys') {
          return issue.keys.map((k) => ({ file, line: keyLine(doc, [k], lineAt), message: `unknown front-matter key "${k}" (known keys: ${FRONT_MATTER_KEYS.join(', ')})` }));
        }
        const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
        const key = path.length ? String(path[0]) : '';
        const missing = issue.code === 'invalid_type' && (data as Record<string, unknown>)[key] === undefined;
        return [{ file, line: keyLine(doc, path, lineAt), message: missing ? `front matter is missing "${key}"` : `front matter "${path.join('.')}": ${issue.message}` }];
      }).flat(),
    };
  }
  const m = parsed.data;
  const setupLines = (m.setup ?? []).map((text, i): SourceLine => ({ text, line: keyLine(doc, ['setup', i], lineAt) }));
  return {
    meta: {
      id: m.id,
      title: m.title,
      summary: m.summary,
      source: typeof m.source === 'string' ? [m.source] : m.source,
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
