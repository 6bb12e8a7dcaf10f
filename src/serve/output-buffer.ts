// The recent output of a learner's terminal, kept so that a page opened again (a reload,
// a second tab, a laptop waking up) shows what the terminal showed. Bounded: the oldest
// chunks go first.
export class OutputBuffer {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly max = 256 * 1024) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.max && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
    if (this.size > this.max) {
      const only = this.chunks[0];
      this.chunks[0] = only.subarray(only.length - this.max);
      this.size = this.max;
    }
  }

  contents(): Buffer {
    return Buffer.concat(this.chunks);
  }

  clear(): void {
    this.chunks = [];
    this.size = 0;
  }
}

/** Output allowed per second to one learner's page; a learner flooding their terminal
 * (`yes`) is slowed to this, alone, by pausing their pty until the budget refills. */
export class OutputBudget {
  private tokens: number;
  private last: number;

  /** `now` is the clock (ms); tests give their own so that refilling needs no waiting. */
  constructor(private readonly perSecond = 2 * 1024 * 1024, private readonly now: () => number = Date.now) {
    this.tokens = perSecond;
    this.last = now();
  }

  /** Spends `n` bytes; returns how long to pause (ms) before more, 0 for none. */
  spend(n: number): number {
    const now = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.perSecond) * 1000);
  }
}
