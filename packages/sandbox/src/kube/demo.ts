import { timestamp } from './names';
import { allocatePodIp, pickNode, runningStatus } from './pod-lifecycle';
import { podFromTemplate } from './rc-controller';
import { RESOURCES, type ResourceDef } from './resources';
import { type KubeRuntime, NODES } from './runtime';
import type { KubeObject, Pod, ReplicationController } from './types';
import {
  etcdController,
  etcdService,
  etcdSrvService,
  type TabletSpec,
  vtctldController,
  vtctldService,
  vtgateController,
  vtgateService,
  vttabletPod,
} from './vitess-templates';

// The data sets. Every cluster has what kubeadm creates (default, kube-system, kube-public,
// kube-node-lease, the `kubernetes` and `kube-dns` services). The demo adds the Vitess deployments of
// the demo topology, created three days ago and running, so ages, logs and IPs look lived-in.

/**
 * `demo`: both demo clusters in one apiserver (`vitess` and `vitess-staging`); `empty`: only what
 * kubeadm creates; `{ deployments }`: the given Vitess deployments (the sandbox runs one apiserver per
 * cluster, each with its own deployment in namespace `vitess`).
 */
export type Dataset = 'demo' | 'empty' | { deployments: VitessDeployment[] };

export interface VitessDeployment {
  namespace: string;
  /** How long ago the deployment was brought up (default 72 hours). */
  ageHours?: number;
  cells: string[];
  etcdReplicas: number;
  vtgateReplicas: number;
  tablets: TabletSpec[];
}

const tablet = (
  keyspace: string,
  shard: string,
  cell: string,
  uid: number,
  type: 'master' | 'replica' | 'rdonly',
): TabletSpec => ({
  cell,
  uid,
  keyspace,
  shard,
  // vttablet-up.sh starts masters as replicas; InitShardMaster promotes them afterwards.
  tabletType: type === 'rdonly' ? 'rdonly' : 'replica',
});

// The tablets mirror the vtctld fake's demo topology (src/demo/demo.ts): keep the two in step.

/** Cluster `prod`: cells zone1/zone2; commerce/0 (100-102), customer/-80 (200-202), customer/80- (300-302). */
export const PROD: VitessDeployment = {
  namespace: 'vitess',
  cells: ['zone1', 'zone2'],
  etcdReplicas: 3,
  vtgateReplicas: 3,
  tablets: [
    tablet('commerce', '0', 'zone1', 100, 'master'),
    tablet('commerce', '0', 'zone1', 101, 'replica'),
    tablet('commerce', '0', 'zone2', 102, 'rdonly'),
    tablet('customer', '-80', 'zone1', 200, 'master'),
    tablet('customer', '-80', 'zone1', 201, 'replica'),
    tablet('customer', '-80', 'zone2', 202, 'rdonly'),
    tablet('customer', '80-', 'zone2', 300, 'master'),
    tablet('customer', '80-', 'zone2', 301, 'replica'),
    tablet('customer', '80-', 'zone1', 302, 'rdonly'),
  ],
};

/** Cluster `staging`: one cell, single replicas; commerce/0 (100-102) and lookup/0 (200-201). */
export const STAGING: VitessDeployment = {
  namespace: 'vitess-staging',
  ageHours: 26,
  cells: ['zone1'],
  etcdReplicas: 1,
  vtgateReplicas: 1,
  tablets: [
    tablet('commerce', '0', 'zone1', 100, 'master'),
    tablet('commerce', '0', 'zone1', 101, 'replica'),
    tablet('commerce', '0', 'zone1', 102, 'rdonly'),
    tablet('lookup', '0', 'zone1', 200, 'master'),
    tablet('lookup', '0', 'zone1', 201, 'replica'),
  ],
};

const HOUR = 3_600_000;

/** Creates through the registry (defaults, validation) and back-dates the result. */
function put(
  rt: KubeRuntime,
  def: ResourceDef,
  namespace: string | undefined,
  body: KubeObject,
  at: number,
): KubeObject {
  return rt.registry.create(def, namespace, body, { createdAt: at });
}

function startPod(rt: KubeRuntime, pod: KubeObject, at: number): void {
  const node = pickNode(rt.store);
  const running = runningStatus(pod as Pod, node, allocatePodIp(rt.store, node.podNet), at + 20_000);
  rt.logs.start(rt.store.replace('pods', running) as Pod, at + 20_000);
}

