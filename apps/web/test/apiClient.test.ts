/// <reference types="node" />
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, describeError, isRetryable } from '../src/api/errors';
import { apiFetch } from '../src/api/http';
import { parseSchemaOutput } from '../src/api/schema';
import { runVtctl } from '../src/api/vtctl';
import { createQueryClient } from '../src/app/queryClient';

// A real HTTP server on loopback standing in for the BFF's answers.
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
let server: Server;
let base: string;
const realFetch = globalThis.fetch;

function send(
  res: import('node:http').ServerResponse,
  status: number,
  body: string,
  type = 'application/json',
) {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      switch (req.url) {
        case '/api/v2/clusters':
          return send(res, 200, JSON.stringify({ items: [] }));
        case '/forbidden':
          return send(
            res,
            403,
            JSON.stringify({
              statusCode: 403,
              code: 'FORBIDDEN',
              error: 'Forbidden',
              message: 'no access to keyspace x',
            }),
          );
        case '/down':
          return send(
            res,
            502,
            JSON.stringify({
              statusCode: 502,
              code: 'UPSTREAM_UNREACHABLE',
              error: 'Bad Gateway',
              message: 'vtctld is unreachable',
              source: 'vtctld',
            }),
          );
        case '/html':
          return send(res, 500, '<html>proxy error</html>', 'text/html');
        case '/garbage':
          return send(res, 200, 'not json', 'text/plain');
        case '/api/vtctl/': {
          const args = JSON.parse(body) as string[];
          if (args[0] === 'GetKeyspace')
            return send(
              res,
              200,
              JSON.stringify({ Error: "node doesn't exist: keyspaces/nope/Keyspace", Output: '' }),
            );
          return send(res, 200, JSON.stringify({ Error: '', Output: `ran ${args.join(' ')}` }));
        }
        default:
          return send(
            res,
            404,
            JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: 'no route' }),
          );
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The app calls relative URLs (same origin as the page); in node we resolve them against the server.
  globalThis.fetch = (input, init) => realFetch(new URL(String(input), base), init);
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await new Promise((r) => server.close(r));
});

async function failure(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('apiFetch', () => {
  it('answers the JSON body of a 2xx', async () => {
    await expect(apiFetch('/api/v2/clusters')).resolves.toEqual({ items: [] });
  });

  it('turns an ErrorBody into an ApiError with its code and source', async () => {
    const e = await failure(apiFetch('/down'));
    expect([e.status, e.code, e.message, e.source]).toEqual([
      502,
      'UPSTREAM_UNREACHABLE',
      'vtctld is unreachable',
      'vtctld',
    ]);
    expect(describeError(e)).toMatchObject({ kind: 'outage', calm: false });
    expect(isRetryable(e)).toBe(true);
  });

  it('treats 403 and 404 calmly and never retries them', async () => {
    const forbidden = await failure(apiFetch('/forbidden'));
    expect(describeError(forbidden)).toMatchObject({
      kind: 'forbidden',
      calm: true,
      message: 'no access to keyspace x',
    });
    expect(isRetryable(forbidden)).toBe(false);
    const missing = await failure(apiFetch('/nowhere'));
    expect(describeError(missing)).toMatchObject({ kind: 'not_found', calm: true });
  });

  it('names non-JSON answers', async () => {
    const html = await failure(apiFetch('/html'));
    expect([html.status, html.code]).toEqual([500, 'HTTP_500']);
    expect(html.message).toContain('proxy error');
    const garbage = await failure(apiFetch('/garbage'));
    expect(garbage.code).toBe('BAD_RESPONSE');
  });

  it('reports a server that is not there as a network error', async () => {
    const e = await failure(apiFetch('http://127.0.0.1:1/api/v2/clusters'));
    expect([e.status, e.code]).toEqual([0, 'NETWORK']);
    expect(describeError(e).kind).toBe('network');
  });

  it('sends form bodies url-encoded', async () => {
    await failure(apiFetch('/api/tablets/', { form: { shard: 'customer/-80' }, cluster: 'staging' }));
    const req = seen.at(-1);
    expect(req?.method).toBe('POST');
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req?.body).toBe('shard=customer%2F-80');
  });
});

describe('runVtctl', () => {
  it('posts the command line with the cluster header', async () => {
    await expect(runVtctl('staging', ['ValidateKeyspace', '-ping-tablets', 'commerce'])).resolves.toEqual({
      Error: '',
      Output: 'ran ValidateKeyspace -ping-tablets commerce',
    });
    const req = seen.at(-1);
    expect(req?.headers['x-vtdeck-cluster']).toBe('staging');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual(['ValidateKeyspace', '-ping-tablets', 'commerce']);
  });

  it("makes vtctld's Error string the error message", async () => {
    const e = await failure(runVtctl('prod', ['GetKeyspace', 'nope']));
    expect(e.message).toBe("node doesn't exist: keyspaces/nope/Keyspace");
    expect(describeError(e).kind).toBe('vtctl');
    expect(isRetryable(e)).toBe(false);
  });
});

describe('GetSchema output', () => {
  it('parses table definitions with quoted uint64s', () => {
    const s = parseSchemaOutput(
      JSON.stringify({
        database_schema: 'CREATE DATABASE {{.DatabaseName}}',
        table_definitions: [
          {
            name: 'messages',
            schema: 'CREATE TABLE `messages` (...)',
            columns: ['page', 'message'],
            primary_key_columns: ['page'],
            type: 'BASE TABLE',
            data_length: '16384',
            row_count: '0',
          },
        ],
        version: 'abc',
      }),
    );
    expect(s.tables).toEqual([
      {
        name: 'messages',
        schema: 'CREATE TABLE `messages` (...)',
        columns: ['page', 'message'],
        primaryKeyColumns: ['page'],
        type: 'BASE TABLE',
        dataLength: 16384,
        rowCount: 0,
      },
    ]);
  });

  it('reports output that is not JSON as a bad response', () => {
    expect(() => parseSchemaOutput('oops')).toThrow(ApiError);
  });
});

describe('query client', () => {
  it('does not retry in tests', () => {
    expect(createQueryClient().getDefaultOptions().queries?.retry).toBe(false);
  });
});
