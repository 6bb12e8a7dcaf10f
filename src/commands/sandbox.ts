// `nslab sandbox`: a fresh lab and a shell over it, with no lesson. On a terminal it is the
// learning shell without steps (explanations, .topo, .enter, .trace, completion, history);
// through a pipe it is a plain shell whose output is exactly the commands' own, for scripts.
import { cliText } from '../i18n/cli-text.js';
import { openLab } from '../lab-setup/open.js';
import { LAB, type Preset } from '../sandbox/presets.js';
import { colorEnabled } from '../view/color.js';

export function sandboxBanner(preset: Preset, containers: number | undefined, t = cliText()): string {
  if (preset === 'two-hosts') return t.sandboxTwoHosts({ hostIp: LAB.hostIp, prefix: LAB.lanPrefix, host2Ip: LAB.host2Ip, router: LAB.routerIp, docker0: LAB.docker0.ip });
  const docker = preset === 'docker-host' ? t.sandboxDocker(LAB.docker0.ip, containers) : t.sandboxBare;
  return [
    t.sandboxLab({ hostIp: LAB.hostIp, prefix: LAB.lanPrefix, router: LAB.routerIp, outside: LAB.publicHostIp }, docker),
    t.sandboxHowTo,
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
    lessonTable: async () => (await import('../repl/lesson-table.js')).lessonTable({ color }),
    color,
    width: process.stdout.columns,
  });
  process.stdout.write(sandboxBanner(opts.preset, opts.containers));
  await shell.snapshotQuietly();
  await runTtyShell(shell, historyFile(progressLocation()));
  shell.close();
  process.exitCode = shell.exitStatus ?? 0;
}
