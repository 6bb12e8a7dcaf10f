// The lesson engine's public API: parse and load lessons, evaluate checks and questions, lint.
export * from './types.js';
export { parseCheck, DEFAULT_NS, type Check, type CheckBody, type CheckKind, type ParseResult } from './check-syntax.js';
export {
  evaluate,
  evaluateAll,
  stepPasses,
  describe as describeCheck,
  isProbeNeeded,
  type CheckResult,
  type CheckReport,
  type EvalContext,
  type Evaluation,
  type PingProbe,
  type ProbeNeeded,
  type Prober,
} from './check-eval.js';
export { pingProber, pingArgv } from './ping-prober.js';
export { parseAnswer, computeAnswer, checkAnswer, normalizeGiven, ANSWER_KINDS, type AnswerExpr, type AnswerKind, type AnswerValue, type Question } from './question.js';
export { parseLesson, slugify, COMMAND_LANGS, type ParsedLesson } from './parse.js';
export { FRONT_MATTER_KEYS, LESSON_ID } from './front-matter.js';
export { readLessonText, decodeLessonBytes, MAX_LESSON_BYTES } from './read-file.js';
export { loadLessons, loadLessonFile, lessonFiles, lessonSetRules, findLesson, matchLessons, defaultLessonsDir } from './load.js';
export { lintFiles, summarizeLesson, type LintReport } from './lint.js';
export { matchesRan, simpleCommands } from './ran.js';
export { resolveNs } from './state-lookup.js';
