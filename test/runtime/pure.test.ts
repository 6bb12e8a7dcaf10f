// The runtime's pure parts: IPAM, Docker's MAC rule, flag parsing, Go templates, tables.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlags, parsePort, has, value, values } from '../../src/runtime/args.js';
import { RUN_FLAGS } from '../../src/runtime/docker-cli.js';
import { DockerError } from '../../src/runtime/docker-error.js';
import { humanDuration, networkJson, networkTable, psTable } from '../../src/runtime/format.js';
import { macForIp, nextFreeAddress, nextFreeSubnet, parseSubnet, gatewayOf, formatSubnet } from '../../src/runtime/ipam.js';
import type { RuntimeState } from '../../src/runtime/state.js';
import { renderTemplate, TemplateError } from '../../src/runtime/template.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'runtime');

describe('ipam', () => {
  it('derives Docker\'s MAC from the address, as the documents show', () => {
    expect(macForIp('172.17.0.2')).toBe('02:42:ac:11:00:02');
    expect(macForIp('172.17.0.3')).toBe('02:42:ac:11:00:03');
    expect(macForIp('172.18.1.255')).toBe('02:42:ac:12:01:ff');
  });
  it('hands out .2 upward, skipping the gateway, reusing freed addresses, never the broadcast', () => {
    const s = parseSubnet('172.17.0.0/16');
    expect(gatewayOf(s)).toBe('172.17.0.1');
    expect(nextFreeAddress(s, [])).toBe('172.17.0.2');
    expect(nextFreeAddress(s, ['172.17.0.2', '172.17.0.3'])).toBe('172.17.0.4');
    expect(nextFreeAddress(s, ['172.17.0.3'])).toBe('172.17.0.2');
    const tiny = parseSubnet('10.9.0.0/30');
    expect(nextFreeAddress(tiny, [])).toBe('10.9.0.2');
    expect(nextFreeAddress(tiny, ['10.9.0.2'])).toBeUndefined();
  });
  it('rejects subnets with host bits, and picks the next free /16 from 172.18', () => {
    expect(() => parseSubnet('172.18.0.1/16')).toThrow(/host bits.*172\.18\.0\.0\/16/);
    expect(() => parseSubnet('nonsense')).toThrow(/ADDRESS\/PREFIX/);
    const used = [parseSubnet('192.168.0.0/24'), parseSubnet('172.17.0.0/16')];
    expect(formatSubnet(nextFreeSubnet(used)!)).toBe('172.18.0.0/16');
    expect(formatSubnet(nextFreeSubnet([...used, parseSubnet('172.18.5.0/24')])!)).toBe('172.19.0.0/16');
  });
});

