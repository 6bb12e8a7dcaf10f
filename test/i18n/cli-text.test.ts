// The commands' own words in both languages: the same keys, Chinese that is Chinese (not
// English left in place), tables and doctor's columns aligned by display width, and the
// real commands speaking Chinese with --lang zh-CN while their JSON stays English.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliText, ZH_TOOL_WHY, type CliText } from '../../src/i18n/cli-text.js';
import { formatDoctor } from '../../src/commands/doctor.js';
import { progressTable } from '../../src/commands/progress.js';
import { sandboxBanner } from '../../src/commands/sandbox.js';
import { displayWidth } from '../../src/view/display-width.js';
import { describeError } from '../../src/errors.js';
import { REQUIRED_TOOLS } from '../../scripts/tools.mjs';
import { NSLAB, runProcess } from '../helpers/lab.js';

const en = cliText('en');
const zh = cliText('zh-CN');

/** Every key path of an object, nested objects' keys included. */
function keyPaths(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? keyPaths(v, `${prefix}${k}.`) : [`${prefix}${k}`]).sort();
}

/** Every message of a catalogue, each function called with sample values. */
function sample(t: CliText): string[] {
  const plain = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? [v.join('|')] : []));
  return [
    ...plain(t), ...plain(t.requirement), ...plain(t.featureWhy), ...plain(t.helpTitles), ...plain(t.help),
    t.lessonFileErrors(2), t.lessonNotFound(3), t.today('10:00'), t.clearedOne('00-x'), t.clearedAll('/p'),
    t.kernelFeature('veth'), t.missing('net'), t.usernsBlocked([]), t.usernsBlocked(['a = 0']), t.featureMissing('x'),
    t.modprobeFix('veth'), t.toolFound('/bin/x', 'pkg', t.toolWhy('ip', 'links')), t.toolMissing('y'), t.toolWhy('ip', 'links, addresses, routes, namespaces'),
    t.fix((s) => s, 'sudo x'), t.unmet(2),
    t.sandboxLab({ hostIp: '1', prefix: 24, router: '2', outside: '3' }, ''), t.sandboxDocker('4', undefined), t.sandboxDocker('4', 2),
    t.rebuilding(3), t.replayFailed(2, 'ip x', 'err'), t.noLessonsLoaded(0, ''), t.noLessonsLoaded(2, '\nf:1: x'),
    t.notLoaded('m', '\nf:1: x'), t.stepOutOfRange(9, '00-x', 5), t.resetFailed('e', '00-x --step 2'),
    t.noSuchLesson('99', ['00-x']), t.noSuchLesson('99', []), t.ambiguousLesson('0', ['00-x', '01-y']),
    t.helpDefault('the port (default: "8080")'), t.help.preset('bare, docker-host'),
  ];
}

describe('the commands\' words, in English and in Chinese', () => {
  it('have the same keys, and a Chinese purpose for every tool doctor checks', () => {
    expect(keyPaths(zh)).toEqual(keyPaths(en));
    expect(Object.keys(ZH_TOOL_WHY).sort()).toEqual(REQUIRED_TOOLS.map((t) => t.command).sort());
    // The English purpose is the tool list's own.
    for (const tool of REQUIRED_TOOLS) expect(en.toolWhy(tool.command, tool.why)).toBe(tool.why);
  });

  it('are translated: every Chinese text has Chinese in it and differs from the English', () => {
    const [e, z] = [sample(en), sample(zh)];
    expect(z.length).toBe(e.length);
    z.forEach((text, i) => {
      expect(text, `Chinese for "${e[i]}"`).toMatch(/[\u4e00-\u9fff]/);
      expect(text, `Chinese for "${e[i]}"`).not.toBe(e[i]);
    });
    for (const [command, why] of Object.entries(ZH_TOOL_WHY)) expect(why, command).toMatch(/[\u4e00-\u9fff]/);
  });

  it('doctor aligns its details under Chinese names by columns, not characters', () => {
    const lines = [
      { ok: true, name: zh.requirement.kernel, detail: 'Linux 6.1' },
      { ok: false, name: zh.kernelFeature('802.1q vlan'), detail: 'x', fix: 'sudo modprobe 8021q', optional: true },
      { ok: true, name: 'ip', detail: '/usr/sbin/ip' },
    ];
    const out = formatDoctor(lines, false, 'zh-CN').split('\n');
    const detailColumn = (line: string, detail: string) => displayWidth(line.slice(0, line.indexOf(detail)));
    expect(detailColumn(out[0], 'Linux')).toBe(detailColumn(out[3], '/usr/sbin/ip'));
    expect(detailColumn(out[1], 'x（可选）')).toBe(detailColumn(out[0], 'Linux'));
    expect(detailColumn(out[2], '解决办法')).toBe(detailColumn(out[0], 'Linux'));
    expect(out.at(-1)).toBe('所有要求都已满足。');
  });

  it('progress and the sandbox banner speak Chinese when asked, English otherwise', () => {
    const now = new Date(2026, 0, 2, 12, 0);
    const rows = [{ id: '00-x', title: '第一步', done: 2, total: 5, completed: false, doneSteps: [1, 2], lastVisited: new Date(2026, 0, 2, 9, 5).toISOString() },
      { id: '09-gone', done: 1, completed: false, doneSteps: [1] }];
    const table = progressTable(rows, now, 'zh-CN');
    expect(table).toContain('已完成步骤');
    expect(table).toContain('今天 09:05');
    expect(table).toContain('1（找不到这门课）');
    expect(table).toContain('从未');
    const widths = new Set(table.split('\n').map(displayWidth));
    expect(widths.size, table).toBe(1);
    expect(progressTable(rows, now, 'en')).toContain('today 09:05');
    expect(progressTable([], now, 'zh-CN')).toBe('没有找到课程。');
    expect(sandboxBanner('docker-host', 2, zh)).toMatch(/^nslab sandbox：一个全新的实验环境。.*容器 c1…c2 正在运行。\n像在任何 Linux 主机上/);
    expect(sandboxBanner('bare', undefined, en)).toContain('Docker is not set up (preset bare).');
  });

  it('an error\'s causes are joined in the language of the moment it is told', () => {
    const err = new Error('could not read x', { cause: new Error('EACCES') });
    const saved = process.env.NSLAB_LANG;
    try {
      process.env.NSLAB_LANG = 'zh-CN';
      expect(describeError(err)).toBe('could not read x\n  原因：EACCES');
      process.env.NSLAB_LANG = 'en';
      expect(describeError(err)).toBe('could not read x\n  because: EACCES');
    } finally {
      if (saved === undefined) delete process.env.NSLAB_LANG; else process.env.NSLAB_LANG = saved;
    }
  });
});

