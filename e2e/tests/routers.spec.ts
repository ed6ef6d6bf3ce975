import { expect, type Locator, test } from '@playwright/test';
import { shot, signIn } from './support';

// The MySQL Router dashboards against the sandbox's router fakes (HTTPS, basic auth, live numbers):
// the list, one router with its charts filling with live samples, and one route's connections.

/** Waits until a chart has drawn at least `n` data points. */
async function expectPoints(chart: Locator, n: number): Promise<void> {
  await expect
    .poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(n);
}

test('the router dashboard shows live status, routes and charts', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'admin');
  await page.goto('/clusters/prod/routers');
  const card = page.locator('[data-testid="router-card"][data-router="router-1"]');
  await expect(card.getByTestId('router-state')).toHaveAttribute('data-state', 'up');
  await expect(page.locator('[data-testid="router-card"][data-router="router-2"]')).toBeVisible();
  await shot(page, 'routers-list');

  await card.getByRole('link', { name: 'router-1' }).click();
  await expect(page).toHaveURL(/\/clusters\/prod\/routers\/router-1$/);
  await expect(page.getByTestId('router-status')).toContainText('9.0.1');
  await expect(page.getByTestId('router-metadata')).toContainText('myCluster');
  const routes = page.getByTestId('routes-table');
  for (const name of ['myCluster_rw', 'myCluster_ro', 'myCluster_x_rw', 'myCluster_x_ro']) {
    await expect(routes.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByTestId('router-pools')).toContainText('main');
  // Polled every 5 s: a few refreshes of the page give every route's line several points.
  await expectPoints(page.getByTestId('chart-active'), 12);
  await expectPoints(page.getByTestId('chart-new-connections'), 8);
  await expectPoints(page.getByTestId('chart-refresh-failures'), 4);
  await expect(page.getByTestId('chart-active').getByTestId('chart-series').first()).toBeVisible();
  await shot(page, 'routers-router');

  await routes.getByRole('link', { name: 'myCluster_ro', exact: true }).click();
  await expect(page).toHaveURL(/\/routers\/router-1\/routes\/myCluster_ro$/);
  // Generous: the first look at a route starts the BFF's polling of its connections.
  const routePage = page.getByTestId('route-page');
  await expect(routePage.getByTestId('route-alive')).toHaveAttribute('data-alive', 'true', {
    timeout: 30_000,
  });
  await expect(routePage.getByTestId('route-destinations')).toContainText('mycluster-');
  const connections = routePage.getByTestId('connections-table');
  await expect(connections.locator('tbody tr.ant-table-row').first()).toBeVisible({ timeout: 30_000 });
  // Bytes per second need two polls of the connections (10 s apart).
  await expectPoints(routePage.getByTestId('chart-bytes'), 2);
  await shot(page, 'routers-route');
});
