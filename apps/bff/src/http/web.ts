import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors';

const MISSING_BUILD = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vtdeck</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 4rem auto">
<h1>vtdeck</h1>
<p>The BFF is running, but the web app has not been built yet.</p>
<p>Run <code>pnpm build</code> in the repository root, then reload this page.
The API answers under <code>/api</code>.</p>
</body></html>
`;

/** Whether a request URL is under /api (the JSON API, never the HTML shell). */
export const isApiPath = (url: string) =>
  url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

// Vite names everything it writes under assets/ by its content hash: a file there never changes.
const HASHED = /[/\\]assets[/\\][^/\\]+$/;

/**
 * Serves the built web app from `distDir`, falling back to index.html for client-side routes.
 * Anything under /api that no route matched is a JSON 404, never the HTML shell.
 *
 * The build writes a brotli and a gzip copy of each text file (apps/web/build/precompress.ts); the one
 * the browser accepts is sent as is, with `Vary: Accept-Encoding`. Hashed assets are cached for a year
 * without revalidation, so a deploy only downloads the chunks that changed; index.html and the other
 * unhashed files are revalidated on every load, so a deploy is seen at once.
 */
export async function registerWeb(app: FastifyInstance, distDir: string): Promise<void> {
  const built = existsSync(join(distDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: '/',
      index: ['index.html'],
      preCompressed: true,
      setHeaders: (reply, path) => {
        reply.header('cache-control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url;
    if (isApiPath(path) || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return reply
        .status(404)
        .send(errorBody(404, 'NOT_FOUND', `no route ${request.method} ${path.split('?')[0]}`));
    }
    reply.header('cache-control', 'no-cache');
    if (!built) return reply.type('text/html; charset=utf-8').send(MISSING_BUILD);
    return reply.sendFile('index.html');
  });
}
