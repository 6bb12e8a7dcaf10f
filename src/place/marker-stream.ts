// Splits a byte stream at an end marker: bytes before it are passed on as they arrive,
// the marker itself is swallowed, and a marker cut across two chunks is still found. The
// shell uses it to know when a captured command's output is complete (its pipe stays open
// for the next line, so end-of-file never comes).

export class MarkerStream {
  private pending: Buffer = Buffer.alloc(0);
  private marker: Buffer | undefined;
  private onMarker: (() => void) | undefined;

  constructor(private readonly forward: (chunk: Buffer) => void) {}

  /** Waits for `marker`; `done` is called once it has passed through. */
  expect(marker: string, done: () => void): void {
    this.marker = Buffer.from(marker);
    this.onMarker = done;
    this.push(Buffer.alloc(0));
  }

  push(chunk: Buffer): void {
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    if (!this.marker) {
      if (data.length) this.forward(data);
      return;
    }
    const at = data.indexOf(this.marker);
    if (at >= 0) {
      if (at > 0) this.forward(data.subarray(0, at));
      const rest = data.subarray(at + this.marker.length);
      const done = this.onMarker!;
      this.marker = undefined;
      this.onMarker = undefined;
      done();
      if (rest.length) this.forward(rest);
      return;
    }
    // Hold back a tail that could be the start of the marker.
    const keep = longestPrefixAtEnd(data, this.marker);
    if (data.length - keep > 0) this.forward(data.subarray(0, data.length - keep));
    this.pending = Buffer.from(data.subarray(data.length - keep));
    data = Buffer.alloc(0);
  }
}

function longestPrefixAtEnd(data: Buffer, marker: Buffer): number {
  const max = Math.min(marker.length - 1, data.length);
  for (let n = max; n > 0; n--) {
    if (data.subarray(data.length - n).equals(marker.subarray(0, n))) return n;
  }
  return 0;
}
