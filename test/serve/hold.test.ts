// The instructor's hold as the server writes it into a learner's folder and the lab reads
// it back (its broker's side: test/progress/state-broker.test.ts; the session's:
// test/lesson/session.test.ts; all of it in a real lab: test/repl/page-events.test.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { holdPath, parseClassHold, writeHold } from '../../src/serve/hold.js';

const learnerDir = () => mkdtempSync(join(tmpdir(), 'nslab-hold-'));

describe('writeHold', () => {
  it('writes the hold where the lab\'s broker looks (nslab/class-hold), mode 644 whatever the umask, and nothing else', () => {
    const dir = learnerDir();
    const before = process.umask(0o077);
    try {
      writeHold(dir, { lessonId: '03-veth', step: 4, message: 'wait' });
    } finally {
      process.umask(before);
    }
    expect(holdPath(dir)).toBe(join(dir, 'nslab', 'class-hold'));
    expect(JSON.parse(readFileSync(holdPath(dir), 'utf8'))).toEqual({ lessonId: '03-veth', step: 4, message: 'wait' });
    expect(statSync(holdPath(dir)).mode & 0o777).toBe(0o644);
    expect(readdirSync(join(dir, 'nslab'))).toEqual(['class-hold']);
  });

  it('replaces a hold whole (a new file renamed over it), and removes it to release; releasing twice is no error', () => {
    const dir = learnerDir();
    writeHold(dir, { lessonId: '03-veth', step: 4 });
    const first = statSync(holdPath(dir)).ino;
    writeHold(dir, { lessonId: '03-veth', step: 6 });
    expect(statSync(holdPath(dir)).ino).not.toBe(first);
    expect(parseClassHold(readFileSync(holdPath(dir), 'utf8'))).toEqual({ lessonId: '03-veth', step: 6 });
    writeHold(dir, undefined);
    expect(existsSync(holdPath(dir))).toBe(false);
    expect(() => writeHold(dir, undefined)).not.toThrow();
  });

  it('refuses a hold that is not one, saying what it needs', () => {
    const dir = learnerDir();
    expect(() => writeHold(dir, { lessonId: '', step: 1 })).toThrow(/lesson id and a step number/);
    expect(() => writeHold(dir, { lessonId: '03-veth', step: 0 })).toThrow(/lesson id and a step number/);
    expect(existsSync(holdPath(dir))).toBe(false);
  });
});

describe('parseClassHold', () => {
  it('a message without control or format characters, at most 500 characters', () => {
    expect(parseClassHold(JSON.stringify({ lessonId: 'a', step: 2, message: '\u001b[2Jstop\u202e here\n' }))).toEqual({ lessonId: 'a', step: 2, message: '[2Jstop  here' });
    expect(parseClassHold(JSON.stringify({ lessonId: 'a', step: 2, message: 'm'.repeat(900) }))?.message).toHaveLength(500);
    expect(parseClassHold(JSON.stringify({ lessonId: 'a', step: 2, message: ' \u0007 ' }))).toEqual({ lessonId: 'a', step: 2 });
  });

  it('anything else is no hold', () => {
    for (const text of ['', 'null', '[]', '{"step":2}', '{"lessonId":"a","step":1.5}', '{"lessonId":"a","step":"2"}', '{"lessonId":7,"step":2}', '{"lessonId":"a"']) {
      expect(parseClassHold(text), text).toBeUndefined();
    }
  });

  it('reads what a hand-written file says, too', () => {
    const dir = learnerDir();
    const path = join(dir, 'class-hold');
    writeFileSync(path, '{ "lessonId": "01", "step": 3, "message": "lunch" }');
    expect(parseClassHold(readFileSync(path, 'utf8'))).toEqual({ lessonId: '01', step: 3, message: 'lunch' });
  });
});
