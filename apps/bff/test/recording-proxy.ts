import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

export interface Recorded {
  method: string;
  path: string;
  requestId: string | undefined;
}

export interface RecordingProxy {
  /** http://127.0.0.1:port — point the BFF here instead of at the upstream. */
  url: string;
  /** Every request that went through, oldest first. */
  seen: Recorded[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'upgrade']);

/**
 * A loopback HTTP proxy in front of a real upstream (a sandbox fake) that records what the BFF
 * sends: the fakes answer as they always do, and the test sees the headers they were sent.
 * `ca` is the PEM that signs an https target's certificate.
 */
export async function startRecordingProxy(target: string, ca?: string): Promise<RecordingProxy> {
  const seen: Recorded[] = [];
  const agent = new Agent(ca ? { connect: { ca } } : {});
  const server = http.createServer(async (req, res) => {
    const given = req.headers['x-request-id'];
    seen.push({
      method: req.method ?? '',
      path: req.url ?? '',
      requestId: typeof given === 'string' ? given : undefined,
    });
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    try {
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const answer = await request(target + (req.url ?? '/'), {
        method: (req.method ?? 'GET') as 'GET',
        headers,
        body: hasBody ? req : undefined,
        dispatcher: agent,
      });
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
      }
      res.writeHead(answer.statusCode, out);
      for await (const chunk of answer.body) res.write(chunk);
      res.end();
    } catch (err) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`recording proxy: ${(err as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await agent.close();
    },
  };
}
