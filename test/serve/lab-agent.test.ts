// The server's end of a lab's terminal agent, against an agent played by the test: what
// the server asks for goes into the terminal's input as messages, what the agent says is
// routed to the right session, and what the lab forges reaches no one else.
import { describe, expect, it } from 'vitest';
import { AgentSessions, decodeAgentFrame, encodeAgentMessage, FROM_AGENT, LabAgent, TO_AGENT } from '../../src/serve/lab-agent.js';
import { BashSession, ShellExitedError } from '../../src/place/bash-session.js';
import { onlcr } from '../../src/serve/served-shell.js';

const TOKEN = 'tok_en-0123456789abcdef';
const said = (kind: string, id: number, data: string) => Buffer.from(`\x1b]${FROM_AGENT};${TOKEN};${kind};${id};${Buffer.from(data).toString('base64')}\x07`);

/** What the server wrote to the lab, as messages. */
function asked(written: string[]): { kind: string; id: number; data: string }[] {
  const re = new RegExp(`\\x1b\\]${TO_AGENT};${TOKEN};([a-z]+);(\\d+);([A-Za-z0-9+/=]*)\\x07`, 'g');
  return [...written.join('').matchAll(re)].map((m) => ({ kind: m[1], id: Number(m[2]), data: Buffer.from(m[3], 'base64').toString() }));
}

function setUp() {
  const written: string[] = [];
  const shown: Buffer[] = [];
  const typed: string[] = [];
  let ready = 0;
  // As the server has them: the stream read where the pty is, the sessions where the shells are.
  const sessions: AgentSessions = new AgentSessions((kind, id, data) => agent.send(kind, id, data));
  let running = 0;
  const agent = new LabAgent({ token: TOKEN, toLab: (t) => written.push(t), show: (b) => shown.push(b), typeahead: (t) => typed.push(t), running: () => { running++; }, ready: () => { ready++; }, sessions: (f) => sessions.frame(f) });
  return { agent, sessions, written, shown, typed, readyCount: () => ready, runningCount: () => running, screen: () => Buffer.concat(shown).toString() };
}

describe('agent messages', () => {
  it('reads KIND;ID;BASE64 and nothing else', () => {
    expect(decodeAgentFrame(`out;3;${Buffer.from('hi').toString('base64')}`)).toEqual({ kind: 'out', id: 3, data: Buffer.from('hi') });
    expect(decodeAgentFrame('ready;0;')).toEqual({ kind: 'ready', id: 0, data: Buffer.alloc(0) });
    expect(decodeAgentFrame('spawn;1;')).toBeUndefined(); // the server's kind, not the agent's
    expect(decodeAgentFrame('out;-1;aGk=')).toBeUndefined();
    expect(decodeAgentFrame('out;1;aGk=;more')).toBeUndefined();
    expect(decodeAgentFrame('out;1;a b')).toBeUndefined();
    expect(decodeAgentFrame('out;1234567890;aGk=')).toBeUndefined();
  });

  it('writes KIND;ID;BASE64 with the lab\'s token', () => {
    expect(encodeAgentMessage(TOKEN, 'line', 7, 'C0123 ip a\0')).toBe(`\x1b]${TO_AGENT};${TOKEN};line;7;${Buffer.from('C0123 ip a\0').toString('base64')}\x07`);
  });
});

