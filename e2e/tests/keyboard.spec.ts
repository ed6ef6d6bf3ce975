import { expect, type Page, test } from '@playwright/test';
import { shot, signIn } from './support';

// The console without a mouse: the topology tree by arrow keys and Enter, and the SQL editor,
// where Tab indents, left with Esc then Tab (CodeMirror's escape from its Tab handling).

/** The tree item the keyboard is on (the tree keeps focus and points at it with aria-activedescendant). */
async function onItem(page: Page): Promise<string | null> {
  return page.getByRole('tree').evaluate((tree) => {
    const id = tree.getAttribute('aria-activedescendant');
    const item = id ? document.getElementById(id) : null;
    return item?.querySelector('[data-name]')?.getAttribute('data-name') ?? null;
  });
}

const item = (page: Page, name: string) =>
  page.getByRole('treeitem').filter({ has: page.locator(`[data-name="${name}"]`) });

test('the topology tree is driven by the keyboard alone', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/clusters/prod/topology');
  const tree = page.getByRole('tree', { name: /Topology/ });
  await expect(item(page, 'commerce')).toBeVisible();

  // Tab from the search box lands on the tree, on its first keyspace.
  await page.getByTestId('topology-search').focus();
  await page.keyboard.press('Tab');
  await expect(tree).toBeFocused();
  await expect.poll(() => onItem(page)).toBe('commerce');

  // Down to the shard, Right opens it, Right again steps onto its first tablet.
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => onItem(page)).toBe('commerce/0');
  await expect(item(page, 'commerce/0')).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowRight');
  await expect(item(page, 'commerce/0')).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => onItem(page)).toBe('zone1-0000000100');

  // Enter opens the tablet: its URL and its panel; the keyboard stays in the tree.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/clusters\/prod\/topology\/commerce\/0\/zone1-0000000100$/);
  await expect(page.getByTestId('panel-tablet')).toBeVisible();
  await expect(tree).toBeFocused();
  await shot(page, 'keyboard-tree-tablet');

  // Left goes up to the shard, Left again closes it; Up and Enter open the keyspace.
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => onItem(page)).toBe('commerce/0');
  await page.keyboard.press('ArrowLeft');
  await expect(item(page, 'commerce/0')).toHaveAttribute('aria-expanded', 'false');
  await expect(item(page, 'zone1-0000000100')).toHaveCount(0);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => onItem(page)).toBe('commerce');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/clusters\/prod\/topology\/commerce$/);
  await expect(page.getByTestId('panel-keyspace')).toBeVisible();
});

test('the SQL editor takes Tab for indenting and lets the keyboard out with Esc', async ({ page }) => {
  await signIn(page, 'developer');
  await page.goto('/clusters/prod/sql');
  const editor = page.getByTestId('sql-editor-input');
  await expect(editor).toBeVisible();
  // Screen readers announce how to leave it.
  await expect(editor).toHaveAccessibleName('SQL editor');
  await expect(editor).toHaveAccessibleDescription(/Esc, then Tab/);

  // From the toolbar, Tab enters the editor; inside, Tab indents and focus stays.
  await page.getByTestId('sql-library-open').focus();
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  await expect(editor).toContainText(/;\s{2,}$/); // a new line, indented (lines are elements, no \n)

  // Esc, then Shift+Tab: back to the toolbar; Tab returns; Esc, then Tab: onwards, out of the editor.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('sql-library-open')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();
});
