/** Every timer a fake starts, so close() leaves nothing running (tests end cleanly, no stray writes). */
export class Timers {
  private readonly handles = new Set<NodeJS.Timeout>();
  private closed = false;

  after(ms: number, fn: () => void): void {
    if (this.closed) return;
    const h = setTimeout(() => {
      this.handles.delete(h);
      run(fn);
    }, ms);
    this.handles.add(h);
  }

  every(ms: number, fn: () => void): void {
    if (this.closed) return;
    const h = setInterval(() => run(fn), ms);
    h.unref();
    this.handles.add(h);
  }

  /** Coalesces bursts of store changes into one run on the next turn of the event loop. */
  soon(fn: () => void): void {
    this.after(0, fn);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  clear(): void {
    this.closed = true;
    for (const h of this.handles) clearTimeout(h);
    this.handles.clear();
  }
}

function run(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    // A controller bug must be loud in the console but must not take the whole fake down.
    console.error('sandbox kube controller failed:', err);
  }
}
