import type { IncomingMessage, ServerResponse } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Security headers on every answer, and the rate limiter that routes opt into (sign-in).
 * The CSP is what the built web app needs and no more: its scripts are files from this origin (no
 * inline script anywhere), antd injects <style> tags at run time (hence 'unsafe-inline' for styles
 * only), it talks to this origin only, and nobody may frame it.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The headers helmet sets, worked out once: with no per-request nonce they are the same on every
 * answer. (@fastify/helmet rebuilt helmet's middleware for every request: 6% of the BFF's CPU on the
 * proxy path, bench/proxy.ts.)
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  const middleware = helmet({
    // Not helmet's defaults: those add upgrade-insecure-requests, which breaks the console when it
    // is served over plain http on loopback (sandbox, port-forward).
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // The OIDC callback redirect must keep its Referer-free, same-origin behaviour; the rest as helmet.
    referrerPolicy: { policy: 'no-referrer' },
  });
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (err) => {
    if (err) throw err;
  });
  return headers;
}

export async function registerSecurity(app: FastifyInstance): Promise<void> {
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(rateLimit, { global: false });
}
