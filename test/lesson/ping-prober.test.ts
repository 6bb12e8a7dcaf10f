import { describe, expect, it } from 'vitest';
import { pingArgv, pingProber } from '../../src/lesson/index.js';
import { netns } from './fixtures.js';

const net1 = netns('net1', 'named');
const fake = (exitCode: number, stderr = '', signal?: string) => async () => ({ exitCode, stdout: '', stderr, ...(signal ? { signal } : {}) });

describe('pingProber', () => {
  it('pings once from inside the namespace', () => {
    expect(pingArgv(net1, '10.0.0.1')).toEqual(['nsenter', '--net=/run/netns/net1', 'ping', '-n', '-q', '-c', '1', '-W', '1', '10.0.0.1']);
  });
  it('exit 0 is reachable; exit 1, or 2 for an unreachable network, is not', async () => {
    expect(await pingProber({ run: fake(0) }).ping(net1, '10.0.0.1')).toBe(true);
    expect(await pingProber({ run: fake(1) }).ping(net1, '10.0.0.1')).toBe(false);
    await expect(pingProber({ run: fake(1, '', 'SIGKILL') }).ping(net1, '10.0.0.1')).rejects.toThrow('exit SIGKILL');
    expect(await pingProber({ run: fake(2, 'ping: connect: Network is unreachable\n') }).ping(net1, '10.0.0.1')).toBe(false);
  });
  it('anything else is an error with the tool\'s words', async () => {
    await expect(pingProber({ run: fake(1, 'nsenter: cannot open /run/netns/net1: No such file or directory\n') }).ping(net1, '10.0.0.1')).rejects.toThrow('nsenter: cannot open /run/netns/net1: No such file or directory');
    await expect(pingProber({ run: fake(127, 'nsenter: failed to execute ping: No such file or directory\n') }).ping(net1, '10.0.0.1')).rejects.toThrow('nsenter: failed to execute ping: No such file or directory');
  });
});
