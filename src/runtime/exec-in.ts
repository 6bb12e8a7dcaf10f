// Running a command inside a container's namespaces with the learner's terminal:
// `nsenter -t PID -n -u -m CMD` — the network, uts and mount namespaces: the lab host's
// files and tools, but the container's own /etc/hosts, /etc/hostname and
// /etc/resolv.conf (IMAGE is only a label in nslab).
import { spawn } from 'node:child_process';
import { exitStatus } from '../sandbox/exec.js';
import { imageBase } from './images.js';
import type { ContainerRecord } from './state.js';
import type { Tracer } from './steps.js';

export function runInContainer(c: ContainerRecord, cmd: string[], opts: { interactive: boolean }, tracer: Tracer): Promise<number> {
  tracer.command(`nsenter -t ${c.pid} -n -u -m ${cmd.join(' ')}`);
  const argv = ['nsenter', ...containerNamespaces(c.pid), '--', ...cmd];
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

/** nsenter's options for a container's namespaces, as `docker exec` enters them. */
export function containerNamespaces(pid: number): string[] {
  return [`--net=/proc/${pid}/ns/net`, `--uts=/proc/${pid}/ns/uts`, `--mount=/proc/${pid}/ns/mnt`];
}

/** What nslab runs when `docker run IMAGE` gives no command: the image's shell (what the
 * image itself would run is images.ts's, for ps and inspect). */
export function defaultCmd(image: string): string[] {
  const base = imageBase(image);
  if (['ubuntu', 'debian', 'base', 'centos', 'fedora'].includes(base)) return ['bash'];
  return ['sh'];
}

const SHELLS = new Set(['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash', 'zsh', '/bin/zsh']);
export const isShell = (cmd: string[]): boolean => cmd.length === 1 && SHELLS.has(cmd[0]);
