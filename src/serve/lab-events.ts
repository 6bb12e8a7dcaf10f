// Reading what a learner's shell reports (protocol.ts, LabEvent): one JSON object each,
// checked for shape and size and anything else dropped (with the reason, for the server's
// own count), never trusted further than "this learner says" (the shell runs in the server
// now, but reads a lab where the learner is root). Pure.
import { LAB_EVENT_MAX, type CheckState, type LabEvent } from './protocol.js';
import type { TopoModel } from '../view/topo-model.js';

const isStr = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length <= max;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 10000;

function isCheck(v: unknown): v is CheckState {
  const c = v as CheckState;
  return typeof c === 'object' && c !== null && typeof c.ok === 'boolean' && isStr(c.expected) && isStr(c.found);
}

function isModel(v: unknown): v is TopoModel {
  const m = v as TopoModel;
  return typeof m === 'object' && m !== null && typeof m.host === 'object' && m.host !== null &&
    Array.isArray(m.host.lines) && Array.isArray(m.boxes) && Array.isArray(m.wires) && Array.isArray(m.notes);
}

/** The event a line holds, or a string saying why it is not one. */
export function parseLabEvent(line: string): LabEvent | string {
  if (line.length > LAB_EVENT_MAX) return 'too long';
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  if (typeof v !== 'object' || v === null) return 'not an object';
  const lessonOk = isStr(v.lessonId, 200);
  switch (v.kind) {
    case 'step':
      return lessonOk && isCount(v.number) && isCount(v.total) ? (v as LabEvent) : 'bad step';
    case 'checks':
      return lessonOk && isCount(v.number) && Array.isArray(v.checks) && v.checks.length <= 100 && v.checks.every(isCheck) ? (v as LabEvent) : 'bad checks';
    case 'step-passed':
      return lessonOk && isCount(v.number) ? (v as LabEvent) : 'bad step-passed';
    case 'lesson-done':
      return lessonOk ? (v as LabEvent) : 'bad lesson-done';
    case 'hint':
      return lessonOk && isCount(v.number) && isStr(v.hint, 20000) && isCount(v.of) && isCount(v.at) ? (v as LabEvent) : 'bad hint';
    case 'held':
      return lessonOk && isCount(v.step) && isStr(v.message, 2000) ? (v as LabEvent) : 'bad held';
    case 'topology':
      return isModel(v.model) ? (v as LabEvent) : 'bad topology';
    case 'prompt':
      return typeof v.idle === 'boolean' && (v.line === undefined || isStr(v.line, 500)) ? (v as LabEvent) : 'bad prompt';
    case 'error-seen':
      return isStr(v.line, 2000) && isStr(v.explanation, 8000) ? (v as LabEvent) : 'bad error-seen';
    default:
      return 'unknown kind';
  }
}
