// Why a rootless lab cannot start, in words a learner can act on. Read from /proc/sys;
// pure given the values, so it is tested without changing any sysctl.
import { readFileSync } from 'node:fs';

export interface UsernsSysctls {
  unprivilegedUsernsClone?: string; // kernel.unprivileged_userns_clone (Debian, Ubuntu)
  apparmorRestrict?: string; // kernel.apparmor_restrict_unprivileged_userns (Ubuntu 23.10+)
  maxUserNamespaces?: string; // user.max_user_namespaces
}

function readSysctl(path: string): string | undefined {
  try { return readFileSync(path, 'utf8').trim(); } catch { return undefined; }
}

export function readUsernsSysctls(): UsernsSysctls {
  return {
    unprivilegedUsernsClone: readSysctl('/proc/sys/kernel/unprivileged_userns_clone'),
    apparmorRestrict: readSysctl('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    maxUserNamespaces: readSysctl('/proc/sys/user/max_user_namespaces'),
  };
}

/** The sysctls that block unprivileged user namespaces, each with the command that lifts it. */
export function usernsBlockers(s: UsernsSysctls): { setting: string; fix: string }[] {
  const out: { setting: string; fix: string }[] = [];
  if (s.unprivilegedUsernsClone === '0') out.push({ setting: 'kernel.unprivileged_userns_clone = 0', fix: 'sudo sysctl -w kernel.unprivileged_userns_clone=1' });
  if (s.apparmorRestrict === '1') out.push({ setting: 'kernel.apparmor_restrict_unprivileged_userns = 1', fix: 'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0' });
  if (s.maxUserNamespaces === '0') out.push({ setting: 'user.max_user_namespaces = 0', fix: 'sudo sysctl -w user.max_user_namespaces=15000' });
  return out;
}

export function usernsBlockedMessage(s: UsernsSysctls): string {
  const blockers = usernsBlockers(s);
  const found = blockers.length
    ? `On this machine ${blockers.map((b) => b.setting).join(' and ')}.`
    : 'None of the usual sysctls is set against it, so a security module or a container runtime is probably denying it.';
  const fixes = blockers.length
    ? `To allow it, run ${blockers.map((b) => `\`${b.fix}\``).join(' and ')} (add the same setting to /etc/sysctl.d/ to keep it after a reboot),`
    : 'Ask your administrator to allow unprivileged user namespaces,';
  return [
    'nslab cannot build a lab: this user may not create user namespaces.',
    'A lab is a set of fresh namespaces; without root, nslab needs an unprivileged user namespace to make them, so that nothing on the machine itself is touched.',
    found,
    `${fixes} or run nslab as root: \`sudo nslab …\` (the lab is just as isolated then).`,
  ].join(' ');
}
