import type { ResourceDef } from './resources';
import { selectorString } from './selectors';
import type { CoreEvent, KubeObject, Pod, ReplicationController, Service } from './types';

// Server-side printing (meta.k8s.io/v1 Table) with the column sets of pkg/printers/internalversion,
// so `kubectl get` prints what it prints against a real cluster.

interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

const col = (name: string, type = 'string', priority = 0, format = ''): Column => ({
  name,
  type,
  format,
  description: `${name} column`,
  priority,
});
const nameCol = () => ({
  ...col('Name', 'string', 0, 'name'),
  description: 'Name must be unique within a namespace.',
});

const COLUMNS: Record<ResourceDef['name'], Column[]> = {
  namespaces: [nameCol(), col('Status'), col('Age')],
  pods: [
    nameCol(),
    col('Ready'),
    col('Status'),
    col('Restarts'),
    col('Age'),
    col('IP', 'string', 1),
    col('Node', 'string', 1),
    col('Nominated Node', 'string', 1),
    col('Readiness Gates', 'string', 1),
  ],
  services: [
    nameCol(),
    col('Type'),
    col('Cluster-IP'),
    col('External-IP'),
    col('Port(s)'),
    col('Age'),
    col('Selector', 'string', 1),
  ],
  replicationcontrollers: [
    nameCol(),
    col('Desired', 'integer'),
    col('Current', 'integer'),
    col('Ready', 'integer'),
    col('Age'),
    col('Containers', 'string', 1),
    col('Images', 'string', 1),
    col('Selector', 'string', 1),
  ],
  events: [
    col('Last Seen'),
    col('Type'),
    col('Reason'),
    col('Object'),
    col('Subobject', 'string', 1),
    col('Source', 'string', 1),
    col('Message'),
    col('First Seen', 'string', 1),
    col('Count', 'integer', 1),
    col('Name', 'string', 1, 'name'),
  ],
};

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / 24 / 365);
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24) % 365;
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${years}y`;
}

const age = (ts: string | null | undefined) =>
  ts ? humanDuration(Date.now() - Date.parse(ts)) : '<unknown>';

function podStatus(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  let reason = pod.status?.reason ?? pod.status?.phase ?? 'Unknown';
  for (const cs of pod.status?.containerStatuses ?? []) {
    if (cs.state.waiting?.reason) reason = cs.state.waiting.reason;
    else if (cs.state.terminated?.reason) reason = cs.state.terminated.reason;
  }
  return reason;
}

function podCells(pod: Pod): unknown[] {
  const statuses = pod.status?.containerStatuses ?? [];
  const ready = statuses.filter((c) => c.ready).length;
  const restarts = statuses.reduce((n, c) => n + c.restartCount, 0);
  const gates = (pod.spec.readinessGates as unknown[] | undefined)?.length;
  return [
    pod.metadata.name,
    `${ready}/${pod.spec.containers.length}`,
    podStatus(pod),
    String(restarts),
    age(pod.metadata.creationTimestamp),
    pod.status?.podIP || '<none>',
    pod.spec.nodeName || '<none>',
    (pod.status?.nominatedNodeName as string | undefined) || '<none>',
    gates ? `0/${gates}` : '<none>',
  ];
}

function serviceCells(svc: Service): unknown[] {
  const spec = svc.spec;
  const type = spec.type ?? 'ClusterIP';
  const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname).filter(Boolean);
  let external = spec.externalIPs?.join(',') || '<none>';
  if (type === 'LoadBalancer') external = ingress.length ? ingress.join(',') : '<pending>';
  if (type === 'ExternalName') external = spec.externalName ?? '<none>';
  const ports = (spec.ports ?? [])
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`))
    .join(',');
  return [
    svc.metadata.name,
    type,
    type === 'ExternalName' ? '<none>' : (spec.clusterIP ?? '<none>'),
    external,
    ports || '<none>',
    age(svc.metadata.creationTimestamp),
    spec.selector ? selectorString(spec.selector) : '<none>',
  ];
}

function rcCells(rc: ReplicationController): unknown[] {
  const containers = rc.spec.template?.spec?.containers ?? [];
  return [
    rc.metadata.name,
    rc.spec.replicas ?? 0,
    rc.status?.replicas ?? 0,
    rc.status?.readyReplicas ?? 0,
    age(rc.metadata.creationTimestamp),
    containers.map((c) => c.name).join(','),
    containers.map((c) => c.image).join(','),
    selectorString(rc.spec.selector) || '<none>',
  ];
}

function eventCells(ev: CoreEvent): unknown[] {
  const last = ev.lastTimestamp || (ev.eventTime as string | null) || ev.metadata.creationTimestamp;
  const first = ev.firstTimestamp || (ev.eventTime as string | null) || ev.metadata.creationTimestamp;
  const io = ev.involvedObject ?? {};
  const source = ev.source?.component
    ? `${ev.source.component}${ev.source.host ? `, ${ev.source.host}` : ''}`
    : ev.reportingComponent || '<none>';
  return [
    age(last),
    ev.type ?? '',
    ev.reason ?? '',
    `${(io.kind ?? '').toLowerCase()}/${io.name ?? ''}`,
    io.fieldPath ?? '',
    source,
    (ev.message ?? '').trim(),
    age(first),
    ev.count ?? 1,
    ev.metadata.name,
  ];
}

function cells(def: ResourceDef, obj: KubeObject): unknown[] {
  switch (def.name) {
    case 'namespaces':
      return [
        obj.metadata.name,
        (obj.status?.phase as string | undefined) ?? '',
        age(obj.metadata.creationTimestamp),
      ];
    case 'pods':
      return podCells(obj as Pod);
    case 'services':
      return serviceCells(obj as Service);
    case 'replicationcontrollers':
      return rcCells(obj as ReplicationController);
    case 'events':
      return eventCells(obj as CoreEvent);
  }
}

/** `includeObject`: None | Metadata (default, PartialObjectMetadata) | Object (the full object). */
export function toTable(
  def: ResourceDef,
  objects: KubeObject[],
  meta: Record<string, unknown>,
  includeObject: string | null,
  withColumns = true,
) {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: meta,
    columnDefinitions: withColumns ? COLUMNS[def.name] : [],
    rows: objects.map((obj) => ({
      cells: cells(def, obj),
      ...(includeObject === 'None'
        ? {}
        : {
            object:
              includeObject === 'Object'
                ? { kind: def.kind, apiVersion: 'v1', ...obj }
                : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata },
          }),
    })),
  };
}
