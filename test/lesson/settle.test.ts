import { describe, expect, it } from 'vitest';
import { parseCheck } from '../../src/lesson/check-syntax.js';
import { mayFinishLater, settle } from '../../src/lesson/settle.js';

const check = (line: string) => {
  const p = parseCheck(line);
  if (!p.ok) throw new Error(p.error);
  return p.value;
};

describe('settle', () => {
  it('tries again until the result holds, then stops', async () => {
    let n = 1;
    const r = await settle(n, async () => ++n, (x) => x >= 3, 5, 1);
    expect(r).toBe(3);
    expect(n).toBe(3);
  });
  it('gives up after the tries, returning the last result', async () => {
    let n = 0;
    expect(await settle(n, async () => ++n, () => false, 2, 1)).toBe(2);
  });
  it('does not try again when the first result holds', async () => {
    let calls = 0;
    expect(await settle('ok', async () => { calls++; return 'again'; }, (x) => x === 'ok')).toBe('ok');
    expect(calls).toBe(0);
  });
  it('knows which failing checks an asynchronous teardown can explain', () => {
    expect(mayFinishLater(check('no link veth1_p'))).toBe(true);
    expect(mayFinishLater(check('veth A peer B in vm2'))).toBe(true);
    expect(mayFinishLater(check('link veth1 in net1 is up'))).toBe(false);
  });
});
