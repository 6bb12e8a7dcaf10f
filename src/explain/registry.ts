// Every explainer, by id.
import { bridgeFdbExplainer, bridgeLinkExplainer, brctlShowExplainer } from './bridge.js';
import { dockerNetworkExplainer } from './docker-network.js';
import { hostsExplainer, nslookupExplainer, resolvConfExplainer } from './dns.js';
import { ifconfigExplainer } from './ifconfig.js';
import { ipAddrExplainer } from './ip-addr.js';
import { ipNetnsExplainer } from './ip-netns.js';
import { ipRouteExplainer } from './ip-route.js';
import { iptablesListExplainer, iptablesSaveExplainer } from './iptables.js';
import { arpExplainer, ipNeighExplainer } from './neigh.js';
import { pingExplainer } from './ping.js';
import { nftExplainer } from './nft.js';
import { routeNExplainer } from './route-n.js';
import { ssExplainer } from './ss.js';
import type { Explainer, ExplainerId } from './types.js';

export const EXPLAINERS: Record<ExplainerId, Explainer<any>> = {
  'ip-addr': ipAddrExplainer,
  'ip-route': ipRouteExplainer,
  'route-n': routeNExplainer,
  'brctl-show': brctlShowExplainer,
  'bridge-link': bridgeLinkExplainer,
  'bridge-fdb': bridgeFdbExplainer,
  'ip-netns': ipNetnsExplainer,
  'iptables-list': iptablesListExplainer,
  'iptables-save': iptablesSaveExplainer,
  ping: pingExplainer,
  ifconfig: ifconfigExplainer,
  'docker-network-inspect': dockerNetworkExplainer,
  'ip-neigh': ipNeighExplainer,
  arp: arpExplainer,
  ss: ssExplainer,
  nft: nftExplainer,
  'resolv-conf': resolvConfExplainer,
  nslookup: nslookupExplainer,
  hosts: hostsExplainer,
};

export const EXPLAINER_IDS = Object.keys(EXPLAINERS) as ExplainerId[];

export function isExplainerId(s: string): s is ExplainerId {
  return Object.prototype.hasOwnProperty.call(EXPLAINERS, s);
}
