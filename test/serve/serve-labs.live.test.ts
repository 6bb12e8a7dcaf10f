// Real labs through the class server: each learner's page reaches a learning shell in a
// lab of their own, under an id range of their own, and nothing of one lab reaches another
// learner's, the server's state or the machine.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageClient, joinClass, startClass, type TestClass } from './class-server.js';
import { isRoot } from '../helpers/lab.js';
import { labPidOne } from '../../src/sandbox/lab-access.js';
import { hostChanges, machineState } from '../helpers/sandbox.js';
import { BATCHES } from '../reliability/hostile-lines.js';

let cls: TestClass;
const pages: Record<string, PageClient> = {};
const tokens: Record<string, string> = {};

/** The text the terminal showed after `marker`, once the prompt is back. */
async function run(page: PageClient, line: string): Promise<string> {
  const from = page.screen.length;
  const marker = `m${Math.random().toString(36).slice(2, 8)}`;
  page.type(`${line}; echo ${marker}-$((1+1))\r`);
  const done = () => {
    const out = page.screen.slice(from);
    const at = out.indexOf(`${marker}-2`);
    return at >= 0 && /host # |answer> /.test(out.slice(at)) ? out : undefined;
  };
  await page.until(() => done() !== undefined, `the output of ${line}`, 30000);
  return done()!;
}

