// Public API of the sandbox: faithful fakes of vtdeck's upstreams as real servers on loopback.
// startSandbox() starts one vtctld fake per cluster plus the control server; other fakes (kube,
// router, vtgate) join through `register()` and then share fault injection and request counting.

import { FaultPatchError, parseFaultPatch, startControlServer } from './control';
import { buildDemo, buildGenerated } from './demo';
import type { FaultSettings } from './shared/fake-server';
import { startVtctldFake, type VtctldFake } from './vtctld';

export { FaultPatchError, parseFaultPatch, parseFaultSpec } from './control';
export { buildDemo, buildGenerated, buildProd, buildStaging, TopologyBuilder } from './demo';
export type { FaultSettings } from './shared/fake-server';
export { FakeServer } from './shared/fake-server';
export { runVtctl, startVtctldFake, Topology, type VtctldFake, type VtctldFakeOptions } from './vtctld';

export type FakeKind = 'vtctld' | 'kube' | 'router' | 'vtgate';
export const FAKE_KINDS: readonly FakeKind[] = ['vtctld', 'kube', 'router', 'vtgate'];

export interface DatasetSpec {
  /** 'demo' (default) or a generated topology for benchmarks. */
  kind: 'demo' | 'generated';
  keyspaces?: number;
  shardsPerKeyspace?: number;
  tabletsPerShard?: number;
}

export interface SandboxOptions {
  host?: string; // default 127.0.0.1
  /** Cluster names; default ['prod', 'staging'] with the demo data set. */
  clusters?: string[];
  dataset?: DatasetSpec;
  /** Initial faults keyed by target `${cluster}/${kind}`, e.g. 'prod/vtctld'. */
  faults?: Record<string, Partial<FaultSettings>>;
  /** Port of the control server (fault injection and request counters over HTTP); 0 = random. */
  controlPort?: number;
  /** Fixed ports: control on portBase, then each cluster's vtctld on portBase+1, +2, ... */
  portBase?: number;
}

/** What any fake offers the sandbox: the kube and router fakes expose the same shape. */
export interface FakeHandle {
  readonly url: string;
  readonly requests: number;
  readonly faults?: FaultSettings;
  setFault(patch: Partial<FaultSettings>): Promise<void>;
  close(): Promise<void>;
  resetRequests?(): void;
  resetData?(): void;
  /** Shown by the CLI next to the URL (e.g. a router's basic-auth user and password). */
  credentials?: Record<string, string>;
}

export interface SandboxCluster {
  name: string;
  vtctld: { url: string; fake: VtctldFake };
  /** Added by the lead when the Kubernetes fake joins. */
  kube?: FakeHandle;
  /** Added by the lead when the MySQL Router fakes join. */
  routers?: FakeHandle[];
}

export interface Sandbox {
  clusters: SandboxCluster[];
  /** Base URL of the control server: `POST {controlUrl}/faults/{cluster}/{kind}` with a JSON FaultSettings patch. */
  controlUrl: string;
  /** Every fake by target `${cluster}/${kind}` (a second fake of a kind gets `${kind}-2`, ...). */
  fakes: Map<string, FakeHandle>;
  cluster(name: string): SandboxCluster;
  /** Adds a fake started elsewhere; faults given at start for its target are applied now. */
  register(target: string, fake: FakeHandle): Promise<void>;
  setFault(target: string, patch: Partial<FaultSettings>): Promise<void>;
  /** Requests received by a fake since start (or the last reset), for tests that count upstream load. */
  requestCount(target: string): number;
  resetCounters(): void;
  /** Counters to zero, faults cleared, data back to the start data set (each can be skipped). */
  reset(what?: Partial<{ counters: boolean; faults: boolean; data: boolean }>): Promise<void>;
  close(): Promise<void>;
}

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
      `bad fake target "${target}": expected <cluster>/<kind> with cluster one of ${clusters.join(', ')} and kind one of ${FAKE_KINDS.join(', ')}`,
    );
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const names = options.clusters ?? ['prod', 'staging'];
  if (
    names.length === 0 ||
    new Set(names).size !== names.length ||
    names.some((n) => !/^[a-z0-9][a-z0-9-]*$/.test(n))
  ) {
    throw new Error(`cluster names must be distinct lower-case DNS labels: ${names.join(', ')}`);
  }
  const pending = new Map<string, Partial<FaultSettings>>();
  for (const [target, patch] of Object.entries(options.faults ?? {})) {
    checkTarget(target, names);
    pending.set(target, parseFaultPatch(patch));
  }
  const fakes = new Map<string, FakeHandle>();
  const clusters: SandboxCluster[] = [];
  try {
    for (const [i, name] of names.entries()) {
      const target = `${name}/vtctld`;
      const fake = await startVtctldFake({
        name: target,
        host,
        port: options.portBase ? options.portBase + 1 + i : 0,
        dataset: datasetBuilder(options.dataset, name),
        faults: pending.get(target),
        settings: { localCell: undefined },
      });
      pending.delete(target);
      fakes.set(target, fake);
      clusters.push({ name, vtctld: { url: fake.url, fake } });
    }
  } catch (err) {
    await Promise.all([...fakes.values()].map((f) => f.close()));
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
      if (what.data !== false) for (const f of fakes.values()) f.resetData?.();
    },
    async close() {
      await Promise.all([control.close(), ...[...fakes.values()].map((f) => f.close())]);
    },
  };

  const control = await startControlServer(
    {
      listing: () => ({
        clusters: clusters.map((c) => ({ name: c.name, vtctld: c.vtctld.url })),
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
    await Promise.all([...fakes.values()].map((f) => f.close()));
    throw err;
  });
  sandbox.controlUrl = control.url;
  return sandbox;
}
