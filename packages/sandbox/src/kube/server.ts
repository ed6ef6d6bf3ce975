import type http from 'node:http';
import { FakeServer, type FaultSettings } from '../shared/fake-server';
import { type Dataset, loadDataset } from './demo';
import { EventRecorder } from './events';
import { startGarbageCollector } from './gc';
import { sendJson } from './http';
import { LogBook } from './logs';
import { startNamespaceController } from './namespace-controller';
import { startPodLifecycle } from './pod-lifecycle';
import { startRcController } from './rc-controller';
import { Registry } from './registry';
import { createHandler } from './routes';
import { DEFAULT_TIMINGS, type KubeRuntime, type KubeTimings } from './runtime';
import { Store } from './store';
import { Timers } from './timers';

export interface KubeFakeOptions extends Partial<KubeTimings> {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** 'demo' (default): both demo deployments; 'empty': only what kubeadm creates; or `{ deployments }`. */
  dataset?: Dataset;
  /** Require `Authorization: Bearer <token>`; without it (default) the fake accepts every request. */
  token?: string;
  faults?: Partial<FaultSettings>;
  /** Changes kept for resuming watches (default 10000); older resourceVersions get 410 Expired. */
  watchHistoryLimit?: number;
}

export interface KubeFake {
  url: string;
  server: FakeServer;
  /** The store and controllers, for tests and the sandbox CLI (e.g. to inspect or seed objects). */
  runtime: KubeRuntime;
  close(): Promise<void>;
}

/** What an overloaded real apiserver answers when etcd stalls: a 500 InternalError Status. */
function failure(_req: http.IncomingMessage, res: http.ServerResponse): void {
  sendJson(res, 500, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'Internal error occurred: etcdserver: request timed out',
    reason: 'InternalError',
    details: { causes: [{ message: 'etcdserver: request timed out' }] },
    code: 500,
  });
}

export async function startKubeFake(options: KubeFakeOptions = {}): Promise<KubeFake> {
  const timings: KubeTimings = { ...DEFAULT_TIMINGS };
  for (const key of Object.keys(DEFAULT_TIMINGS) as (keyof KubeTimings)[]) {
    const v = options[key];
    if (v !== undefined) {
      if (!(Number.isFinite(v) && v >= 0))
        throw new Error(`startKubeFake: ${key} must be a number >= 0, got ${v}`);
      timings[key] = v;
    }
  }
  const store = new Store(options.watchHistoryLimit ?? 10_000);
  const registry = new Registry(store);
  const timers = new Timers();
  const runtime: KubeRuntime = {
    store,
    registry,
    timers,
    timings,
    events: new EventRecorder(registry),
    logs: new LogBook(store, Math.max(timings.logIntervalMs, 50)),
  };
  startPodLifecycle(runtime);
  startRcController(runtime);
  startGarbageCollector(runtime);
  startNamespaceController(runtime);
  loadDataset(runtime, options.dataset ?? 'demo');
  if (timings.logIntervalMs > 0) timers.every(timings.logIntervalMs, () => runtime.logs.tick());

  const server = new FakeServer({
    name: 'kube',
    host: options.host,
    port: options.port,
    handler: createHandler(runtime, { token: options.token }),
    failure,
    faults: options.faults,
  });
  await server.start();
  return {
    url: server.url,
    server,
    runtime,
    close: async () => {
      timers.clear();
      await server.close();
    },
  };
}
