import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { DEMO_PASSWORDS, type DemoUser, shot } from './support';

/** The SQL console as a user drives it. */
class SqlConsole {
  readonly editor: Locator;
  readonly grid: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByTestId('sql-editor-input');
    this.grid = page.getByTestId('sql-grid');
    this.rows = page.getByTestId('sql-grid-row');
  }

  /** Signs in through the sign-in page, which brings the user back to the console. */
  async open(user: DemoUser, cluster = 'prod') {
    await this.page.goto(`/clusters/${cluster}/sql`);
    await expect(this.page).toHaveURL(/\/signin/);
    await this.page.getByTestId('sign-in-username').fill(user);
    await this.page.getByTestId('sign-in-password').fill(DEMO_PASSWORDS[user]);
    await this.page.getByTestId('sign-in-submit').click();
    await expect(this.page).toHaveURL(new RegExp(`/clusters/${cluster}/sql`));
    await expect(this.editor).toBeVisible();
  }

  async target(keyspace: string) {
    const select = this.page.getByTestId('sql-keyspace');
    if ((await select.textContent())?.includes(keyspace)) return;
    await select.click();
    await this.page.locator(`.ant-select-item-option[title="${keyspace}"]`).click();
    await expect(select).toContainText(keyspace);
  }

  /** Replaces the editor's text, as typing would (no auto-closed quotes). */
  async write(sql: string) {
    await this.editor.click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(sql);
  }

  async runWithShortcut() {
    await this.page.keyboard.press('ControlOrMeta+Enter');
  }
}

test.describe('SQL console', () => {
  test('a developer writes a query, runs it with the shortcut, sees rows and exports CSV', async ({
    page,
  }) => {
    const sql = new SqlConsole(page);
    await sql.open('developer');
    await sql.target('commerce');

    await sql.write(
      `SELECT id, name, 'a,"b"' AS quoted, NULL AS nothing\nFROM big_table\nORDER BY id\nLIMIT 3`,
    );
    // The routing of the statement under the cursor shows before it runs.
    await expect(page.getByTestId('sql-routing')).toBeVisible();
    await sql.runWithShortcut();

    await expect(sql.rows).toHaveCount(3);
    await expect(page.getByTestId('sql-row-count')).toHaveText('3 rows');
    await expect(sql.grid.getByTestId('sql-null').first()).toHaveText('NULL');
    await shot(page, 'sql-rows');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('sql-export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,name,quoted,nothing');
    expect(lines.slice(1, 4).map((l) => l.split(',')[0])).toEqual(['1', '2', '3']);
    // Quotes doubled inside a quoted field; SQL NULL is an empty field.
    for (const line of lines.slice(1, 4)) expect(line).toMatch(/,"a,""b""",$/);
    expect(lines[4]).toBe('');
  });

  test('a statement without LIMIT gets the default one, shown before it runs', async ({ page }) => {
    const sql = new SqlConsole(page);
    await sql.open('developer');
    await sql.target('commerce');
    await sql.write('SELECT * FROM product');
    await expect(page.getByTestId('sql-limit-added')).toContainText(/LIMIT \d+ added/);
  });

  test('a guarded DELETE asks for confirmation and runs once confirmed', async ({ page }) => {
    const sql = new SqlConsole(page);
    await sql.open('developer');
    await sql.target('commerce');

    // No WHERE: guarded. The LIMIT keeps the damage to the sandbox at one row.
    await sql.write('DELETE FROM big_table LIMIT 1');
    await sql.runWithShortcut();
    const modal = page.getByTestId('sql-confirm-modal');
    await expect(modal).toBeVisible();
    await expect(modal.getByTestId('sql-confirm-statement')).toContainText(/DELETE FROM big_table/i);
    await expect(page.getByTestId('sql-awaiting-confirmation')).toBeVisible();
    await shot(page, 'sql-confirm');

    await page.getByTestId('sql-confirm-ok').click();
    await expect(page.getByTestId('sql-rows-affected')).toHaveText('1 row affected');
  });

  test('an error is reported with its MySQL code and marked in the editor', async ({ page }) => {
    const sql = new SqlConsole(page);
    await sql.open('developer');
    await sql.target('commerce');
    await sql.write('SELECT * FROM no_such_table');
    await sql.runWithShortcut();
    await expect(page.getByTestId('sql-error-code')).toContainText('1146');
    await expect(
      page.getByTestId('sql-error-mark').or(page.locator('.cm-sql-error-line')).first(),
    ).toBeVisible();
    await shot(page, 'sql-error');
  });
});
