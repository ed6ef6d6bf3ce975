// startSandbox(): per cluster a vtctld fake plus, in parallel, its Kubernetes API, MySQL Routers and
// vtgate (MariaDB), all registered under `<cluster>/<kind>` targets that share fault injection, request
// counting and reset, and the control server that exposes them over HTTP.

import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultPatchError, parseFaultPatch, startControlServer } from '../control';
import { buildDemo, buildGenerated } from '../demo';
import type { FaultSettings } from '../shared/fake-server';
import { markOwner, sweepStaleDirs } from '../shared/stale-dirs';
import { startVtctldFake, type VtctldFake } from '../vtctld';
import {
  type PartContext,
  type Started,
  type StartedVtgate,
  startKube,
  startRouters,
  startVtgate,
} from './parts';
import {
  type DatasetSpec,
  FAKE_KINDS,
  type FakeHandle,
  type FakeKind,
  type Sandbox,
  type SandboxCluster,
  type SandboxKube,
  type SandboxOptions,
  type SandboxRouter,
} from './types';

const NO_FAULTS: FaultSettings = { latencyMs: 0, errorRate: 0, down: false };

function datasetBuilder(spec: DatasetSpec | undefined, cluster: string) {
  if (!spec || spec.kind === 'demo') return () => buildDemo(cluster);
  const generated = {
    keyspaces: spec.keyspaces ?? 100,
    shardsPerKeyspace: spec.shardsPerKeyspace ?? 32,
    tabletsPerShard: spec.tabletsPerShard ?? 3,
  };
  return () => buildGenerated(generated);
}

/** Temp dirs of sandboxes not closed yet: a process that exits without close() still removes them. */
const liveDirs = new Set<string>();
let exitHookInstalled = false;

async function makeTempDir(): Promise<string> {
  sweepStaleDirs('vtdeck-sandbox-');
  const dir = await mkdtemp(join(tmpdir(), 'vtdeck-sandbox-'));
  markOwner(dir);
  liveDirs.add(dir);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const d of liveDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}

/** `<cluster>/<kind>` or `<cluster>/<kind>-N` (routers are `router-1`, `router-2`, ...). */
function checkTarget(target: string, clusters: string[]): void {
  const [cluster, kind, extra] = target.split('/');
  const baseKind = kind?.replace(/-\d+$/, '');
  if (
    extra !== undefined ||
    !cluster ||
    !clusters.includes(cluster) ||
    !FAKE_KINDS.includes(baseKind as FakeKind)
  ) {
    throw new FaultPatchError(
      `bad fake target "${target}": expected <cluster>/<kind> with cluster one of ${clusters.join(', ')} and kind one of ${FAKE_KINDS.join(', ')} (routers by name: router-1, router-2)`,
    );
  }
}

interface ClusterStart {
  vtctld: VtctldFake;
  kube?: Started<SandboxKube>;
  routers?: Started<SandboxRouter[]>;
  vtgate: StartedVtgate;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const names = options.clusters ?? ['prod', 'staging'];
  if (
    names.length === 0 ||
    names.length > 9 ||
    new Set(names).size !== names.length ||
    names.some((n) => !/^[a-z0-9][a-z0-9-]*$/.test(n))
  ) {
    throw new Error(`cluster names must be 1 to 9 distinct lower-case DNS labels: ${names.join(', ')}`);
  }
  const parts = { kube: true, routers: true, vtgate: true, ...options.parts };
  const pending = new Map<string, Partial<FaultSettings>>();
  for (const [target, patch] of Object.entries(options.faults ?? {})) {
    checkTarget(target, names);
    pending.set(target, parseFaultPatch(patch));
  }
  const demo = !options.dataset || options.dataset.kind === 'demo';
  // Kubeconfigs and the routers' CA file live here; a vtctld-only sandbox needs none.
  const dir = parts.kube || parts.routers ? await makeTempDir() : '';
  // Everything started so far, so a failed start closes it all again.
  const started: FakeHandle[] = [];
  const track = <T extends { handles: [string, FakeHandle][] }>(s: T): T => {
    for (const [, h] of s.handles) started.push(h);
    return s;
  };
  const closeAll = async () => {
    await Promise.allSettled(started.map((h) => h.close()));
    if (dir) {
      await rm(dir, { recursive: true, force: true });
      liveDirs.delete(dir);
    }
  };

