import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './helpers';

// undici's request, unlike fetch, leaves the body as it came: these tests see the bytes on the wire.
async function raw(
  url: string,
  headers: Record<string, string> = {},
  init: { method?: 'GET' | 'POST'; body?: Buffer } = {},
) {
  const res = await request(url, { method: init.method ?? 'GET', headers, body: init.body });
  const body = Buffer.from(await res.body.arrayBuffer());
  const header = (name: string) => {
    const value = res.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return { status: res.statusCode, header, body };
}

function decode(encoding: string | undefined, body: Buffer): string {
  if (encoding === 'br') return brotliDecompressSync(body).toString();
  if (encoding === 'gzip') return gunzipSync(body).toString();
  if (encoding === undefined) return body.toString();
  throw new Error(`unexpected content-encoding ${encoding}`);
}

// A built web app as Vite and apps/web/build/precompress.ts leave it: hashed assets with their .br
// and .gz beside them, an index.html, and a small file with no compressed copy.
const SCRIPT = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `tablet ${i}`))};\n`;
const INDEX = `<!doctype html><html><head><script type="module" src="/assets/index-AbC123xy.js"></script></head><body>${'<!-- vtdeck -->'.repeat(100)}</body></html>`;
const dist = mkdtempSync(join(tmpdir(), 'vtdeck-dist-'));
mkdirSync(join(dist, 'assets'));
for (const [path, text] of [
  ['assets/index-AbC123xy.js', SCRIPT],
  ['index.html', INDEX],
] as const) {
  writeFileSync(join(dist, path), text);
  writeFileSync(join(dist, `${path}.br`), brotliCompressSync(text));
  writeFileSync(join(dist, `${path}.gz`), gzipSync(text));
}
writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

let stack: Stack;
const auth = { authorization: 'Bearer vtdeck-demo-admin-token' };
beforeAll(async () => {
  stack = await startStack({ distDir: dist });
});
afterAll(async () => {
  await stack.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('API answers', () => {
  const topology = () => `${stack.url}/api/v2/clusters/prod/topology`;

  it('come in the encoding the client prefers among those it accepts, the same JSON in each', async () => {
    const plain = await raw(topology(), auth);
    expect(plain.status).toBe(200);
    expect(plain.header('content-encoding')).toBeUndefined();
    expect(plain.header('vary')).toBe('accept-encoding');
    const json = JSON.parse(plain.body.toString());
    expect(json.items.length).toBeGreaterThan(0);

    for (const [accept, expected] of [
      ['gzip, deflate, br, zstd', 'br'], // a browser
      ['gzip', 'gzip'], // curl --compressed, Prometheus
      ['x-gzip', 'gzip'],
      ['br;q=0, gzip;q=0.5', 'gzip'],
      ['identity', undefined],
      ['zstd', undefined], // nothing we make: the plain answer, not an error
    ] as const) {
      const res = await raw(topology(), { ...auth, 'accept-encoding': accept });
      expect(res.status, accept).toBe(200);
      expect(res.header('content-encoding'), accept).toBe(expected);
      expect(res.header('vary'), accept).toBe('accept-encoding');
      expect(JSON.parse(decode(expected, res.body)), accept).toEqual(json);
      if (expected) expect(res.body.length, accept).toBeLessThan(plain.body.length / 3);
    }
  });

  it('are compressed when they are large, by the generic path too (the OpenAPI document)', async () => {
    const res = await raw(`${stack.url}/api/docs/json`, { 'accept-encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.header('content-encoding')).toBe('br');
    expect(JSON.parse(decode('br', res.body)).openapi).toMatch(/^3\./);
  });

  it('are sent as they are when they are small, whatever the client accepts', async () => {
    const res = await raw(`${stack.url}/api/keyspaces/`, { ...auth, 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.header('content-encoding')).toBeUndefined();
    expect(JSON.parse(res.body.toString())).toContain('commerce');
  });

  it('a compressed request body gets a 415 that says to send it uncompressed, not "invalid JSON"', async () => {
    const before = (await stack.get<string[]>('/api/keyspaces/')).body;
    const res = await raw(
      `${stack.url}/api/vtctl/`,
      { ...auth, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      { method: 'POST', body: gzipSync(JSON.stringify(['CreateKeyspace', 'zipped'])) },
    );
    expect(res.status).toBe(415);
    expect(res.header('accept-encoding')).toBe('identity');
    expect(JSON.parse(res.body.toString())).toMatchObject({
      statusCode: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'request bodies are not accepted with content-encoding "gzip": send the body uncompressed',
    });
    expect((await stack.get<string[]>('/api/keyspaces/')).body).toEqual(before);
    // The same body uncompressed, declared as such, is taken.
    const ok = await raw(
      `${stack.url}/api/vtctl/`,
      { ...auth, 'content-type': 'application/json', 'content-encoding': 'identity' },
      { method: 'POST', body: Buffer.from(JSON.stringify(['GetKeyspace', 'commerce'])) },
    );
    expect(ok.status).toBe(200);
  });
});

describe('the web app', () => {
  it('sends the compressed copy the build made, and lets the browser keep a hashed asset for a year', async () => {
    for (const [accept, expected] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['', undefined],
    ] as const) {
      const res = await raw(
        `${stack.url}/assets/index-AbC123xy.js`,
        accept ? { 'accept-encoding': accept } : {},
      );
      expect(res.status, accept).toBe(200);
      expect(res.header('content-encoding'), accept).toBe(expected);
      expect(res.header('content-type'), accept).toMatch(/^(text|application)\/javascript/);
      expect(res.header('vary'), accept).toMatch(/accept-encoding/);
      expect(res.header('cache-control'), accept).toBe('public, max-age=31536000, immutable');
      expect(decode(expected, res.body), accept).toBe(SCRIPT);
    }
  });

  it('revalidates index.html on every load (compressed too), for the shell and for client routes', async () => {
    for (const path of ['/', '/clusters/prod/topology']) {
      const res = await raw(`${stack.url}${path}`, { 'accept-encoding': 'br' });
      expect(res.status, path).toBe(200);
      expect(res.header('content-encoding'), path).toBe('br');
      expect(res.header('cache-control'), path).toBe('no-cache');
      expect(decode('br', res.body), path).toBe(INDEX);
    }
  });

  it('sends a file that has no hash in its name for revalidation on every load', async () => {
    const res = await raw(`${stack.url}/favicon.svg`, { 'accept-encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.header('cache-control')).toBe('no-cache');
    expect(decode(res.header('content-encoding'), res.body)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
    );
  });
});
