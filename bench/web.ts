// Web: the initial JavaScript of the first page (gzip, scripts/check-bundle.mjs), and in Chromium
// against the real BFF serving the built web, a topology of 10,000 tablets (100 keyspaces × 25
// shards × 4 tablets): how long the tree takes to render once its data has arrived, and how long the
// search takes from the input event to the filtered tree on screen (Performance API timestamps).
// Targets: initial JS ≤ 300 KB gzip, render < 1 s, filter < 100 ms.
// Run: pnpm bench web   (builds apps/web first when its dist is missing or older than its sources)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { fmtMs, median, type Row, report } from './lib';
import { signedInPage } from './support/browser';
import { ROOT, startBffProcess, startSandboxProcess } from './support/processes';
import { DIST, ensureBuilt } from './support/web-build';

const SHAPE = { keyspaces: 100, shards: 25, tablets: 4 };
const TABLETS = SHAPE.keyspaces * SHAPE.shards * SHAPE.tablets;
const LOADS = 3;
const REPEATS = 7;
// One keyspace, one tablet (ks000, shard 02, its 4th tablet), and a quarter of all tablets.
const QUERIES = ['ks042', 'zone2-0000100203', 'rdonly'];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The size check of the build itself, so the bench and the build agree on what "initial" means. */
function initialJsKb(): number {
  let out: string;
  try {
    out = execFileSync(process.execPath, [join(ROOT, 'scripts/check-bundle.mjs')], { encoding: 'utf8' });
  } catch (err) {
    out = String((err as { stdout?: string }).stdout ?? ''); // over budget: exit code 1, same output
  }
  const kb = /initial JavaScript: ([\d.]+) KB gzip/.exec(out)?.[1];
  if (!kb) throw new Error(`check-bundle printed no total:\n${out}`);
  return Number(kb);
}

declare global {
  interface Window {
    __bench: { treeAt: number; inputAt: number; doneAt: number };
  }
}

/** Runs in every document before the app: notes when the tree is first on screen, and every input event. */
function observe(): void {
  window.__bench = { treeAt: 0, inputAt: 0, doneAt: 0 };
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-testid="tree-keyspace"]')) return;
    observer.disconnect();
    // The frame after the commit: the tree is painted then.
    requestAnimationFrame(() => setTimeout(() => (window.__bench.treeAt = performance.now())));
  });
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener('input', (e) => (window.__bench.inputAt = e.timeStamp), true);
}

/** Opens the topology page; ms from the topology answer's last byte to the tree on screen, and from navigation. */
async function render(page: Page): Promise<{ afterData: number; afterNavigation: number }> {
  await page.goto('/clusters/prod/topology');
  await page.waitForFunction(() => window.__bench.treeAt > 0, undefined, { timeout: 30_000 });
  return page.evaluate(() => {
    const topology = performance
      .getEntriesByType('resource')
      .find((e) => e.name.includes('/api/v2/clusters/prod/topology')) as
      | PerformanceResourceTiming
      | undefined;
    if (!topology) throw new Error('the page did not fetch the topology');
    return {
      afterData: window.__bench.treeAt - topology.responseEnd,
      afterNavigation: window.__bench.treeAt,
    };
  });
}

/** What the last navigation downloaded (Resource Timing: bytes on the wire, and once decoded). */
function downloaded(page: Page) {
  return page.evaluate(() => {
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const scripts = entries.filter((e) => new URL(e.name).pathname.endsWith('.js'));
    const topology = entries.find((e) => e.name.includes('/api/v2/clusters/prod/topology'));
    const sum = (key: 'transferSize' | 'encodedBodySize' | 'decodedBodySize') =>
      scripts.reduce((n, e) => n + e[key], 0);
    return {
      scripts: scripts.length,
      jsOnWire: sum('transferSize'),
      jsEncoded: sum('encodedBodySize'),
      jsDecoded: sum('decodedBodySize'),
      topologyEncoded: topology?.encodedBodySize ?? 0,
      topologyDecoded: topology?.decodedBodySize ?? 0,
    };
  });
}

