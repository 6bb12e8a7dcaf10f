// Why a rootless lab cannot start, in words a learner can act on. Read from /proc/sys;
// pure given the values, so it is tested without changing any sysctl.
import { readFileSync } from 'node:fs';
import { sandboxText, type SandboxText } from '../i18n/sandbox-text.js';

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

export function usernsBlockedMessage(s: UsernsSysctls, t: SandboxText = sandboxText()): string {
  const blockers = usernsBlockers(s);
  const found = blockers.length ? t.usernsFound(blockers.map((b) => b.setting)) : t.usernsNoneFound;
  const fixes = blockers.length ? t.usernsFixes(blockers.map((b) => b.fix)) : t.usernsAskAdmin;
  return [t.usernsCannot, t.usernsWhy, found, t.usernsOrRoot(fixes)].join(t.sentenceGap);
}
