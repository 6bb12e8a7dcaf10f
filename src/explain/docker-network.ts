// `docker network inspect NAME`: JSON, but read line by line with a stack of keys so that
// the abridged copies found in blog posts ("... ...") still explain line by line.
import { currentLang, type Lang } from '../i18n/lang.js';
import { explainNetText } from '../i18n/explain-net-text.js';
import { describeIpv4Net, describeMac } from './net.js';
import { clean } from './text.js';
import { Annotations, type Context, type Explainer } from './types.js';

export interface DockerNetwork {
  line: number;
  name?: string;
  id?: string;
  driver?: string;
  scope?: string;
  subnets: { line: number; subnet: string; gateway?: string }[];
  containers: { line: number; id: string; name?: string; mac?: string; ipv4?: string; ipv6?: string }[];
  options: Record<string, string>;
  /** Every "key": value line with its path, for line-by-line notes. */
  fields: { line: number; path: string[]; key: string; value: string }[];
  emptyContainersLine?: number;
  /** Lines that are only JSON structure: brackets, and keys that open an object or list. */
  structure: number[];
}

const FIELD = /^\s*"([^"]*)"\s*:\s*(.*?)\s*,?\s*$/;

export function parseDockerNetworkInspect(lines: readonly string[]): DockerNetwork[] {
  const nets: DockerNetwork[] = [];
  const stack: string[] = [];
  let net: DockerNetwork | undefined;
  lines.forEach((raw, i) => {
    const line = clean(raw);
    const t = line.trim();
    if (t === '') return;
    const f = FIELD.exec(line);
    if (f) {
      const [, key, rest] = f;
      if (rest === '{' || rest === '[') {
        net?.structure.push(i);
        if (net && rest === '{' && stack[stack.length - 1] === 'Containers') net.containers.push({ line: i, id: key });
        stack.push(key);
        return;
      }
      if (rest === '{}' || rest === '[]') {
        if (key === 'Containers' && net) net.emptyContainersLine = i;
      }
      if (!net) return;
      const value = rest.replace(/,$/, '').replace(/^"(.*)"$/, '$1');
      net.fields.push({ line: i, path: [...stack], key, value });
      const parent = stack[stack.length - 1];
      if (stack.length === 1) {
        if (key === 'Name') net.name = value;
        if (key === 'Id') net.id = value;
        if (key === 'Driver') net.driver = value;
        if (key === 'Scope') net.scope = value;
      }
      if (parent === '' && stack.includes('Config')) {
        if (key === 'Subnet') net.subnets.push({ line: i, subnet: value });
        if (key === 'Gateway') {
          const last = net.subnets[net.subnets.length - 1];
          if (last) last.gateway = value;
          else net.subnets.push({ line: i, subnet: '', gateway: value });
        }
      }
      const c = net.containers[net.containers.length - 1];
      if (c && stack[stack.length - 1] === c.id) {
        if (key === 'Name') c.name = value;
        if (key === 'MacAddress') c.mac = value;
        if (key === 'IPv4Address') c.ipv4 = value;
        if (key === 'IPv6Address') c.ipv6 = value;
      }
      if (parent === 'Options' && stack.length <= 3) net.options[key] = value;
      return;
    }
    if (t === '[') {
      stack.length = 0;
      return;
    }
    if (t === '{') {
      if (stack.length === 0) {
        net = { line: i, subnets: [], containers: [], options: {}, fields: [], structure: [] };
        nets.push(net);
      }
      net?.structure.push(i);
      stack.push('');
      return;
    }
    if (/^[}\]],?$/.test(t)) {
      net?.structure.push(i);
      stack.pop();
    }
  });
  return nets;
}

