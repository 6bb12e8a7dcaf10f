// Mininet 2.3 for the comparison column: found, or installed from Debian when we are root,
// or reported unavailable with the reason (the column then reads n/a).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const importsMininet = () =>
  spawnSync('/usr/bin/python3', ['-c', 'import mininet.net, mininet.nodelib'], { stdio: 'ignore' }).status === 0;

/** Returns undefined when Mininet is usable, else why not. */
export function ensureMininet(log) {
  if (!existsSync('/usr/bin/python3')) return '/usr/bin/python3 is missing (Debian\'s mininet package runs on it)';
  if (!existsSync('/usr/sbin/brctl') && !existsSync('/sbin/brctl')) return 'brctl (bridge-utils) is missing: Mininet\'s LinuxBridge needs it';
  if (importsMininet()) return undefined;
  if (process.getuid?.() !== 0) return 'mininet is not installed and we are not root: `sudo apt-get install --no-install-recommends mininet`';
  // Without recommends: they pull in Open vSwitch, which this comparison does not use.
  log('installing mininet (apt-get install -y --no-install-recommends mininet)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'mininet'], { env, encoding: 'utf8' });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { env, stdio: 'ignore' });
    r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'mininet'], { env, encoding: 'utf8' });
  }
  if (r.status !== 0) return `apt-get install mininet failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`;
  return importsMininet() ? undefined : 'mininet installed but `import mininet` fails in /usr/bin/python3';
}