describe('flags', () => {
  it('parses the documents\' spellings of docker run', () => {
    const p = parseFlags(['-dit', '--name', 'busybox1', 'busybox', 'sh'], RUN_FLAGS, 'run', { stopAtPositional: true });
    expect([has(p, 'detach'), has(p, 'interactive'), has(p, 'tty'), value(p, 'name')]).toEqual([true, true, true, 'busybox1']);
    expect(p.args).toEqual(['busybox', 'sh']);
    const q = parseFlags(['-it', '-d', '--name=bbox1', '--net=none', '-p', '8080:80', '-p=81:80', 'base', '/bin/bash', '-c', 'ls -l'], RUN_FLAGS, 'run', { stopAtPositional: true });
    expect([value(q, 'name'), value(q, 'net'), values(q, 'publish')]).toEqual(['bbox1', 'none', ['8080:80', '81:80']]);
    expect(q.args).toEqual(['base', '/bin/bash', '-c', 'ls -l']); // flags after IMAGE belong to CMD
  });
  it('reports unknown flags as Docker does, with what nslab supports', () => {
    const err = (() => { try { parseFlags(['--foo', 'busybox'], RUN_FLAGS, 'run', { stopAtPositional: true }); } catch (e) { return e; } })() as DockerError;
    expect(err).toBeInstanceOf(DockerError);
    expect(err.exitCode).toBe(125);
    expect(err.message.split('\n').slice(0, 2)).toEqual(['unknown flag: --foo', "See 'docker run --help'."]);
    expect(err.message).toMatch(/nslab's docker supports: run/);
    expect(() => parseFlags(['-v', '/x:/y', 'busybox'], RUN_FLAGS, 'run', { stopAtPositional: true })).toThrow(/does not implement -v/);
    expect(() => parseFlags(['--name'], RUN_FLAGS, 'run', { stopAtPositional: true })).toThrow(/flag needs an argument: --name/);
  });
  it('parses -p HOST:CONTAINER[/tcp] and refuses the rest clearly', () => {
    expect(parsePort('8080:80')).toEqual({ hostPort: 8080, containerPort: 80, proto: 'tcp' });
    expect(parsePort('0.0.0.0:8080:80/tcp')).toEqual({ hostPort: 8080, containerPort: 80, proto: 'tcp' });
    expect(() => parsePort('80')).toThrow(/-p 8080:80/);
    expect(() => parsePort('53:53/udp')).toThrow(/tcp ports only/);
  });
});

describe('go templates', () => {
  const data = { State: { Pid: 2778, Running: true }, NetworkSettings: { IPAddress: '172.17.0.2', Networks: { bridge: { IPAddress: '172.17.0.2' }, mynet: { IPAddress: '172.18.0.2' } } }, Args: [] as string[] };
  it('renders the field paths, json, range and index learners type', () => {
    expect(renderTemplate('{{.State.Pid}}', data)).toBe('2778');
    expect(renderTemplate('{{ .NetworkSettings.IPAddress }}', data)).toBe('172.17.0.2');
    expect(renderTemplate('{{json .State}}', data)).toBe('{"Pid":2778,"Running":true}');
    expect(renderTemplate('{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}', data)).toBe('172.17.0.2 172.18.0.2 ');
    expect(renderTemplate('{{index .NetworkSettings.Networks "mynet"}}', data)).toBe('map[IPAddress:172.18.0.2]');
    expect(renderTemplate('pid={{.State.Pid}} up={{.State.Running}} args={{.Args}} x={{.Nope}}', data)).toBe('pid=2778 up=true args=[] x=<no value>');
  });
  it('reports broken templates', () => {
    expect(() => renderTemplate('{{.State.Pid', data)).toThrow(TemplateError);
    expect(() => renderTemplate('{{range .Args}}', data)).toThrow(/no \{\{end\}\}/);
    expect(() => renderTemplate('{{frobnicate .State}}', data)).toThrow(/can't give argument|not defined/);
  });
});

function twoContainerState(): RuntimeState {
  const ep = (n: number) => ({ networkId: 'd307261937e987e9a0d46279c2033824920167f31f1b0371a9f7dfc52b9e55ca', networkName: 'bridge', endpointId: `e${n}`.padEnd(64, '0'), ifname: 'eth0', hostIf: `veth000000${n}`, ip: `172.17.0.${n}`, prefixlen: 16, gateway: '172.17.0.1', mac: macForIp(`172.17.0.${n}`) });
  const c = (id: string, name: string, n: number, t: string) => ({ id, name, image: 'busybox', cmd: ['sh'], created: t, startedAt: t, pid: 100 + n, running: true, exitCode: 0, hostname: id.slice(0, 12), networkMode: 'bridge', endpoints: [ep(n)], ports: [], helpers: [], tty: true, interactive: true, autoRemove: false });
  return {
    version: 1,
    networks: [
      { id: 'd307261937e987e9a0d46279c2033824920167f31f1b0371a9f7dfc52b9e55ca', name: 'bridge', driver: 'bridge', bridge: 'docker0', subnet: '172.17.0.0/16', gateway: '172.17.0.1', created: '2026-01-01T00:00:00Z', builtin: true },
      { id: '9a4e6a25b62e'.padEnd(64, '1'), name: 'host', driver: 'host', created: '2026-01-01T00:00:00Z', builtin: true },
      { id: '53cf3a3b2e4f'.padEnd(64, '2'), name: 'none', driver: 'null', created: '2026-01-01T00:00:00Z', builtin: true },
    ],
    containers: [
      c('4710242fd42dc97b8f36470ceb8a29c32979a60f00cccc8d55edcab04216d6d3', 'busybox1', 2, '2026-01-01T00:00:00Z'),
      c('fa6c607330b5cf06753e86e89b0fa7c9620e7187a4905a67c07499fdc477d4c2', 'busybox2', 3, '2026-01-01T00:00:30Z'),
    ],
  };
}

describe('output shapes', () => {
  it('docker network inspect bridge has the document\'s fields and values', () => {
    const seed = JSON.parse(readFileSync(join(FIX, 'seed-002-network-inspect-bridge.json'), 'utf8'))[0];
    const ours = networkJson(twoContainerState(), twoContainerState().networks[0]) as Record<string, any>;
    for (const key of Object.keys(seed)) expect(ours).toHaveProperty(key);
    expect([ours.Name, ours.Scope, ours.Driver, ours.IPAM.Driver, ours.IPAM.Options]).toEqual([seed.Name, seed.Scope, seed.Driver, seed.IPAM.Driver, seed.IPAM.Options]);
    expect(ours.IPAM.Config[0].Subnet).toBe(seed.IPAM.Config[0].Subnet);
    for (const [id, entry] of Object.entries<Record<string, string>>(seed.Containers)) {
      expect(Object.keys(ours.Containers[id])).toEqual(Object.keys(entry));
      const { EndpointID: _e, ...rest } = entry;
      expect(ours.Containers[id]).toMatchObject(rest);
    }
  });
  it('docker network ls and docker ps are Docker\'s tables', () => {
    const s = twoContainerState();
    expect(networkTable(s)).toBe(
      'NETWORK ID     NAME     DRIVER   SCOPE\n' +
      'd307261937e9   bridge   bridge   local\n' +
      '9a4e6a25b62e   host     host     local\n' +
      '53cf3a3b2e4f   none     null     local\n');
    const now = Date.parse('2026-01-01T00:01:00Z');
    expect(psTable(s, () => true, { all: false, quiet: false }, now)).toBe(
      'CONTAINER ID   IMAGE     COMMAND   CREATED              STATUS              PORTS   NAMES\n' +
      'fa6c607330b5   busybox   "sh"      30 seconds ago       Up 30 seconds               busybox2\n' +
      '4710242fd42d   busybox   "sh"      About a minute ago   Up About a minute           busybox1\n',
    );
    expect(psTable(s, (c) => c.name === 'busybox1', { all: false, quiet: true }, now)).toBe('4710242fd42d\n');
    expect(humanDuration(400)).toBe('Less than a second');
    expect(humanDuration(3 * 60_000)).toBe('3 minutes');
  });
});

describe('untilForwarding', () => {
  it('waits until the port forwards, gives up at its deadline, and does not wait for a port that is not there', async () => {
    const { untilForwarding } = await import('../../src/runtime/port-state.js');
    const states = ['0\n', '0\n', '2\n', '3\n'];
    let reads = 0;
    expect(await untilForwarding('vethabc', { read: () => states[Math.min(reads++, states.length - 1)] })).toBe(true);
    expect(reads).toBe(4);
    expect(await untilForwarding('vethabc', { read: () => '0\n', timeoutMs: 30 })).toBe(false);
    let asked = 0;
    expect(await untilForwarding('vethgone', { read: () => { asked++; return undefined; } })).toBe(false);
    expect(asked).toBe(1);
  });
});
