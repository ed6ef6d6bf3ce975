import type { NameRule } from './names';
import type { KubeObject } from './types';

export type ResourceName = 'namespaces' | 'pods' | 'services' | 'replicationcontrollers' | 'events';

type FieldGetter = (o: KubeObject) => string | undefined;

export interface ResourceDef {
  name: ResourceName;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  nameRule: NameRule;
  /** Subresources served besides the object itself (log, status, scale). */
  subresources: string[];
  /** Field selector labels this kind supports (metadata.name/namespace are common to all). */
  fields: Record<string, FieldGetter>;
  /** Delete answers with the object (pods, services, namespaces) or a Success Status (RCs, events). */
  deleteReturnsObject: boolean;
  /** Whether spec changes bump metadata.generation. */
  generation: boolean;
}

const str = (v: unknown): string | undefined =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v);
const at = (o: KubeObject, path: string): unknown =>
  path.split('.').reduce<unknown>((acc, key) => (acc as Record<string, unknown> | undefined)?.[key], o);
const paths = (...list: string[]): Record<string, FieldGetter> =>
  Object.fromEntries(list.map((p) => [p, (o: KubeObject) => str(at(o, p))]));

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const NO_COLLECTION_DELETE = ALL_VERBS.filter((v) => v !== 'deletecollection');

export const RESOURCES: Record<ResourceName, ResourceDef> = {
  events: {
    name: 'events',
    singular: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
    categories: [],
    verbs: ALL_VERBS,
    nameRule: 'subdomain',
    subresources: [],
    fields: {
      ...paths(
        'involvedObject.kind',
        'involvedObject.namespace',
        'involvedObject.name',
        'involvedObject.uid',
        'involvedObject.apiVersion',
        'involvedObject.resourceVersion',
        'involvedObject.fieldPath',
        'reason',
        'reportingComponent',
        'type',
      ),
      source: (o) => str(at(o, 'source.component')),
    },
    deleteReturnsObject: false,
    generation: false,
  },
  namespaces: {
    name: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    categories: [],
    verbs: NO_COLLECTION_DELETE,
    nameRule: 'label',
    subresources: ['status'],
    fields: paths('status.phase'),
    deleteReturnsObject: true,
    generation: false,
  },
  pods: {
    name: 'pods',
    singular: 'pod',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    verbs: ALL_VERBS,
    nameRule: 'subdomain',
    subresources: ['log', 'status'],
    fields: {
      ...paths(
        'spec.nodeName',
        'spec.restartPolicy',
        'spec.schedulerName',
        'spec.serviceAccountName',
        'status.phase',
        'status.podIP',
        'status.nominatedNodeName',
      ),
      'spec.hostNetwork': (o) => String(at(o, 'spec.hostNetwork') === true),
      'status.podIPs': (o) => str((at(o, 'status.podIPs') as { ip: string }[] | undefined)?.[0]?.ip),
    },
    deleteReturnsObject: true,
    generation: false, // pods gained generation in 1.33; this fake is 1.32
  },
  replicationcontrollers: {
    name: 'replicationcontrollers',
    singular: 'replicationcontroller',
    kind: 'ReplicationController',
    namespaced: true,
    shortNames: ['rc'],
    categories: ['all'],
    verbs: ALL_VERBS,
    nameRule: 'subdomain',
    subresources: ['scale', 'status'],
    fields: paths('status.replicas'),
    deleteReturnsObject: false,
    generation: true,
  },
  services: {
    name: 'services',
    singular: 'service',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    verbs: NO_COLLECTION_DELETE,
    nameRule: 'dns1035',
    subresources: ['status'],
    fields: {},
    deleteReturnsObject: true,
    generation: false,
  },
};

/** Alphabetical, like the real /api/v1 (kubectl prints `get all` in discovery order). */
export const RESOURCE_LIST: ResourceDef[] = Object.values(RESOURCES).sort((a, b) =>
  a.name.localeCompare(b.name),
);

export function resourceByName(name: string): ResourceDef | undefined {
  return (RESOURCES as Record<string, ResourceDef | undefined>)[name];
}

export function resourceByKind(kind: string): ResourceDef | undefined {
  return RESOURCE_LIST.find((r) => r.kind === kind);
}

export function commonField(o: KubeObject, field: string): string | undefined {
  if (field === 'metadata.name') return o.metadata.name ?? '';
  if (field === 'metadata.namespace') return o.metadata.namespace ?? '';
  return undefined;
}
