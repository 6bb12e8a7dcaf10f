// The typed shape of a lesson, as the shell, `nslab solve` and `nslab lint` see it.
import type { Lang } from '../i18n/lang.js';
import type { Preset } from '../sandbox/presets.js';
import type { Check } from './check-syntax.js';
import type { Question } from './question.js';

/** A problem in a lesson file, printed as `file:line: message`. */
export interface LintError {
  file: string;
  line: number;
  message: string;
}

export function formatLintError(e: LintError): string {
  return `${e.file}:${e.line}: ${e.message}`;
}

/** A line of the lesson file and where it is. */
export interface SourceLine {
  text: string;
  line: number;
}

export interface LessonMeta {
  id: string;
  title: string;
  summary: string;
  /** Seed documents (shared/seeds/*.txt) this lesson mirrors. */
  source: string[];
  preset: Preset;
  /** Shell lines run after the preset, before step 1. */
  setup: SourceLine[];
  next?: string;
}

export interface LessonCheck {
  check: Check;
  /** The check as written. */
  text: string;
  line: number;
}

export interface Step {
  /** 1-based position in the lesson. */
  number: number;
  title: string;
  /** In a translated lesson, the English title: what progress keeps the step by. */
  key?: string;
  /** The title as a slug, unique within a lesson: "create-the-veth-pair". */
  slug: string;
  /** Line of the `## ` heading. */
  line: number;
  /** The step's markdown for the learner: prose and ```sh blocks, without checks,
   * question, hints and recap. */
  body: string;
  /** The body without the ```sh blocks (for a shell that shows commands separately). */
  prose: string;
  /** The reference solution, one shell line each, in order (`nslab solve`, `.solution`). */
  commands: string[];
  commandLines: SourceLine[];
  checks: LessonCheck[];
  /** From gentle to the answer. */
  hints: string[];
  question?: Question;
  /** One line shown when the step passes. */
  recap?: string;
}

export interface Lesson {
  meta: LessonMeta;
  /** Absolute or relative path the lesson was read from. */
  file: string;
  /** Markdown between the front matter and the first step. */
  intro: string;
  /** The language it is written in, when not English (a translation: lessons/zh-CN/). */
  lang?: Lang;
  steps: Step[];
}
