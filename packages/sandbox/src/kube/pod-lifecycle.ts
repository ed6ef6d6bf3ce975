import { createHash } from 'node:crypto';
import { timestamp } from './names';
import { RESOURCES } from './resources';
import { type KubeRuntime, NODES } from './runtime';
import type { Store } from './store';
import type { ContainerStatus, Pod, PodCondition } from './types';

// Plays scheduler and kubelet: Pending → bound (ContainerCreating) → Running/Ready, each step a new
// resourceVersion and MODIFIED event plus the events a real cluster writes; graceful deletion ends with
// the pod leaving the store. An image tagged `:broken` never pulls (ErrImagePull/ImagePullBackOff).

const hex = (seed: string) => createHash('sha256').update(seed).digest('hex');

/** `vitess/lite` → `docker.io/vitess/lite:latest`, as containerd reports it. */
export function normalizeImage(image: string): string {
  const firstPart = image.split('/')[0] ?? '';
  const hasRegistry = image.includes('/') && (firstPart.includes('.') || firstPart.includes(':'));
  let ref = hasRegistry ? image : `docker.io/${image.includes('/') ? image : `library/${image}`}`;
  if (!ref.slice(ref.lastIndexOf('/')).includes(':') && !ref.includes('@')) ref += ':latest';
  return ref;
}

const isBroken = (image: string | undefined) => /:broken$/.test(image ?? '');

function condition(type: string, ok: boolean, at: string, reason?: string): PodCondition {
  return {
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: at,
    ...(reason ? { reason } : {}),
  };
}

export function pickNode(store: Store): (typeof NODES)[number] {
  const load = new Map<string, number>(NODES.map((n) => [n.name, 0]));
  for (const p of store.list('pods') as Pod[])
    if (p.spec.nodeName && load.has(p.spec.nodeName))
      load.set(p.spec.nodeName, (load.get(p.spec.nodeName) ?? 0) + 1);
  return [...NODES].sort((a, b) => (load.get(a.name) ?? 0) - (load.get(b.name) ?? 0))[0] ?? NODES[0];
}

export function allocatePodIp(store: Store, podNet: string): string {
  const used = new Set((store.list('pods') as Pod[]).map((p) => p.status?.podIP));
  for (let i = 2; i < 255; i++) if (!used.has(`${podNet}.${i}`)) return `${podNet}.${i}`;
  return `${podNet}.254`;
}

function waitingStatuses(pod: Pod, reason: string, message?: string): ContainerStatus[] {
  return pod.spec.containers.map((c) => ({
    name: c.name,
    image: normalizeImage(c.image ?? ''),
    imageID: '',
    ready: false,
    started: false,
    restartCount: 0,
    state: { waiting: { reason, ...(message ? { message } : {}) } },
  }));
}

