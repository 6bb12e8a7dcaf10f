// `nslab doctor`'s checks: every requirement, pass or fail, and the exact fix (printed by
// commands/doctor.ts).
import { existsSync } from 'node:fs';
import { release } from 'node:os';
import { REQUIRED_TOOLS, findTool } from '../../scripts/tools.mjs';
import { cliText, type KernelFeature } from '../i18n/cli-text.js';
import { currentLang, type Lang } from '../i18n/lang.js';
import { run } from './exec.js';
import { readUsernsSysctls, usernsBlockers } from './userns.js';

export interface DoctorLine {
  ok: boolean;
  name: string;
  detail: string;
  fix?: string;
  /** Not needed by any lesson: a failure is shown, but not counted as a requirement unmet. */
  optional?: boolean;
}

const isRoot = () => process.getuid?.() === 0;

async function probe(argv: string[]): Promise<boolean> {
  try { return (await run(argv)).exitCode === 0; } catch { return false; }
}

async function packageVersions(pkgs: string[]): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  try {
    const r = await run(['dpkg-query', '-W', '-f', '${Package} ${Version}\n', ...pkgs]);
    for (const line of r.stdout.split('\n')) {
      const [p, v] = line.split(' ');
      if (p && v) versions.set(p, v);
    }
  } catch { /* not a Debian system: versions stay unknown */ }
  return versions;
}

// Link types and NAT, tried in a throwaway network namespace: what a lesson needs from the
// kernel, tested the only reliable way, by asking it. What each is for is in cli-text.ts.
const KERNEL_FEATURES: { name: KernelFeature; script: string; optional?: boolean; module?: string }[] = [
  { name: 'veth', script: 'ip link add t0 type veth peer name t1' },
  { name: 'bridge', script: 'ip link add b0 type bridge' },
  // vxlan: lesson 08 and the two-hosts lab's overlay networks. macvlan: lesson 07 and the
  // lab's macvlan networks. Optional, since every other lesson works without them.
  { name: 'vxlan', script: 'ip link add vx0 type vxlan id 42 dstport 4789', optional: true },
  { name: 'macvlan', script: 'ip link add p0 type veth peer name p1 && ip link add mv0 link p0 type macvlan', optional: true },
  { name: '802.1q vlan', module: '8021q', script: 'ip link add p0 type veth peer name p1 && ip link add link p0 name p0.10 type vlan id 10', optional: true },
  { name: 'nat', script: 'iptables -t nat -A POSTROUTING -s 10.0.0.0/8 -j MASQUERADE' },
];

/** Every requirement's line, in `lang`: `nslab doctor --json` asks for English, since JSON
 * is data for scripts, whatever language the learner reads. */
export async function collectDoctorLines(lang: Lang = currentLang()): Promise<DoctorLine[]> {
  const t = cliText(lang);
  const lines: DoctorLine[] = [];
  lines.push({ ok: true, name: t.requirement.kernel, detail: `Linux ${release()}` });
  const nsKinds = ['net', 'mnt', 'pid', 'uts', 'ipc', 'user'];
  const missingNs = nsKinds.filter((k) => !existsSync(`/proc/self/ns/${k}`));
  lines.push({
    ok: missingNs.length === 0,
    name: t.requirement.namespaces,
    detail: missingNs.length ? t.missing(missingNs.join(', ')) : nsKinds.join(', '),
    fix: missingNs.length ? t.namespacesFix : undefined,
  });

  let unshareArgs: string[];
  if (isRoot()) {
    lines.push({ ok: true, name: t.requirement.privilege, detail: t.rootPrivilege });
    unshareArgs = ['unshare', '--net'];
  } else {
    const plain = await probe(['unshare', '--user', '--map-root-user', 'true']);
    const auto = plain && (await probe(['unshare', '--user', '--map-root-user', '--map-auto', 'true']));
    const blockers = usernsBlockers(readUsernsSysctls());
    lines.push({
      ok: plain,
      name: t.requirement.userns,
      detail: auto ? t.usernsAuto : plain ? t.usernsRootOnly : t.usernsBlocked(blockers.map((b) => b.setting)),
      fix: plain ? undefined : (blockers.map((b) => b.fix).join(' && ') || t.usernsFix),
    });
    if (plain && !auto) {
      lines.push({
        ok: false, name: t.requirement.subids, detail: t.subidsMissing,
        fix: 'sudo apt-get install uidmap && sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 $USER',
      });
    }
    unshareArgs = ['unshare', '--user', '--map-root-user', '--net'];
  }

  const features = await Promise.all(KERNEL_FEATURES.map((f) => probe([...unshareArgs, 'sh', '-c', f.script])));
  KERNEL_FEATURES.forEach((f, i) => lines.push({
    ok: features[i],
    name: t.kernelFeature(f.name),
    detail: features[i] ? t.featureWhy[f.name] : t.featureMissing(t.featureWhy[f.name]),
    fix: features[i] ? undefined : t.modprobeFix(f.module ?? (f.name === 'nat' ? 'nft_chain_nat' : f.name)),
    ...(f.optional ? { optional: true } : {}),
  }));

  const versions = await packageVersions([...new Set(REQUIRED_TOOLS.map((t) => t.pkg))]);
  for (const tool of REQUIRED_TOOLS) {
    const path = findTool(tool.command);
    const version = versions.get(tool.pkg);
    const why = t.toolWhy(tool.command, tool.why);
    lines.push({
      ok: Boolean(path),
      name: tool.command,
      detail: path ? t.toolFound(path, `${tool.pkg}${version ? ' ' + version : ''}`, why) : t.toolMissing(why),
      fix: path ? undefined : `${isRoot() ? '' : 'sudo '}apt-get install ${tool.pkg}`,
    });
  }
  return lines;
}
