/// <reference types="node" />
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiFetch } from '../src/api/http';
import { fetchSession, sessionKeys, sessionQueryOptions } from '../src/api/session';
import { topologyQueryOptions } from '../src/api/topology';
import { createQueryClient } from '../src/app/queryClient';

// A loopback server answering like the BFF's session routes; `signedIn` is its whole state.
let signedIn = false;
const seen: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];
let server: Server;
const realFetch = globalThis.fetch;
const SESSION = {
  user: { name: 'dba', kind: 'user', groups: ['demo-dbas'], via: 'password' },
  csrfToken: 'csrf-123',
  grants: [{ role: 'dba', keyspaces: ['customer*'] }],
};
const UNAUTHENTICATED = JSON.stringify({
  statusCode: 401,
  code: 'UNAUTHENTICATED',
  error: 'Unauthorized',
  message: 'sign in first',
});

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      const json = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      };
      if (!signedIn) return json(401, UNAUTHENTICATED);
      if (req.url === '/api/v2/session' && req.method === 'DELETE') {
        signedIn = false;
        res.writeHead(204);
        return res.end();
      }
      if (req.url === '/api/v2/session') return json(200, JSON.stringify(SESSION));
      return json(200, JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  globalThis.fetch = (input, init) => realFetch(new URL(String(input), base), init);
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  seen.length = 0;
});

describe('session', () => {
  it('is null, not an error, when nobody is signed in', async () => {
    signedIn = false;
    await expect(fetchSession()).resolves.toBeNull();
  });

  it('sends its CSRF token on writes only, and forgets it with the session', async () => {
    signedIn = true;
    expect((await fetchSession())?.user.name).toBe('dba');
    await apiFetch('/api/vtctl/', { json: ['Ping', 'zone1-100'] });
    await apiFetch('/api/v2/clusters');
    expect(seen.slice(-2).map((r) => [r.method, r.headers['x-csrf-token']])).toEqual([
      ['POST', 'csrf-123'],
      ['GET', undefined],
    ]);
    await expect(apiFetch('/api/v2/session', { method: 'DELETE' })).resolves.toBeUndefined();
    expect(seen.at(-1)?.headers['x-csrf-token']).toBe('csrf-123');
    await expect(fetchSession()).resolves.toBeNull();
    await apiFetch('/api/vtctl/', { json: ['Ping', 'zone1-100'] }).catch(() => undefined);
    expect(seen.at(-1)?.headers['x-csrf-token']).toBeUndefined();
  });

  it('ends in the browser when any call answers 401', async () => {
    signedIn = true;
    const client = createQueryClient();
    await client.fetchQuery(sessionQueryOptions());
    expect(client.getQueryData(sessionKeys.current())).toMatchObject({ user: { name: 'dba' } });
    signedIn = false; // the cookie expired
    await client.fetchQuery(topologyQueryOptions('prod')).catch(() => undefined);
    expect(client.getQueryData(sessionKeys.current())).toBeNull();
  });
});
