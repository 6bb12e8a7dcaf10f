// Keeps what a command printed, within a bound: the head and the tail, with a note of what
// was dropped between. Explanations read it; the terminal has already shown everything.

export class BoundedText {
  private head: Buffer[] = [];
  private headLen = 0;
  private tail: Buffer[] = [];
  private tailLen = 0;
  private dropped = 0;

  constructor(private readonly headMax = 128 * 1024, private readonly tailMax = 64 * 1024) {}

  push(chunk: Buffer): void {
    if (this.headLen < this.headMax) {
      const take = chunk.subarray(0, this.headMax - this.headLen);
      this.head.push(take);
      this.headLen += take.length;
      chunk = chunk.subarray(take.length);
    }
    if (!chunk.length) return;
    this.tail.push(chunk);
    this.tailLen += chunk.length;
    while (this.tailLen - this.tail[0].length >= this.tailMax) {
      this.dropped += this.tail[0].length;
      this.tailLen -= this.tail[0].length;
      this.tail.shift();
    }
  }

  get droppedBytes(): number {
    return this.dropped;
  }

  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    if (!this.tail.length) return head;
    const gap = this.dropped ? `\n[… ${this.dropped} bytes not kept …]\n` : '';
    return head + gap + Buffer.concat(this.tail).toString('utf8');
  }
}