/** The status of a pod that is up and ready on `node`, started at `startedAt` (also used by the demo data). */
export function runningStatus(pod: Pod, node: (typeof NODES)[number], podIP: string, startedAt: number) {
  const at = timestamp(startedAt);
  pod.spec.nodeName = node.name;
  pod.status = {
    phase: 'Running',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(
      (t) => condition(t, true, at),
    ),
    hostIP: node.ip,
    hostIPs: [{ ip: node.ip }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: at,
    containerStatuses: pod.spec.containers.map((c) => ({
      name: c.name,
      state: { running: { startedAt: at } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: normalizeImage(c.image ?? ''),
      imageID: `${normalizeImage(c.image ?? '').replace(/:[^:/]+$/, '')}@sha256:${hex(c.image ?? '')}`,
      containerID: `containerd://${hex(`${pod.metadata.uid}/${c.name}`)}`,
      started: true,
    })),
    qosClass: pod.status?.qosClass ?? 'BestEffort',
  };
  return pod;
}

export function startPodLifecycle(rt: KubeRuntime): void {
  const { store, timers, timings } = rt;
  const current = (ns: string, name: string, uid: string) => {
    const p = store.get('pods', ns, name) as Pod | undefined;
    return p && p.metadata.uid === uid && !p.metadata.deletionTimestamp ? p : undefined;
  };

  const bind = (ns: string, name: string, uid: string) => {
    const pod = current(ns, name, uid);
    if (!pod || pod.spec.nodeName) return;
    const node = pickNode(store);
    const at = timestamp();
    pod.spec.nodeName = node.name;
    pod.status.conditions = [condition('PodScheduled', true, at)];
    const bound = rt.registry.write(RESOURCES.pods, pod) as Pod;
    rt.events.recordScheduled(bound, node.name);
    // The kubelet's first status report.
    bound.status = {
      ...bound.status,
      conditions: [
        condition('PodReadyToStartContainers', false, at),
        condition('Initialized', true, at),
        condition('Ready', false, at, 'ContainersNotReady'),
        condition('ContainersReady', false, at, 'ContainersNotReady'),
        condition('PodScheduled', true, at),
      ],
      hostIP: node.ip,
      hostIPs: [{ ip: node.ip }],
      startTime: at,
      containerStatuses: waitingStatuses(bound, 'ContainerCreating'),
    };
    const created = rt.registry.write(RESOURCES.pods, bound) as Pod;
    const kubelet = { component: 'kubelet', host: node.name };
    for (const c of created.spec.containers) {
      const path = `spec.containers{${c.name}}`;
      rt.events.record(created, 'Normal', 'Pulling', `Pulling image "${c.image}"`, kubelet, path);
      if (isBroken(c.image))
        rt.events.record(
          created,
          'Warning',
          'Failed',
          `Failed to pull image "${c.image}": not found`,
          kubelet,
          path,
        );
    }
    timers.after(timings.podStartDelayMs * 0.8, () => run(ns, name, uid, node));
  };

  const run = (ns: string, name: string, uid: string, node: (typeof NODES)[number]) => {
    const pod = current(ns, name, uid);
    if (!pod) return;
    const kubelet = { component: 'kubelet', host: node.name };
    if (pod.spec.containers.some((c) => isBroken(c.image))) {
      pod.status.containerStatuses = waitingStatuses(
        pod,
        'ImagePullBackOff',
        `Back-off pulling image "${pod.spec.containers.find((c) => isBroken(c.image))?.image}"`,
      );
      rt.events.record(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', kubelet);
      rt.registry.write(RESOURCES.pods, pod);
      return;
    }
    const started = rt.registry.write(
      RESOURCES.pods,
      runningStatus(pod, node, allocatePodIp(store, node.podNet), Date.now()),
    ) as Pod;
    for (const c of started.spec.containers) {
      const path = `spec.containers{${c.name}}`;
      rt.events.record(
        started,
        'Normal',
        'Pulled',
        `Successfully pulled image "${c.image}" in 1.2s (1.2s including waiting). Image size: 104857600 bytes.`,
        kubelet,
        path,
      );
      rt.events.record(started, 'Normal', 'Created', `Created container ${c.name}`, kubelet, path);
      rt.events.record(started, 'Normal', 'Started', `Started container ${c.name}`, kubelet, path);
    }
    rt.logs.start(started, Date.now());
  };

  const stop = (ns: string, name: string, uid: string) => {
    const pod = store.get('pods', ns, name) as Pod | undefined;
    if (!pod || pod.metadata.uid !== uid || pod.metadata.finalizers?.length) return;
    if (pod.spec.nodeName) {
      for (const c of pod.spec.containers)
        rt.events.record(
          pod,
          'Normal',
          'Killing',
          `Stopping container ${c.name}`,
          { component: 'kubelet', host: pod.spec.nodeName },
          `spec.containers{${c.name}}`,
        );
    }
    store.remove('pods', ns, name);
  };

  store.subscribe((change) => {
    if (change.resource !== 'pods') return;
    const pod = change.object as Pod;
    const { namespace = '', name = '', uid = '' } = pod.metadata;
    if (change.type === 'DELETED') {
      rt.logs.end(uid);
      return;
    }
    if (pod.metadata.deletionTimestamp) {
      const wasTerminating = Boolean(change.previous?.metadata.deletionTimestamp);
      const finalizersCleared =
        Boolean(change.previous?.metadata.finalizers?.length) && !pod.metadata.finalizers?.length;
      const graceChanged =
        change.previous?.metadata.deletionGracePeriodSeconds !== pod.metadata.deletionGracePeriodSeconds;
      if (wasTerminating && !graceChanged && !finalizersCleared) return;
      const grace = (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
      timers.after(Math.min(grace, timings.podStopDelayMs), () => stop(namespace, name, uid));
      return;
    }
    if (change.type === 'ADDED' && pod.status?.phase === 'Pending' && !pod.spec.nodeName)
      timers.after(timings.podStartDelayMs * 0.2, () => bind(namespace, name, uid));
  });
}
