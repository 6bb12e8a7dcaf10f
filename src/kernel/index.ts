// The lab's kernel state as data: one snapshot call, the parsers behind it, and lookups.
export type * from './types.js';
export { takeSnapshot, assembleState, SnapshotError, type SnapshotDeps } from './snapshot.js';
export { parseIpAddr } from './parse-links.js';
export { parseIpRoute } from './parse-routes.js';
export { parseBridgeFdb, type FdbEntry } from './parse-fdb.js';
export { parseIptablesSave, parseNatRules, parseRule, splitRuleWords, type IptablesTable, type IptablesChain } from './parse-iptables.js';
export { parseSysctls, sysctlPath, SNAPSHOT_SYSCTLS } from './parse-sysctls.js';
export { parseNetnsIds } from './parse-netns-ids.js';
export { resolveVethPeers, type NsidMaps } from './peers.js';
export { KernelOutputError } from './json.js';
export { findLink, linksIn, routesIn, nsByName, natRulesIn, bridgePorts, peerOf, sysctl, nsByNetnsid } from './query.js';
