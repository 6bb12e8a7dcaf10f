// The frames between a lab's shell and the server's line editor, read out of a stream that
// may cut them anywhere: every frame found once, every other byte passed on, in order.
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameScanner, FROM_LAB, TO_LAB, type FromLabFrame, type Piece, type ToLabFrame } from '../../src/serve/line-frames.js';

const TOKEN = 'k3y';
const prompt = encodeFrame(FROM_LAB, TOKEN, { kind: 'prompt', prompt: '[00 · 1/5] host # ' });

/** What the scanner makes of `chunks`, with neighbouring bytes joined. */
function scan<F extends { kind: string }>(scanner: FrameScanner<F>, chunks: Buffer[]): (string | F)[] {
  const out: (string | F)[] = [];
  const add = (p: Piece<F>) => {
    if ('frame' in p) out.push(p.frame);
    else if (typeof out.at(-1) === 'string') out[out.length - 1] += p.bytes.toString('latin1');
    else out.push(p.bytes.toString('latin1'));
  };
  for (const c of chunks) scanner.push(c).forEach(add);
  const rest = scanner.flush();
  if (rest.length) add({ bytes: rest });
  return out;
}

describe('line frames', () => {
  it('finds a frame between output, and keeps the output around it as it was', () => {
    const stream = Buffer.concat([Buffer.from('eth0 up\r\n\x1b[1mbold\x1b[0m\r\n'), Buffer.from(prompt), Buffer.from('after')]);
    expect(scan(new FrameScanner<FromLabFrame>(FROM_LAB, TOKEN), [stream])).toEqual([
      'eth0 up\r\n\x1b[1mbold\x1b[0m\r\n', { kind: 'prompt', prompt: '[00 · 1/5] host # ' }, 'after',
    ]);
  });

  it('finds it wherever the stream is cut, one byte at a time included', () => {
    const stream = Buffer.concat([Buffer.from('a\x1b]0;title\x07b'), Buffer.from(prompt), Buffer.from('\x1bc')]);
    for (let cut = 1; cut < stream.length; cut++) {
      const got = scan(new FrameScanner<FromLabFrame>(FROM_LAB, TOKEN), [stream.subarray(0, cut), stream.subarray(cut)]);
      expect(got, `cut at ${cut}`).toEqual(['a\x1b]0;title\x07b', { kind: 'prompt', prompt: '[00 · 1/5] host # ' }, '\x1bc']);
    }
    const bytes = [...stream].map((b) => Buffer.from([b]));
    expect(scan(new FrameScanner<FromLabFrame>(FROM_LAB, TOKEN), bytes)).toHaveLength(3);
  });

  it('passes on what only looks like a frame: another token, the other channel, an unknown kind, a body that is not JSON', () => {
    const lookalikes = [
      encodeFrame(FROM_LAB, 'other', { kind: 'prompt', prompt: 'x' }),
      encodeFrame(TO_LAB, TOKEN, { kind: 'eof' }),
      `\x1b]${FROM_LAB};${TOKEN};exec;${Buffer.from('{}').toString('base64')}\x07`,
      `\x1b]${FROM_LAB};${TOKEN};prompt;not-base64-json\x07`,
      `\x1b]${FROM_LAB};${TOKEN};prompt;${Buffer.from('[1]').toString('base64')}\x07`,
    ];
    for (const text of lookalikes) expect(scan(new FrameScanner<FromLabFrame>(FROM_LAB, TOKEN), [Buffer.from(text)]), text).toEqual([text]);
  });

  it('carries any text in a line, Chinese and control characters included', () => {
    const line: ToLabFrame = { kind: 'line', text: 'echo 网桥 "\x07\x1b]7771;" ; ls' };
    const framed = Buffer.from(encodeFrame(TO_LAB, TOKEN, line) + encodeFrame(TO_LAB, TOKEN, { kind: 'complete', id: 3, line: 'ip l' }));
    expect(scan(new FrameScanner<ToLabFrame>(TO_LAB, TOKEN), [framed.subarray(0, 7), framed.subarray(7)])).toEqual([line, { kind: 'complete', id: 3, line: 'ip l' }]);
  });

  it('gives up waiting for the end of a "frame" that never ends, past 256 KiB, and shows it', () => {
    const scanner = new FrameScanner<FromLabFrame>(FROM_LAB, TOKEN);
    const head = `\x1b]${FROM_LAB};${TOKEN};prompt;`;
    expect(scanner.push(Buffer.from(head))).toEqual([]);
    const flood = Buffer.alloc(300 * 1024, 'A');
    const pieces = scanner.push(flood);
    expect(pieces.map((p) => ('bytes' in p ? p.bytes.length : -1)).reduce((a, b) => a + b, 0)).toBe(head.length + flood.length);
  });
});
