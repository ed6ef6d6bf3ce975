import { randomUUID } from 'node:crypto';
import type { SqlEvent } from '@vtdeck/contracts';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './helpers';
import { type Role, type SqlStack, startSqlStack } from './sql-stack';

let stack: SqlStack;
beforeAll(async () => {
  stack = await startSqlStack();
  // 10,000 demo rows + 90,000 = a 100k-row table.
  await stack.vtgate.seedRows('commerce', 'big_table', 90_000);
}, 120_000);
afterAll(() => stack?.close());

const TOKEN = (role: Role) => `vtd_sql_test_${role}_token_0123456789`;

/** Streams a script, handing each event to `onEvent` as it arrives; nothing is kept. */
async function stream(
  body: Record<string, unknown>,
  onEvent: (e: SqlEvent) => void,
  options: { role?: Role; signal?: AbortSignal } = {},
): Promise<number> {
  const res = await fetch(`${stack.url}/api/v2/clusters/prod/sql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${TOKEN(options.role ?? 'admin')}`,
    },
    body: JSON.stringify({ keyspace: 'commerce', ...body }),
    signal: options.signal,
  });
  if (!res.body) throw new Error('no body');
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let tail = '';
  for (;;) {
    const { done, value } = await reader.read();
    const text = tail + (done ? decoder.decode() : decoder.decode(value, { stream: true }));
    const lines = text.split('\n');
    tail = lines.pop() ?? '';
    for (const line of lines) if (line) onEvent(JSON.parse(line) as SqlEvent);
    if (done) return res.status;
  }
}

const cancel = (id: string, role: Role = 'admin') =>
  stack.post<{ cancelled: boolean }>(`/api/v2/clusters/prod/sql/${id}/cancel`, {}, role);

async function sleepingQueries(): Promise<number> {
  const conn = await mysql.createConnection(stack.vtgateUrl);
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>('SHOW PROCESSLIST');
    return rows.filter((r) => String(r.Info ?? '').includes('SLEEP(30)')).length;
  } finally {
    await conn.end();
  }
}

describe('stopping a query', () => {
  it('cancels SELECT SLEEP(30) within a second (KILL QUERY on a second connection)', async () => {
    const id = randomUUID();
    const events: SqlEvent[] = [];
    const started = Date.now();
    const run = stream({ id, sql: 'SELECT SLEEP(30)' }, (e) => events.push(e));
    await eventually(async () => expect(await sleepingQueries()).toBe(1));
    const cancelAt = Date.now();
    expect((await cancel(id)).body).toEqual({ cancelled: true });
    await run;
    expect(Date.now() - cancelAt).toBeLessThan(1_500);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(events.find((e) => e.type === 'error')).toMatchObject({ code: 'QUERY_CANCELLED' });
    expect(events.at(-1)?.type).toBe('end');
    expect(await sleepingQueries()).toBe(0);
  });

  it('lets only the user who started a query (or an admin) cancel it', async () => {
    const id = randomUUID();
    const events: SqlEvent[] = [];
    const run = stream({ id, sql: 'SELECT SLEEP(30)' }, (e) => events.push(e), { role: 'developer' });
    await eventually(async () => expect(await sleepingQueries()).toBe(1));
    expect((await cancel(id, 'other')).body).toEqual({ cancelled: false });
    expect((await cancel(id, 'developer')).body).toEqual({ cancelled: true });
    await run;
    expect(events.find((e) => e.type === 'error')).toMatchObject({ code: 'QUERY_CANCELLED' });
  });

  it('honours a cancel that arrives before its query', async () => {
    const id = randomUUID();
    expect((await cancel(id)).body).toEqual({ cancelled: false });
    const events: SqlEvent[] = [];
    const started = Date.now();
    await stream({ id, sql: 'SELECT SLEEP(30)' }, (e) => events.push(e));
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(events.find((e) => e.type === 'error')).toMatchObject({ code: 'QUERY_CANCELLED' });
  });

  it('kills the query at its timeout and says QUERY_TIMEOUT', async () => {
    const events: SqlEvent[] = [];
    const started = Date.now();
    await stream({ sql: 'SELECT SLEEP(30)', timeoutMs: 500 }, (e) => events.push(e));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(events.find((e) => e.type === 'error')).toMatchObject({ code: 'QUERY_TIMEOUT' });
  });

  it('kills the query when the browser goes away', async () => {
    const abort = new AbortController();
    const run = stream({ sql: 'SELECT SLEEP(30)' }, () => undefined, { signal: abort.signal }).catch(() => 0);
    await eventually(async () => expect(await sleepingQueries()).toBe(1));
    abort.abort();
    await run;
    await eventually(async () => expect(await sleepingQueries()).toBe(0), 1_500);
  });

  it('refuses a second query with the id of a running one', async () => {
    const id = randomUUID();
    const run = stream({ id, sql: 'SELECT SLEEP(30)' }, () => undefined);
    await eventually(async () => expect(await sleepingQueries()).toBe(1));
    const again = await stack.post('/api/v2/clusters/prod/sql', {
      id,
      keyspace: 'commerce',
      sql: 'select 1',
    });
    expect(again).toMatchObject({ status: 409, body: { code: 'QUERY_ID_IN_USE' } });
    await cancel(id);
    await run;
  });
});

describe('large results', () => {
  it('streams 100,000 rows with bounded BFF memory', async () => {
    global.gc?.();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 20);
    let rows = 0;
    let done: Extract<SqlEvent, { type: 'done' }> | undefined;
    const started = Date.now();
    try {
      const status = await stream({ sql: 'select * from big_table limit 100000', maxRows: 100_000 }, (e) => {
        if (e.type === 'rows') rows += e.rows.length;
        if (e.type === 'done') done = e;
      });
      expect(status).toBe(200);
    } finally {
      clearInterval(sampler);
    }
    expect(rows).toBe(100_000);
    expect(done).toMatchObject({ rowCount: 100_000, truncated: false });
    const growthMb = (peak - base) / 2 ** 20;
    console.log(`100k rows in ${Date.now() - started} ms, heap growth ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(100);
  }, 60_000);
});
