import { periodicLine, startupLines } from './log-lines';
import type { Store } from './store';
import type { Pod } from './types';

// Container logs of the fake cluster: startup lines when a container starts, then one line per
// container every interval while the pod runs. `follow` readers get lines as they are appended.

export interface LogLine {
  at: number;
  text: string;
}

interface Follower {
  line(l: LogLine): void;
  end(): void;
}

const MAX_LINES = 2_000;
/** Back-filled history for pods that were "started" in the past (demo data), so logs are not empty. */
const MAX_BACKFILL = 120;

export class LogBook {
  private readonly buffers = new Map<string, LogLine[]>();
  private readonly ticks = new Map<string, number>();
  private readonly followers = new Map<string, Set<Follower>>();

  constructor(
    private readonly store: Store,
    private readonly intervalMs: number,
  ) {}

  start(pod: Pod, startedAt: number): void {
    const uid = pod.metadata.uid ?? '';
    const now = Date.now();
    for (const c of pod.spec.containers) {
      const key = `${uid}/${c.name}`;
      for (const [i, text] of startupLines(pod, c.name, startedAt).entries())
        this.append(key, { at: startedAt + i, text });
      const missed = Math.min(MAX_BACKFILL, Math.floor((now - startedAt) / this.intervalMs));
      for (let i = missed; i >= 1; i--) this.periodic(pod, c.name, now - i * this.intervalMs);
    }
  }

  /** One periodic line for every container of every running pod. */
  tick(): void {
    const now = Date.now();
    for (const pod of this.store.list('pods') as Pod[]) {
      if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) continue;
      for (const c of pod.spec.containers) this.periodic(pod, c.name, now);
    }
  }

  lines(uid: string, container: string): LogLine[] {
    return this.buffers.get(`${uid}/${container}`) ?? [];
  }

  follow(uid: string, container: string, follower: Follower): () => void {
    const key = `${uid}/${container}`;
    let set = this.followers.get(key);
    if (!set) {
      set = new Set();
      this.followers.set(key, set);
    }
    set.add(follower);
    return () => set.delete(follower);
  }

  /** The pod is gone: its streams end and its logs are dropped, as when a real pod is deleted. */
  end(uid: string): void {
    for (const [key, set] of this.followers) {
      if (!key.startsWith(`${uid}/`)) continue;
      for (const f of set) f.end();
      this.followers.delete(key);
    }
    for (const map of [this.buffers, this.ticks])
      for (const key of [...map.keys()]) if (key.startsWith(`${uid}/`)) map.delete(key);
  }

  private periodic(pod: Pod, container: string, at: number): void {
    const key = `${pod.metadata.uid}/${container}`;
    const n = (this.ticks.get(key) ?? 0) + 1;
    this.ticks.set(key, n);
    this.append(key, { at, text: periodicLine(pod, container, at, n) });
  }

  private append(key: string, line: LogLine): void {
    let buf = this.buffers.get(key);
    if (!buf) {
      buf = [];
      this.buffers.set(key, buf);
    }
    buf.push(line);
    if (buf.length > MAX_LINES) buf.splice(0, buf.length - MAX_LINES);
    for (const f of this.followers.get(key) ?? []) f.line(line);
  }
}
