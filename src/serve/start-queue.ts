// How many labs a class builds at once. Building a lab is CPU (its launcher, its pid 1,
// its shell's start, its first picture): fifty learners joining together, each lab started
// at once, shared the cores fairly and all got their prompt near the end, after 5–9 s.
// Taken in turn, a few at a time, the first labs are ready at once and the last no later
// than before (`npm run bench`: join). A lab holds its place until it has shown its first
// output, or ended.
import { availableParallelism } from 'node:os';

/** Two labs building per core: one computes while the other waits for its processes. */
export const DEFAULT_START_CONCURRENCY = Math.max(2, availableParallelism() * 2);

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