describe('the commands themselves, with --lang zh-CN', () => {
  // A progress file of the test's own: the learner's is neither read nor written.
  const state = mkdtempSync(join(tmpdir(), 'nslab-cli-text-'));
  afterAll(() => rmSync(state, { recursive: true, force: true }));
  const nslab = (args: string[], lang?: string) =>
    runProcess([NSLAB, ...args], { env: { XDG_STATE_HOME: state, LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', NSLAB_LANG: lang ?? '' } });

  it('nslab list: a Chinese table whose lines are all as wide', async () => {
    const r = await nslab(['list'], 'zh-CN');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('│ # │ 课程');
    expect(r.stdout).toContain('用 `nslab start <编号或 id>` 开始一门课。');
    const tableLines = r.stdout.split('\n').filter((l) => /^[┌├│└]/.test(l));
    expect(new Set(tableLines.map(displayWidth)).size).toBe(1);
    const english = await nslab(['list']);
    expect(english.stdout).toContain('│ # │ lesson');
    expect(english.stdout).toContain('Start one with `nslab start <number or id>`.');
  }, 60_000);

  it('nslab --help: commander\'s titles and nslab\'s descriptions in Chinese, within 80 columns', async () => {
    const r = await nslab(['--help'], 'zh-CN');
    expect(r.stdout).toMatch(/^用法： nslab \[options\] \[command\]\n/);
    expect(r.stdout).toContain('\n选项：\n');
    expect(r.stdout).toContain('\n命令：\n');
    expect(r.stdout).toMatch(/ list \[options\] +课程列表，以及你的进度\n/);
    for (const line of r.stdout.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    const serve = await nslab(['serve', '--help'], 'zh-CN');
    expect(serve.stdout).toContain('（默认："8080"）');
    const english = await nslab(['--help']);
    expect(english.stdout).toMatch(/^Usage: nslab \[options\] \[command\]\n/);
    expect(english.stdout).toContain('  list [options]               the lessons, with your progress\n');
  }, 60_000);

  it('nslab doctor: Chinese lines, and --json the same English data as without --lang', async () => {
    const r = await nslab(['doctor'], 'zh-CN');
    expect(r.stdout).toMatch(/^✔ 内核 +Linux /);
    expect(r.stdout).toMatch(/\n(所有要求都已满足。|有 \d+ 项要求未满足。)\n$/);
    const names = (out: string) => (JSON.parse(out) as { checks: { name: string; detail: string }[] }).checks.map((c) => [c.name, c.detail.replace(/\(.*?\)/, '')]);
    const [zhJson, enJson] = await Promise.all([nslab(['doctor', '--json'], 'zh-CN'), nslab(['doctor', '--json'])]);
    expect(names(zhJson.stdout)[0][0]).toBe('kernel');
    expect(names(zhJson.stdout)).toEqual(names(enJson.stdout));
  }, 60_000);

  it('the errors learners meet: no such lesson, which lesson', async () => {
    const none = await nslab(['progress', '--reset', '99'], 'zh-CN');
    expect(none.stderr).toMatch(/^nslab: 没有课程“99”：请给出编号或 id（课程有：00-first-steps、/);
    const which = await runProcess([NSLAB, 'start', '--lang', 'zh-CN'], { input: '', env: { XDG_STATE_HOME: state } });
    expect(which.stderr).toContain('nslab: 选哪一课？`nslab start <编号或 id>`');
    const english = await nslab(['progress', '--reset', '99']);
    expect(english.stderr).toMatch(/^nslab: no lesson "99": give a number or an id/);
  }, 60_000);
});
