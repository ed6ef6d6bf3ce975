/// <reference types="node" />
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SqlEvent } from '@vtdeck/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/errors';
import { setCsrfToken } from '../src/api/http';
import { ConfirmationRequiredError, cancelSql, runSql, SqlSyntaxError } from '../src/api/sql';
import { LineSplitter, readNdjson } from '../src/api/sqlStream';

const enc = new TextEncoder();

/** A body whose bytes arrive in exactly the given chunks. */
function bodyOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('LineSplitter', () => {
  it('keeps a line cut between chunks whole', () => {
    const s = new LineSplitter();
    expect(s.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    expect(s.push(':2}\n{"c":')).toEqual(['{"b":2}']);
    expect(s.push('3}')).toEqual([]);
    expect(s.flush()).toEqual(['{"c":3}']);
    expect(s.flush()).toEqual([]);
  });
});

describe('readNdjson', () => {
  const events: SqlEvent[] = [
    { type: 'start', id: 'abcdef12', statements: 1 },
    { type: 'resultset', statement: 0, sql: 'select 1', columns: [{ name: 'ü', type: 'VARCHAR' }] },
    { type: 'rows', statement: 0, rows: [['日本語 ✓', null, { base64: 'AAE=' }]] },
    { type: 'end', elapsedMs: 3 },
  ];
  const bytes = enc.encode(events.map((e) => JSON.stringify(e)).join('\n'));

  it('parses every event whatever the chunk boundaries, even inside a UTF-8 character', async () => {
    for (const size of [1, 2, 3, 7, 64, bytes.length]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
      expect(await collect(readNdjson<SqlEvent>(bodyOf(chunks)))).toEqual(events);
    }
  });

  it('skips blank lines and accepts CRLF', async () => {
    const text = '\n{"type":"end","elapsedMs":1}\r\n\r\n';
    expect(await collect(readNdjson(bodyOf([enc.encode(text)])))).toEqual([{ type: 'end', elapsedMs: 1 }]);
  });

  it('reports a line that is not JSON as a bad response', async () => {
    const it = readNdjson(bodyOf([enc.encode('{"type":"start"}\n<html>oops</html>\n')]));
    await expect(collect(it)).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });
});

// A real HTTP server on loopback standing in for the BFF's SQL routes.
const seen: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
let server: Server;
let base: string;
const realFetch = globalThis.fetch;

function route(req: IncomingMessage, res: ServerResponse, body: string) {
  const json = (status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  if (req.url === '/api/v2/clusters/prod/sql') {
    const sql = JSON.parse(body) as { sql: string; confirmed?: boolean };
    if (sql.sql.startsWith('delete') && !sql.confirmed) {
      return json(409, {
        statusCode: 409,
        code: 'CONFIRMATION_REQUIRED',
        error: 'Conflict',
        message: 'confirm these',
        statements: [
          {
            index: 0,
            sql: 'delete from t',
            offset: 0,
            kind: 'write',
            tables: ['t'],
            needsConfirmation: true,
            reason: 'DELETE without WHERE',
            allowed: true,
          },
        ],
      });
    }
    if (sql.sql === 'selec 1') {
      return json(400, {
        statusCode: 400,
        code: 'SQL_SYNTAX',
        error: 'Bad Request',
        message: 'syntax error at offset 0',
        statements: [],
        parseError: { message: 'syntax error', offset: 0 },
      });
    }
    if (sql.sql === 'denied') {
      return json(403, {
        statusCode: 403,
        code: 'FORBIDDEN',
        error: 'Forbidden',
        message: 'viewer may not run SQL',
      });
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    // Written in pieces that cut lines, as a proxy would.
    const text = `${JSON.stringify({ type: 'start', id: 'abcdef12', statements: 1 })}\n${JSON.stringify({
      type: 'done',
      statement: 0,
      rowCount: 0,
      rowsAffected: 3,
      warnings: [],
      elapsedMs: 1,
      truncated: false,
    })}\n${JSON.stringify({ type: 'end', elapsedMs: 2 })}\n`;
    res.write(text.slice(0, 17));
    setTimeout(() => res.end(text.slice(17)), 20);
    return;
  }
  if (req.url === '/api/v2/clusters/prod/sql/abcdef12/cancel') return json(200, { cancelled: true });
  return json(404, { statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: 'no route' });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      route(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  globalThis.fetch = (input, init) => realFetch(new URL(String(input), base), init);
  setCsrfToken('token-1');
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  setCsrfToken(undefined);
  await new Promise((r) => server.close(r));
});

describe('runSql', () => {
  it('streams the events of a script, with the CSRF token on the request', async () => {
    const events = await collect(runSql('prod', { keyspace: 'commerce', sql: 'update t set a=1 where b=2' }));
    expect(events.map((e) => e.type)).toEqual(['start', 'done', 'end']);
    expect(events[1]).toMatchObject({ rowsAffected: 3 });
    expect(seen.at(-1)?.headers['x-csrf-token']).toBe('token-1');
    expect(JSON.parse(seen.at(-1)?.body ?? '')).toEqual({
      keyspace: 'commerce',
      sql: 'update t set a=1 where b=2',
    });
  });

  it('turns a 409 into ConfirmationRequiredError with the statements to confirm', async () => {
    const err = await collect(runSql('prod', { keyspace: 'commerce', sql: 'delete from t' })).catch((e) => e);
    expect(err).toBeInstanceOf(ConfirmationRequiredError);
    expect(err).toMatchObject({ status: 409, code: 'CONFIRMATION_REQUIRED', message: 'confirm these' });
    expect((err as ConfirmationRequiredError).statements[0]?.reason).toBe('DELETE without WHERE');
    // Confirmed, the same script runs.
    const ok = await collect(runSql('prod', { keyspace: 'commerce', sql: 'delete from t', confirmed: true }));
    expect(ok.at(-1)).toEqual({ type: 'end', elapsedMs: 2 });
  });

  it('turns a 403 into a plain ApiError', async () => {
    const err = await collect(runSql('prod', { keyspace: 'commerce', sql: 'denied' })).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).not.toBeInstanceOf(ConfirmationRequiredError);
    expect(err).toMatchObject({ status: 403, code: 'FORBIDDEN', message: 'viewer may not run SQL' });
  });

  it('turns a script that does not parse into SqlSyntaxError with its offset', async () => {
    const err = await collect(runSql('prod', { keyspace: 'commerce', sql: 'selec 1' })).catch((e) => e);
    expect(err).toBeInstanceOf(SqlSyntaxError);
    expect(err).toMatchObject({ status: 400, code: 'SQL_SYNTAX', offset: 0 });
  });

  it('cancels by id', async () => {
    await expect(cancelSql('prod', 'abcdef12')).resolves.toEqual({ cancelled: true });
    expect(seen.at(-1)?.headers['x-csrf-token']).toBe('token-1');
  });
});