  const startCluster = async (name: string, i: number): Promise<ClusterStart> => {
    const ctx: PartContext = {
      cluster: name,
      host,
      dir,
      demo,
      faults: (target) => pending.get(target),
      port: (offset) => (options.portBase ? options.portBase + 10 * (i + 1) + offset : 0),
    };
    const off: StartedVtgate = {
      info: { available: false, reason: 'turned off (parts.vtgate: false)' },
      handles: [],
    };
    const settled = await Promise.allSettled([
      startVtctldFake({
        name: `${name}/vtctld`,
        host,
        port: options.portBase ? options.portBase + 1 + i : 0,
        dataset: datasetBuilder(options.dataset, name),
        faults: pending.get(`${name}/vtctld`),
        settings: { localCell: undefined },
      }).then((f) => {
        started.push(f);
        return f;
      }),
      parts.kube ? startKube(ctx).then(track) : undefined,
      parts.routers ? startRouters(ctx).then(track) : undefined,
      parts.vtgate
        ? startVtgate(ctx).then(track, (err: unknown) => {
            // The rest of the cluster is still useful without its SQL endpoint: report, don't fail.
            const reason = `MariaDB did not start: ${(err as Error).message}`;
            return { info: { available: false, reason }, handles: [] } as StartedVtgate;
          })
        : off,
    ] as const);
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [vtctld, kube, routers, vtgate] = settled.map(
      (r) => (r as PromiseFulfilledResult<unknown>).value,
    ) as [VtctldFake, Started<SandboxKube> | undefined, Started<SandboxRouter[]> | undefined, StartedVtgate];
    if (vtgate.mysql) await vtctld.setMysql(vtgate.mysql);
    return { vtctld, kube, routers, vtgate };
  };

  const fakes = new Map<string, FakeHandle>();
  const clusters: SandboxCluster[] = [];
  try {
    const results = await Promise.allSettled(names.map((n, i) => startCluster(n, i)));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    for (const [i, r] of results.entries()) {
      const s = (r as PromiseFulfilledResult<ClusterStart>).value;
      const name = names[i]!;
      fakes.set(`${name}/vtctld`, s.vtctld);
      for (const part of [s.kube, s.routers, s.vtgate])
        for (const [t, h] of part?.handles ?? []) fakes.set(t, h);
      clusters.push({
        name,
        vtctld: { url: s.vtctld.url, fake: s.vtctld },
        ...(s.kube ? { kube: s.kube.info } : {}),
        routers: s.routers?.info ?? [],
        vtgate: s.vtgate.info,
      });
    }
    // Start faults for targets not running now wait for register() (a fake started elsewhere).
    for (const t of fakes.keys()) pending.delete(t);
  } catch (err) {
    await closeAll();
    throw err;
  }

  const get = (target: string): FakeHandle => {
    const fake = fakes.get(target);
    if (!fake) throw new FaultPatchError(`no fake named ${target} (known: ${[...fakes.keys()].join(', ')})`);
    return fake;
  };
  const setFault = async (target: string, patch: Partial<FaultSettings>) => {
    await get(target).setFault(parseFaultPatch(patch));
  };
  const resetCounters = () => {
    for (const f of fakes.values()) f.resetRequests?.();
  };
  const resetData = async () => {
    const all = [...fakes.entries()];
    // MariaDB first: the vtctld fakes re-read their tablet schemas from it.
    await Promise.all(all.filter(([t]) => t.endsWith('/vtgate')).map(([, f]) => f.resetData?.()));
    await Promise.all(all.filter(([t]) => !t.endsWith('/vtgate')).map(([, f]) => f.resetData?.()));
  };

  let closing: Promise<void> | undefined;
  const sandbox: Sandbox = {
    clusters,
    controlUrl: '',
    fakes,
    cluster(name) {
      const c = clusters.find((x) => x.name === name);
      if (!c) throw new Error(`no cluster named ${name}`);
      return c;
    },
    async register(target, fake) {
      checkTarget(target, names);
      if (fakes.has(target)) throw new Error(`a fake named ${target} is already registered`);
      fakes.set(target, fake);
      started.push(fake);
      const patch = pending.get(target);
      if (patch) {
        pending.delete(target);
        await fake.setFault(patch);
      }
    },
    setFault,
    requestCount: (target) => get(target).requests,
    resetCounters,
    async reset(what = {}) {
      if (what.counters !== false) resetCounters();
      if (what.faults !== false) await Promise.all([...fakes.values()].map((f) => f.setFault(NO_FAULTS)));
      if (what.data !== false) await resetData();
    },
    close() {
      closing ??= Promise.all([control.close(), closeAll()]).then(() => undefined);
      return closing;
    },
  };

  const control = await startControlServer(
    {
      listing: () => ({
        clusters: clusters.map((c) => ({
          name: c.name,
          vtctld: c.vtctld.url,
          kube: c.kube?.url ?? null,
          routers: c.routers.map((r) => ({ name: r.name, url: r.url })),
          vtgate: c.vtgate.available ? c.vtgate.url : null,
        })),
        fakes: [...fakes.entries()].map(([target, f]) => ({
          target,
          url: f.url,
          requests: f.requests,
          faults: f.faults ?? null,
        })),
      }),
      hasTarget: (target) => fakes.has(target),
      setFault: async (target, patch) => {
        await setFault(target, patch);
        return fakes.get(target)?.faults;
      },
      reset: (what) => sandbox.reset(what),
    },
    host,
    options.portBase ?? options.controlPort ?? 0,
  ).catch(async (err: unknown) => {
    await closeAll();
    throw err;
  });
  sandbox.controlUrl = control.url;
  return sandbox;
}
