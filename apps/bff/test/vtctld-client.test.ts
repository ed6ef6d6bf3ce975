import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../src/upstreams/upstream-error';
import { VtctldClient } from '../src/upstreams/vtctld/client';

// The client against a real HTTP server on loopback that answers however a test needs.
let server: Server | undefined;
let client: VtctldClient | undefined;
afterEach(async () => {
  await client?.close();
  server?.closeAllConnections();
  server?.close();
});

async function upstream(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const make = (url: string, timeoutMs = 200, connections = 4) =>
  (client = new VtctldClient({ cluster: 'prod', url, timeoutMs, commandTimeoutMs: timeoutMs, connections }));

describe('VtctldClient', () => {
  it('reads an answer that arrives in many chunks, multi-byte characters split between them', async () => {
    const text = JSON.stringify(['ks_ä', 'ks_日本', 'x'.repeat(100_000)]);
    const bytes = Buffer.from(text);
    const url = await upstream(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // cut inside "ä" (2 bytes) and "日" (3 bytes)
      const cuts = [
        0,
        text.indexOf('ä') + 1,
        Buffer.byteLength(text.slice(0, text.indexOf('日'))) + 2,
        bytes.length,
      ];
      for (let i = 1; i < cuts.length; i++) {
        res.write(bytes.subarray(cuts[i - 1], cuts[i]));
        await new Promise((r) => setTimeout(r, 5));
      }
      res.end();
    });
    expect(await make(url).keyspaceNames()).toEqual(JSON.parse(text));
  });

  it('keeps the deadline for a request still queued behind a hung one', async () => {
    const url = await upstream(() => {}); // never answers
    const c = make(url, 200, 1);
    const started = Date.now();
    const outcomes = await Promise.allSettled([c.keyspaceNames(), c.keyspaceNames(), c.cells()]);
    const elapsed = Date.now() - started;
    for (const o of outcomes) {
      expect(o.status).toBe('rejected');
      const err = (o as PromiseRejectedResult).reason as UpstreamError;
      expect(err).toBeInstanceOf(UpstreamError);
      expect(err.kind).toBe('timeout');
      expect(err.message).toMatch(/^vtctld of cluster prod did not answer GET \/api\/\w+\/ within 200 ms$/);
    }
    expect(elapsed).toBeLessThan(1_000); // all three at their deadline, not one after another
  });

  it('names the status and the answer of a failed request', async () => {
    const url = await upstream((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end("node doesn't exist: /vitess/global/keyspaces/nope");
    });
    await expect(make(url).keyspace('nope')).rejects.toMatchObject({
      kind: 'upstream_5xx',
      status: 500,
      message:
        "vtctld of cluster prod answered 500 to GET /api/keyspaces/nope: node doesn't exist: /vitess/global/keyspaces/nope",
    });
  });

  it('calls a vtctld that is not listening unreachable', async () => {
    const url = await upstream(() => {});
    server!.close();
    await once(server!, 'close');
    await expect(make(url).keyspaceNames()).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/^vtctld of cluster prod is unreachable \(.*ECONNREFUSED/),
    });
  });
});
