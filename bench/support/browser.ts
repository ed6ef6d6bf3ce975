// The console in Chromium for the benches that open it (web, wall): a page signed in as the sandbox's
// admin, with the bench's own scripts running in every document before the app.
import type { Browser, Page } from '@playwright/test';
import { DEMO_USERS } from '../../apps/bff/src/auth/demo-auth';

const ADMIN = DEMO_USERS.find((u) => u.role === 'admin')!;

export async function signedInPage(
  browser: Browser,
  options: { baseURL: string; viewport: { width: number; height: number }; before: (() => void)[] },
): Promise<Page> {
  const context = await browser.newContext({ baseURL: options.baseURL, viewport: options.viewport });
  // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to the page need it too.
  await context.addInitScript({ content: 'window.__name = (fn) => fn;' });
  for (const script of options.before) await context.addInitScript(script);
  const page = await context.newPage();
  const res = await page.request.post('/api/v2/session', {
    data: { username: ADMIN.username, password: ADMIN.password },
  });
  if (res.status() !== 200) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
  return page;
}