export function annotateDockerNetwork(nets: DockerNetwork[], ctx: Context, lang: Lang = currentLang()): Annotations {
  const t = explainNetText(lang);
  const out = new Annotations();
  for (const n of nets) {
    out.mark(n.line);
    for (const s of n.structure) out.mark(s);
    for (const f of n.fields) {
      const top = f.path.length === 1;
      const inContainer = n.containers.some((c) => f.path.includes(c.id));
      const v = f.value;
      const macvlan = n.driver === 'macvlan';
      const overlay = n.driver === 'overlay';
      let text: string | undefined;
      let weight: 0 | 1 | 2 | 3 = 0;
      const peer = f.path.includes('Peers');
      if (peer && f.key === 'Name') text = t.overlayPeerName(v);
      else if (peer && f.key === 'IP') {
        text = t.overlayPeerIp(v);
        weight = 1;
      } else if (top && f.key === 'Name' && overlay) {
        text = t.overlayName(v);
        weight = 1;
      } else if (top && f.key === 'Id' && overlay) {
        text = t.overlayId(v.slice(0, 12));
        weight = 1;
      } else if (f.key === 'Gateway' && !inContainer && overlay) {
        text = t.overlayGateway(v);
        weight = 1;
      } else if (f.key === 'Internal' && overlay && v === 'false') {
        text = t.overlayInternalFalse;
      } else if (top && f.key === 'Name') {
        text = v === 'bridge' ? t.netDefaultName : v === 'host' || v === 'none' ? t.netSpecialName(v) : t.netUserName(v);
        weight = 1;
      } else if (top && f.key === 'Id') {
        const userBridge = !macvlan && n.driver === 'bridge' && n.name !== 'bridge' && /^[0-9a-f]{12}/.test(v);
        text = macvlan ? t.netIdMacvlan : userBridge ? t.netIdUserBridge(`br-${v.slice(0, 12)}`) : t.netId;
        weight = userBridge ? 2 : 0;
      }
      else if (top && f.key === 'Driver') {
        text = t.driver(v, t.drivers[v]);
        weight = 1;
      } else if (top && f.key === 'Scope') text = v === 'local' ? t.scopeLocal : t.scope(v);
      else if (f.key === 'Driver' && f.path.includes('IPAM')) text = t.ipamDriver;
      else if (f.key === 'Subnet') {
        const [a, p] = v.split('/');
        const pool = n.name !== 'bridge' && /^172\.(1[89]|2\d|3[01])\.0\.0\/16$/.test(v) ? t.defaultPools : '';
        text = t.subnet(v, describeIpv4Net(a, Number(p)), pool);
        weight = 2;
      } else if (f.key === 'Gateway' && !inContainer && macvlan) {
        text = t.gatewayMacvlan(v);
        weight = 1;
      } else if (f.key === 'Gateway' && !inContainer) {
        text = t.gatewayBridge(v, n.name === 'bridge' ? 'docker0' : n.id ? `br-${n.id.slice(0, 12)}` : undefined);
        weight = 1;
      } else if (inContainer && f.key === 'Name') text = t.containerAttached(v);
      else if (f.key === 'EndpointID') text = t.endpointId(macvlan);
      else if (f.key === 'MacAddress' && v && macvlan) {
        text = t.macvlanMac(v, describeMac(v));
        weight = 1;
      } else if (f.key === 'MacAddress' && v) {
        text = t.mac(v, describeMac(v));
      } else if (f.key === 'IPv4Address' && v) {
        const c = n.containers.find((x) => f.path.includes(x.id));
        const live = ctx.state?.containers.find((x) => x.name === c?.name);
        text = t.ipv4Address(v, c?.name, live && live.ip && `${live.ip}` !== v.split('/')[0] ? `${live.ip}` : undefined);
        weight = 2;
      } else if (f.key === 'IPv6Address') text = v ? t.ipv6Address(v) : t.ipv6Empty;
      else if (f.path[f.path.length - 1] === 'Options' && t.networkOptions[f.key]) text = t.networkOption(f.key, v, t.networkOptions[f.key]);
      else if (f.key === 'Internal') text = v === 'true' ? t.internalTrue : macvlan ? t.internalFalseMacvlan : t.internalFalse;
      else if (f.key === 'EnableIPv6') text = t.enableIpv6(v);
      else if (top && f.key === 'Options' && v === '{}') text = t.optionsEmpty;
      else if (f.key === 'Containers' && (v === '{}')) {
        text = macvlan ? t.containersEmptyMacvlan : t.containersEmpty(n.name === 'bridge' || !n.id ? 'docker0' : `br-${n.id.slice(0, 12)}`);
        weight = 3;
      } else if (f.key === 'Attachable' || f.key === 'Ingress' || f.key === 'Created' || f.key === 'ConfigOnly') text = t.otherField(f.key, v);
      if (text) out.add(f.line, text, weight);
      else out.mark(f.line);
    }
    if (n.containers.length > 0) {
      const c = n.containers[0];
      out.add(c.line, t.containersAttached(n.containers.length), n.containers.length > 0 ? 2 : 0);
    }
  }
  return out;
}

export const dockerNetworkExplainer: Explainer<DockerNetwork[]> = {
  id: 'docker-network-inspect',
  names: ['docker network inspect'],
  parse: parseDockerNetworkInspect,
  annotate: annotateDockerNetwork,
};
