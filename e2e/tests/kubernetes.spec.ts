import { expect, type Page, test } from '@playwright/test';
import { shot, signIn } from './support';

// The cluster journey: an admin creates a namespace, an etcd replication controller and its
// service, watches the pods become Running, reads a pod's log, then deletes everything by name.

async function confirmDelete(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('confirm-ok')).toBeDisabled();
  await page.getByTestId('confirm-input').fill(name);
  await page.getByTestId('confirm-ok').click();
}

test('an admin deploys etcd into a new namespace, reads its logs and removes it all', async ({ page }) => {
  test.setTimeout(120_000);
  const ns = `e2e-${Date.now().toString(36)}`;
  const cell = 'e2ecell';
  await signIn(page, 'admin');

  await page.goto('/clusters/prod/cluster?tab=namespaces');
  await page.getByTestId('create-namespaces').click();
  await page.getByTestId('field-name').fill(ns);
  await page.getByTestId('field-labels').fill('team=e2e');
  await page.getByTestId('create-namespace-submit').click();
  const nsRow = page.locator(`[data-testid="namespaces-table"] tr[data-name="${ns}"]`);
  await expect(nsRow).toBeVisible();
  await expect(nsRow).toContainText('team=e2e');

  // The namespace selector, tab and filters are in the URL.
  await nsRow.getByTestId('ns-pods').click();
  await expect(page).toHaveURL(new RegExp(`ns=${ns}`));
  await page.getByTestId('tab-rcs').click();
  await expect(page).toHaveURL(/tab=rcs/);

  await page.getByTestId('create-rcs').click();
  await page.getByTestId('field-cell').fill('Bad Cell');
  await expect(page.getByTestId('create-rc')).toContainText('starting with a letter');
  await page.getByTestId('field-cell').fill(cell);
  await page.getByTestId('field-replicas').fill('2');
  await shot(page, 'k8s-create-rc');
  await page.getByTestId('create-rc-submit').click();
  await expect(page.locator(`[data-testid="rcs-table"] tr[data-name="etcd-${cell}"]`)).toBeVisible();

  await page.getByTestId('tab-services').click();
  await page.getByTestId('create-services').click();
  await page.getByTestId('field-cell').fill(cell);
  await page.getByTestId('create-service-submit').click();
  await expect(page.locator(`[data-testid="services-table"] tr[data-name="etcd-${cell}"]`)).toBeVisible();

  // The pod list refreshes by itself until the controller's pods are Running.
  await page.getByTestId('tab-pods').click();
  const etcdPods = page.locator(`[data-testid="pods-table"] tr[data-name^="etcd-${cell}-"]`);
  await expect(etcdPods).toHaveCount(2, { timeout: 20_000 });
  await expect(
    page.locator(`[data-testid="pods-table"] tr[data-name^="etcd-${cell}-"][data-status="Running"]`),
  ).toHaveCount(2, { timeout: 30_000 });
  await page.getByTestId('status-filter').click();
  await page.getByTitle('Running', { exact: true }).click();
  await expect(page).toHaveURL(/status=Running/);
  await shot(page, 'k8s-pods-running');

  await etcdPods.first().getByTestId('pod-open').click();
  const drawer = page.getByTestId('pod-drawer');
  await expect(drawer.getByTestId('pod-summary')).toContainText('1/1');
  await expect(drawer.getByTestId('logs-text')).toContainText(/etcd|member|raft/i, { timeout: 20_000 });
  // The drawer slides in: the screenshot waits until it is all on screen.
  await expect(drawer.getByTestId('pod-summary')).toBeInViewport({ ratio: 1 });
  await shot(page, 'k8s-pod-logs');
  await drawer.getByRole('tab', { name: 'YAML' }).click();
  await expect(drawer.getByTestId('manifest')).toContainText(`app: vitess`);
  await page.keyboard.press('Escape');

  // Deleting the controller takes its pods along.
  await page.getByTestId('tab-rcs').click();
  await page.getByTestId(`delete-rcs-etcd-${cell}`).click();
  await confirmDelete(page, `etcd-${cell}`);
  await expect(page.locator(`[data-testid="rcs-table"] tr[data-name="etcd-${cell}"]`)).toHaveCount(0);
  // Switching tabs dropped the status filter, so Terminating pods would show until they are gone.
  await page.getByTestId('tab-pods').click();
  await expect(page).not.toHaveURL(/status=/);
  await expect(etcdPods).toHaveCount(0, { timeout: 20_000 });

  await page.getByTestId('tab-services').click();
  await page.getByTestId(`delete-services-etcd-${cell}`).click();
  await confirmDelete(page, `etcd-${cell}`);
  await expect(page.locator(`[data-testid="services-table"] tr[data-name="etcd-${cell}"]`)).toHaveCount(0);

  await page.getByTestId('tab-namespaces').click();
  await page.getByTestId(`delete-namespaces-${ns}`).click();
  await confirmDelete(page, ns);
  await expect(nsRow).toHaveCount(0, { timeout: 20_000 });
  await shot(page, 'k8s-deleted');
});

test('a tablet links to its pod and the pod back to its tablet', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/clusters/prod/topology/commerce/0/zone1-0000000100');
  await page.getByTestId('tablet-pod-link').click();
  const drawer = page.getByTestId('pod-drawer');
  await expect(drawer).toContainText('vttablet-100');
  await drawer.getByTestId('pod-tablet-link').click();
  await expect(page).toHaveURL(/\/clusters\/prod\/topology\/commerce\/0\/zone1-0000000100$/);
  await expect(page.getByTestId('panel-tablet')).toBeVisible();
});
