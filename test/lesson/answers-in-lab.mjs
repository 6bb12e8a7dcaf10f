// Run inside a lab (bin/nslab run, with the lesson's preset): replays a lesson's setup and
// steps in one shell, as `nslab solve` does, and at each step with a question checks the
// given answers against the live lab. Prints one JSON object.
// Usage: node answers-in-lab.mjs LESSON_FILE CANDIDATES_JSON (a file, or - for standard input), where CANDIDATES_JSON is
// {"<step title>": ["answer", …]}; "{answer}" stands for the live right answer, "{answer+1}" for
// that number plus one.
import { readFileSync } from 'node:fs';
const root = process.env.NSLAB_ROOT;
const { loadLessonFile, checkAnswer, computeAnswer } = await import(`${root}/dist/lesson/index.js`);
const { givesAwayAnswer } = await import(`${root}/dist/lesson/question.js`);
const { takeLabSnapshot } = await import(`${root}/dist/lab-setup/lab-snapshot.js`);
const { BashSession } = await import(`${root}/dist/place/bash-session.js`);
const { detect, explain } = await import(`${root}/dist/explain/index.js`);
const { recognize } = await import(`${root}/dist/explain/recognize.js`);

const [file, candidatesFile] = process.argv.slice(2);
const candidates = JSON.parse(readFileSync(candidatesFile === '-' ? 0 : candidatesFile, 'utf8'));
const { lesson, errors } = await loadLessonFile(file);
if (!lesson) throw new Error(JSON.stringify(errors));
const session = new BashSession({ stdinIsTerminal: false, out: () => {}, err: () => {} });
const out = { lesson: lesson.meta.id, questions: [] };
for (const line of lesson.meta.setup) await session.runLine(line.text);
for (const step of lesson.steps) {
  const printed = [];
  for (const c of step.commands) {
    const r = await session.runLine(c, { capture: true });
    printed.push({ command: c, stdout: r.stdout ?? '' });
  }
  if (!step.question) continue;
  const state = await takeLabSnapshot();
  const value = computeAnswer(step.question.answer, state);
  const live = value.ok ? value.accepted[0] : undefined;
  const given = (candidates[step.title] ?? []).map((g) => g.replace('{answer+1}', String(Number(live) + 1)).replace('{answer}', live));
  // Notes on this step's own output that would give its answer away.
  const giveaways = printed.flatMap(({ command, stdout }) => {
    const id = recognize(command) ?? detect(stdout);
    if (!id) return [];
    return explain(id, stdout, { state, ns: 'host', detail: 'compact' }).flatMap((l) => l.notes).filter((n) => givesAwayAnswer(n, stdout, step.question.answer, state));
  });
  out.questions.push({
    step: step.number,
    title: step.title,
    prompt: step.question.prompt,
    answer: value.ok ? value.accepted : value.found,
    results: Object.fromEntries(given.map((g) => [g, checkAnswer(step.question.answer, g, state).ok])),
    giveaways,
  });
}
session.close();
process.stdout.write(JSON.stringify(out) + '\n');
