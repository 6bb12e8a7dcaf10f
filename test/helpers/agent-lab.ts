// A real workshop lab of the terminal agent (bin/lab-launch.pl --agent) on a pseudo-terminal,
// driven as the server drives it: the stream read by a LabAgent, the sessions kept by
// AgentSessions, in the test's own process.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnPty, type PtyProcess } from '../../src/serve/pty.js';
import { AgentSessions, LabAgent } from '../../src/serve/lab-agent.js';
import { ROOT } from './lab.js';

export const AGENT_TOKEN = 'agent-test-token-0123456789';

export interface AgentLab {
  pty: PtyProcess;
  agent: LabAgent;
  sessions: AgentSessions;
  /** What the terminal showed that was no message. */
  screen(): string;
  /** Keys the agent read at a prompt. */
  typed: string[];
  exit: Promise<number>;
  /** The launcher's environment (the learner's folder is its HOME). */
  env: NodeJS.ProcessEnv;
  dir: string;
}

const started: AgentLab[] = [];

/** Kills every lab started here (for afterEach). */
export function killAgentLabs(): void {
  for (const l of started.splice(0)) l.pty.kill('SIGKILL');
}

export async function startAgentLab(): Promise<AgentLab> {
  const dir = mkdtempSync(join(tmpdir(), 'nslab-agent-'));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm', HOME: dir, XDG_STATE_HOME: dir, NSLAB_AGENT_TOKEN: AGENT_TOKEN };
  const pty = spawnPty('perl', [join(ROOT, 'bin', 'lab-launch.pl'), ROOT, '--agent'], { cols: 100, rows: 30, env, cwd: dir });
  let screen = '';
  const typed: string[] = [];
  let ready!: () => void;
  const isReady = new Promise<void>((r) => { ready = r; });
  const sessions: AgentSessions = new AgentSessions((kind, id, data) => agent.send(kind, id, data));
  const agent = new LabAgent({ token: AGENT_TOKEN, toLab: (t) => pty.write(t), show: (b) => { screen += b.toString(); }, typeahead: (t) => typed.push(t), ready: () => ready(), sessions: (f) => sessions.frame(f) });
  pty.onData((c) => agent.fromLab(typeof c === 'string' ? Buffer.from(c) : c));
  const exit = new Promise<number>((r) => pty.onExit((e) => { sessions.gone(); r(e.exitCode); }));
  const lab: AgentLab = { pty, agent, sessions, screen: () => screen, typed, exit, env, dir };
  started.push(lab);
  await Promise.race([isReady, exit.then((code) => { throw new Error(`the lab ended (${code}) before its agent was ready: ${screen}`); })]);
  return lab;
}
