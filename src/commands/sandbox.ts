// `nslab sandbox`: a fresh lab and a shell over it, with no lesson. On a terminal it is the
// learning shell without steps (explanations, .topo, .enter, .trace, completion, history);
// through a pipe it is a plain shell whose output is exactly the commands' own, for scripts.
import { openLab } from '../lab-setup/open.js';
import { LAB, type Preset } from '../sandbox/presets.js';
import { colorEnabled } from '../view/color.js';

function banner(preset: Preset, containers: number | undefined): string {
  if (preset === 'two-hosts') {
    return [
      `nslab sandbox: two Docker hosts on one LAN: host1 (this shell) ${LAB.hostIp}/${LAB.lanPrefix} and host2 ${LAB.host2Ip}, behind the router ${LAB.routerIp}; each has docker0 ${LAB.docker0.ip}/16 and Docker's NAT, and its own containers.`,
      '`.enter host2` moves to host2 (`docker` there is host2\'s), `.host` comes back; `.enter outside` reaches the LAN\'s switch, lan0. Ctrl-D or `exit` ends the lab, and nothing of it is left behind.',
      '',
    ].join('\n');
  }
  const docker = preset === 'docker-host'
    ? ` docker0 ${LAB.docker0.ip}/16 is up with Docker's NAT rule${containers ? `, and containers c1…c${containers} are running` : ''}.`
    : ' Docker is not set up (preset bare).';
  return [
    `nslab sandbox: a fresh lab. The host has eth0 ${LAB.hostIp}/${LAB.lanPrefix} behind the router ${LAB.routerIp}; the outside world is at ${LAB.publicHostIp}.${docker}`,
    'Type commands as on any Linux host (you are root); .help lists nslab\'s own. Ctrl-D or `exit` ends the lab, and nothing of it is left behind.',
    '',
  ].join('\n');
}

export async function sandboxCommand(opts: { preset: Preset; containers?: number }): Promise<void> {
  const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const terminalMarkdown = tty ? import('../view/markdown.js').then((m) => m.loadTerminalMarkdown()).catch(() => {}) : undefined;
  await openLab(opts);
  if (!tty) {
    const { runSandboxShell } = await import('../repl/sandbox-shell.js');
    process.exitCode = await runSandboxShell();
    return;
  }
  const [{ LessonShell }, { BashSession }, { runTtyShell }, { takeLabSnapshot }, { pingProber }, { renderMarkdown }, { progressLocation }, { historyFile }] = await Promise.all([
    import('../repl/lesson-shell.js'), import('../place/bash-session.js'), import('../repl/tty.js'), import('../lab-setup/lab-snapshot.js'),
    import('../lesson/ping-prober.js'), import('../view/markdown.js'), import('../progress/location.js'), import('../progress/history.js'), terminalMarkdown,
  ]);
  const color = colorEnabled();
  const shell = new LessonShell({
    print: (s) => { process.stdout.write(s); },
    markdown: (md) => renderMarkdown(md, { color, width: process.stdout.columns }),
    snapshot: takeLabSnapshot,
    prober: pingProber({ snapshot: takeLabSnapshot }),
    newSession: (place, env) => new BashSession({ wrap: place.wrap, stdinIsTerminal: true, env }),
    lessonTable: async () => (await import('./list.js')).lessonTable({ color }),
    color,
    width: process.stdout.columns,
  });
  process.stdout.write(banner(opts.preset, opts.containers));
  await shell.snapshotQuietly();
  await runTtyShell(shell, historyFile(progressLocation()));
  shell.close();
  process.exitCode = shell.exitStatus ?? 0;
}
