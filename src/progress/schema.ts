// The progress file's format. `version` says which shape the rest has; a newer nslab that
// changes the shape bumps it, and an older one then reads what it can and never writes.
import { z } from 'zod';

export const PROGRESS_VERSION = 1;

export const stepRefSchema = z.object({
  /** 1-based step number when it was done. */
  number: z.number().int().min(1),
  /** The step's title then: a renamed or moved step is still found by title. */
  title: z.string(),
});

export const lessonProgressSchema = z.object({
  done: z.array(stepRefSchema),
  /** The step the learner is on (1-based). */
  current: z.number().int().min(1),
  /** ISO time of the last visit. */
  lastVisited: z.string().optional(),
  completed: z.boolean(),
});

export const progressFileSchema = z.object({
  version: z.literal(PROGRESS_VERSION),
  lessons: z.record(z.string(), lessonProgressSchema),
});

export type StepRef = z.infer<typeof stepRefSchema>;
export type LessonProgress = z.infer<typeof lessonProgressSchema>;
export type ProgressData = z.infer<typeof progressFileSchema>;

export function emptyProgress(): ProgressData {
  return { version: PROGRESS_VERSION, lessons: {} };
}

/** What a file's text turned out to be. */
export type Classified =
  | { kind: 'ok'; data: ProgressData }
  | { kind: 'corrupt'; reason: string }
  | { kind: 'future'; version: number; data: ProgressData };

export function classifyProgressText(text: string): Classified {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { kind: 'corrupt', reason: text.trim() === '' ? 'it is empty' : `it is not valid JSON (${(e as Error).message})` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'corrupt', reason: 'it is not a JSON object' };
  const version = (json as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { kind: 'corrupt', reason: 'it has no valid "version"' };
  if (version > PROGRESS_VERSION) return { kind: 'future', version, data: salvage((json as { lessons?: unknown }).lessons) };
  const parsed = progressFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'corrupt', reason: `it does not have the expected shape (${issue.path.join('.') || 'top level'}: ${issue.message})` };
  }
  return { kind: 'ok', data: parsed.data };
}

/** The lesson entries of a newer file that still have the shape we know. */
function salvage(lessons: unknown): ProgressData {
  const data = emptyProgress();
  if (typeof lessons !== 'object' || lessons === null) return data;
  for (const [id, value] of Object.entries(lessons)) {
    const p = lessonProgressSchema.safeParse(value);
    if (p.success) data.lessons[id] = p.data;
  }
  return data;
}
