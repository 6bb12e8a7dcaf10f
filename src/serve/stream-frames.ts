// Messages carried in a terminal's stream itself, as OSC sequences no terminal shows:
//   ESC ] CHANNEL ; TOKEN ; BODY BEL
// (a workshop lab's terminal agent and the server speak so: src/serve/lab-agent.ts). In
// the stream, not beside it: a message comes after the last byte written before it, and
// each travels in order with the rest. TOKEN is the lab's own, so that output which merely
// looks like a message (a binary file `cat` on the terminal) is shown as it is.
//
// Pure: reading messages out of a stream that may cut one anywhere.

/** A piece of the stream: bytes to pass on as they are, or a frame. */
export type Piece<F> = { bytes: Buffer } | { frame: F };

/** The longest frame kept waiting for its end: a larger "frame" is passed on as bytes. */
const FRAME_MAX = 256 * 1024;

/** Reads the frames of one channel out of a stream, chunk by chunk. A frame cut between
 * chunks waits for the rest; bytes that only begin like one wait too, no longer than it
 * takes to tell. */
export class FrameScanner<F extends { kind: string }> {
  private held = Buffer.alloc(0);
  private readonly head: Buffer;
  private readonly decode: (body: string) => F | undefined;

  /** `decode` reads what follows `ESC ] CHANNEL ; TOKEN ;` up to the BEL; undefined: no
   * message, and the bytes are passed on as they are. */
  constructor(channel: string, token: string, decode: (body: string) => F | undefined) {
    this.head = Buffer.from(`\x1b]${channel};${token};`);
    this.decode = decode;
  }

  push(chunk: Buffer): Piece<F>[] {
    let buf = this.held.length ? Buffer.concat([this.held, chunk]) : chunk;
    this.held = Buffer.alloc(0);
    const out: Piece<F>[] = [];
    const pass = (b: Buffer) => { if (b.length) out.push({ bytes: b }); };
    for (;;) {
      const start = buf.indexOf(0x1b);
      if (start < 0) { pass(buf); return out; }
      // Does a frame's head begin here (or could it, with the bytes still to come)?
      const avail = buf.subarray(start, start + this.head.length);
      if (!this.head.subarray(0, avail.length).equals(avail)) {
        pass(buf.subarray(0, start + 1));
        buf = buf.subarray(start + 1);
        continue;
      }
      pass(buf.subarray(0, start));
      buf = buf.subarray(start);
      if (avail.length < this.head.length) { this.held = Buffer.from(buf); return out; }
      const end = buf.indexOf(0x07, this.head.length);
      if (end < 0) {
        if (buf.length > FRAME_MAX) { pass(buf); return out; }
        this.held = Buffer.from(buf);
        return out;
      }
      const frame = this.decode(buf.subarray(this.head.length, end).toString('latin1'));
      if (frame) out.push({ frame });
      else pass(buf.subarray(0, end + 1));
      buf = buf.subarray(end + 1);
    }
  }

  /** What is held back waiting for the rest of a frame, given up (the stream ended). */
  flush(): Buffer {
    const b = this.held;
    this.held = Buffer.alloc(0);
    return b;
  }
}
