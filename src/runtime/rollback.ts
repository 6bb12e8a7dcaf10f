// A stack of undo actions (the CNI bridge plugin's habit): each step that changes the
// kernel first pushes how to undo itself; on failure the stack runs backwards, so a
// failure halfway leaves nothing half-built.
export class Rollback {
  private undos: { what: string; fn: () => Promise<void> | void }[] = [];

  push(what: string, fn: () => Promise<void> | void): void {
    this.undos.push({ what, fn });
  }

  /** Undoes everything pushed so far, newest first; an undo that fails does not stop
   * the others (its error is returned for the report). */
  async unwind(): Promise<string[]> {
    const problems: string[] = [];
    while (this.undos.length) {
      const u = this.undos.pop()!;
      try {
        await u.fn();
      } catch (e) {
        problems.push(`${u.what}: ${(e as Error).message}`);
      }
    }
    return problems;
  }

  /** Success: keep what was built. */
  commit(): void {
    this.undos = [];
  }
}
