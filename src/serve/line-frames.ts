// The messages between a workshop lab's shell and the server's line editor, carried in
// the learner's terminal stream itself (src/serve/page-line-editor.ts says why the editor
// is the server's). In the stream each one is an OSC sequence that no terminal shows:
//   ESC ] 7770 ; TOKEN ; KIND ; BASE64(JSON) BEL     from the lab (its output)
//   ESC ] 7771 ; TOKEN ; KIND ; BASE64(JSON) BEL     to the lab (its input)
// In the stream, not beside it: a prompt comes after the last byte the line printed, and a
// line reaches the shell after the keys the command before it left unread, because each
// travels in order with the rest. TOKEN is the lab's own (given in its environment), so
// that output which merely looks like a frame (a binary file `cat` on the terminal) is
// shown as it is rather than taken for one.
//
// Pure: building frames, and reading them out of a stream that may cut one anywhere.

export const FROM_LAB = '7770';
export const TO_LAB = '7771';

/** The lab's shell is at its prompt: the editor takes the keys. */
export interface PromptFrame { kind: 'prompt'; prompt: string }
/** Keys the shell read that were typed for no command (between a command's end and its
 * prompt): the editor puts them on the new line. */
export interface TypeaheadFrame { kind: 'typeahead'; text: string }
/** The answer to a completion request. */
export interface CompletionsFrame { kind: 'completions'; id: number; list: string[]; token: string }
export type FromLabFrame = PromptFrame | TypeaheadFrame | CompletionsFrame;

/** A line to run; the end of input (Ctrl-D on an empty line); Tab on a line. */
export type ToLabFrame = { kind: 'line'; text: string } | { kind: 'eof' } | { kind: 'complete'; id: number; line: string };

const KINDS: Record<string, ReadonlySet<string>> = {
  [FROM_LAB]: new Set(['prompt', 'typeahead', 'completions']),
  [TO_LAB]: new Set(['line', 'eof', 'complete']),
};

export function encodeFrame(channel: typeof FROM_LAB | typeof TO_LAB, token: string, frame: FromLabFrame | ToLabFrame): string {
  const { kind, ...data } = frame;
  return `\x1b]${channel};${token};${kind};${Buffer.from(JSON.stringify(data)).toString('base64')}\x07`;
}

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

  /** `decode` reads what follows `ESC ] CHANNEL ; TOKEN ;` up to the BEL (default: this
   * file's `KIND ; BASE64(JSON)`); undefined: no frame, and the bytes are passed on. */
  constructor(channel: string, token: string, decode?: (body: string) => F | undefined) {
    this.head = Buffer.from(`\x1b]${channel};${token};`);
    this.decode = decode ?? ((body) => decodeJsonFrame<F>(channel, body));
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

function decodeJsonFrame<F>(channel: string, body: string): F | undefined {
  const semi = body.indexOf(';');
  const kind = body.slice(0, semi);
  if (semi < 0 || !KINDS[channel]?.has(kind)) return undefined;
  try {
    const data = JSON.parse(Buffer.from(body.slice(semi + 1), 'base64').toString('utf8')) as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
    return { ...(data as object), kind } as F;
  } catch {
    return undefined;
  }
}