function putController(rt: KubeRuntime, namespace: string, body: KubeObject, at: number): void {
  const rc = put(rt, RESOURCES.replicationcontrollers, namespace, body, at) as ReplicationController;
  for (let i = 0; i < (rc.spec.replicas ?? 1); i++) {
    const pod = put(rt, RESOURCES.pods, namespace, podFromTemplate(rc), at + 1_000);
    startPod(rt, pod, at + 1_000);
  }
}

function deploy(rt: KubeRuntime, d: VitessDeployment, at: number): void {
  const ns = d.namespace;
  put(rt, RESOURCES.namespaces, undefined, { metadata: { name: ns } }, at);
  let t = at + 60_000;
  for (const cell of ['global', ...d.cells]) {
    put(rt, RESOURCES.services, ns, etcdService(cell), t);
    put(rt, RESOURCES.services, ns, etcdSrvService(cell), t);
    putController(rt, ns, etcdController(cell, d.etcdReplicas), t);
    t += 5_000;
  }
  t += 120_000;
  put(rt, RESOURCES.services, ns, vtctldService(), t);
  putController(rt, ns, vtctldController(d.cells[0] ?? 'zone1'), t);
  t += 60_000;
  for (const tablet of d.tablets) {
    startPod(rt, put(rt, RESOURCES.pods, ns, vttabletPod(tablet), t), t);
    t += 2_000;
  }
  for (const cell of d.cells) {
    put(rt, RESOURCES.services, ns, vtgateService(cell), t);
    putController(rt, ns, vtgateController(cell, d.vtgateReplicas), t);
  }
}

function clusterBasics(rt: KubeRuntime, at: number): void {
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system'])
    put(rt, RESOURCES.namespaces, undefined, { metadata: { name } }, at);
  put(
    rt,
    RESOURCES.services,
    'default',
    {
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: {
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      },
    },
    at,
  );
  put(
    rt,
    RESOURCES.services,
    'kube-system',
    {
      metadata: {
        name: 'kube-dns',
        labels: {
          'k8s-app': 'kube-dns',
          'kubernetes.io/cluster-service': 'true',
          'kubernetes.io/name': 'CoreDNS',
        },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: '10.96.0.10',
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    },
    at,
  );
}

export function loadDataset(rt: KubeRuntime, dataset: Dataset): void {
  const now = Date.now();
  clusterBasics(rt, now - 30 * 24 * HOUR);
  if (dataset === 'empty') return;
  const deployments = dataset === 'demo' ? [PROD, STAGING] : dataset.deployments;
  for (const d of deployments) deploy(rt, d, now - (d.ageHours ?? 72) * HOUR);
  // One tablet had a hiccup ten minutes ago: a liveness failure and a restart, as on a lived-in cluster.
  const flaky = rt.store.get('pods', 'vitess', 'vttablet-302') as Pod | undefined;
  const status = flaky?.status.containerStatuses?.[0];
  if (flaky && status) {
    const at = now - 10 * 60_000;
    status.restartCount = 1;
    status.lastState = {
      terminated: {
        exitCode: 2,
        reason: 'Error',
        startedAt: flaky.status.startTime,
        finishedAt: timestamp(at),
      },
    };
    status.state = { running: { startedAt: timestamp(at + 1_000) } };
    const updated = rt.store.replace('pods', flaky);
    const kubelet = { component: 'kubelet', host: flaky.spec.nodeName ?? NODES[0].name };
    const path = 'spec.containers{vttablet}';
    rt.events.record(
      updated,
      'Warning',
      'Unhealthy',
      `Liveness probe failed: Get "http://${flaky.status.podIP}:15002/debug/vars": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
      kubelet,
      path,
    );
    rt.events.record(
      updated,
      'Normal',
      'Killing',
      'Container vttablet failed liveness probe, will be restarted',
      kubelet,
      path,
    );
    rt.events.record(updated, 'Normal', 'Pulling', 'Pulling image "vitess/lite"', kubelet, path);
    rt.events.record(
      updated,
      'Normal',
      'Pulled',
      'Successfully pulled image "vitess/lite" in 812ms (812ms including waiting). Image size: 104857600 bytes.',
      kubelet,
      path,
    );
    rt.events.record(updated, 'Normal', 'Created', 'Created container vttablet', kubelet, path);
    rt.events.record(updated, 'Normal', 'Started', 'Started container vttablet', kubelet, path);
  }
}
