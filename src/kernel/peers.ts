// Which link is the other end of each veth, across the lab's namespaces.
//
// A veth's own namespace only says "peer ifindex P, in the namespace I number N"
// (link_index, link_netnsid). Ifindexes repeat across namespaces (two fresh namespaces
// joined by a pair both number their end 2), so the ifindex alone is not enough. The nsid
// is translated with the kernel's own table: the snapshot asks, inside each namespace,
// `ip netns list-id` while every namespace it read is listed under /run/netns in a private
// mount namespace, so ip names each nsid after the namespace it is (ip queries the kernel
// with the namespace's fd: no guessing, nothing assigned or changed). With that map the
// match is exact; the back-pointer check (the candidate's peer is this link) guards it.
import type { Link } from './types.js';

/** Per namespace id: nsid as numbered inside that namespace → the Netns.id it is. */
export type NsidMaps = Map<string, Map<number, string>>;

function pointsBack(candidate: Link, link: Link): boolean {
  return candidate.kind === 'veth' && candidate.ifindex === link.peerIfindex && candidate.peerIfindex === link.ifindex;
}

/** Returns the links with `peer` set on every veth whose other end is among them. Veths
 * whose peers share their namespace already carry `peer` from the parser. */
export function resolveVethPeers(links: Link[], nsidMaps: NsidMaps): Link[] {
  return links.map((link) => {
    if (link.kind !== 'veth' || link.peer || link.peerIfindex === undefined || link.linkNetnsid === undefined) return link;
    const candidates = links.filter((c) => c.ns !== link.ns && c.linkNetnsid !== undefined && pointsBack(c, link));
    const mapped = nsidMaps.get(link.ns)?.get(link.linkNetnsid);
    let match: Link | undefined;
    if (mapped !== undefined) {
      match = candidates.find((c) => c.ns === mapped);
    } else {
      // The nsid names no namespace we read: the peer is most likely in one we did not
      // (a process's namespace with no /run/netns entry). Accept a candidate only when it
      // is the single one and its own nsid map does not say its peer lives elsewhere.
      const plausible = candidates.filter((c) => {
        const back = nsidMaps.get(c.ns)?.get(c.linkNetnsid!);
        return back === undefined || back === link.ns;
      });
      if (plausible.length === 1) match = plausible[0];
    }
    return match ? { ...link, peer: { ns: match.ns, ifindex: match.ifindex, name: match.name } } : link;
  });
}