describe('a lab\'s terminal agent, from the server', () => {
  it('is ready once, and shows the terminal\'s other output as it came, a message cut anywhere', () => {
    const t = setUp();
    const ready = said('ready', 0, '');
    t.agent.fromLab(Buffer.concat([Buffer.from('nslab: note: hello\r\n'), ready.subarray(0, 5)]));
    expect(t.readyCount()).toBe(0);
    t.agent.fromLab(Buffer.concat([ready.subarray(5), said('ready', 0, ''), Buffer.from('after')]));
    expect(t.readyCount()).toBe(1);
    expect(t.agent.ready).toBe(true);
    expect(t.screen()).toBe('nslab: note: hello\r\nafter');
  });

  it('starts a session with its argv and environment, and runs its lines through it', async () => {
    const t = setUp();
    const out: string[] = [];
    const session = new BashSession({ stdinIsTerminal: true, start: t.sessions.start, env: { PATH: '/bin', HOME: '/root', GONE: undefined }, out: (b) => out.push(b.toString()) });
    const [spawn] = asked(t.written);
    expect(spawn.kind).toBe('spawn');
    const [argv, env] = spawn.data.split('\0\0');
    expect(argv.split('\0').slice(0, 4)).toEqual(['bash', '--norc', '--noprofile', '-c']);
    expect(env.split('\0')).toEqual(expect.arrayContaining(['PATH=/bin', 'HOME=/root']));
    expect(env).not.toContain('GONE');
    t.agent.fromLab(said('spawned', spawn.id, '42'));
    expect(session.pid).toBe(42);

    const result = session.runLine('ip a', { capture: true });
    const line = asked(t.written)[1];
    expect(line).toMatchObject({ kind: 'line', id: spawn.id });
    const token = /^C([0-9a-f]{16}) ip a\0$/.exec(line.data)![1];
    t.agent.fromLab(Buffer.concat([said('out', spawn.id, `1: lo\n\x1e${token}\x1f`), said('err', spawn.id, `\x1e${token}\x1f`), said('status', spawn.id, '0\0')]));
    await expect(result).resolves.toEqual({ exitCode: 0, stdout: '1: lo\n', stderr: '' });
    expect(out.join('')).toBe('1: lo\n');
  });

  it('ignores what is said of a session it never started, and ends each of its own once', async () => {
    const t = setUp();
    const a = new BashSession({ stdinIsTerminal: true, start: t.sessions.start, env: {} });
    const b = new BashSession({ stdinIsTerminal: true, start: t.sessions.start, env: {} });
    const [sa, sb] = asked(t.written);
    const ra = a.runLine('exit 3');
    t.agent.fromLab(Buffer.concat([said('status', 99, '0\0'), said('exit', 99, '0'), said('exit', sa.id, '3'), said('exit', sa.id, '0')]));
    await expect(ra).rejects.toEqual(new ShellExitedError(3));
    expect(a.hasExited).toBe(true);
    expect(b.hasExited).toBe(false);
    b.close();
    expect(asked(t.written).at(-1)).toMatchObject({ kind: 'kill', id: sb.id });
    const rb = b.runLine('sleep 100');
    t.sessions.gone(); // the lab ended
    await expect(rb).rejects.toBeInstanceOf(ShellExitedError);
  });

  it('keeps no status that never ends (a learner may forge them), and ends the line with a failure', async () => {
    const t = setUp();
    const bash = new BashSession({ stdinIsTerminal: true, start: t.sessions.start, env: {} });
    const [spawn] = asked(t.written);
    const r = bash.runLine('true');
    for (let i = 0; i < 40; i++) t.agent.fromLab(said('status', spawn.id, '9'.repeat(8000)));
    t.agent.fromLab(said('status', spawn.id, '0\0'));
    await expect(r).resolves.toEqual({ exitCode: 1 });
    expect((bash as unknown as { statusBuf: string }).statusBuf).toBe('');
    const next = bash.runLine('true');
    t.agent.fromLab(said('status', spawn.id, '0\0'));
    await expect(next).resolves.toEqual({ exitCode: 0 });
  });

  it('hands keys read at a prompt to the editor, tells it when a line has the terminal, and says bye with a status', () => {
    const t = setUp();
    t.agent.fromLab(said('typeahead', 0, 'ls\r'));
    expect(t.typed).toEqual(['ls\r']);
    t.agent.fromLab(said('running', 1, ''));
    expect(t.runningCount()).toBe(1);
    expect(t.screen()).toBe('');
    t.sessions.bye(5);
    expect(asked(t.written)).toEqual([{ kind: 'bye', id: 0, data: '5' }]);
  });

  it('shows as it is what only looks like a message: another token, a kind of its own', () => {
    const t = setUp();
    const forged = Buffer.from(`\x1b]${FROM_AGENT};not-the-token;exit;1;MA==\x07`);
    const odd = Buffer.from(`\x1b]${FROM_AGENT};${TOKEN};launch;1;MA==\x07`);
    t.agent.fromLab(Buffer.concat([forged, odd]));
    expect(t.screen()).toBe(Buffer.concat([forged, odd]).toString());
  });
});

describe('onlcr', () => {
  it('makes each newline a carriage return and a newline, as a terminal\'s output does', () => {
    expect(onlcr(Buffer.from('a\nb\r\n\n')).toString()).toBe('a\r\nb\r\r\n\r\n');
    const plain = Buffer.from('no newline');
    expect(onlcr(plain)).toBe(plain);
  });
});
