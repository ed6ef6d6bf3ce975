// Deterministic demo rows for the demo keyspaces: the same seed gives the same data on every start,
// so screenshots, e2e assertions and the vtctld fake's row counts agree.

import { DEMO_TABLES } from './demo-schema';
import type { KeyspaceSpec, Row } from './spec';

export const DEMO_COUNTS = { product: 60, customer: 200, corder: 400 } as const;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ADJECTIVES = ['red', 'blue', 'steel', 'oak', 'quiet', 'rapid', 'tiny', 'grand', 'smart', 'classic'];
const NOUNS = [
  'kettle',
  'lamp',
  'chair',
  'backpack',
  'keyboard',
  'mug',
  'desk',
  'speaker',
  'bottle',
  'drone',
];
const FIRST = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory'];
const LAST = ['smith', 'jones', 'garcia', 'chen', 'muller', 'rossi', 'tanaka', 'silva', 'novak', 'kim'];

function pick<T>(list: readonly T[], rand: () => number): T {
  return list[Math.floor(rand() * list.length)]!;
}

export function demoProducts(): Row[] {
  const rand = prng(1);
  return Array.from({ length: DEMO_COUNTS.product }, (_, i) => ({
    sku: `SKU-${1001 + i}`,
    description: `${pick(ADJECTIVES, rand)} ${pick(NOUNS, rand)}`,
    price: 100 + Math.floor(rand() * 99) * 100,
  }));
}

export function demoCustomers(): Row[] {
  const rand = prng(2);
  return Array.from({ length: DEMO_COUNTS.customer }, (_, i) => ({
    customer_id: i + 1,
    email: `${pick(FIRST, rand)}.${pick(LAST, rand)}${i + 1}@example.com`,
  }));
}

export function demoOrders(): Row[] {
  const rand = prng(3);
  const products = demoProducts();
  return Array.from({ length: DEMO_COUNTS.corder }, (_, i) => {
    const product = pick(products, rand);
    return {
      order_id: i + 1,
      customer_id: 1 + Math.floor(rand() * DEMO_COUNTS.customer),
      sku: product.sku ?? null,
      price: product.price ?? null,
    };
  });
}

/** Edge cases a result grid must survive: NULL everywhere, unicode, zero dates' neighbours, raw bytes. */
export function demoAllTypes(): Row[] {
  const base = {
    note: null,
    amount: null,
    ratio: null,
    birthday: null,
    updated_at: null,
    alarm: null,
    year_made: null,
    colors: null,
    bits: null,
    attrs: null,
    payload: null,
    token: null,
    big_unsigned: null,
  };
  return [
    {
      ...base,
      id: 1,
      label: 'all nulls',
      is_active: 0,
      created_at: '2024-01-01 00:00:00.000',
      status: 'new',
    },
    {
      id: 2,
      label: 'everything set',
      note: 'multi\nline text with "quotes" and \'apostrophes\'',
      amount: '12345.67',
      ratio: 0.125,
      is_active: 1,
      birthday: '1990-02-28',
      created_at: '2024-03-15 12:34:56.789',
      updated_at: '2024-03-16 08:00:00',
      alarm: '07:30:00',
      year_made: 2019,
      status: 'active',
      colors: 'red,blue',
      bits: Buffer.from([0b10100101]),
      attrs: JSON.stringify({ size: 'L', tags: ['a', 'b'], nested: { ok: true, n: 1.5 } }),
      payload: Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f]),
      token: Buffer.from('00112233445566778899aabbccddeeff', 'hex'),
      big_unsigned: '18446744073709551615',
    },
    {
      ...base,
      id: 3,
      label: 'unicode ✓ — ünïcødé 日本語 🚀',
      note: 'emoji 🚀 and RTL שלום',
      is_active: 1,
      created_at: '2024-06-01 00:00:00.000',
      status: 'retired',
      attrs: JSON.stringify([1, 'two', null, false]),
    },
    {
      ...base,
      id: 4,
      label: 'extremes',
      amount: '-9999999999.99',
      ratio: -1.7976931348623157e308,
      is_active: 0,
      birthday: '1000-01-01',
      created_at: '1970-01-01 00:00:01.000',
      updated_at: '2038-01-19 03:14:07',
      alarm: '-838:59:59',
      year_made: 1901,
      status: 'new',
      colors: '',
      bits: Buffer.from([0]),
      payload: Buffer.alloc(0),
      big_unsigned: '0',
    },
    {
      ...base,
      id: 5,
      label: 'large text',
      note: 'lorem ipsum '.repeat(500),
      is_active: 1,
      created_at: '2025-12-31 23:59:59.999',
      status: 'active',
      attrs: JSON.stringify({ html: '<b>not bold</b> & "escaped"' }),
      payload: Buffer.from('plain ascii bytes'),
    },
  ];
}

export function demoSequenceRows(): Row[] {
  return [{ id: 0, next_id: DEMO_COUNTS.customer + 1, cache: 100 }];
}

/** The keyspace id the hash vindex would give a customer (8 bytes); deterministic, not 3DES. */
function keyspaceId(customerId: number): Buffer {
  const id = Buffer.alloc(8);
  id.writeUInt32BE(Math.imul(customerId, 0x9e3779b1) >>> 0, 0);
  id.writeUInt32BE(customerId, 4);
  return id;
}

/** Staging: commerce with the same rows but a smaller big_table, and the `lookup` keyspace. */
export function stagingKeyspaces(): KeyspaceSpec[] {
  const [commerce] = demoKeyspaces();
  const customers = demoCustomers();
  return [
    {
      ...commerce!,
      tables: DEMO_TABLES.commerce.map((t) => (t.generateRows ? { ...t, generateRows: 1_000 } : t)),
    },
    {
      name: 'lookup',
      tables: DEMO_TABLES.lookup,
      rows: {
        customer_email_lookup: customers.map((c) => ({
          email: c.email ?? null,
          keyspace_id: keyspaceId(Number(c.customer_id)),
        })),
      },
    },
  ];
}

/** The demo keyspaces of a sandbox cluster: prod's, or staging's for every other cluster name. */
export function clusterKeyspaces(cluster: string): KeyspaceSpec[] {
  return cluster === 'prod' ? demoKeyspaces() : stagingKeyspaces();
}

/** The demo data set: `commerce` and `customer`, with rows; big_table is generated on start. */
export function demoKeyspaces(): KeyspaceSpec[] {
  const customers = demoCustomers();
  const orders = demoOrders();
  return [
    {
      name: 'commerce',
      tables: DEMO_TABLES.commerce,
      rows: {
        product: demoProducts(),
        customer: customers,
        corder: orders,
        customer_seq: demoSequenceRows(),
        all_types: demoAllTypes(),
      },
    },
    { name: 'customer', tables: DEMO_TABLES.customer, rows: { customer: customers, corder: orders } },
  ];
}
