// How many labs a class builds at once. Building a lab is CPU (its launcher, its pid 1,
// its shell's start, its first picture): fifty learners joining together, each lab started
// at once, shared the cores fairly and all got their prompt near the end, after 5–9 s.
// Taken in turn, a few at a time, the first labs are ready at once and the last sooner
// than before (`npm run bench`: join p50 5.1 → 2.6 s, p99 5.8 → 4.9 s). A lab holds its place until it has shown its first
// output, or ended.
import { availableParallelism } from 'node:os';

/** Three labs building per core: a lab's build waits on its processes part of the time,
 * and three kept the cores busiest (`npm run bench`, 50 learners on 2 cores: last prompt
 * after 5.3 s with two per core, 4.9 s with three, 5.2 s with five). */
export const DEFAULT_START_CONCURRENCY = Math.max(2, availableParallelism() * 3);

export class StartQueue {
  private building = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit = DEFAULT_START_CONCURRENCY) {}

  /** Resolves, in the order asked, when a lab may be built; call the function it gives
   * when that lab is built or gone (once is enough; more are ignored). */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const go = () => {
        this.building++;
        let done = false;
        resolve(() => {
          if (done) return;
          done = true;
          this.building--;
          this.waiting.shift()?.();
        });
      };
      if (this.building < this.limit) go();
      else this.waiting.push(go);
    });
  }

  /** Labs waiting for their turn. */
  get queued(): number {
    return this.waiting.length;
  }
}
