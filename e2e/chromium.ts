import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium as e2e and `pnpm bench web` launch it: `npx playwright install` cannot download a
 * browser here, so the system binary is used (CHROMIUM_PATH overrides), without its background traffic.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
