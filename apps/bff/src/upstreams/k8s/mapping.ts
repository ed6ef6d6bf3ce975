import type {
  CoreV1Event,
  V1Container,
  V1ContainerStatus,
  V1Namespace,
  V1Pod,
  V1ReplicationController,
  V1Service,
  V1Volume,
} from '@kubernetes/client-node';
import type {
  K8sCondition,
  K8sContainer,
  K8sEvent,
  K8sNamespace,
  K8sPod,
  K8sRc,
  K8sService,
  K8sTabletRef,
  K8sVolume,
} from '@vtdeck/contracts';
import { stringify } from 'yaml';
import { forDisplay } from './wire';

// The only reader of client-node's model objects: they become the console's camelCase DTOs here.

const iso = (d: Date | string | undefined | null): string | null => {
  if (!d) return null;
  const s = d instanceof Date ? d.toISOString() : String(d);
  return s.replace(/\.000Z$/, 'Z');
};

const ageSeconds = (d: Date | undefined, now: number): number | null =>
  d ? Math.max(0, Math.floor((now - d.valueOf()) / 1000)) : null;

/** The object as YAML, the way `kubectl get -o yaml` shows it. */
export function manifestYaml(obj: unknown): string {
  return stringify(forDisplay(obj), { lineWidth: 0 });
}

export function namespaceDto(ns: V1Namespace): K8sNamespace {
  return {
    name: ns.metadata?.name ?? '',
    phase: ns.status?.phase ?? 'Active',
    labels: ns.metadata?.labels ?? {},
    createdAt: iso(ns.metadata?.creationTimestamp),
  };
}

/** `xx-80` → `-80`, `80-xx` → `80-`: the vttablet template's shard label back to the shard name. */
export const shardFromLabel = (label: string) => label.replace(/^xx-/, '-').replace(/-xx$/, '-');

/** A pod made by the vttablet template points at its tablet in the topology. */
export function tabletRef(labels: Record<string, string>): K8sTabletRef | null {
  if (labels.app !== 'vitess' || labels.component !== 'vttablet') return null;
  const { keyspace, shard, tablet } = labels;
  if (!keyspace || !shard || !tablet) return null;
  return { keyspace, shard: shardFromLabel(shard), alias: tablet };
}

/** What kubectl prints in STATUS: the most telling container reason, or the phase. */
function displayStatus(pod: V1Pod): string {
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  let status = pod.status?.reason ?? pod.status?.phase ?? 'Unknown';
  for (const cs of pod.status?.containerStatuses ?? []) {
    const waiting = cs.state?.waiting?.reason;
    const terminated = cs.state?.terminated;
    if (waiting) status = waiting;
    else if (terminated) status = terminated.reason ?? `ExitCode:${terminated.exitCode}`;
  }
  return status;
}

export function podDto(pod: V1Pod, now = Date.now()): K8sPod {
  const statuses = pod.status?.containerStatuses ?? [];
  const labels = pod.metadata?.labels ?? {};
  const owner = pod.metadata?.ownerReferences?.find(
    (o) => o.controller && o.kind === 'ReplicationController',
  );
  return {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    status: displayStatus(pod),
    ready: statuses.filter((s) => s.ready).length,
    containers: pod.spec?.containers.length ?? statuses.length,
    restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
    node: pod.spec?.nodeName ?? null,
    podIp: pod.status?.podIP ?? null,
    hostIp: pod.status?.hostIP ?? null,
    createdAt: iso(pod.metadata?.creationTimestamp),
    ageSeconds: ageSeconds(pod.metadata?.creationTimestamp, now),
    labels,
    controller: owner?.name ?? null,
    deleting: Boolean(pod.metadata?.deletionTimestamp),
    tablet: tabletRef(labels),
  };
}

function containerState(
  status: V1ContainerStatus | undefined,
): Pick<K8sContainer, 'state' | 'reason' | 'startedAt'> {
  const s = status?.state;
  if (s?.running) return { state: 'running', reason: null, startedAt: iso(s.running.startedAt) };
  if (s?.waiting) return { state: 'waiting', reason: s.waiting.reason ?? null, startedAt: null };
  if (s?.terminated)
    return {
      state: 'terminated',
      reason: s.terminated.reason ?? null,
      startedAt: iso(s.terminated.startedAt),
    };
  return { state: 'unknown', reason: null, startedAt: null };
}

