// The class's results from the event log, and their CSV and JSON: pure functions.
import { describe, expect, it } from 'vitest';
import { exportCsv, exportJson, learnerResult, type ClassEvent, type LearnerResult } from '../../src/serve/class-results.js';

let nextId = 1;
const ev = (kind: ClassEvent['kind'], at: number, data: Record<string, unknown>): ClassEvent => ({ id: nextId++, learnerId: 'a', kind, data, at });
const step = (kind: ClassEvent['kind'], at: number, number: number, lessonId = 'l1') => ev(kind, at, { lessonId, number });

describe('learnerResult', () => {
  it('takes the step reached, the time from a step\'s first start to its first pass, and its hints, per lesson', () => {
    const r = learnerResult({ id: 'a', name: 'Ada', lessonId: 'l2' }, [
      ev('joined', 0, { seat: 0 }),
      step('step-started', 100, 1),
      step('hint', 200, 1),
      step('hint', 300, 1),
      // The lab restarted: the step starts again, and the time still counts from the first.
      step('step-started', 900, 1),
      step('step-passed', 1100, 1),
      step('step-passed', 5000, 1),
      step('step-started', 1100, 2),
      step('step-started', 7000, 1, 'l2'),
      ev('error-seen', 7100, { line: 'RTNETLINK answers: File exists' }),
    ]);
    expect(r).toEqual({
      id: 'a', name: 'Ada', lessonId: 'l2',
      lessons: [
        { lessonId: 'l1', stepReached: 2, steps: [{ number: 1, ms: 1000, hints: 2 }, { number: 2, ms: null, hints: 0 }] },
        { lessonId: 'l2', stepReached: 1, steps: [{ number: 1, ms: null, hints: 0 }] },
      ],
    });
  });

  it('counts no time for a pass with no start, and skips step events without a lesson or number', () => {
    const r = learnerResult({ id: 'a', name: 'Ada', lessonId: 'l1' }, [
      step('step-passed', 50, 3),
      ev('step-started', 60, { number: 4 }),
      ev('hint', 70, { lessonId: 'l1', number: 'x' }),
    ]);
    expect(r.lessons).toEqual([{ lessonId: 'l1', stepReached: 3, steps: [{ number: 3, ms: null, hints: 0 }] }]);
  });
});

const result = (name: string, lessons: LearnerResult['lessons'] = []): LearnerResult => ({ id: 'id1', name, lessonId: 'l1', lessons });

/** A minimal RFC 4180 reader, to read back what exportCsv wrote. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  return rows;
}

describe('exportCsv', () => {
  it('writes a header and one row a step, with empty cells where a step has no time', () => {
    const csv = exportCsv([result('Ada', [{ lessonId: 'l1', stepReached: 2, steps: [{ number: 1, ms: 1000, hints: 2 }, { number: 2, ms: null, hints: 0 }] }]), result('Bo')]);
    expect(csv).toBe([
      'learner_id,name,current_lesson,lesson,step_reached,step,ms,hints',
      'id1,Ada,l1,l1,2,1,1000,2',
      'id1,Ada,l1,l1,2,2,,0',
      'id1,Bo,l1,,,,,',
      '',
    ].join('\r\n'));
  });

  it('quotes names with commas, quotes and line breaks, and reads back the same', () => {
    const names = ['Lovelace, Ada', 'Ada "the Countess"', 'two\nlines', 'cr\r\nlf', 'plain'];
    const rows = readCsv(exportCsv(names.map((n) => result(n))));
    expect(rows.slice(1).map((r) => r[1])).toEqual(names);
    expect(rows.every((r) => r.length === 8)).toBe(true);
  });

  it('makes a name a spreadsheet would run as a formula begin with a quote mark', () => {
    const names = ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\t=1', 'Ada=1'];
    const rows = readCsv(exportCsv(names.map((n) => result(n))));
    expect(rows.slice(1).map((r) => r[1])).toEqual([`'=HYPERLINK("http://x","y")`, "'+1", "'-2+3", "'@SUM(A1)", "'\t=1", 'Ada=1']);
  });
});

describe('exportJson', () => {
  it('writes the results as they are, under a format name', () => {
    const results = [result('=Ada, "x"')];
    expect(JSON.parse(exportJson(results))).toEqual({ format: 'nslab-class-results', version: 1, learners: results });
  });
});
