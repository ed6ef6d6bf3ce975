import { expect, test } from '@playwright/test';
import { DEMO_PASSWORDS, shot, signIn } from './support';

// Issue 4's journey: what a user may do decides what the console shows, and the BFF decides.

test('a developer signs in on the sign-in page, sees only granted keyspaces and no delete button', async ({
  page,
}) => {
  await page.goto('/clusters/prod/topology');
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByTestId('demo-user-developer')).toBeVisible();
  await shot(page, 'auth-sign-in');

  await page.getByTestId('sign-in-username').fill('developer');
  await page.getByTestId('sign-in-password').fill(DEMO_PASSWORDS.developer);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/clusters\/prod\/topology/);

  const tree = page.getByTestId('topology-tree');
  await expect(tree.locator('[data-testid="tree-keyspace"][data-name="commerce"]')).toBeVisible();
  await expect(tree.locator('[data-testid="tree-keyspace"][data-name="customer"]')).toHaveCount(0);

  await tree.locator('[data-testid="tree-keyspace"][data-name="commerce"]').click();
  await expect(page.getByTestId('panel-keyspace')).toBeVisible();
  await expect(page.getByTestId('run-delete-keyspace')).toHaveCount(0);
  await expect(page.getByTestId('keyspace-name-input')).toHaveCount(0);
  await shot(page, 'auth-developer-keyspace');

  // The console hides the button; the BFF is still the authority for a hand-made request.
  const csrf = await page.evaluate(async () => {
    const res = await fetch('/api/v2/session');
    return ((await res.json()) as { csrfToken?: string }).csrfToken ?? '';
  });
  const denied = await page.request.post('/api/vtctl/', {
    data: ['DeleteKeyspace', '-recursive', 'commerce'],
    headers: { 'x-csrf-token': csrf },
  });
  expect(denied.status()).toBe(403);
  expect(await denied.text()).toMatch(/dba/);

  // A hidden keyspace is not reachable by URL either.
  await page.goto('/clusters/prod/topology/customer');
  await expect(page.getByTestId('panel-keyspace')).toHaveCount(0);
});

test('a dba deletes a keyspace of their grant and the audit log records it', async ({ page }) => {
  const ks = `customer_e2e_${Date.now().toString(36)}`;
  await signIn(page, 'dba');
  await page.goto('/clusters/prod/topology');
  const tree = page.getByTestId('topology-tree');
  await expect(tree.locator('[data-testid="tree-keyspace"][data-name="customer"]')).toBeVisible();
  await expect(tree.locator('[data-testid="tree-keyspace"][data-name="commerce"]')).toHaveCount(0);

  await page.getByTestId('keyspace-name-input').fill(ks);
  await page.getByTestId('run-create-keyspace').click();
  await expect(page.getByTestId('action-create-keyspace').getByTestId('command-ok')).toBeVisible();
  const node = tree.locator(`[data-testid="tree-keyspace"][data-name="${ks}"]`);
  await node.click();
  await page.getByTestId('run-delete-keyspace').click();
  await expect(page.getByTestId('confirm-ok')).toBeDisabled();
  await page.getByTestId('confirm-input').fill(ks);
  await page.getByTestId('confirm-ok').click();
  await expect(node).toHaveCount(0);
  await shot(page, 'auth-dba-deleted');

  // The admin reads both changes back on the Audit page.
  await page.context().clearCookies();
  await signIn(page, 'admin');
  await page.goto('/audit');
  const rows = page.getByTestId('audit-table');
  await expect(rows).toContainText('DeleteKeyspace');
  await expect(rows).toContainText(ks);
  await expect(rows).toContainText('dba');
  await shot(page, 'auth-audit');
});
