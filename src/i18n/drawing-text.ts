// What the lab's drawing says (`.topo`, `nslab topo`, the workshop page's picture) in each
// language nslab speaks: the boxes' titles and the notes beside links. Names, addresses
// and kernel words (DOWN, linkdown, MASQUERADE, ip_forward=1) stay as the kernel says them.
// The drawing measures text by display columns (view/topo-text.ts), so Chinese lines up.
import { inLanguages } from './lang.js';

export interface DrawingText {
  labHost: string;
  host1LabHost: string;
  outsideWorld: string;
  dockerHost: string;
  container(name: string): string;
  publicHost: string;
  router: string;
  noCarrier: string;
  portOf(bridge: string): string;
  on(where: string): string;
  bothEndsHere: string;
  stray: string;
  /** " ⇄ peer in place" (the pair glyph given). */
  pairIn(pair: string, peer: string, where: string): string;
  onlyLo: string;
  sharedWith(containers: string): string;
  noPorts: string;
  noDefaultRoute: string;
  notRunning(names: string): string;
}

const en: DrawingText = {
  labHost: 'lab host',
  host1LabHost: 'host1 (lab host)',
  outsideWorld: 'outside world',
  dockerHost: ' (Docker host)',
  container: (name) => `container ${name}`,
  publicHost: ' public host',
  router: ' router',
  noCarrier: ' no carrier',
  portOf: (bridge) => ` port of ${bridge}`,
  on: (where) => ` on ${where}`,
  bothEndsHere: ' (both ends here)',
  stray: ' stray: peer in no namespace shown',
  pairIn: (pair, peer, where) => ` ${pair} ${peer} in ${where}`,
  onlyLo: 'only lo: no network',
  sharedWith: (containers) => `shared with container ${containers} (--net=host)`,
  noPorts: ', no ports',
  noDefaultRoute: 'no default route',
  notRunning: (names) => `not running: ${names}`,
};

const zh: DrawingText = {
  labHost: '实验宿主机',
  host1LabHost: 'host1（实验宿主机）',
  outsideWorld: '外部网络',
  dockerHost: '（Docker 宿主机）',
  container: (name) => `容器 ${name}`,
  publicHost: ' 公网主机',
  router: ' 路由器',
  noCarrier: ' 无载波',
  portOf: (bridge) => ` ${bridge} 的端口`,
  on: (where) => ` 依附于 ${where}`,
  bothEndsHere: '（两端都在这里）',
  stray: ' 孤立：对端不在所示的任何命名空间里',
  pairIn: (pair, peer, where) => ` ${pair} ${where} 里的 ${peer}`,
  onlyLo: '只有 lo：没有网络',
  sharedWith: (containers) => `与容器 ${containers} 共用（--net=host）`,
  noPorts: '，没有端口',
  noDefaultRoute: '没有默认路由',
  notRunning: (names) => `未运行：${names}`,
};

export const drawingText = inLanguages<DrawingText>({ en, 'zh-CN': zh });
