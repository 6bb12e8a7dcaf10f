// `nslab explain` end to end: stdin in, explanation or JSON out, exit 2 when unsure.
import { describe, expect, it } from 'vitest';
import { NSLAB, runProcess } from '../helpers/lab.js';
import { fixture } from './helpers.js';

const explainCli = (args: string[], input: string) => runProcess([NSLAB, 'explain', ...args], { input, env: { NO_COLOR: '1' } });

describe('nslab explain', () => {
  it('works out the command and explains every line', async () => {
    const r = await explainCli([], fixture('route-n/lab-net-tools.txt'));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Kernel IP routing table/);
    expect(r.stdout).toMatch(/↳ The default route.*192\.168\.0\.1 out of eth0/);
    expect(r.stdout).toMatch(/255\.255\.0\.0 = \/16/);
  });
  it('--as forces the command; --json prints the parsed value', async () => {
    const r = await explainCli(['--as', 'ip netns', '--json'], fixture('ip-netns/iproute2-plain.txt'));
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ command: 'ip-netns', value: [{ name: 'net2' }, { name: 'net1' }] });
  });
  it('--compact keeps only the few notes that matter', async () => {
    const r = await explainCli(['--compact'], fixture('ip-addr/seed-wsl2-ubuntu.txt'));
    expect(r.exitCode).toBe(0);
    expect((r.stdout.match(/↳/g) ?? []).length).toBeLessThanOrEqual(4);
    expect(r.stdout).toMatch(/NO-CARRIER: no port is attached/);
  });
  it('exits 2 with a clear message when it cannot tell', async () => {
    const r = await explainCli([], 'hello world\nthis is not command output\n');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/Cannot tell which command printed this text.*--as.*"route -n"/s);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
  it('exits 2 on an unknown --as name, listing the accepted ones', async () => {
    const r = await explainCli(['--as', 'frob'], 'x\n');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/does not know the command "frob".*"brctl show"/s);
  });
});
