import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';

// e2e runs the real console (BFF + built web + sandbox fakes) and drives Debian's Chromium.
// `npx playwright install` cannot download browsers here, so the system binary is used.
const port = Number(process.env.E2E_PORT ?? 18080);
export const baseURL = `http://127.0.0.1:${port}`;
/** E2E_CONTROL_PORT, else the console's port + 1000 (clear of other runs' consoles). */
export const controlPort = Number(process.env.E2E_CONTROL_PORT ?? port + 1000);

export default defineConfig({
  testDir: './tests',
  outputDir: '../test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 20_000 }, // generous: CI shares two cores with the BFF, the fakes and MariaDB
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: 'pnpm exec tsx apps/bff/src/main.ts --sandbox',
    cwd: '..',
    url: `${baseURL}/healthz`,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      VTDECK_E2E: '1',
      // The sandbox's control server (fault injection) on a known port: see support.ts.
      VTDECK_SANDBOX_CONTROL_PORT: String(controlPort),
    },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
