import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The audit log: one JSON object per line, append-only. `append` resolves only after the line is on
 * disk (write + fdatasync), so a change is never answered before it is recorded. Appends are
 * serialised through one queue; entries that arrive while a flush is running are written together
 * and share the next fdatasync (group commit), so a burst costs one disk flush, not one per entry.
 *
 * Readers scan the file backwards in fixed-size chunks: newest first, memory bounded by the chunk
 * and the page size, however large the file. Rotation and retention are left to the platform
 * (logrotate with copytruncate is not safe here; rotate by renaming and reopening).
 */

export type AuthVia = 'cookie' | 'token' | 'oidc';

export interface AuditTarget {
  cluster: string;
  keyspace?: string;
  shard?: string;
  tablet?: string;
  namespace?: string;
}

export interface AuditEntry {
  /** ISO-8601, set by the writer */
  time: string;
  user: string;
  authVia: AuthVia;
  /** e.g. `vtctl`, `schema.apply`, `sql.execute`, `k8s.pods.delete` */
  action: string;
  args: string[];
  target: AuditTarget;
  result: 'allowed' | 'denied' | 'ok' | 'error';
  message?: string;
  requestId: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'time'>;

export interface AuditQuery {
  user?: string;
  keyspace?: string;
  /** ISO-8601 bounds, inclusive */
  since?: string;
  until?: string;
  /** 1..1000, default 100 */
  limit?: number;
  /** `nextCursor` of the previous page */
  cursor?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  /** absent on the last page */
  nextCursor?: string;
}

export interface AuditLog {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  query(q?: AuditQuery): Promise<AuditPage>;
  close(): Promise<void>;
}

/** One argument longer than this is cut (a pasted dump must not make a multi-megabyte line). */
const MAX_ARG_CHARS = 8192;
const CHUNK = 64 * 1024;

export class AuditCursorError extends Error {
  override name = 'AuditCursorError';
}

export async function openAuditLog(path: string): Promise<AuditLog> {
  await mkdir(dirname(path), { recursive: true });
  const file = await open(path, 'a+', 0o600);
  await repairTornTail(file);

  let queue: { line: string; done: () => void; fail: (e: unknown) => void }[] = [];
  let flushing = false;
  let drained: Promise<void> = Promise.resolve();
  let closed = false;

  const flush = async () => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await writeAll(file, Buffer.from(batch.map((b) => b.line).join(''), 'utf8'));
        await file.datasync();
        for (const b of batch) b.done();
      } catch (e) {
        for (const b of batch) b.fail(e);
      }
    }
    // Same synchronous step as the empty-queue check above: an append cannot slip in between.
    flushing = false;
  };

  return {
    append(input) {
      if (closed) return Promise.reject(new Error('audit log is closed'));
      const entry: AuditEntry = { time: new Date().toISOString(), ...input, args: input.args.map(clip) };
      if (entry.message !== undefined) entry.message = clip(entry.message);
      return new Promise<AuditEntry>((resolve, reject) => {
        queue.push({ line: `${JSON.stringify(entry)}\n`, done: () => resolve(entry), fail: reject });
        if (!flushing) {
          flushing = true;
          drained = flush();
        }
      });
    },
    query: (q = {}) => queryFile(path, q),
    async close() {
      closed = true;
      await drained;
      await file.close();
    },
  };
}

type FileHandle = Awaited<ReturnType<typeof open>>;

async function writeAll(file: FileHandle, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await file.write(data, offset);
    offset += bytesWritten;
  }
}

function clip(s: string): string {
  return s.length > MAX_ARG_CHARS
    ? `${s.slice(0, MAX_ARG_CHARS)}…[${s.length - MAX_ARG_CHARS} more chars]`
    : s;
}

/** A crash in the middle of a write can leave a last line without `\n`; end it so the next entry
 * starts on its own line (the reader skips the broken one). */
async function repairTornTail(file: FileHandle): Promise<void> {
  const { size } = await file.stat();
  if (size === 0) return;
  const last = Buffer.alloc(1);
  await file.read(last, 0, 1, size - 1);
  if (last[0] !== 0x0a) {
    await file.write('\n');
    await file.datasync();
  }
}

async function queryFile(path: string, q: AuditQuery): Promise<AuditPage> {
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 100), 1), 1000);
  const since = q.since ? Date.parse(q.since) : undefined;
  const until = q.until ? Date.parse(q.until) : undefined;
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    let end = size;
    if (q.cursor !== undefined) {
      end = Number(q.cursor);
      if (!/^\d+$/.test(q.cursor) || end > size)
        throw new AuditCursorError(`invalid audit cursor: ${q.cursor}`);
    }
    const items: AuditEntry[] = [];
    // Bytes of a line whose start lies in a chunk not read yet.
    let carry = Buffer.alloc(0);
    let pos = end;
    while (pos > 0) {
      const start = Math.max(0, pos - CHUNK);
      const chunk = Buffer.alloc(pos - start);
      await file.read(chunk, 0, chunk.length, start);
      const buf = Buffer.concat([chunk, carry]);
      pos = start;
      let lineEnd = buf.length;
      for (let i = buf.length - 1; i >= -1; i--) {
        if (i >= 0 && buf[i] !== 0x0a) continue;
        if (i < 0 && pos > 0) break;
        const lineStart = i + 1;
        if (lineEnd > lineStart) {
          const entry = parseLine(buf.subarray(lineStart, lineEnd));
          if (entry) {
            const t = Date.parse(entry.time);
            if (since !== undefined && t < since) return { items };
            if (matches(entry, q, t, until)) {
              items.push(entry);
              if (items.length === limit) {
                const offset = pos + lineStart;
                return offset > 0 ? { items, nextCursor: String(offset) } : { items };
              }
            }
          }
        }
        lineEnd = i;
      }
      carry = buf.subarray(0, Math.max(lineEnd, 0));
    }
    return { items };
  } finally {
    await file.close();
  }
}

function parseLine(line: Buffer): AuditEntry | null {
  try {
    const v = JSON.parse(line.toString('utf8')) as AuditEntry;
    return typeof v === 'object' && v !== null && typeof v.time === 'string' ? v : null;
  } catch {
    return null;
  }
}

function matches(entry: AuditEntry, q: AuditQuery, time: number, until: number | undefined): boolean {
  if (q.user !== undefined && entry.user !== q.user) return false;
  if (q.keyspace !== undefined && entry.target?.keyspace !== q.keyspace) return false;
  return until === undefined || time <= until;
}
