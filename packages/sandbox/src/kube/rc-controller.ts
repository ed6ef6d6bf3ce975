import { deleteObject } from './delete';
import { RESOURCES } from './resources';
import type { KubeRuntime } from './runtime';
import { matchesLabels, parseLabelSelector, selectorString } from './selectors';
import type { KubeObject, OwnerReference, Pod, ReplicationController } from './types';

// The replication manager: keeps the number of live pods matching an RC's selector at spec.replicas,
// adopts orphans that match, releases pods that stop matching, and reports status (omitempty fields).

const SOURCE = { component: 'replication-controller' };

export function controllerRef(rc: KubeObject): OwnerReference {
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    name: rc.metadata.name ?? '',
    uid: rc.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The pod an RC creates: template labels/annotations/spec, `<rc>-<5 chars>` name, controller reference. */
export function podFromTemplate(rc: ReplicationController): KubeObject {
  const template = rc.spec.template ?? {};
  const { labels, annotations } = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${rc.metadata.name}-`,
      namespace: rc.metadata.namespace,
      ...(labels ? { labels: { ...labels } } : {}),
      ...(annotations ? { annotations: { ...annotations } } : {}),
      ownerReferences: [controllerRef(rc)],
    },
    spec: structuredClone(template.spec ?? { containers: [] }),
  };
}

const isReady = (p: Pod) =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const isActive = (p: Pod) =>
  !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
const controllerUid = (p: KubeObject) => p.metadata.ownerReferences?.find((r) => r.controller)?.uid;

/** Scale-down order of the real controller: unscheduled, then pending, then not ready, then newest. */
function deletionRank(p: Pod): number[] {
  return [
    p.spec.nodeName ? 1 : 0,
    p.status?.phase === 'Pending' ? 0 : 1,
    isReady(p) ? 1 : 0,
    -Date.parse(p.metadata.creationTimestamp ?? '0'),
  ];
}

export function startRcController(rt: KubeRuntime): void {
  const queued = new Set<string>();
  const enqueue = (ns: string | undefined) => {
    if (ns === undefined || queued.has(ns)) return;
    queued.add(ns);
    rt.timers.soon(() => {
      queued.delete(ns);
      for (const rc of rt.store.list('replicationcontrollers', ns))
        reconcile(rt, rc as ReplicationController);
    });
  };
  rt.store.subscribe((change) => {
    if (change.resource === 'pods' || change.resource === 'replicationcontrollers')
      enqueue(change.object.metadata.namespace);
  });
}

function reconcile(rt: KubeRuntime, rc: ReplicationController): void {
  if (rc.metadata.deletionTimestamp) return;
  const ns = rc.metadata.namespace;
  const uid = rc.metadata.uid;
  const selector = parseLabelSelector(selectorString(rc.spec.selector));
  const pods = rt.store.list('pods', ns) as Pod[];
  const owned: Pod[] = [];
  for (const pod of pods) {
    const matches = matchesLabels(selector, pod.metadata.labels);
    const owner = controllerUid(pod);
    if (owner === uid && !matches) {
      // Release: the pod no longer matches the selector.
      pod.metadata.ownerReferences = pod.metadata.ownerReferences?.filter((r) => r.uid !== uid);
      if (!pod.metadata.ownerReferences?.length) delete pod.metadata.ownerReferences;
      rt.registry.write(RESOURCES.pods, pod);
    } else if (owner === undefined && matches && isActive(pod)) {
      pod.metadata.ownerReferences = [...(pod.metadata.ownerReferences ?? []), controllerRef(rc)];
      owned.push(rt.registry.write(RESOURCES.pods, pod) as Pod);
    } else if (owner === uid) owned.push(pod);
  }
  const active = owned.filter(isActive);
  const want = rc.spec.replicas ?? 1;
  if (active.length < want) {
    for (let i = active.length; i < want; i++) {
      try {
        const pod = rt.registry.create(RESOURCES.pods, ns, podFromTemplate(rc));
        active.push(pod as Pod);
        rt.events.record(rc, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, SOURCE);
      } catch (err) {
        rt.events.record(rc, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`, SOURCE);
        break;
      }
    }
  } else if (active.length > want) {
    const victims = [...active]
      .sort((a, b) => compareRank(deletionRank(a), deletionRank(b)))
      .slice(0, active.length - want);
    for (const pod of victims) {
      deleteObject(rt.registry, RESOURCES.pods, ns, pod.metadata.name ?? '', {});
      rt.events.record(rc, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
      active.splice(active.indexOf(pod), 1);
    }
  }
  writeStatus(rt, rc, active);
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

function writeStatus(rt: KubeRuntime, rc: ReplicationController, active: Pod[]): void {
  const templateLabels = rc.spec.template?.metadata?.labels ?? {};
  const ready = active.filter(isReady).length;
  const fully = active.filter((p) =>
    Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v),
  ).length;
  const status: ReplicationController['status'] = { replicas: active.length };
  if (fully) status.fullyLabeledReplicas = fully;
  if (ready) status.readyReplicas = ready;
  if (ready) status.availableReplicas = ready;
  if (rc.metadata.generation) status.observedGeneration = rc.metadata.generation;
  const fresh = rt.store.get('replicationcontrollers', rc.metadata.namespace, rc.metadata.name ?? '');
  if (!fresh || fresh.metadata.uid !== rc.metadata.uid) return;
  if (JSON.stringify(fresh.status) === JSON.stringify(status)) return;
  rt.registry.write(RESOURCES.replicationcontrollers, { ...fresh, status });
}
