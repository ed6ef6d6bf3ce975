// Starting the fakes that sit next to a cluster's vtctld: its Kubernetes API, its MySQL Routers and its
// vtgate (MariaDB behind a fault proxy). Each start returns what the cluster shows and the FakeHandle
// the sandbox registers under its target.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Dataset, type KubeFake, PROD, STAGING, startKubeFake, writeKubeconfig } from '../kube';
import { type RouterFakeOptions, startRouterFake } from '../router';
import type { FaultSettings } from '../shared/fake-server';
import type { TabletMysql } from '../vtctld';
import { clusterKeyspaces, findMariadb, startVtgateFake } from '../vtgate';
import { tabletMysql } from './tablet-mysql';
import type { FakeHandle, SandboxKube, SandboxRouter, SandboxVtgate } from './types';
import { VtgateProxy } from './vtgate-proxy';

export const MARIADB_MISSING =
  'install mariadb-server: apt-get install -y --no-install-recommends mariadb-server';

export interface PartContext {
  cluster: string;
  host: string;
  /** The sandbox's temp dir (kubeconfigs, CA files). */
  dir: string;
  /** The demo data set, or a generated one (then kube is empty and there is no vtgate data). */
  demo: boolean;
  faults(target: string): Partial<FaultSettings> | undefined;
  /** A fixed port for the part at this offset of the cluster's block, or 0. */
  port(offset: number): number;
}

export interface Started<T> {
  info: T;
  handles: [string, FakeHandle][];
}

/** Each cluster has its own apiserver with its Vitess deployment in namespace `vitess`. */
function kubeDataset(ctx: PartContext): Dataset {
  if (!ctx.demo) return 'empty';
  const deployment = ctx.cluster === 'prod' ? PROD : STAGING;
  return { deployments: [{ ...deployment, namespace: 'vitess' }] };
}

export async function startKube(ctx: PartContext): Promise<Started<SandboxKube>> {
  const target = `${ctx.cluster}/kube`;
  const dataset = kubeDataset(ctx);
  const start = (port: number, faults: Partial<FaultSettings> | undefined) =>
    startKubeFake({ host: ctx.host, port, dataset, faults });
  let fake: KubeFake = await start(ctx.port(0), ctx.faults(target));
  const kubeconfigPath = join(ctx.dir, `${ctx.cluster}.kubeconfig`);
  try {
    await writeKubeconfig(fake.url, kubeconfigPath, { name: `sandbox-${ctx.cluster}`, namespace: 'vitess' });
  } catch (err) {
    await fake.close();
    throw err;
  }
  const handle: FakeHandle = {
    get url() {
      return fake.url;
    },
    get requests() {
      return fake.server.requests;
    },
    get faults() {
      return fake.server.faults;
    },
    setFault: (patch) => fake.server.setFault(patch),
    close: () => fake.close(),
    resetRequests() {
      fake.server.requests = 0;
    },
    // The store, controllers and timers start over: a new apiserver on the same port, same faults.
    async resetData() {
      const faults = { ...fake.server.faults };
      const port = Number(new URL(fake.url).port);
      await fake.close();
      fake = await start(port, faults);
    },
  };
  const info: SandboxKube = {
    get url() {
      return fake.url;
    },
    kubeconfigPath,
    get fake() {
      return fake;
    },
  };
  return { info, handles: [[target, handle]] };
}

/** prod: router-1 (metadata cache) and router-2 (static destinations); other clusters: router-1. */
function routerConfigs(cluster: string): RouterFakeOptions[] {
  return cluster === 'prod'
    ? [
        { name: 'router-1', config: 'metadata-cache' },
        { name: 'router-2', config: 'static' },
      ]
    : [{ name: 'router-1', config: 'metadata-cache' }];
}

function seedOf(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

export async function startRouters(ctx: PartContext): Promise<Started<SandboxRouter[]>> {
  const configs = routerConfigs(ctx.cluster);
  const settled = await Promise.allSettled(
    configs.map((c, i) => {
      const target = `${ctx.cluster}/${c.name}`;
      // Seeded by target, so prod's and staging's router-1 do not move in lockstep.
      return startRouterFake({
        ...c,
        host: ctx.host,
        port: ctx.port(1 + i),
        faults: ctx.faults(target),
        seed: seedOf(target),
      });
    }),
  );
  const routers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(routers.map((r) => r.close()));
    throw failed.reason;
  }
  // Every router fake shares one CA per process: one file serves them all.
  const caFile = join(ctx.dir, 'router-ca.pem');
  await writeFile(caFile, routers[0]?.caPem ?? '', { mode: 0o600 });
  const info: SandboxRouter[] = routers.map((r) => ({
    name: r.name,
    target: `${ctx.cluster}/${r.name}`,
    url: r.url,
    user: r.user,
    password: r.password,
    caPem: r.caPem,
    caFile,
    fake: r,
  }));
  const handles = routers.map((r): [string, FakeHandle] => [
    `${ctx.cluster}/${r.name}`,
    {
      url: r.url,
      get requests() {
        return r.server.requests;
      },
      get faults() {
        return r.server.faults;
      },
      setFault: (patch) => r.server.setFault(patch),
      close: () => r.close(),
      resetRequests() {
        r.server.requests = 0;
      },
      credentials: { user: r.user, password: r.password },
    },
  ]);
  return { info, handles };
}

export interface StartedVtgate extends Started<SandboxVtgate> {
  /** The tablets' MySQL for the cluster's vtctld, when MariaDB runs. */
  mysql?: TabletMysql;
}

const mysqlUrl = (user: string, password: string, host: string, port: number) =>
  `mysql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}`;

export async function startVtgate(ctx: PartContext): Promise<StartedVtgate> {
  if (!ctx.demo) {
    return { info: { available: false, reason: 'the generated data set has no vtgate data' }, handles: [] };
  }
  if (!findMariadb()) return { info: { available: false, reason: MARIADB_MISSING }, handles: [] };
  const target = `${ctx.cluster}/vtgate`;
  const vtgate = await startVtgateFake({ host: ctx.host, keyspaces: clusterKeyspaces(ctx.cluster) });
  let proxy: VtgateProxy;
  try {
    proxy = await new VtgateProxy({
      host: ctx.host,
      port: ctx.port(5),
      target: { host: vtgate.host, port: vtgate.port },
      faults: ctx.faults(target),
    }).start();
  } catch (err) {
    await vtgate.close();
    throw err;
  }
  const url = mysqlUrl(vtgate.user, vtgate.password, ctx.host, proxy.listenPort);
  const handle: FakeHandle = {
    url,
    get requests() {
      return proxy.requests;
    },
    faults: proxy.faults,
    setFault: (patch) => proxy.setFault(patch),
    async close() {
      await proxy.close();
      await vtgate.close();
    },
    resetRequests() {
      proxy.requests = 0;
    },
    resetData: () => vtgate.resetData(),
    credentials: { user: vtgate.user, password: vtgate.password },
  };
  return {
    info: {
      available: true,
      url,
      dbaUrl: mysqlUrl(vtgate.dba.user, vtgate.dba.password, ctx.host, proxy.listenPort),
      fake: vtgate,
    },
    handles: [[target, handle]],
    mysql: tabletMysql(vtgate),
  };
}
