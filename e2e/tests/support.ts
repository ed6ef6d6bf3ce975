import { mkdirSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORDS = {
  viewer: 'viewer-demo',
  developer: 'developer-demo',
  dba: 'dba-demo',
  admin: 'admin-demo',
} as const;
export type DemoUser = keyof typeof DEMO_PASSWORDS;

/** Signs in through the API (the sign-in page has its own test); the cookie lands in the page's context. */
export async function signIn(page: Page, user: DemoUser): Promise<void> {
  const res = await page.request.post('/api/v2/session', {
    data: { username: user, password: DEMO_PASSWORDS[user] },
  });
  expect(res.status(), await res.text()).toBe(200);
}

const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;

/** A full-page screenshot kept after the run, to be looked at. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}
