// Bringing a fresh lab to its starting state: the preset, then any containers asked for.
import { UserError } from '../errors.js';
import { buildPreset, type Preset } from './presets.js';
import { assertInsideLab, usernsMode } from './lab.js';

export interface LabOptions {
  preset: Preset;
  containers?: number;
}

export async function openLab(opts: LabOptions): Promise<void> {
  try {
    assertInsideLab();
  } catch (err) {
    throw new UserError((err as Error).message, 2);
  }
  warnOnceAboutLimitedUserns();
  await buildPreset(opts.preset);
  if (opts.containers) {
    if (opts.preset !== 'docker-host') throw new UserError('--containers needs the docker-host preset (containers plug into docker0).');
    const { startBusyboxContainers } = await import('../runtime/bulk.js');
    await startBusyboxContainers(opts.containers);
  }
}

function warnOnceAboutLimitedUserns(): void {
  if (usernsMode() !== 'userns-root-only') return;
  process.stderr.write(
    'nslab: note: this lab maps only your own user id, so the kernel forbids setgroups in it: ' +
      'tcpdump and dnsmasq cannot drop privileges and will fail. To lift this, give your user ' +
      'subordinate ids (`sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $USER`) ' +
      'and install the uidmap package; `nslab doctor` shows the mode.\n',
  );
}
