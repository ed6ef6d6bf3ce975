import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_BIG_TABLE_ROWS,
  findMariadb,
  formatFetchJson,
  MARIADB_INSTALL_HINT,
  startVtgateFake,
  type VtgateFake,
} from '../src/vtgate';

// These tests need a real mariadbd; a missing one is a failure with the install command, never a skip.
function assertMariadbInstalled(): void {
  if (!findMariadb()) throw new Error(MARIADB_INSTALL_HINT);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

async function count(conn: Connection, sql: string): Promise<number> {
  const [rows] = await conn.query<RowDataPacket[]>(sql);
  return Number(rows[0]?.n);
}

describe('findMariadb', () => {
  it('finds mariadbd and mariadb-install-db', () => {
    assertMariadbInstalled();
    const found = findMariadb()!;
    expect(found.mariadbd).toMatch(/(mariadbd|mysqld)$/);
    expect(found.installDb).toMatch(/(mariadb-install-db|mysql_install_db)$/);
  });
});

describe('vtgate fake with the demo keyspaces', () => {
  let fake: VtgateFake;
  let conn: Connection;

  beforeAll(async () => {
    assertMariadbInstalled();
    const started = Date.now();
    fake = await startVtgateFake();
    // Generous against a loaded CI box; it takes about a second here.
    expect(Date.now() - started).toBeLessThan(10_000);
    conn = await mysql.createConnection({ uri: fake.url, dateStrings: true });
  });

  afterAll(async () => {
    await conn?.end();
    await fake?.close();
  });

  it('serves one database per keyspace to the app account over TCP on loopback', async () => {
    expect(fake.host).toBe('127.0.0.1');
    expect(fake.url).toBe(`mysql://vtdeck:${encodeURIComponent(fake.password)}@127.0.0.1:${fake.port}`);
    expect(fake.keyspaces).toEqual(['commerce', 'customer']);
    expect(fake.databaseFor('customer')).toBe('customer');
    expect(() => fake.databaseFor('nope')).toThrow(
      /unknown keyspace "nope": this vtgate serves commerce, customer/,
    );
    const [dbs] = await conn.query<RowDataPacket[]>('SHOW DATABASES');
    expect(dbs.map((r) => r.Database)).toEqual(['commerce', 'customer', 'information_schema']);
  });

  it('holds the demo rows', async () => {
    await conn.query('USE `commerce`');
    expect(await count(conn, 'SELECT COUNT(*) AS n FROM product')).toBe(60);
    expect(await count(conn, 'SELECT COUNT(*) AS n FROM customer')).toBe(200);
    expect(await count(conn, 'SELECT COUNT(*) AS n FROM corder')).toBe(400);
    expect(await count(conn, 'SELECT COUNT(*) AS n FROM big_table')).toBe(DEMO_BIG_TABLE_ROWS);
    expect(await count(conn, 'SELECT COUNT(*) AS n FROM `customer`.`corder`')).toBe(400);
    const [rows] = await conn.query<RowDataPacket[]>(
      'SELECT o.order_id, c.email, p.description FROM corder o JOIN customer c USING (customer_id) ' +
        'JOIN product p USING (sku) ORDER BY o.order_id LIMIT 3',
    );
    expect(rows).toHaveLength(3);
    expect(String(rows[0]?.email)).toMatch(/^[a-z]+\.[a-z]+\d+@example\.com$/);
  });

  it('has a table of awkward types for result grids', async () => {
    const [rows] = await conn.query<RowDataPacket[]>('SELECT * FROM `commerce`.`all_types` ORDER BY id');
    const everything = rows.find((r) => r.label === 'everything set')!;
    // MariaDB 10.5+ flags JSON columns in its extended metadata, so mysql2 parses them like MySQL JSON.
    expect(everything.attrs).toEqual({ size: 'L', tags: ['a', 'b'], nested: { ok: true, n: 1.5 } });
    expect(everything.payload).toEqual(Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f]));
    expect((everything.token as Buffer).toString('hex')).toBe('00112233445566778899aabbccddeeff');
    expect(everything.birthday).toBe('1990-02-28');
    expect(everything.created_at).toBe('2024-03-15 12:34:56.789');
    const nulls = rows.find((r) => r.label === 'all nulls')!;
    expect([nulls.note, nulls.attrs, nulls.payload, nulls.birthday]).toEqual([null, null, null, null]);
    expect(rows.some((r) => String(r.label).includes('🚀'))).toBe(true);
  });

  it('lets the app account insert and change schema in its keyspaces only', async () => {
    await conn.query('USE `customer`');
    const [insert] = await conn.query<mysql.ResultSetHeader>(
      "INSERT INTO customer (email) VALUES ('new.person@example.com')",
    );
    expect(insert.insertId).toBe(201);
    await conn.query('CREATE TABLE notes (id int PRIMARY KEY, body text)');
    await conn.query('ALTER TABLE notes ADD COLUMN created_at datetime');
    await conn.query("INSERT INTO notes VALUES (1, 'hello', '2024-01-02 03:04:05')");
    const [notes] = await conn.query<RowDataPacket[]>('SELECT * FROM notes');
    expect(notes).toEqual([{ id: 1, body: 'hello', created_at: '2024-01-02 03:04:05' }]);
    await conn.query('DROP TABLE notes');
    await expect(conn.query('SELECT * FROM mysql.user')).rejects.toMatchObject({
      code: 'ER_TABLEACCESS_DENIED_ERROR',
    });
    await expect(conn.query('CREATE DATABASE other')).rejects.toMatchObject({
      code: 'ER_DBACCESS_DENIED_ERROR',
    });
  });

  it('refuses root over TCP: only the private socket knows root', async () => {
    await expect(
      mysql.createConnection({ host: fake.host, port: fake.port, user: 'root', password: '' }),
    ).rejects.toMatchObject({ code: 'ER_ACCESS_DENIED_ERROR' });
  });

  it('seeds 100,000 rows in a few seconds', async () => {
    const started = Date.now();
    expect(await fake.seedRows('commerce', 'big_table', 100_000)).toBe(100_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await count(conn, 'SELECT COUNT(*) AS n FROM `commerce`.`big_table`')).toBe(
      DEMO_BIG_TABLE_ROWS + 100_000,
    );
    // Generated keys continue after existing ones; unique string keys do not collide.
    expect(await fake.seedRows('commerce', 'product', 500)).toBe(500);
    expect(await fake.seedRows('commerce', 'product', 500)).toBe(500);
    expect(await fake.seedRows('commerce', 'all_types', 50)).toBe(50);
    await expect(fake.seedRows('commerce', 'missing', 1)).rejects.toThrow(/commerce\.missing does not exist/);
  });

  it('answers ExecuteFetchAsDba like vttablet', async () => {
    const result = await fake.executeFetchAsDba(
      'commerce',
      'SELECT id, label, amount, attrs, payload FROM all_types WHERE id IN (1, 2) ORDER BY id',
    );
    expect(result.fields?.map((f) => [f.name, f.type])).toEqual([
      ['id', 265],
      ['label', 6165],
      ['amount', 18],
      ['attrs', 2078],
      ['payload', 10260],
    ]);
    expect(result.rows[0]).toEqual(['1', 'all nulls', null, null, null]);
    const json = formatFetchJson(result);
    expect(json).toContain('"rows": [\n    [\n      1,\n      "all nulls",\n      null,');
    expect(json).toContain('12345.67,\n      "{\\"size\\":\\"L\\"');
    const dml = await fake.executeFetchAsDba(
      'commerce',
      'UPDATE product SET price = price + 1 WHERE sku = "SKU-1001"',
    );
    expect(dml).toMatchObject({ fields: null, rows_affected: 1, rows: [] });
    expect(formatFetchJson(dml)).toBe(
      '{\n  "fields": null,\n  "rows_affected": 1,\n  "insert_id": 0,\n  "rows": []\n}',
    );
    await expect(
      fake.executeFetchAsDba('commerce', 'SELECT * FROM big_table', { maxRows: 100 }),
    ).rejects.toThrow('Row count exceeded 100');
  });

  it('describes a keyspace like GetSchema', async () => {
    const schema = await fake.getSchema('commerce');
    expect(schema.databaseSchema).toMatch(/^CREATE DATABASE \{\{\.DatabaseName\}\} /);
    expect(schema.tables.map((t) => t.name)).toEqual([
      'all_types',
      'big_table',
      'corder',
      'customer',
      'customer_seq',
      'order_summary',
      'product',
    ]);
    const corder = schema.tables.find((t) => t.name === 'corder')!;
    expect(corder).toMatchObject({
      type: 'BASE TABLE',
      columns: ['order_id', 'customer_id', 'sku', 'price'],
      primaryKeyColumns: ['order_id'],
    });
    expect(corder.schema).toMatch(
      /^CREATE TABLE `corder` \(\n {2}`order_id` bigint\(20\) NOT NULL AUTO_INCREMENT,/,
    );
    expect(corder.schema).not.toMatch(/AUTO_INCREMENT=\d/);
    expect(corder.rowCount).toBeGreaterThan(0);
    expect(corder.dataLength).toBeGreaterThan(0);
    expect(schema.tables.find((t) => t.name === 'order_summary')).toMatchObject({
      type: 'VIEW',
      primaryKeyColumns: [],
    });
  });

  it('kills a running query with KILL QUERY from a second connection', async () => {
    const victim = await mysql.createConnection({ uri: fake.url });
    try {
      const started = Date.now();
      const sleeping = victim.query<RowDataPacket[]>('SELECT SLEEP(30) AS slept').then(
        ([rows]) => ({ rows, error: null }),
        (error: { code?: string }) => ({ rows: null, error }),
      );
      // Kill only once the server really runs the statement, or KILL QUERY would hit nothing.
      const until = Date.now() + 5_000;
      const running = `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID = ${victim.threadId} AND INFO LIKE 'SELECT SLEEP%'`;
      while ((await count(conn, running)) === 0 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      await conn.query(`KILL QUERY ${victim.threadId}`);
      const outcome = await sleeping;
      expect(Date.now() - started).toBeLessThan(1_500);
      // MariaDB ends an interrupted SLEEP either with 1 or with "Query execution was interrupted".
      if (outcome.error) expect(outcome.error.code).toBe('ER_QUERY_INTERRUPTED');
      else expect(Number(outcome.rows?.[0]?.slept)).toBe(1);
      // KILL QUERY leaves the connection usable.
      const [[row]] = await victim.query<RowDataPacket[]>('SELECT 1 AS ok');
      expect(row?.ok).toBe(1);
    } finally {
      await victim.end();
    }
  });
});

describe('vtgate fake lifecycle', () => {
  beforeAll(assertMariadbInstalled);

  it('runs two instances side by side, each with its own port, process and datadir', async () => {
    const keyspaces = [
      {
        name: 'k-one',
        tables: [{ name: 't', createSql: 'CREATE TABLE t (id int PRIMARY KEY)' }],
        rows: { t: [{ id: 1 }] },
      },
    ];
    const [a, b] = await Promise.all([
      startVtgateFake({ keyspaces }),
      startVtgateFake({ keyspaces, user: 'other' }),
    ]);
    try {
      expect(a.port).not.toBe(b.port);
      expect(a.pid).not.toBe(b.pid);
      expect(a.tempDir).not.toBe(b.tempDir);
      const ca = await mysql.createConnection({ uri: a.url });
      const cb = await mysql.createConnection({ uri: b.url });
      await ca.query('INSERT INTO `k-one`.t VALUES (2)');
      expect(await count(ca, 'SELECT COUNT(*) AS n FROM `k-one`.t')).toBe(2);
      expect(await count(cb, 'SELECT COUNT(*) AS n FROM `k-one`.t')).toBe(1);
      await Promise.all([ca.end(), cb.end()]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('close stops mariadbd and removes its temp dir', async () => {
    const fake = await startVtgateFake({ keyspaces: [{ name: 'solo', tables: [] }] });
    expect(alive(fake.pid)).toBe(true);
    expect(existsSync(join(fake.tempDir, 'data'))).toBe(true);
    await fake.close();
    expect(alive(fake.pid)).toBe(false);
    expect(existsSync(fake.tempDir)).toBe(false);
    await fake.close();
    await expect(mysql.createConnection({ uri: fake.url, connectTimeout: 1_000 })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('refuses bad keyspace names before starting anything', async () => {
    await expect(startVtgateFake({ keyspaces: [{ name: 'bad`name', tables: [] }] })).rejects.toThrow(
      /invalid keyspace name "bad`name"/,
    );
  });

  it('takes mariadbd and its temp dir down when the owning process dies', async () => {
    const root = resolve(fileURLToPath(import.meta.url), '../../../..');
    const scratch = await mkdtemp(join(tmpdir(), 'vtgate-owner-'));
    const script = join(scratch, 'owner.mts');
    const entry = resolve(root, 'packages/sandbox/src/vtgate/index.ts');
    await writeFile(
      script,
      `import { startVtgateFake } from ${JSON.stringify(entry)};
const fake = await startVtgateFake({ keyspaces: [{ name: 'orphan', tables: [] }] });
console.log(JSON.stringify({ pid: fake.pid, dir: fake.tempDir }));
setInterval(() => {}, 1000);
`,
    );
    const owner = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const line = await new Promise<string>((res, rej) => {
        owner.stdout.setEncoding('utf8');
        owner.stdout.once('data', (chunk: string) => res(chunk));
        owner.once('exit', (code) => rej(new Error(`owner exited early with ${code}`)));
      });
      const { pid, dir } = JSON.parse(line) as { pid: number; dir: string };
      expect(alive(pid)).toBe(true);
      owner.kill('SIGKILL');
      expect(await waitFor(() => !alive(pid), 10_000)).toBe(true);
      expect(await waitFor(() => !existsSync(dir), 5_000)).toBe(true);
    } finally {
      owner.kill('SIGKILL');
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