export function containerDto(c: V1Container, status?: V1ContainerStatus): K8sContainer {
  const limits = Object.fromEntries(
    Object.entries(c.resources?.limits ?? {}).map(([k, v]) => [k, String(v)] as const),
  );
  return {
    name: c.name,
    image: c.image ?? '',
    ready: status?.ready ?? false,
    restartCount: status?.restartCount ?? 0,
    ...containerState(status),
    ports: (c.ports ?? []).map((p) => ({
      name: p.name ?? null,
      port: p.containerPort,
      protocol: p.protocol ?? 'TCP',
    })),
    command: [...(c.command ?? []), ...(c.args ?? [])],
    limits,
  };
}

export function volumeDto(v: V1Volume): K8sVolume {
  if (v.hostPath) return { name: v.name, type: 'hostPath', detail: v.hostPath.path };
  if (v.emptyDir) return { name: v.name, type: 'emptyDir', detail: v.emptyDir.medium ?? '' };
  if (v.configMap) return { name: v.name, type: 'configMap', detail: v.configMap.name ?? '' };
  if (v.secret) return { name: v.name, type: 'secret', detail: v.secret.secretName ?? '' };
  if (v.persistentVolumeClaim)
    return { name: v.name, type: 'persistentVolumeClaim', detail: v.persistentVolumeClaim.claimName };
  const type = Object.keys(v).find((k) => k !== 'name') ?? 'unknown';
  return { name: v.name, type, detail: '' };
}

export function conditionDtos(pod: V1Pod): K8sCondition[] {
  return (pod.status?.conditions ?? []).map((c) => ({
    type: c.type,
    status: c.status,
    reason: c.reason ?? null,
    message: c.message ?? null,
    lastTransition: iso(c.lastTransitionTime),
  }));
}

export function eventDto(e: CoreV1Event): K8sEvent {
  return {
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    count: e.count ?? 1,
    firstSeen: iso(e.firstTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp),
    lastSeen: iso(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp),
    source: e.source?.component ?? e.reportingComponent ?? '',
    object: `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`,
  };
}

export function podContainers(pod: V1Pod): K8sContainer[] {
  const byName = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s] as const));
  return (pod.spec?.containers ?? []).map((c) => containerDto(c, byName.get(c.name)));
}

export function rcDto(rc: V1ReplicationController, now = Date.now()): K8sRc {
  return {
    name: rc.metadata?.name ?? '',
    namespace: rc.metadata?.namespace ?? '',
    desired: rc.spec?.replicas ?? 1,
    current: rc.status?.replicas ?? 0,
    ready: rc.status?.readyReplicas ?? 0,
    selector: rc.spec?.selector ?? {},
    labels: rc.metadata?.labels ?? {},
    images: (rc.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? ''),
    createdAt: iso(rc.metadata?.creationTimestamp),
    ageSeconds: ageSeconds(rc.metadata?.creationTimestamp, now),
    deleting: Boolean(rc.metadata?.deletionTimestamp),
  };
}

export function serviceDto(svc: V1Service, now = Date.now()): K8sService {
  return {
    name: svc.metadata?.name ?? '',
    namespace: svc.metadata?.namespace ?? '',
    type: svc.spec?.type ?? 'ClusterIP',
    clusterIp: svc.spec?.clusterIP ?? null,
    externalIps: svc.spec?.externalIPs ?? [],
    loadBalancer: (svc.status?.loadBalancer?.ingress ?? [])
      .map((i) => i.ip ?? i.hostname ?? '')
      .filter(Boolean),
    ports: (svc.spec?.ports ?? []).map((p) => ({
      name: p.name ?? null,
      port: p.port,
      targetPort: String(p.targetPort ?? p.port),
      protocol: p.protocol ?? 'TCP',
      nodePort: p.nodePort ?? null,
    })),
    selector: svc.spec?.selector ?? {},
    labels: svc.metadata?.labels ?? {},
    createdAt: iso(svc.metadata?.creationTimestamp),
    ageSeconds: ageSeconds(svc.metadata?.creationTimestamp, now),
  };
}

/** `{app: vitess, component: etcd}` → `app=vitess,component=etcd`. */
export const selectorString = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
