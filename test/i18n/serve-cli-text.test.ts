// What `nslab serve` says on the instructor's terminal, in both languages: the same keys,
// each sampled and said in Chinese; the real command refusing an option in Chinese; and a
// class folder it cannot serve explained in Chinese.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveCliText, type ServeCliText } from '../../src/i18n/serve-cli-text.js';
import { NSLAB, runProcess } from '../helpers/lab.js';
import { expectSameKeysAllSampled, expectTranslated } from './catalogue-checks.js';

const sample = (t: ServeCliText) => [t.notPort('x'), t.notSeats('0'), t.notDuration('--grace', 'x'), t.notSize('x'), t.noLessons('/l'), t.noLesson('9'),
  t.portTaken(80, '127.0.0.1'), t.cannotListen('h:1', 'why'), t.started('ABC', 30, '01-x'), t.joinAt, t.instructorAt, t.keepSecret,
  t.limits('3h', '30m', '10m', '/s'), t.openToRoom, t.notRoot, t.joined('Ada', 1, 30), t.broadcast(3), t.stopping('SIGINT'), t.requestFailed('why'),
  t.moveAway('/d'), t.classEmpty('/f'), t.notAClass('/f'), t.markedButEmpty('/f'), t.newerClass('/f', 3, 2), t.classDamaged('/f', 'x'), t.sqliteCheck('x'),
  t.notSqlite('/f'), t.cannotOpen('/f', 'x'), t.noClassCode('/f'), t.cannotRead('/f', 'x'), t.notJsonClass('/f'), t.notClassFile('/f'), t.otherFormat('/f', 2),
  t.noTerminals('x', 'y'), t.ptyChoiceBad('NSLAB_PTY', 'x'), t.ptyPythonMissing('NSLAB_PTY', 'why')];

describe('`nslab serve`\'s words, in English and in Chinese', () => {
  it('have the same keys, every one sampled and translated', () => {
    expectSameKeysAllSampled(serveCliText('en'), serveCliText('zh-CN'), sample);
    expectTranslated(serveCliText('en'), serveCliText('zh-CN'), sample);
  });

  it('the command refuses an option, and a folder that holds no class, in Chinese', async () => {
    const seats = await runProcess([NSLAB, '--lang', 'zh-CN', 'serve', '--seats', '0']);
    expect([seats.exitCode, seats.stderr]).toEqual([1, 'nslab: --seats："0" 不是 1 到 1000 之间的学员人数。\n']);
    const dir = mkdtempSync(join(tmpdir(), 'nslab-serve-zh-'));
    mkdirSync(join(dir, 'state'));
    writeFileSync(join(dir, 'state', 'class.db'), 'not a database, but long enough to be read as one by SQLite: '.repeat(20));
    const r = await runProcess([NSLAB, '--lang', 'zh-CN', 'serve', '--port', '0', '--state-dir', join(dir, 'state')]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`不是 nslab 能读的班级数据库（不是 SQLite 数据库）。 把它挪开就能在 ${join(dir, 'state')} 开一个新班级`);
  });
});
