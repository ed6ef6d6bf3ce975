import { mkdirSync } from 'node:fs';
import { type APIRequestContext, type BrowserContext, expect, type Page } from '@playwright/test';

export const DEMO_PASSWORDS = {
  viewer: 'viewer-demo',
  developer: 'developer-demo',
  dba: 'dba-demo',
  admin: 'admin-demo',
} as const;
export type DemoUser = keyof typeof DEMO_PASSWORDS;

type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>;
/** Session cookies by user, for this worker: sign-in is rate-limited (5 a minute per user), as in production. */
const sessions = new Map<DemoUser, Cookies>();

/**
 * Signs in through the API (the sign-in page has its own test); the cookie lands in the page's context.
 * The first call per user signs in; later ones reuse that session (a sealed cookie, valid for hours).
 */
export async function signIn(page: Page, user: DemoUser): Promise<void> {
  const known = sessions.get(user);
  if (known) {
    await page.context().addCookies(known);
    return;
  }
  const res = await page.request.post('/api/v2/session', {
    data: { username: user, password: DEMO_PASSWORDS[user] },
  });
  expect(res.status(), await res.text()).toBe(200);
  sessions.set(user, await page.context().cookies());
}

const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;

/** A full-page screenshot kept after the run, to be looked at. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/** The sandbox's control server, where playwright.config.ts asks the console to start it. */
export const SANDBOX_CONTROL_URL = `http://127.0.0.1:${Number(process.env.E2E_CONTROL_PORT ?? Number(process.env.E2E_PORT ?? 18080) + 1000)}`;

/** Injects (or clears) a fault in a sandbox fake, e.g. `prod/vtctld` `{ down: true }`. */
export async function setSandboxFault(
  request: APIRequestContext,
  target: string,
  patch: { down?: boolean; latencyMs?: number; errorRate?: number },
): Promise<void> {
  const res = await request.post(`${SANDBOX_CONTROL_URL}/faults/${target}`, { data: patch });
  expect(res.status(), await res.text()).toBe(200);
}
