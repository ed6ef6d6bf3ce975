// The monitoring wall left on a screen: does it hold its memory, and what does each update cost the
// browser? Operations leave the wall open for days, so what counts is not a first render but the slope:
// the JavaScript heap, DOM nodes and event listeners of the page, and the BFF's heap, once the wall's
// buffers are full, over many polls. Time is compressed: the wall polls every 100 ms instead of 10 s,
// with the production buffer sizes (360 samples per sparkline: an hour at 10 s; the BFF's 500 timeline
// lines, the screen's 300), and streams end every 10 s instead of 30 min, so the screen reconnects
// (with Last-Event-ID) over and over. All the while the sandbox changes: every 250 ms two replica
// tablets are drained or made replicas again, and vtctld, a Router and the Kubernetes API go down and
// come back, so tiles change colour and the timeline scrolls. Heap figures are taken after a forced GC (CDP in Chromium,
// --expose-gc in the BFF) at checkpoints; the slope is a least-squares fit over them.
// Target: no growth once the buffers are full, taken as ≤ 1 MB per 1,000 polls (a day at 10 s is
// 8,640 polls) for the page and for the BFF.
// Run: pnpm bench wall   (builds apps/web first when its dist is stale)
import { chromium } from '@playwright/test';
import { sandboxClusterConfig } from '../apps/bff/src/sandbox-clusters';
import { tabletAliasString, tabletTypeName, VtctldClient } from '../apps/bff/src/upstreams/vtctld';
import { TIMELINE_KEPT } from '../apps/web/src/api/monitorState';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { startSandbox } from '../packages/sandbox/src/index';
import { fmtMb, type Row, report, slope } from './lib';
import { signedInPage } from './support/browser';
import { startBffProcess } from './support/processes';
import { DIST, ensureBuilt } from './support/web-build';

const INTERVAL_MS = 100;
const PRODUCTION_INTERVAL_MS = 10_000;
const SAMPLES = 360;
/** The buffers fill first (every sample slot, every timeline line the screen keeps), then this long. */
const SETTLE_S = 10;
const FILL_TIMEOUT_S = 120;
const CHECKPOINTS = 7;
const CHECKPOINT_S = 15;
const TARGET_MB_PER_1000 = 1;

const sandbox = await startSandbox({
  clusters: ['prod'],
  parts: { kube: true, routers: true, vtgate: false },
});
const prod = sandbox.cluster('prod');
const vtctld = new VtctldClient({
  cluster: 'prod',
  url: prod.vtctld.url,
  timeoutMs: 5_000,
  commandTimeoutMs: 5_000,
  connections: 2,
});

/** The replica tablets the churn drains and restores (each change is a timeline line). */
async function replicaAliases(): Promise<string[]> {
  const aliases: string[] = [];
  for (const ks of await vtctld.keyspaceNames()) {
    for (const t of await vtctld.keyspaceTablets(ks)) {
      if (tabletTypeName(t.type) === 'REPLICA') aliases.push(tabletAliasString(t.alias));
    }
  }
  if (aliases.length < 2) throw new Error(`the sandbox has ${aliases.length} replica tablets, need 2`);
  return aliases;
}

