// Messages carried in a terminal's stream (a lab's agent and the server), read out of a
// stream that may cut them anywhere: every message found once, every other byte passed
// on, in order.
import { describe, expect, it } from 'vitest';
import { FrameScanner, type Piece } from '../../src/serve/stream-frames.js';
import { decodeAgentFrame, encodeAgentMessage, FROM_AGENT, TO_AGENT } from '../../src/serve/lab-agent.js';

const TOKEN = 'k3y';
type Frame = NonNullable<ReturnType<typeof decodeAgentFrame>>;
const said = (kind: string, id: number, data: string) => `\x1b]${FROM_AGENT};${TOKEN};${kind};${id};${Buffer.from(data).toString('base64')}\x07`;
const status = said('status', 2, '0\0');
const STATUS = { kind: 'status', id: 2, data: Buffer.from('0\0') };
const fromAgent = () => new FrameScanner<Frame>(FROM_AGENT, TOKEN, decodeAgentFrame);
/** The server's messages to the agent, read as the agent reads them (bin/lib/agent.pl). */
const toAgent = () => new FrameScanner<{ kind: string; id: string; data: string }>(TO_AGENT, TOKEN, (body) => {
  const [kind, id, b64] = body.split(';');
  return b64 === undefined ? undefined : { kind, id, data: Buffer.from(b64, 'base64').toString() };
});

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

describe('messages in a terminal\'s stream', () => {
  it('finds a frame between output, and keeps the output around it as it was', () => {
    const stream = Buffer.concat([Buffer.from('eth0 up\r\n\x1b[1mbold\x1b[0m\r\n'), Buffer.from(status), Buffer.from('after')]);
    expect(scan(fromAgent(), [stream])).toEqual(['eth0 up\r\n\x1b[1mbold\x1b[0m\r\n', STATUS, 'after']);
  });

  it('finds it wherever the stream is cut, one byte at a time included', () => {
    const stream = Buffer.concat([Buffer.from('a\x1b]0;title\x07b'), Buffer.from(status), Buffer.from('\x1bc')]);
    for (let cut = 1; cut < stream.length; cut++) {
      const got = scan(fromAgent(), [stream.subarray(0, cut), stream.subarray(cut)]);
      expect(got, `cut at ${cut}`).toEqual(['a\x1b]0;title\x07b', STATUS, '\x1bc']);
    }
    const bytes = [...stream].map((b) => Buffer.from([b]));
    expect(scan(fromAgent(), bytes)).toHaveLength(3);
  });

  it('passes on what only looks like a message: another token, the other channel, an unknown kind, a body that is not base64', () => {
    const lookalikes = [
      status.replace(TOKEN, 'other'),
      encodeAgentMessage(TOKEN, 'bye', 0, '0'),
      said('exec', 1, 'x'),
      `\x1b]${FROM_AGENT};${TOKEN};out;1;not base64!\x07`,
      `\x1b]${FROM_AGENT};${TOKEN};out;x;${Buffer.from('x').toString('base64')}\x07`,
    ];
    for (const text of lookalikes) expect(scan(fromAgent(), [Buffer.from(text)]), text).toEqual([text]);
  });

  it('carries any text in a line, Chinese and control characters included', () => {
    const text = 'C0123456789abcdef echo 网桥 "\x07\x1b]7773;" ; ls\0';
    const framed = Buffer.from(encodeAgentMessage(TOKEN, 'line', 1, text) + encodeAgentMessage(TOKEN, 'kill', 3));
    expect(scan(toAgent(), [framed.subarray(0, 7), framed.subarray(7)])).toEqual([{ kind: 'line', id: '1', data: text }, { kind: 'kill', id: '3', data: '' }]);
  });

  it('gives up waiting for the end of a "frame" that never ends, past 256 KiB, and shows it', () => {
    const scanner = fromAgent();
    const head = `\x1b]${FROM_AGENT};${TOKEN};out;1;`;
    expect(scanner.push(Buffer.from(head))).toEqual([]);
    const flood = Buffer.alloc(300 * 1024, 'A');
    const pieces = scanner.push(flood);
    expect(pieces.map((p) => ('bytes' in p ? p.bytes.length : -1)).reduce((a, b) => a + b, 0)).toBe(head.length + flood.length);
  });
});
