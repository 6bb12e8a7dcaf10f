import { describe, expect, it } from 'vitest';
import { mayFinishLater, settle } from '../../src/lesson/settle.js';

describe('settle', () => {
  it('tries again until the result holds, then stops', async () => {
    let n = 0;
    const r = await settle(async () => ++n, (x) => x >= 3, 5, 1);
    expect(r).toBe(3);
    expect(n).toBe(3);
  });
  it('gives up after the tries, returning the last result', async () => {
    let n = 0;
    expect(await settle(async () => ++n, () => false, 2, 1)).toBe(3);
  });
  it('knows which commands the kernel may finish later', () => {
    expect(mayFinishLater('ip netns del net1')).toBe(true);
    expect(mayFinishLater('docker rm -f vm2')).toBe(true);
    expect(mayFinishLater('ip link add veth0 type veth')).toBe(false);
  });
});
