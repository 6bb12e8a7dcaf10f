// Running a command inside a container's namespaces with the learner's terminal:
// `nsenter -t PID -n -u CMD` — the network and uts namespaces, the host's files and
// tools (IMAGE is only a label in nslab).
import { spawn } from 'node:child_process';
import { exitStatus } from '../sandbox/exec.js';
import type { ContainerRecord } from './state.js';
import type { Tracer } from './steps.js';

export function runInContainer(c: ContainerRecord, cmd: string[], opts: { interactive: boolean }, tracer: Tracer): Promise<number> {
  tracer.command(`nsenter -t ${c.pid} -n -u ${cmd.join(' ')}`);
  const argv = ['nsenter', `--net=/proc/${c.pid}/ns/net`, `--uts=/proc/${c.pid}/ns/uts`, '--', ...cmd];
  const child = spawn(argv[0], argv.slice(1), {
    stdio: [opts.interactive ? 'inherit' : 'ignore', 'inherit', 'inherit'],
    cwd: '/',
    env: { ...process.env, HOSTNAME: c.hostname },
  });
  // Ctrl-C reaches the command through the terminal; the docker client waits for it.
  const ignore = () => {};
  process.on('SIGINT', ignore);
  process.on('SIGQUIT', ignore);
  return new Promise((resolve) => {
    child.on('error', () => resolve(126));
    child.on('exit', (code, sig) => {
      process.off('SIGINT', ignore);
      process.off('SIGQUIT', ignore);
      resolve(exitStatus(code, sig));
    });
  });
}

/** The command a container runs when `docker run IMAGE` gives none: the image's shell. */
export function defaultCmd(image: string): string[] {
  const base = image.split(':')[0].split('/').pop() ?? image;
  if (['ubuntu', 'debian', 'base', 'centos', 'fedora'].includes(base)) return ['bash'];
  return ['sh'];
}

const SHELLS = new Set(['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash', 'zsh', '/bin/zsh']);
export const isShell = (cmd: string[]): boolean => cmd.length === 1 && SHELLS.has(cmd[0]);