/** Types `query` (or clears the box); ms from the input event to the tree that shows its result, painted. */
async function filter(page: Page, query: string): Promise<number> {
  await page.evaluate((filtered) => {
    window.__bench.doneAt = 0;
    const tree = document.querySelector('[data-testid="topology-tree"]')!;
    // The "N matches" line is rendered with the filtered tree (same deferred query), so it marks the commit.
    const shown = () => (document.querySelector('[data-testid="search-matches"]') !== null) === filtered;
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => (window.__bench.doneAt = performance.now())));
    });
    observer.observe(tree, { childList: true, subtree: true, characterData: true });
  }, query !== '');
  await page.getByTestId('topology-search').fill(query);
  await page.waitForFunction(() => window.__bench.doneAt > 0, undefined, { timeout: 30_000 });
  return page.evaluate(() => window.__bench.doneAt - window.__bench.inputAt);
}

ensureBuilt();
const initialKb = initialJsKb();
const sandbox = await startSandboxProcess([
  '--dataset',
  'generated',
  '--keyspaces',
  String(SHAPE.keyspaces),
  '--shards',
  String(SHAPE.shards),
  '--tablets',
  String(SHAPE.tablets),
]);
const bff = await startBffProcess({
  clusters: [{ name: 'prod', vtctld: { url: sandbox.vtctld.prod! } }],
  distDir: DIST,
});
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const page = await signedInPage(browser, {
    baseURL: bff.url,
    viewport: { width: 1440, height: 900 },
    before: [observe],
  });

  console.error(`[web] rendering ${TABLETS.toLocaleString('en')} tablets in Chromium ${browser.version()}`);
  await render(page); // warms the BFF's cache and the browser's caches
  const first = await downloaded(page);
  await render(page);
  const again = await downloaded(page);
  const loads = [];
  for (let i = 0; i < LOADS; i++) loads.push(await render(page));
  const summary = await page.getByTestId('topology-summary').textContent();
  if (!summary?.includes(TABLETS.toLocaleString('en')) && !summary?.includes(String(TABLETS))) {
    throw new Error(`the page does not show ${TABLETS} tablets: "${summary}"`);
  }

  const filterMs = new Map<string, number[]>([...QUERIES, ''].map((q) => [q, []]));
  for (let r = 0; r < REPEATS; r++) {
    for (const q of QUERIES) {
      filterMs.get(q)!.push(await filter(page, q));
      filterMs.get('')!.push(await filter(page, ''));
    }
  }

  const renderMs = median(loads.map((l) => l.afterData));
  const rows: Row[] = [
    {
      bench: 'web',
      metric: 'initial JavaScript of the first page (gzip)',
      value: `${initialKb.toFixed(1)} KB`,
      target: '≤ 300 KB',
      ok: initialKb <= 300,
    },
    {
      bench: 'web',
      metric: `tree of ${TABLETS.toLocaleString('en')} tablets: data received → on screen (median of ${LOADS})`,
      value: fmtMs(renderMs),
      target: '< 1 s',
      ok: renderMs < 1000,
    },
    {
      bench: 'web',
      metric: 'topology page: navigation → tree on screen',
      value: fmtMs(median(loads.map((l) => l.afterNavigation))),
    },
    {
      bench: 'web',
      metric: `topology page, first visit: JavaScript on the wire (${first.scripts} files, as served) / decoded`,
      value: `${kb(first.jsEncoded)} / ${kb(first.jsDecoded)} (${(first.jsDecoded / first.jsEncoded).toFixed(1)}× smaller)`,
    },
    {
      bench: 'web',
      metric: 'topology page, next visit: JavaScript downloaded again (hashed files are cached for a year)',
      value: kb(again.jsOnWire),
    },
    {
      bench: 'web',
      metric: `topology answer, ${TABLETS.toLocaleString('en')} tablets: on the wire / JSON`,
      value: `${kb(first.topologyEncoded)} / ${kb(first.topologyDecoded)} (${(first.topologyDecoded / first.topologyEncoded).toFixed(1)}× smaller)`,
    },
  ];
  for (const [q, samples] of filterMs) {
    const ms = median(samples);
    rows.push({
      bench: 'web',
      metric: `filter "${q}" → tree on screen (median of ${samples.length})`.replace(
        'filter ""',
        'clear the filter',
      ),
      value: fmtMs(ms),
      target: '< 100 ms',
      ok: ms < 100,
    });
  }
  report(
    `Web in Chromium ${browser.version()}: topology page with ${TABLETS.toLocaleString('en')} tablets`,
    rows,
  );
} finally {
  await browser.close();
  await bff.close();
  await sandbox.close();
}
