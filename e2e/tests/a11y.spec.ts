import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { shot, signIn } from './support';

// axe on every page of the console, in both themes: no serious or critical violation of WCAG 2.1 A/AA.
// Each page is checked once what it shows has loaded (the axe run sees the settled page, not a spinner).

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Screen {
  name: string;
  url: string;
  /** What must be on screen before the page is checked. */
  ready: (page: Page) => Promise<void>;
}

const visible = (testId: string) => async (page: Page) => {
  await expect(page.getByTestId(testId).first()).toBeVisible({ timeout: 30_000 });
};

const SCREENS: Screen[] = [
  { name: 'topology', url: '/clusters/prod/topology', ready: visible('tree-keyspace') },
  {
    name: 'topology-tablet',
    url: '/clusters/prod/topology/commerce/0/zone1-0000000100',
    ready: async (page) => {
      await expect(page.getByTestId('tablet-schema')).toContainText('product', { timeout: 30_000 });
    },
  },
  { name: 'vtctl', url: '/clusters/prod/vtctl', ready: visible('vtctl-console') },
  {
    name: 'sql',
    url: '/clusters/prod/sql',
    ready: async (page) => {
      await expect(page.locator('.cm-content')).toBeVisible();
    },
  },
  {
    name: 'sql-results',
    url: '/clusters/prod/sql',
    ready: async (page) => {
      await page.getByTestId('sql-editor-input').click();
      await page.keyboard.press('ControlOrMeta+Enter');
      await expect(page.getByTestId('sql-grid-row').first()).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    name: 'user-menu',
    url: '/clusters/prod/topology',
    ready: async (page) => {
      await page.getByTestId('user-menu').click();
      await expect(page.getByTestId('user-menu-panel')).toBeVisible();
    },
  },
  { name: 'cluster-pods', url: '/clusters/prod/cluster?tab=pods&ns=vitess', ready: visible('pod-open') },
  { name: 'cluster-rcs', url: '/clusters/prod/cluster?tab=rcs&ns=vitess', ready: visible('rc-open') },
  {
    name: 'cluster-services',
    url: '/clusters/prod/cluster?tab=services&ns=vitess',
    ready: visible('svc-open'),
  },
  {
    name: 'cluster-pod-detail',
    url: '/clusters/prod/cluster?tab=pods&ns=vitess&pod=vttablet-100',
    ready: async (page) => {
      await expect(page.getByTestId('logs-text')).not.toBeEmpty({ timeout: 30_000 });
    },
  },
  { name: 'cluster-namespaces', url: '/clusters/prod/cluster?tab=namespaces', ready: visible('ns-open') },
  { name: 'routers', url: '/clusters/prod/routers', ready: visible('router-card') },
  { name: 'router', url: '/clusters/prod/routers/router-1', ready: visible('routes-table') },
  {
    name: 'route',
    url: '/clusters/prod/routers/router-1/routes/myCluster_ro',
    ready: async (page) => {
      await expect(page.getByTestId('route-alive')).toHaveAttribute('data-alive', 'true', {
        timeout: 30_000,
      });
    },
  },
  {
    name: 'monitor',
    url: '/clusters/prod/monitor',
    ready: async (page) => {
      await expect(page.getByRole('main')).toBeVisible();
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 30_000 });
    },
  },
  { name: 'audit', url: '/audit', ready: visible('audit-table') },
];

/** The serious and critical violations on the page, one readable line per offending element. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary} — ${n.html.slice(0, 160)}`,
      ),
    );
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    for (const screen of SCREENS) {
      test(`${screen.name} has no serious accessibility violations`, async ({ page }) => {
        await signIn(page, 'admin');
        await page.goto(screen.url);
        await screen.ready(page);
        const found = await violations(page);
        if (found.length > 0) await shot(page, `a11y-${colorScheme}-${screen.name}`);
        expect(found).toEqual([]);
      });
    }

    test('sign-in page has no serious accessibility violations', async ({ page }) => {
      await page.goto('/signin');
      await expect(page.getByTestId('sign-in-submit')).toBeVisible();
      const found = await violations(page);
      if (found.length > 0) await shot(page, `a11y-${colorScheme}-signin`);
      expect(found).toEqual([]);
    });
  });
}
