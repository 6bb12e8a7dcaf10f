// Bringing a fresh lab to its starting state: the preset, then any containers asked for.
import { UserError } from '../errors.js';
import { sandboxText } from '../i18n/sandbox-text.js';
import { buildPreset, type LabOptions } from '../sandbox/presets.js';
import { existsSync } from 'node:fs';
import { takeEarlyOpening } from './early-open.js';
import { assertInsideLab, OUTSIDE_NETNS_PATH, usernsMode } from '../sandbox/lab.js';

export type { LabOptions } from '../sandbox/presets.js';

/** Brings this fresh lab to its starting state, or takes over the opening the entry
 * point started for the same options (lab-setup/early-open.ts). */
export function openLab(opts: LabOptions): Promise<void> {
  // Here rather than in buildLab: an opening started early must not speak before the
  // command has checked its arguments.
  warnOnceAboutLimitedUserns();
  return takeEarlyOpening(opts) ?? buildLab(opts);
}

export async function buildLab(opts: LabOptions): Promise<void> {
  try {
    assertInsideLab();
  } catch (err) {
    throw new UserError((err as Error).message, 2);
  }
  if (opts.containers && opts.preset !== 'docker-host') throw new UserError(sandboxText().containersNeedDocker);
  // `nslab sandbox` typed inside a lab's shell: this lab is built already.
  if (existsSync(OUTSIDE_NETNS_PATH)) throw new UserError(sandboxText().nestedLab);
  if (!opts.containers) return buildPreset(opts.preset);
  // The containers take longest: their program is started first, and makes them while the
  // preset's processes run; it plugs them into docker0 once the preset has made it (not
  // waiting for Docker's rules, which take a few tens of milliseconds more; the lab is
  // ready when both are). So the promise the containers wait on exists before the preset
  // starts, settled by it.
  const { startBusyboxContainers } = await import('../runtime/bulk.js');
  let presetDone!: () => void;
  let presetFailed!: (e: unknown) => void;
  const bridgeReady = new Promise<void>((resolve, reject) => { presetDone = resolve; presetFailed = reject; });
  bridgeReady.catch(() => { /* reported by Promise.all below */ });
  const containers = startBusyboxContainers(opts.containers, bridgeReady);
  const preset = buildPreset(opts.preset, presetDone).then(presetDone, (e) => { presetFailed(e); throw e; });
  await Promise.all([preset, containers]);
}

function warnOnceAboutLimitedUserns(): void {
  if (usernsMode() !== 'userns-root-only') return;
  process.stderr.write(
    'nslab: note: this lab maps only your own user id, so the kernel forbids setgroups in it: ' +
      'tcpdump cannot drop privileges and will fail (the DNS servers of docker networks run without dropping them, and work). To lift this, give your user ' +
      'subordinate ids (`sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $USER`) ' +
      'and install the uidmap package; `nslab doctor` shows the mode.\n',
  );
}
