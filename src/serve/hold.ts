// The instructor's hold on the class (issue 16: "hold the class at a step; learners can't
// go past it until released"). The server writes it into each learner's state folder,
// outside their lab, where the learner (root in their lab) cannot reach it; their shell,
// which runs in the server (served-shell.ts), reads it before it lets them pass a step.
// One small JSON file: { "lessonId", "step", "message" }; none, no hold.
import { mkdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Hold } from '../lesson/session.js';
import { writeAtomically } from './atomic-file.js';

/** Its name in the learner's state folder. */
export const CLASS_HOLD_FILE = 'class-hold';
const MESSAGE_MAX = 500;

/** Learners of `lessonId` pass the steps before `step` and `step` too, and go no further. */
export type ClassHold = Hold;

/** Where the hold lies for the learner whose lab has XDG_STATE_HOME=`learnerDir`. */
export function holdPath(learnerDir: string): string {
  return join(learnerDir, 'nslab', CLASS_HOLD_FILE);
}

/** Holds the learner of `learnerDir` at a step, or (undefined) releases them. Replaced
 * atomically, so that a lab reading it meanwhile sees the old hold or the new one; mode
 * 644. */
export function writeHold(learnerDir: string, hold: ClassHold | undefined): void {
  const path = holdPath(learnerDir);
  if (!hold) {
    try {
      unlinkSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return;
  }
  const checked = parseClassHold(JSON.stringify(hold));
  if (!checked) throw new Error(`a class hold needs a lesson id and a step number from 1 (got ${JSON.stringify(hold)})`);
  mkdirSync(join(learnerDir, 'nslab'), { recursive: true, mode: 0o755 });
  writeAtomically(path, JSON.stringify(checked) + '\n', 0o644);
}

/** The hold a file holds; undefined for anything that is not one. The message is printed
 * on learners' terminals: no control or format characters (an escape sequence, a
 * right-to-left override), and not a page of it. */
export function parseClassHold(text: string): ClassHold | undefined {
  let v: Partial<Record<keyof ClassHold, unknown>>;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const { lessonId, step, message } = v;
  if (typeof lessonId !== 'string' || !lessonId || lessonId.length > 200) return undefined;
  if (!Number.isInteger(step) || (step as number) < 1) return undefined;
  const clean = typeof message === 'string' ? message.replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim().slice(0, MESSAGE_MAX) : '';
  return { lessonId, step: step as number, ...(clean ? { message: clean } : {}) };
}
