// The messages of workshop mode (`nslab serve`), in one place for the three parties:
//   shell → server: what a learner's shell reports about its lesson session (LabEvent), one
//     JSON object a line, from the thread of the learners' shells (shell-worker.ts). What
//     they say comes from the learner's lab, where the learner is root: the server checks
//     each (lab-events.ts) and treats them as the learner's own claims (shown on their page
//     and the instructor's), never as commands.
//   server → page: JSON text frames (ServerMessage); the terminal's bytes go as binary frames.
//   page → server: JSON text frames (PageMessage).
import type { TopoModel } from '../view/topo-model.js';
import type { Lang } from '../i18n/lang.js';

/** One check of the current step, as the session evaluated it. */
export interface CheckState {
  ok: boolean;
  expected: string;
  found: string;
}

export type LabEvent =
  /** The shell has this lesson open, at this step (sent at start and at each step). */
  | { kind: 'step'; lessonId: string; number: number; total: number }
  /** The current step's checks, after a line (in the step's order). */
  | { kind: 'checks'; lessonId: string; number: number; checks: CheckState[] }
  | { kind: 'step-passed'; lessonId: string; number: number }
  | { kind: 'lesson-done'; lessonId: string }
  | { kind: 'hint'; lessonId: string; number: number; hint: string; of: number; at: number }
  /** The instructor's hold keeps the shell at this step (src/serve/hold.ts). */
  | { kind: 'held'; lessonId: string; step: number; message: string }
  /** The lab as the `.topo` drawing sees it, after a line. */
  | { kind: 'topology'; model: TopoModel }
  /** true: the shell waits at its prompt for a line; false: `line` is running. */
  | { kind: 'prompt'; idle: boolean; line?: string }
  /** A known error a line printed, with nslab's explanation (for the instructor). */
  | { kind: 'error-seen'; line: string; explanation: string };

/** The most bytes one LabEvent may take as JSON; larger ones are not sent. */
export const LAB_EVENT_MAX = 256 * 1024;

export interface LessonEntry {
  id: string;
  title: string;
  steps: number;
  done: number;
}

export type ServerMessage =
  | { t: 'hello'; name: string; lessons: LessonEntry[]; lessonId: string; graceSeconds: number; lang: Lang }
  /** The lab's state of life: starting (being built), running, or ended (and why). */
  | { t: 'lab'; state: 'starting' | 'running' | 'ended'; reason?: string }
  /** The current step, its text rendered on the server from the lesson file. */
  | { t: 'step'; lessonId: string; number: number; total: number; title: string; html: string; checks: string[]; question: boolean }
  | { t: 'checks'; number: number; checks: CheckState[] }
  | { t: 'step-passed'; number: number }
  | { t: 'lesson-done'; lessonId: string }
  | { t: 'hint'; number: number; at: number; of: number; html: string }
  /** The lab's picture, drawn on the server (topo-svg.ts) from the lab's TopoModel. */
  | { t: 'topology'; svg: string }
  | { t: 'prompt'; idle: boolean }
  /** The instructor holds the class at this step: the learner goes no further for now. */
  | { t: 'held'; number: number; message: string }
  | { t: 'lessons'; lessons: LessonEntry[] }
  /** A line for the learner from the server or the instructor (shown as text). */
  | { t: 'notice'; text: string }
  | { t: 'error'; text: string };

export type PageMessage =
  | { t: 'in'; data: string }
  | { t: 'resize'; cols: number; rows: number }
  | { t: 'hint' }
  | { t: 'lesson'; id: string }
  /** The learner's choice of language (the page's words, the lab's, the lesson's). */
  | { t: 'lang'; lang: Lang };
