import { expect, test } from '@playwright/test';
import { shot, signIn } from './support';

// The foundation journey: a DBA creates a keyspace and a shard, sees both in the tree, validates,
// then deletes both, typing the names to confirm.
test('a dba creates a keyspace and a shard, validates and deletes them', async ({ page }) => {
  const ks = `e2e_${Date.now().toString(36)}`;
  await signIn(page, 'admin');
  await page.goto('/clusters/prod/topology');
  const tree = page.getByTestId('topology-tree');
  await expect(tree.getByTestId('tree-keyspace').first()).toBeVisible();
  await shot(page, 'topology-initial');

  await page.getByTestId('keyspace-name-input').fill(ks);
  await page.getByTestId('run-create-keyspace').click();
  await expect(page.getByTestId('action-create-keyspace').getByTestId('command-ok')).toBeVisible();
  const ksNode = tree.locator(`[data-testid="tree-keyspace"][data-name="${ks}"]`);
  await expect(ksNode).toBeVisible();

  await ksNode.click();
  await expect(page).toHaveURL(new RegExp(`/clusters/prod/topology/${ks}$`));
  await page.getByTestId('shard-name-input').fill('-80');
  await page.getByTestId('run-create-shard').click();
  await expect(page.getByTestId('action-create-shard').getByTestId('command-ok')).toBeVisible();
  await expect(tree.locator(`[data-testid="tree-shard"][data-name="${ks}/-80"]`)).toBeVisible();

  // The search is kept in the URL, so the filtered view can be shared.
  await page.getByTestId('topology-search').fill(ks);
  await expect(page).toHaveURL(new RegExp(`q=${ks}`));
  await expect(tree.getByTestId('tree-keyspace')).toHaveCount(1);
  await shot(page, 'topology-created');

  await page.getByTestId('run-validate-keyspace').click();
  const validate = page.getByTestId('action-validate-keyspace');
  // vtctld's own verdict: the new shard has no primary, so validation reports it.
  await expect(validate.getByTestId('command-error')).toContainText(/validation|master|primary/i);
  await shot(page, 'topology-validated');

  await tree.locator(`[data-testid="tree-shard"][data-name="${ks}/-80"]`).click();
  await page.getByTestId('run-delete-shard').click();
  await expect(page.getByTestId('confirm-ok')).toBeDisabled();
  await page.getByTestId('confirm-input').fill(`${ks}/-80`);
  await page.getByTestId('confirm-ok').click();
  await expect(tree.locator(`[data-testid="tree-shard"][data-name="${ks}/-80"]`)).toHaveCount(0);

  await tree.locator(`[data-testid="tree-keyspace"][data-name="${ks}"]`).click();
  await page.getByTestId('run-delete-keyspace').click();
  await page.getByTestId('confirm-input').fill(ks);
  await page.getByTestId('confirm-ok').click();
  await page.getByTestId('topology-search').fill('');
  await expect(tree.locator(`[data-testid="tree-keyspace"][data-name="${ks}"]`)).toHaveCount(0);
  await expect(tree.locator('[data-testid="tree-keyspace"][data-name="commerce"]')).toBeVisible();
  await shot(page, 'topology-deleted');
});

test('a deep link opens the tablet with its schema', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/clusters/prod/topology/commerce/0/zone1-0000000100');
  await expect(page.getByTestId('panel-tablet')).toBeVisible();
  await expect(page.getByTestId('tablet-schema')).toContainText('product');
  await shot(page, 'topology-tablet');
});

test('a search opens the tree down to its matches, and clearing it gives back the tree as it was', async ({
  page,
}) => {
  await signIn(page, 'viewer');
  await page.goto('/clusters/prod/topology');
  const tree = page.getByTestId('topology-tree');
  const tablets = tree.getByTestId('tree-tablet');
  await expect(tree.locator('[data-testid="tree-shard"][data-name="commerce/0"]')).toBeVisible();
  await expect(tablets).toHaveCount(0); // keyspaces open, shards closed

  await page.getByTestId('topology-search').fill('rdonly');
  await expect(tree.locator('[data-testid="tree-tablet"][data-name="zone2-0000000102"]')).toBeVisible();
  expect(await tablets.count()).toBeGreaterThanOrEqual(3); // one rdonly tablet in every shard
  await shot(page, 'topology-search-rdonly');

  await page.getByTestId('topology-search').fill('');
  await expect(tablets).toHaveCount(0);
  await expect(tree.locator('[data-testid="tree-shard"][data-name="customer/-80"]')).toBeVisible();

  // A tablet picked from the results stays in view once the search is cleared; nothing else opens.
  await page.getByTestId('topology-search').fill('rdonly');
  await tree.locator('[data-testid="tree-tablet"][data-name="zone2-0000000102"]').click();
  await expect(page.getByTestId('panel-tablet')).toBeVisible();
  await page.getByTestId('topology-search').fill('');
  await expect(tree.locator('[data-testid="tree-tablet"][data-name="zone1-0000000100"]')).toBeVisible();
  await expect(tree.locator('[data-testid="tree-tablet"][data-name="zone2-0000000202"]')).toHaveCount(0);
  await expect(tablets).toHaveCount(3); // commerce/0, the picked tablet's shard
});

test('the console comes compressed, and a second visit downloads none of its scripts again', async ({
  page,
}) => {
  await signIn(page, 'viewer');
  const scripts: { url: string; encoding?: string; cache?: string }[] = [];
  let topologyEncoding: string | undefined;
  page.on('response', (res) => {
    const { pathname } = new URL(res.url());
    const headers = res.headers();
    if (pathname.startsWith('/assets/') && pathname.endsWith('.js')) {
      scripts.push({ url: pathname, encoding: headers['content-encoding'], cache: headers['cache-control'] });
    }
    if (pathname === '/api/v2/clusters/prod/topology') topologyEncoding = headers['content-encoding'];
  });
  await page.goto('/clusters/prod/topology');
  await expect(page.getByTestId('topology-tree').getByTestId('tree-keyspace').first()).toBeVisible();
  expect(scripts.length).toBeGreaterThan(3);
  for (const s of scripts) {
    expect(s.encoding, s.url).toBe('br');
    expect(s.cache, s.url).toBe('public, max-age=31536000, immutable');
  }
  expect(topologyEncoding).toBe('br');

  // Another visit: every script comes from the browser's cache, not one byte over the network.
  await page.goto('/clusters/prod/topology');
  await expect(page.getByTestId('topology-tree').getByTestId('tree-keyspace').first()).toBeVisible();
  const again = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => new URL(e.name).pathname.endsWith('.js'))
      .map((e) => ({ url: e.name, transferSize: e.transferSize })),
  );
  expect(again.length).toBeGreaterThan(3);
  for (const e of again) expect(e.transferSize, e.url).toBe(0);
});
