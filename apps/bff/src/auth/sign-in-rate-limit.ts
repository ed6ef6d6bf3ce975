import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

/**
 * Route options for `@fastify/rate-limit` on the sign-in route:
 * `app.post('/api/v2/session', { config: { rateLimit: signInRateLimit() } }, ...)`
 * with the plugin registered as `{ global: false }`.
 *
 * Keyed by client address and username, so one attacker cannot lock every user out and one user
 * is not guessed at from many tabs. Runs at preHandler, after the body is parsed. The counters live
 * in each replica's memory: with N replicas an attacker gets at most N times the budget, which is
 * still far too slow to guess a password; pass a shared `redis` to the plugin for an exact limit.
 */
export function signInRateLimit(opts: { max?: number; timeWindowMs?: number } = {}): RateLimitOptions {
  return {
    max: opts.max ?? 5,
    timeWindow: opts.timeWindowMs ?? 60_000,
    hook: 'preHandler',
    keyGenerator: (req: FastifyRequest) => `${req.ip}|${usernameOf(req.body)}`,
  };
}

function usernameOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'username' in body && typeof body.username === 'string') {
    return body.username.slice(0, 128);
  }
  return '';
}
