// `ip -j netns list-id` → which name each nsid of the current namespace carries.
import { num, parseJsonArray, str } from './json.js';

/** nsid → the /run/netns name ip matched it with (nsids with no name are left out). */
export function parseNetnsIds(json: string): Map<number, string> {
  const ids = new Map<number, string>();
  for (const raw of parseJsonArray(json, 'ip -j netns list-id')) {
    const nsid = num(raw.nsid);
    const name = str(raw.name);
    if (nsid !== undefined && name) ids.set(nsid, name);
  }
  return ids;
}
