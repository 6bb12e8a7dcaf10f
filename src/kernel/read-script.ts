// What a snapshot reads in each namespace, and how its output is split again: the
// per-namespace script (innerScript) that the snapshot script of reader.ts runs, and the
// parser of what it prints between marker lines (splitReadOutput).
//
// Why it is shaped like this (about 1.5 ms per process started here, so processes are
// what a snapshot pays for):
// - bash runs under `unshare --mount`: in that private mount namespace it hides
//   /run/netns behind a tmpfs and lists there every namespace it reads, named by the
//   file descriptor it holds on it. Then `ip netns list-id`, inside each namespace, names
//   each nsid after a namespace we read (see peers.ts). The learner's /run/netns is
//   untouched, and the tmpfs vanishes with the script.
// - per namespace, one `nsenter … sh` runs ip once in batch mode (addresses, routes, nsids),
//   bridge once where there is a bridge or vxlan, iptables-save once, and reads the
//   sysctls with the shell's `read`.
// - namespaces are read in parallel, each into its own file on that tmpfs, then printed
//   in order.
import { KernelOutputError } from './json.js';
import { SNAPSHOT_SYSCTLS, sysctlPath } from './parse-sysctls.js';

export const MARK = '@@nslab';

/** What ip's batch prints, one JSON document per line, in this order (bench/ runs the same
 * batch as a bare process, the baseline of its check latency). */
export const IP_BATCH = ['addr show', 'route show table all', 'netns list-id'];

/** What runs inside each namespace (also used by reader.ts). */
export function innerScript(): string {
  const sysctls = SNAPSHOT_SYSCTLS.map((name) => `${name}=${sysctlPath(name)}`).join(' ');
  return [
    `ipout=$(ip -j -d -batch - <<EOF`,
    ...IP_BATCH,
    `EOF`,
    `)`,
    `echo ${MARK} ip`,
    `printf '%s\\n' "$ipout"`,
    `echo ${MARK} fdb`,
    // Only bridges and vxlans have a forwarding database worth reading; skipping bridge
    // elsewhere saves a process per namespace (the other entries are multicast MACs).
    `case $ipout in *'"info_kind":"bridge"'*|*'"info_kind":"vxlan"'*) bridge -j fdb show;; esac`,
    `echo ${MARK} iptables`,
    `iptables-save 2>/dev/null`,
    `echo ${MARK} sysctl`,
    // dash's `read` reports failure on /proc/sys files even when it read the value.
    `for kv in ${sysctls}; do f=\${kv#*=}; v=; [ -r "$f" ] && { read -r v < "$f"; echo "\${kv%%=*}=$v"; }; done`,
    `echo ${MARK} end`,
  ].join('\n');
}

/** One namespace's raw outputs. */
export interface NamespaceOutput {
  /** The document ip printed for each batch line: addresses, routes, nsids. */
  addrJson: string;
  routeJson: string;
  netnsIdsJson: string;
  fdbJson: string;
  iptablesSave: string;
  sysctls: string;
  /** The /run/netns name ip gave this namespace: the fd the script held on it. */
  fdName: string;
}

/** Splits the script's output by namespace index. A namespace whose read did not finish
 * (it vanished meanwhile: the process exited, `ip netns del`) is absent. */
export function splitReadOutput(text: string): Map<number, NamespaceOutput> {
  const result = new Map<number, NamespaceOutput>();
  let index = -1;
  let fdName = '';
  let section = '';
  let sections: Record<string, string[]> = {};
  for (const line of text.split('\n')) {
    if (line.startsWith(`${MARK} `)) {
      const [, what, k, fd] = line.split(' ');
      if (what === 'ns') {
        index = Number(k);
        fdName = fd ?? '';
        sections = {};
        section = '';
      } else if (what === 'end' && index >= 0) {
        const ip = (sections.ip ?? []).filter((l) => l.trim() !== '');
        if (ip.length !== IP_BATCH.length) {
          throw new KernelOutputError(`ip -j -d -batch (${IP_BATCH.join('; ')})`, `expected ${IP_BATCH.length} JSON documents in namespace #${index}, got ${ip.length}`);
        }
        result.set(index, {
          addrJson: ip[0] ?? '',
          routeJson: ip[1] ?? '',
          netnsIdsJson: ip[2] ?? '',
          fdbJson: (sections.fdb ?? []).join('\n'),
          iptablesSave: (sections.iptables ?? []).join('\n'),
          sysctls: (sections.sysctl ?? []).join('\n'),
          fdName,
        });
        index = -1;
      } else {
        section = what;
        sections[section] = [];
      }
    } else if (index >= 0 && section) {
      sections[section].push(line);
    }
  }
  return result;
}
