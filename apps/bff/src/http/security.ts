import type { IncomingMessage, ServerResponse } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { isApiPath } from './web';

/**
 * Security headers on every answer (a page's, or an API answer's), and the rate limiter that routes opt into (sign-in).
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

/**
 * What a JSON answer needs instead (OWASP REST Security Cheat Sheet, "Security Headers"): it is never
 * rendered as a page, so no script policy, only "frame nothing, load nothing, sniff nothing, cache
 * nothing" — an answer carries someone's view of the clusters and must not sit in a shared cache.
 * 290 bytes instead of helmet's 750 on every API answer (bench/proxy.ts).
 */
export function apiSecurityHeaders(document = securityHeaders()): Record<string, string> {
  return {
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cross-origin-resource-policy': 'same-origin',
    // The OIDC callback (under /api) redirects: it must not leak its code in a Referer.
    'referrer-policy': 'no-referrer',
    'strict-transport-security':
      document['strict-transport-security'] ?? 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  };
}

/** Swagger UI lives under /api but is a page: it gets the page's headers. */
const isApiAnswer = (url: string) => isApiPath(url) && !url.startsWith('/api/docs');

export async function registerSecurity(app: FastifyInstance): Promise<void> {
  const page = securityHeaders();
  const api = apiSecurityHeaders(page);
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(isApiAnswer(request.url) ? api : page);
    done();
  });
  await app.register(rateLimit, { global: false });
}
