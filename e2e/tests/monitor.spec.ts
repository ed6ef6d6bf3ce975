import { expect, test } from '@playwright/test';
import { setSandboxFault, shot, signIn } from './support';

// The monitoring wall as operations leave it on a screen: kiosk mode at 1920×1080, live over SSE.
// A fault injected into the sandbox's vtctld turns prod's topology tile red and stale, the timeline
// says why, and the tile turns green again by itself once vtctld is back (no reload).

test('the kiosk wall turns red on an outage and recovers by itself', async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, 'admin');
  await page.goto('/monitor?kiosk=1');

  const kiosk = page.getByTestId('monitor-kiosk');
  await expect(kiosk).toBeVisible();
  await expect(page.getByTestId('side-nav')).toHaveCount(0);
  const topology = page.locator('[data-testid="monitor-tile"][data-tile="topology"][data-cluster="prod"]');
  await expect(topology).toHaveAttribute('data-state', 'green', { timeout: 30_000 });
  await expect(page.locator('[data-testid="monitor-tile"][data-cluster="staging"]').first()).toBeVisible();
  await expect(page.getByTestId('monitor-connection')).toHaveAttribute('data-state', 'open');
  // Dark and large: the kiosk sets its own type size from the width (18 px at 1920).
  expect(await kiosk.evaluate((el) => getComputedStyle(el).fontSize)).toBe('18px');

  await setSandboxFault(request, 'prod/vtctld', { down: true });
  try {
    // The next poll (every 10 s by default) finds vtctld gone.
    await expect(topology).toHaveAttribute('data-state', 'red', { timeout: 30_000 });
    await expect(topology.getByTestId('tile-stale')).toHaveText(/^stale since \d\d:\d\d:\d\d$/);
    await expect(topology.getByTestId('tile-error')).toContainText('vtctld');
    await expect(page.getByTestId('monitor-timeline')).toContainText('prod vtctld failed');
    // Staging's vtctld is another upstream: its tile stays as it was.
    await expect(
      page.locator('[data-testid="monitor-tile"][data-tile="topology"][data-cluster="staging"]'),
    ).toHaveAttribute('data-state', 'green');
    await shot(page, 'monitor-kiosk-1920-red');
  } finally {
    await setSandboxFault(request, 'prod/vtctld', { down: false });
  }
  await expect(topology).toHaveAttribute('data-state', 'green', { timeout: 30_000 });
  await expect(topology.getByTestId('tile-stale')).toHaveCount(0);
  await expect(page.getByTestId('monitor-timeline')).toContainText('vtctld answers again');

  // The same layout on a 4K screen: everything scales with the width.
  await page.setViewportSize({ width: 3840, height: 2160 });
  expect(await kiosk.evaluate((el) => getComputedStyle(el).fontSize)).toBe('36px');
  await shot(page, 'monitor-kiosk-3840');
});

test('the wall in the console, and its kiosk switch', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/clusters/prod/monitor');
  await expect(page.getByTestId('side-nav')).toBeVisible();
  await expect(
    page.locator('[data-testid="monitor-tile"][data-tile="routers"][data-cluster="prod"]'),
  ).not.toHaveAttribute('data-state', 'unknown', { timeout: 30_000 });
  await shot(page, 'monitor-console');
  await page.getByRole('button', { name: 'Kiosk mode' }).click();
  await expect(page).toHaveURL(/\/clusters\/prod\/monitor\?kiosk=1$/);
  await expect(page.getByTestId('side-nav')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('side-nav')).toBeVisible();
});
