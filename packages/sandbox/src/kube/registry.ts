import { applyCreateDefaults, defaultPodSpec, defaultReplicationController } from './defaults';
import { generateName, newUid, timestamp } from './names';
import type { ResourceDef } from './resources';
import { unknownFields } from './schema';
import {
  alreadyExists,
  badRequest,
  type FieldError,
  forbidden,
  invalid,
  notFound,
  staleConflict,
} from './status';
import type { Store } from './store';
import type { KubeObject, Namespace, Pod, ReplicationController, Service } from './types';
import { sortKeys, validateObject, validateUpdate } from './validation';

// The apiserver's registry layer: decode checks, admission (namespace lifecycle), defaults, validation,
// optimistic concurrency, then the store. Routes and the fake's controllers both write through here.

export interface WriteOptions {
  dryRun?: boolean;
  /** Strict | Warn | Ignore; absent means Warn, like the real server. */
  fieldValidation?: string | null;
  /** Filled with warnings for the `Warning` response header. */
  warnings?: string[];
  /** Back-dates creationTimestamp (demo data that has been running for days); never set from a request. */
  createdAt?: number;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export class Registry {
  constructor(readonly store: Store) {}

  get(def: ResourceDef, namespace: string | undefined, name: string): KubeObject {
    const found = this.store.get(def.name, def.namespaced ? namespace : undefined, name);
    if (!found) throw notFound(def.name, name);
    return found;
  }

  /** Decodes a request body into an object of this kind, with the strict-decoding rules kubectl relies on. */
  decode(def: ResourceDef, body: unknown, options: WriteOptions): KubeObject {
    if (!isObject(body)) throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
    if (body.apiVersion !== undefined && body.apiVersion !== 'v1')
      throw badRequest(
        `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (v1)`,
      );
    if (body.kind !== undefined && body.kind !== def.kind)
      throw badRequest(
        `the kind in the data (${String(body.kind)}) does not match the expected kind (${def.kind})`,
      );
    const mode = options.fieldValidation ?? 'Warn';
    if (!['Strict', 'Warn', 'Ignore'].includes(mode))
      throw badRequest(`fieldValidation must be one of "Ignore", "Warn" or "Strict", not "${mode}"`);
    if (mode !== 'Ignore') {
      const unknown = unknownFields(def.name, body).map((f) => `unknown field "${f}"`);
      if (unknown.length && mode === 'Strict')
        throw badRequest(
          `${def.kind} in version "v1" cannot be handled as a ${def.kind}: strict decoding error: ${unknown.join(', ')}`,
        );
      options.warnings?.push(...unknown);
    }
    const obj = structuredClone(body) as KubeObject;
    if (!isObject(obj.metadata)) obj.metadata = {};
    obj.kind = def.kind;
    obj.apiVersion = 'v1';
    return obj;
  }

  create(
    def: ResourceDef,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions = {},
  ): KubeObject {
    const obj = this.decode(def, body, options);
    const meta = obj.metadata;
    if (def.namespaced) {
      if (meta.namespace && meta.namespace !== namespace)
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      meta.namespace = namespace;
    } else delete meta.namespace;
    if (meta.resourceVersion) throw badRequest('resourceVersion should not be set on objects to be created');
    if (!meta.name && meta.generateName) {
      do meta.name = generateName(meta.generateName);
      while (this.store.get(def.name, meta.namespace, meta.name));
    }
    if (def.namespaced) this.admitNamespace(def, namespace ?? '', meta.name ?? '');
    meta.uid = newUid();
    meta.creationTimestamp = timestamp(options.createdAt);
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (def.generation) meta.generation = 1;
    else delete meta.generation;
    const errors: FieldError[] = [
      ...applyCreateDefaults(this.store, def.name, obj),
      ...validateObject(def, obj),
    ];
    if (errors.length) throw invalid(def.kind, meta.name ?? '', errors);
    if (this.store.get(def.name, meta.namespace, meta.name ?? ''))
      throw alreadyExists(def.name, meta.name ?? '');
    if (options.dryRun) return obj;
    return this.store.insert(def.name, obj);
  }

  /** PUT of the main resource: the server keeps identity, status and allocations; spec changes bump generation. */
  update(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions = {},
  ) {
    const next = this.decode(def, body, options);
    this.checkIdentity(def, namespace, name, next);
    const old = this.store.get(def.name, def.namespaced ? namespace : undefined, name);
    if (!old) {
      if (def.name === 'events') return this.create(def, namespace, body, options);
      throw notFound(def.name, name);
    }
    if (next.metadata.resourceVersion && next.metadata.resourceVersion !== old.metadata.resourceVersion)
      throw staleConflict(def.name, name);
    this.carryServerFields(def, old, next);
    const errors = validateUpdate(def, old, next);
    if (errors.length) throw invalid(def.kind, name, errors);
    return this.commit(def, old, next, options);
  }

  /** PUT/PATCH of the status subresource: only `.status` comes from the client. */
  updateStatus(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions = {},
  ) {
    const next = this.decode(def, body, options);
    this.checkIdentity(def, namespace, name, next);
    const old = this.get(def, namespace, name);
    if (next.metadata.resourceVersion && next.metadata.resourceVersion !== old.metadata.resourceVersion)
      throw staleConflict(def.name, name);
    const merged: KubeObject = { ...old, status: next.status ?? {} };
    return this.commit(def, old, merged, options);
  }

  /** Writes a controller's change without client-side checks (it read the object a moment ago). */
  write(def: ResourceDef, next: KubeObject): KubeObject {
    const old = this.store.get(def.name, next.metadata.namespace, next.metadata.name ?? '');
    if (!old) throw notFound(def.name, next.metadata.name ?? '');
    return this.commit(def, old, next, {});
  }

  private commit(def: ResourceDef, old: KubeObject, next: KubeObject, options: WriteOptions): KubeObject {
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    if (def.generation && JSON.stringify(sortKeys(old.spec)) !== JSON.stringify(sortKeys(next.spec)))
      next.metadata.generation = (old.metadata.generation ?? 0) + 1;
    // A no-op update keeps its resourceVersion and sends no watch event, as on a real server.
    if (JSON.stringify(sortKeys(old)) === JSON.stringify(sortKeys(next)) || options.dryRun) return next;
    const m = next.metadata;
    if (m.deletionTimestamp && !m.finalizers?.length && def.name !== 'pods' && def.name !== 'namespaces') {
      return this.store.remove(def.name, m.namespace, m.name ?? '') ?? next;
    }
    return this.store.replace(def.name, next);
  }

  private checkIdentity(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    next: KubeObject,
  ): void {
    const meta = next.metadata;
    if (meta.name !== undefined && meta.name !== name)
      throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    meta.name = name;
    if (def.namespaced) {
      if (meta.namespace && meta.namespace !== namespace)
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      meta.namespace = namespace;
    }
  }

  private carryServerFields(def: ResourceDef, old: KubeObject, next: KubeObject): void {
    const keep = [
      'uid',
      'creationTimestamp',
      'generation',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
    ] as const;
    for (const k of keep) {
      if (old.metadata[k] === undefined) delete next.metadata[k];
      else (next.metadata as Record<string, unknown>)[k] = old.metadata[k];
    }
    if (def.name !== 'events') next.status = old.status;
    switch (def.name) {
      case 'pods': {
        const pod = next as Pod;
        pod.spec ??= { containers: [] };
        defaultPodSpec(pod.spec);
        const nodeName = (old as Pod).spec.nodeName;
        if (nodeName) pod.spec.nodeName = nodeName;
        break;
      }
      case 'services': {
        const svc = next as Service;
        const before = (old as Service).spec;
        svc.spec ??= {};
        svc.spec.clusterIP ??= before.clusterIP;
        svc.spec.clusterIPs ??= before.clusterIPs;
        for (const k of ['type', 'sessionAffinity', 'ipFamilies', 'ipFamilyPolicy', 'internalTrafficPolicy'])
          svc.spec[k] ??= before[k];
        for (const p of svc.spec.ports ?? []) {
          p.protocol ??= 'TCP';
          p.targetPort ??= p.port;
          p.nodePort ??= before.ports?.find((o) => o.port === p.port)?.nodePort;
          if (p.nodePort === undefined) delete p.nodePort;
        }
        break;
      }
      case 'namespaces':
        // Finalizers change only through the finalize subresource; labels keep the immutable name label.
        (next as Namespace).spec = (old as Namespace).spec;
        next.metadata.labels = {
          ...next.metadata.labels,
          'kubernetes.io/metadata.name': next.metadata.name ?? '',
        };
        break;
      case 'replicationcontrollers':
        defaultReplicationController(next as ReplicationController);
        break;
      case 'events':
        break;
    }
  }

  /** NamespaceLifecycle admission: no creates in a missing or terminating namespace. */
  private admitNamespace(def: ResourceDef, namespace: string, name: string): void {
    const ns = this.store.get('namespaces', undefined, namespace) as Namespace | undefined;
    if (!ns) throw notFound('namespaces', namespace);
    if (ns.status.phase === 'Terminating')
      throw forbidden(
        def.name,
        name,
        `unable to create new content in namespace ${namespace} because it is being terminated`,
        [
          {
            reason: 'NamespaceTerminating',
            message: `namespace ${namespace} is being terminated`,
            field: 'metadata.namespace',
          },
        ],
      );
  }
}
