// `nslab topo`: draw a lab. Without --attach it runs inside a fresh lab (bin/nslab enters
// one first), brings it to --preset with --containers, and draws it: a demo of a preset.
// With --attach it draws a lab already running, from outside it (see topo-attach.ts).
import { UserError } from '../errors.js';
import { toolsText } from '../i18n/tools-text.js';
import type { KernelState } from '../kernel/types.js';
import { inLab } from '../sandbox/lab.js';
import { colorEnabled } from '../view/color.js';
import type { Preset } from '../sandbox/presets.js';

export interface TopoCommandOptions {
  preset: Preset;
  containers?: number;
  ascii?: boolean;
  list?: boolean;
  json?: boolean;
  /** true, or the pid of the lab's pid 1. */
  attach?: string | boolean;
  /** Internal: print this lab's snapshot as JSON, building nothing (what --attach runs
   * inside the lab it attaches to). */
  snapshotHere?: boolean;
}

async function labSnapshot(): Promise<KernelState> {
  const { takeLabSnapshot } = await import('../lab-setup/lab-snapshot.js');
  return takeLabSnapshot();
}

function print(state: KernelState, opts: TopoCommandOptions, heading?: string): Promise<void> | void {
  if (opts.json) {
    process.stdout.write(JSON.stringify(state, null, 1) + '\n');
    return;
  }
  return import('../view/topology.js').then(({ drawTopology }) => {
    const tty = process.stdout.isTTY === true;
    const color = colorEnabled();
    const width = tty && process.stdout.columns ? process.stdout.columns : undefined;
    if (heading) process.stdout.write(heading + '\n');
    process.stdout.write(drawTopology(state, { color, width, ascii: opts.ascii, list: opts.list }) + '\n');
  });
}

export async function topoCommand(opts: TopoCommandOptions): Promise<void> {
  if (opts.attach !== undefined && opts.attach !== false) {
    if (opts.containers !== undefined) throw new UserError(toolsText().attachWithContainers);
    const { snapshotOfRunningLab } = await import('./topo-attach.js');
    const { lab, state } = await snapshotOfRunningLab(opts.attach);
    return print(state, opts, opts.json ? undefined : toolsText().labTitle(lab.pid, lab.command));
  }
  if (opts.snapshotHere) {
    if (!inLab()) throw new UserError(toolsText().snapshotHereOutside);
    process.stdout.write(JSON.stringify(await labSnapshot()) + '\n');
    return;
  }
  const { openLab } = await import('../lab-setup/open.js');
  await openLab(opts);
  return print(await labSnapshot(), opts);
}
