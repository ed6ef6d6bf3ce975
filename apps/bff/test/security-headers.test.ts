import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './helpers';

const WEB = fileURLToPath(new URL('../../web', import.meta.url));
const DIST = `${WEB}/dist`;
// The built app when there is one; otherwise the page vite builds it from (same script tags).
const INDEX = existsSync(`${DIST}/index.html`) ? `${DIST}/index.html` : `${WEB}/index.html`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(existsSync(`${DIST}/index.html`) ? { distDir: DIST } : {});
});
afterAll(() => stack.close());

const directives = (csp: string | null) =>
  Object.fromEntries(
    (csp ?? '').split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );

describe('Content-Security-Policy', () => {
  it('is sent with the web app and Swagger UI, and allows no inline script', async () => {
    for (const path of ['/', '/signin', '/api/docs']) {
      const res = await stack.anonymous.get(path);
      expect(directives(res.headers.get('content-security-policy'))).toEqual({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self' 'unsafe-inline'",
        'img-src': "'self' data:",
        'font-src': "'self' data:",
        'connect-src': "'self'",
        'object-src': "'none'",
        'base-uri': "'self'",
        'form-action': "'self'",
        'frame-ancestors': "'none'",
      });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
  });

  it('is "load nothing, frame nothing" on API answers, which are never cached', async () => {
    const admin = await stack.as('admin');
    for (const res of [
      await stack.anonymous.get('/api/v2/session/options'),
      await stack.anonymous.get('/api/keyspaces/'), // the 401 too
      await admin.get('/api/keyspaces/'),
      await admin.get('/api/v2/nowhere'), // and the 404
    ]) {
      expect(directives(res.headers.get('content-security-policy'))).toEqual({
        'default-src': "'none'",
        'frame-ancestors': "'none'",
      });
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    }
  });

  it('is satisfied by the index.html of the web app: every script is a file', () => {
    const html = readFileSync(INDEX, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs = '', body = ''] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers either
  });
});

describe('upstream credentials', () => {
  it('never reach the browser', async () => {
    // The sandbox vtctld, reached with basic-auth credentials in its URL.
    const withCreds = await startStack({
      vtctldUrl: (url) => url.replace('http://', 'http://bff:upstream-secret@'),
    });
    try {
      expect(withCreds.config.clusters[0]?.vtctld.url).toContain('upstream-secret');
      const admin = await withCreds.as('admin');
      for (const path of [
        '/readyz',
        '/api/v2/clusters',
        '/api/v2/clusters/prod/topology',
        '/api/v2/session',
        '/api/v2/session/options',
      ]) {
        const res = await admin.get(path);
        expect(res.text).not.toContain('upstream-secret');
        expect(res.text).not.toContain(withCreds.config.auth.session.secrets[0]!);
        expect(res.text).not.toContain('$argon2id$');
      }
    } finally {
      await withCreds.close();
    }
  });
});