describe('real labs through nslab serve', () => {
  beforeAll(async () => {
    cls = await startClass({ seats: 3 });
    for (const name of ['Ada', 'Bo']) {
      const { token } = await joinClass(cls.url, cls.room.code, name);
      tokens[name] = token!;
      const page = new PageClient(cls.url, token!);
      await page.opened();
      await page.until(() => /\[00 · 1\/5\] host # /.test(page.screen), `${name}'s prompt`, 60000);
      pages[name] = page;
    }
  }, 120_000);
  afterAll(async () => { await cls?.close(); }, 60_000);

  it('says the lab is building until its first words, then that it runs', async () => {
    const page = pages.Ada;
    const starting = page.messages.findIndex((m) => m.t === 'lab' && m.state === 'starting');
    const running = page.messages.findIndex((m) => m.t === 'lab' && m.state === 'running');
    expect(starting).toBeGreaterThanOrEqual(0);
    expect(running).toBeGreaterThan(starting);
    // The page's greeting comes at once; the lab takes a while to build: 'running' after it.
    expect(running).toBeGreaterThan(page.messages.findIndex((m) => m.t === 'hello'));
    expect(page.screenAt[running]).toBe(0); // sent just before the lab's first output
  });

  it('runs the learning shell: the lesson\'s step, the annotated output', async () => {
    const out = await run(pages.Ada, 'ip -br link');
    expect(out).toContain('eth0@if2');
    expect(out).toContain('» eth0: veth');
  });

  it('runs the learner\'s shell and its commands below the server, which echoes their keys (niceness 10 and 0)', async () => {
    const out = await run(pages.Ada, 'echo "nice=$(nice)/$(cut -d" " -f19 /proc/$PPID/stat)"');
    expect(out).toMatch(/^nice=10\/10\r?$/m);
    expect(getPriority(0)).toBe(0); // the server (this process) is where it was
  });

  it('echoes a line being typed even while the lab\'s shell cannot run at all, and runs it when it can', async () => {
    const page = pages.Ada;
    await run(page, 'true');
    // The lab's terminal agent, its pid 1, from which the learner's bash sessions are run.
    const shell = labPidOne(cls.room.byToken(tokens.Ada)!.labPid!)!;
    const from = page.screen.length;
    process.kill(shell, 'SIGSTOP');
    try {
      page.type('echo stopped-$((6*7))');
      await page.until(() => page.screen.slice(from).includes('echo stopped-$((6*7))'), 'the echo of the keys typed', 10000);
      page.type('\x7f\x7f\x7f8))'); // backspace is the editor's too: 6*8 now
      await page.until(() => /\$\(\(6\*[^\r\n]*8\)\)$/.test(page.screen.slice(from)), 'the edited line', 10000);
    } finally {
      process.kill(shell, 'SIGCONT');
    }
    page.type('\r');
    await page.until(() => /^stopped-48\r?\n[^]*(host # |answer> )/m.test(page.screen.slice(from)), 'the line run once the shell runs again, and the prompt', 30000);
  });

  it('takes a line longer than a terminal\'s own line buffer (4 KiB), whole', async () => {
    const out = await run(pages.Ada, `echo ${'x'.repeat(9000)} | wc -c`);
    expect(out).toMatch(/^9001\r?$/m);
  });

  it('the page gets the step from the lesson file, the lab\'s picture and the checks as the learner goes', async () => {
    const page = pages.Ada;
    await page.until(() => page.message('step') !== undefined, 'the first step');
    expect(page.message('step')).toMatchObject({ lessonId: '00-first-steps', number: 1, total: 5, title: 'Look at the lab' });
    expect(page.message('step')!.html).toContain('<code>');
    await page.until(() => page.message('topology') !== undefined, 'a picture');
    expect(page.message('topology')!.svg).toMatch(/^<svg[^>]*>.*eth0.*<\/svg>$/s);
    page.type('192.168.0.11\r');
    await page.until(() => page.message('step-passed') !== undefined, 'step 1 passed');
    await page.until(() => page.message('step', (m) => m.number === 2) !== undefined, 'step 2');
    const step2 = page.message('step', (m) => m.number === 2)!;
    expect(step2.checks.length).toBeGreaterThan(0);
    await page.until(() => page.message('lessons', (m) => m.lessons.some((l) => l.id === '00-first-steps' && l.done === 1)) !== undefined, 'the progress in the lesson list');
    const cmd = cls.room.opts.lessons[0].steps[1].commands.join('; ');
    const from = page.messages.length;
    await run(page, 'ip link show');
    await page.until(() => page.messages.slice(from).some((m) => m.t === 'checks' && m.number === 2), 'checks after a line');
    const before = page.messages.slice(from).find((m) => m.t === 'checks') as { checks: { ok: boolean }[] };
    expect(before.checks.length).toBe(step2.checks.length);
    expect(before.checks.some((c) => !c.ok)).toBe(true);
    await run(page, cmd);
    await page.until(() => page.message('step-passed', (m) => m.number === 2) !== undefined, 'step 2 passed');
    const last = page.messages.filter((m) => m.t === 'checks' && m.number === 2).at(-1);
    expect(last).toMatchObject({ checks: step2.checks.map(() => ({ ok: true })) });
  });

  it('full-screen and interactive programs work as in a terminal: docker exec -it, top, tcpdump with Ctrl-C', async () => {
    const page = pages.Bo;
    await run(page, 'docker run -d --net=none --name c1 busybox sleep 1000 >/dev/null');
    let from = page.screen.length;
    page.type('docker exec -it c1 sh\r');
    await page.until(() => /# $/.test(page.screen.slice(from).trimEnd() + ' ') || page.screen.slice(from).includes('/ # '), 'the container\'s shell', 30000);
    page.type('hostname; echo in-$((3*3))\r');
    await page.until(() => page.screen.slice(from).includes('in-9'), 'a line run in the container');
    page.type('exit\r');
    await page.until(() => /host # |answer> /.test(page.screen.slice(from)), 'nslab\'s prompt back', 30000);
    from = page.screen.length;
    page.type('top\r');
    await page.until(() => page.screen.slice(from).includes('\x1b[?1049h') || /Mem:|PID/.test(page.screen.slice(from)), 'top on the screen', 30000);
    page.type('q');
    await page.until(() => /host # |answer> /.test(page.screen.slice(from)), 'the prompt after top', 30000);
    from = page.screen.length;
    page.type('tcpdump -ni eth0\r');
    await page.until(() => page.screen.slice(from).includes('listening on eth0'), 'tcpdump listening', 30000);
    page.type('\x03');
    await page.until(() => /packets captured[\s\S]*(host # |answer> )/.test(page.screen.slice(from)), 'Ctrl-C ends tcpdump, the prompt is back', 30000);
  });

  it('a paste of several lines is read as a terminal reads it: by the program that runs, the rest at the next prompts, each shown once', async () => {
    const page = pages.Bo;
    let from = page.screen.length;
    // `read` takes the line after it; the echo line runs at the next prompt.
    page.type('read x\rpasted-answer\recho "x=$x"\r');
    await page.until(() => /x=pasted-answer\r\n[\s\S]*(host # |answer> )/.test(page.screen.slice(from)), 'the pasted line read by read', 30000);
    let shown = page.screen.slice(from);
    expect(shown.split('echo "x=$x"').length - 1).toBe(1); // echoed once, at its prompt
    expect(shown).not.toMatch(/(^|\n)pasted-answer\r?\n/); // taken in without echo, as in a terminal
    // The lines after `docker exec -it` are the container's shell's, up to its exit.
    await run(page, 'docker run -d --net=none --name paste1 busybox sleep 1000 >/dev/null');
    from = page.screen.length;
    page.type('docker exec -it paste1 sh\recho in-$((4*4))-$(hostname)\rexit\recho back-$((5*5))-$(hostname)\r');
    await page.until(() => /back-25-\S+\r\n[\s\S]*(host # |answer> )/.test(page.screen.slice(from)), 'the paste run through the container and back', 30000);
    shown = page.screen.slice(from);
    const inside = shown.match(/in-16-(\S+)\r\n/)?.[1];
    expect(shown.match(/back-25-(\S+)\r\n/)?.[1]).toBe('nslab'); // the lab's own hostname, back outside
    expect(inside).toBeDefined();
    expect(inside).not.toBe('nslab'); // the container's, from inside it
    expect(shown.indexOf('in-16')).toBeLessThan(shown.indexOf('back-25'));
    // Lines no program reads run one per prompt, each shown once.
    from = page.screen.length;
    page.type('echo one-$((1*1))\recho two-$((2*1))\r');
    await page.until(() => /two-2\r\n[\s\S]*(host # |answer> )/.test(page.screen.slice(from)), 'both lines run', 30000);
    shown = page.screen.slice(from);
    expect(shown.split('echo two-$((2*1))').length - 1).toBe(1);
    expect(shown.indexOf('one-1')).toBeLessThan(shown.indexOf('echo two-'));
  });

  it('gives each learner an id range of their own on the machine', async (ctx) => {
    if (!isRoot) return ctx.skip('an id range per learner needs the server to run as root');
    // Seen from the machine: the uids of the processes under each learner's launcher.
    const uids = (pid: number): Set<number> => {
      const found = new Set<number>();
      const walk = (p: number) => {
        try {
          found.add(Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))![1]));
          for (const t of readdirSync(`/proc/${p}/task`)) for (const c of readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) walk(Number(c));
        } catch { /* ended meanwhile */ }
      };
      walk(pid);
      found.delete(0); // the launcher itself, and the state broker, run as the server's user
      return found;
    };
    const a = uids(cls.room.byToken(tokens.Ada)!.labPid!);
    const b = uids(cls.room.byToken(tokens.Bo)!.labPid!);
    expect(a.size).toBe(1);
    expect(b.size).toBe(1);
    expect([...a][0]).toBeGreaterThanOrEqual(0x70000000);
    expect([...a][0]).not.toBe([...b][0]);
    expect(Math.abs([...a][0] - [...b][0]) % 0x10000).toBe(0);
  });

  it('one learner\'s lab sees none of another\'s processes, files or network, and cannot signal them', async () => {
    await run(pages.Bo, 'echo bo > /tmp/bo-file; ip link add bo0 type bridge; (sleep 3141 &)');
    // The machine's pid of Bo's sleep, which Ada then tries to reach by it.
    const machinePid = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).find((p) => {
      try { return readFileSync(`/proc/${p}/cmdline`, 'latin1') === 'sleep\x003141\x00'; } catch { return false; }
    });
    expect(machinePid).toBeDefined();
    const seen = await run(pages.Ada, `ls /tmp; ip -br link; ps -e -o args | grep -c '^sleep 3141' ; kill -9 ${machinePid}; ls /proc/${machinePid}/ 2>&1 | head -1`);
    expect(seen).not.toContain('bo-file');
    expect(seen).not.toContain('bo0');
    expect(seen).toMatch(/^0\r?$/m); // no such sleep among Ada's processes
    expect(seen).toMatch(/No such process/);
    expect(readFileSync(`/proc/${machinePid}/cmdline`, 'latin1')).toBe('sleep\x003141\x00'); // still running
  });

  it('a lab cannot read or write the server\'s state directory', async () => {
    const out = await run(pages.Ada, `cat ${cls.stateDir}/instructor.token; cat ${cls.stateDir}/class.db; touch ${cls.stateDir}/x`);
    expect(out).not.toContain(cls.room.roster.instructorToken);
    expect(out).toMatch(/No such file|Permission denied|Read-only/);
    expect(existsSync(`${cls.stateDir}/x`)).toBe(false);
  });

  it('the hostile corpus typed on a page leaves the machine and the other learner\'s lab as they were', async () => {
    const before = machineState();
    const links = (out: string) => out.split(/\r?\n/).filter((l) => /^\S+\s+(UP|DOWN|UNKNOWN)\s/.test(l)).join('\n');
    const boBefore = links(await run(pages.Bo, 'ip -br link'));
    expect(boBefore).toContain('eth0');
    for (const [i, batch] of BATCHES.entries()) {
      const page = pages.Ada;
      if (cls.room.byToken(tokens.Ada)!.labState !== 'running') {
        // A batch that ended the lab (signals to its pid 1): a new one, as the page's button does.
        const from = page.screen.length;
        page.send({ t: 'lesson', id: cls.room.opts.lessonId });
        await page.until(() => /host # |answer> /.test(page.screen.slice(from)), 'a new lab', 60000);
      }
      const from = page.screen.length;
      for (const line of batch.lines) page.type(`${line} </dev/null 2>&1\r`);
      page.type(`echo STILL-$((${i}+100))\r`);
      await page.until(() => page.screen.slice(from).includes(`STILL-${i + 100}`) || cls.room.byToken(tokens.Ada)!.labState === 'ended', `the end of batch ${batch.name}`, 90000);
    }
    expect(hostChanges(before, machineState())).toEqual([]);
    expect(links(await run(pages.Bo, 'ip -br link'))).toBe(boBefore);
  }, 300_000);

  it('a lab cannot reach the server\'s port', async () => {
    const port = new URL(cls.url).port;
    const out = await run(pages.Ada, `curl -s -m 2 -o /dev/null -w '%{http_code}' http://127.0.0.1:${port}/ ; echo " curl=$?"`);
    expect(out).toMatch(/curl=(7|28)/); // refused or timed out: the lab's 127.0.0.1 is its own
  });

  it('.reset starts a fresh lab in the same terminal, whose lines the server edits again', async () => {
    const page = pages.Bo;
    await run(page, 'ip link add resetme type veth peer name resetme_p');
    const from = page.screen.length;
    page.type('.reset\r');
    await page.until(() => page.screen.slice(from).includes('Starting a fresh lab at step'), 'the reset', 30000);
    await page.until(() => /host # /.test(page.screen.slice(page.screen.lastIndexOf('Starting a fresh lab'))), 'the fresh lab\'s prompt', 60000);
    const out = await run(page, 'ip -br link show resetme 2>&1 | head -1');
    expect(out).toMatch(/does not exist/); // a fresh lab: the link made before is gone
    expect(cls.room.byToken(tokens.Bo)!['editor']?.editing).toBe(true); // the fresh shell's prompt came as a frame
  });
});
