import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditLog, type NewAuditEntry, openAuditLog } from '../../src/auth/audit-log';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vtdeck-audit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (n: number, over: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  user: n % 2 === 0 ? 'alice' : 'bob',
  authVia: 'cookie',
  action: 'vtctl',
  args: [
    'ApplySchema',
    '-sql',
    `ALTER TABLE t${n} ADD c INT -- ${'x'.repeat(n % 7 === 0 ? 5000 : 10)}`,
    'customer',
  ],
  target: { cluster: 'prod', keyspace: n % 3 === 0 ? 'commerce' : 'customer' },
  result: 'ok',
  requestId: `req-${n}`,
  ...over,
});

async function withLog<T>(name: string, fn: (log: AuditLog, path: string) => Promise<T>): Promise<T> {
  const path = join(dir, name, 'audit.jsonl');
  const log = await openAuditLog(path);
  try {
    return await fn(log, path);
  } finally {
    await log.close();
  }
}

describe('audit log', () => {
  it('keeps every line whole under concurrent appends', async () => {
    await withLog('concurrent', async (log, path) => {
      await Promise.all(Array.from({ length: 300 }, (_, n) => log.append(entry(n))));
      const lines = (await readFile(path, 'utf8')).split('\n');
      expect(lines.pop()).toBe('');
      expect(lines).toHaveLength(300);
      const ids = lines.map((l) => JSON.parse(l).requestId as string);
      expect(new Set(ids).size).toBe(300);
    });
  });

  it('reads back newest first, filtered, in pages, across chunk boundaries', async () => {
    await withLog('query', async (log) => {
      for (let n = 0; n < 120; n++) await log.append(entry(n));
      const all = await log.query({ limit: 1000 });
      expect(all.items.map((e) => e.requestId)).toEqual(
        Array.from({ length: 120 }, (_, n) => `req-${119 - n}`),
      );
      expect(all.nextCursor).toBeUndefined();

      const bob = await log.query({ user: 'bob', keyspace: 'commerce', limit: 1000 });
      expect(bob.items.every((e) => e.user === 'bob' && e.target.keyspace === 'commerce')).toBe(true);
      expect(bob.items).toHaveLength(20);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await log.query({ limit: 7, cursor });
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((e) => e.requestId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.items.map((e) => e.requestId));
      await expect(log.query({ cursor: 'abc' })).rejects.toThrow(/invalid audit cursor/);
    });
  });

  it('bounds by time', async () => {
    await withLog('time', async (log) => {
      const first = await log.append(entry(1));
      await new Promise((r) => setTimeout(r, 15));
      const middle = await log.append(entry(2));
      await new Promise((r) => setTimeout(r, 15));
      await log.append(entry(3));
      const page = await log.query({ since: middle.time, until: middle.time });
      expect(page.items.map((e) => e.requestId)).toEqual(['req-2']);
      const older = await log.query({ until: first.time });
      expect(older.items.map((e) => e.requestId)).toEqual(['req-1']);
    });
  });

  it('clips huge arguments and skips a torn last line left by a crash', async () => {
    const path = join(dir, 'torn', 'audit.jsonl');
    await withLog('torn', (log) => log.append(entry(1, { args: ['x'.repeat(100_000)] })));
    await writeFile(path, '{"time":"2025-01-01T00:00:00Z","user":"half', { flag: 'a' });
    await withLog('torn', async (log) => {
      await log.append(entry(2));
      const { items } = await log.query();
      expect(items.map((e) => e.requestId)).toEqual(['req-2', 'req-1']);
      expect(items[1]!.args[0]!.length).toBeLessThan(9000);
    });
  });

  it('has the entry on disk once append resolved, even if the process is killed right after', async () => {
    const path = join(dir, 'killed', 'audit.jsonl');
    // node itself with the tsx loader (the tsx CLI would put a wrapper process between us and the writer).
    const script = join(import.meta.dirname, 'fixtures/audit-append-child.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, path, 'req-killed'], {
      cwd: resolve(import.meta.dirname, '../../../..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.on('exit', (_code, signal) => done(signal)),
    );
    try {
      await new Promise<void>((ready, fail) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('appended')) {
            child.kill('SIGKILL');
            ready();
          }
        });
        child.on('error', fail);
        child.on('exit', () => fail(new Error('child exited before appending')));
      });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    await withLog('killed', async (log) => {
      const { items } = await log.query();
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        requestId: 'req-killed',
        result: 'allowed',
        target: { keyspace: 'customer' },
      });
    });
  });
});