function churn(aliases: string[]): () => Promise<void> {
  let stopped = false;
  let tick = 0;
  // While vtctld is down on purpose, its commands fail: the next round changes the tablets again.
  const vtctl = (args: string[]) => vtctld.vtctl(args).catch(() => {});
  // [target, period, down for] in ms
  const outages: [string, number, number][] = [
    ['prod/vtctld', 5_000, 400],
    [`prod/${prod.routers[0]!.name}`, 4_000, 1_000],
    ['prod/kube', 6_000, 1_000],
  ];
  const loop = (async () => {
    const started = Date.now();
    const down = new Set<string>();
    while (!stopped) {
      const pair = [aliases[tick % aliases.length]!, aliases[(tick + 1) % aliases.length]!];
      const type = Math.floor(tick / aliases.length) % 2 === 0 ? 'drained' : 'replica';
      await Promise.all(pair.map((alias) => vtctl(['ChangeTabletType', alias, type])));
      tick += 2;
      const t = Date.now() - started;
      for (const [target, period, length] of outages) {
        const shouldBeDown = t % period < length;
        if (shouldBeDown !== down.has(target)) {
          await sandbox.setFault(target, { down: shouldBeDown });
          if (shouldBeDown) down.add(target);
          else down.delete(target);
        }
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const target of down) await sandbox.setFault(target, { down: false });
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}

declare global {
  interface Window {
    __wall: { updates: number; opens: number; lines: number };
  }
}

/** Runs before the app: counts the stream's updates, their timeline lines, and the EventSources opened. */
function countStream(): void {
  window.__wall = { updates: 0, opens: 0, lines: 0 };
  const Native = window.EventSource;
  window.EventSource = class extends Native {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      window.__wall.opens++;
      this.addEventListener('update', (e) => {
        window.__wall.updates++;
        window.__wall.lines += (
          JSON.parse((e as MessageEvent<string>).data) as { timeline: unknown[] }
        ).timeline.length;
      });
    }
  };
}

ensureBuilt();
const bff = await startBffProcess({
  clusters: [sandboxClusterConfig(prod)],
  distDir: DIST,
  topology: { cacheTtlMs: 0 },
  monitor: {
    intervalMs: INTERVAL_MS,
    historyMs: SAMPLES * INTERVAL_MS,
    heartbeatMs: 1_000,
    streamMaxAgeMs: 10_000,
  },
  routerPolling: { intervalMs: 200 },
});
const stopChurn = churn(await replicaAliases());
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const page = await signedInPage(browser, {
    baseURL: bff.url,
    viewport: { width: 1920, height: 1080 },
    before: [countStream],
  });
  await page.goto('/clusters/prod/monitor?kiosk=1');
  await page.getByTestId('monitor-kiosk').waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  const checkpoint = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    await bff.reset({ gc: true });
    const server = await bff.stats();
    const seen = await page.evaluate(() => window.__wall);
    return {
      polls: server.monitorPolls,
      heap: m.JSHeapUsedSize!,
      nodes: m.Nodes!,
      listeners: m.JSEventListeners!,
      taskS: m.TaskDuration!,
      bffHeap: server.heapUsed,
      bffRss: server.rss,
      ...seen,
    };
  };

  console.error(`[wall] filling the buffers: ${SAMPLES} samples, ${TIMELINE_KEPT} timeline lines`);
  const fillBy = Date.now() + FILL_TIMEOUT_S * 1_000;
  for (;;) {
    const { lines } = await page.evaluate(() => window.__wall);
    const { monitorPolls } = await bff.stats();
    if (lines >= TIMELINE_KEPT && monitorPolls >= SAMPLES) break;
    if (Date.now() > fillBy)
      throw new Error(`buffers not full after ${FILL_TIMEOUT_S} s: ${lines} lines, ${monitorPolls} polls`);
    await page.waitForTimeout(2_000);
  }
  await page.waitForTimeout(SETTLE_S * 1_000);
  const points = [await checkpoint()];
  for (let i = 1; i < CHECKPOINTS; i++) {
    await page.waitForTimeout(CHECKPOINT_S * 1_000);
    points.push(await checkpoint());
    const p = points.at(-1)!;
    console.error(
      `[wall] ${p.polls} polls: page ${fmtMb(p.heap)}, ${p.nodes} nodes, ${p.listeners} listeners; ` +
        `BFF heap ${fmtMb(p.bffHeap)}`,
    );
  }
  // To look at the wall as it stood at the end: VTDECK_BENCH_SHOT=/tmp/wall.png
  if (process.env.VTDECK_BENCH_SHOT) await page.screenshot({ path: process.env.VTDECK_BENCH_SHOT });
  const first = points[0]!;
  const last = points.at(-1)!;
  const polls = last.polls - first.polls;
  const updates = last.updates - first.updates;
  const perThousand = (key: 'heap' | 'bffHeap') =>
    (slope(points.map((p) => ({ x: p.polls, y: p[key] }))) * 1_000) / 2 ** 20;
  const pageSlope = perThousand('heap');
  const bffSlope = perThousand('bffHeap');
  const msPerUpdate = ((last.taskS - first.taskS) * 1_000) / updates;
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  const hours = (polls * PRODUCTION_INTERVAL_MS) / 3_600_000;
  const rows: Row[] = [
    {
      bench: 'wall',
      metric: `polls measured after the buffers filled (at the default ${PRODUCTION_INTERVAL_MS / 1000} s: ${hours.toFixed(1)} h of a wall)`,
      value: polls.toLocaleString('en'),
    },
    {
      bench: 'wall',
      metric:
        'updates the screen received / streams it opened (each ended after 10 s, resumed by Last-Event-ID)',
      value: `${updates.toLocaleString('en')} / ${last.opens}`,
    },
    {
      bench: 'wall',
      metric: 'page JS heap after GC: first → last checkpoint',
      value: `${mb(first.heap)} → ${mb(last.heap)}`,
    },
    {
      bench: 'wall',
      metric: `page JS heap growth per 1,000 polls (fit over ${CHECKPOINTS} checkpoints)`,
      value: `${pageSlope.toFixed(2)} MB`,
      target: `≤ ${TARGET_MB_PER_1000} MB`,
      ok: pageSlope <= TARGET_MB_PER_1000,
    },
    {
      bench: 'wall',
      metric: 'page DOM nodes / event listeners: first → last checkpoint',
      value: `${first.nodes} → ${last.nodes} / ${first.listeners} → ${last.listeners}`,
    },
    {
      bench: 'wall',
      metric: `timeline lines received before the first checkpoint / during the run (the screen keeps ${TIMELINE_KEPT})`,
      value: `${first.lines.toLocaleString('en')} / ${(last.lines - first.lines).toLocaleString('en')}`,
    },
    {
      bench: 'wall',
      metric: `page main-thread time per update (at one update per ${PRODUCTION_INTERVAL_MS / 1000} s: share of a core)`,
      value: `${msPerUpdate.toFixed(1)} ms (${((msPerUpdate / PRODUCTION_INTERVAL_MS) * 100).toFixed(2)} %)`,
    },
    {
      bench: 'wall',
      metric: 'BFF heap after GC: first → last checkpoint (RSS last)',
      value: `${mb(first.bffHeap)} → ${mb(last.bffHeap)} (${fmtMb(last.bffRss)})`,
    },
    {
      bench: 'wall',
      metric: 'BFF heap growth per 1,000 polls',
      value: `${bffSlope.toFixed(2)} MB`,
      target: `≤ ${TARGET_MB_PER_1000} MB`,
      ok: bffSlope <= TARGET_MB_PER_1000,
    },
  ];
  report(
    `Monitoring wall in Chromium ${browser.version()}: ${INTERVAL_MS} ms polls, ${SAMPLES}-sample sparklines, a changing sandbox`,
    rows,
  );
} finally {
  await stopChurn();
  await vtctld.close();
  await browser.close();
  await bff.close();
  await sandbox.close();
}
