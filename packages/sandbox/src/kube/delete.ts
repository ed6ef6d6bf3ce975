import { timestamp } from './names';
import type { Registry } from './registry';
import { RESOURCE_LIST, type ResourceDef } from './resources';
import { badRequest, conflict, forbidden, successStatus } from './status';
import type { DeleteOptions, KubeObject, Namespace, Pod } from './types';

// DELETE semantics per kind: graceful pods, namespaces that terminate, finalizers, and the v1 default of
// orphaning an RC's pods unless the client asks for Background or Foreground propagation.

export const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

type Policy = 'Orphan' | 'Background' | 'Foreground';

function policyFor(def: ResourceDef, options: DeleteOptions): Policy {
  if (options.propagationPolicy) {
    if (!['Orphan', 'Background', 'Foreground'].includes(options.propagationPolicy))
      throw badRequest(
        `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${options.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
      );
    return options.propagationPolicy;
  }
  if (options.orphanDependents !== undefined) return options.orphanDependents ? 'Orphan' : 'Background';
  // pkg/registry/core/replicationcontroller/strategy.go keeps OrphanDependents for v1 "for back compatibility".
  return def.name === 'replicationcontrollers' ? 'Orphan' : 'Background';
}

export interface DeleteResult {
  body: unknown;
  /** The object as it is after the call (gone, or still there with a deletionTimestamp). */
  removed: boolean;
}

export function deleteObject(
  reg: Registry,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
  options: DeleteOptions,
  dryRun = false,
): DeleteResult {
  const obj = reg.get(def, namespace, name);
  const pre = options.preconditions;
  if (pre?.uid && pre.uid !== obj.metadata.uid)
    throw conflict(
      def.name,
      name,
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`,
    );
  if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion)
    throw conflict(
      def.name,
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`,
    );
  const policy = policyFor(def, options);
  if (def.name === 'namespaces')
    return { body: terminateNamespace(reg, def, obj as Namespace, dryRun), removed: false };
  if (dryRun) return { body: responseFor(def, obj), removed: true };

  if (policy === 'Orphan') orphanDependents(reg, obj);
  const meta = obj.metadata;
  if (policy === 'Foreground' || meta.finalizers?.length) {
    if (!meta.deletionTimestamp) {
      meta.deletionTimestamp = timestamp();
      meta.deletionGracePeriodSeconds = 0;
      if (policy === 'Foreground')
        meta.finalizers = [...new Set([...(meta.finalizers ?? []), 'foregroundDeletion'])];
      return { body: reg.write(def, obj), removed: false };
    }
    return { body: obj, removed: false };
  }
  if (def.name === 'pods') {
    const pod = obj as Pod;
    const grace =
      options.gracePeriodSeconds ?? (pod.spec.terminationGracePeriodSeconds as number | undefined) ?? 30;
    // A pod on a node waits for its kubelet to stop the containers; an unscheduled one, or grace 0, goes at once.
    if (pod.spec.nodeName && grace > 0 && pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed') {
      const current = meta.deletionGracePeriodSeconds;
      if (current !== undefined && current <= grace) return { body: pod, removed: false };
      meta.deletionTimestamp = timestamp(Date.now() + grace * 1000);
      meta.deletionGracePeriodSeconds = grace;
      return { body: reg.write(def, pod), removed: false };
    }
  }
  const gone = reg.store.remove(def.name, meta.namespace, name) ?? obj;
  return { body: responseFor(def, gone), removed: true };
}

function responseFor(def: ResourceDef, obj: KubeObject): unknown {
  return def.deleteReturnsObject
    ? obj
    : successStatus({ name: obj.metadata.name ?? '', kind: def.name, uid: obj.metadata.uid });
}

function terminateNamespace(reg: Registry, def: ResourceDef, ns: Namespace, dryRun: boolean): KubeObject {
  const name = ns.metadata.name ?? '';
  if (IMMORTAL_NAMESPACES.has(name)) throw forbidden('namespaces', name, 'this namespace may not be deleted');
  if (ns.status.phase === 'Terminating')
    throw conflict(
      'namespaces',
      name,
      'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
    );
  ns.metadata.deletionTimestamp = timestamp();
  ns.metadata.deletionGracePeriodSeconds = 0;
  ns.status = { phase: 'Terminating' };
  return dryRun ? ns : reg.write(def, ns);
}

/** What the garbage collector does for Orphan: drop the owner's references from its dependents. */
export function orphanDependents(reg: Registry, owner: KubeObject): void {
  for (const def of RESOURCE_LIST) {
    if (!def.namespaced) continue;
    for (const dep of reg.store.list(def.name, owner.metadata.namespace)) {
      const refs = dep.metadata.ownerReferences ?? [];
      if (!refs.some((r) => r.uid === owner.metadata.uid)) continue;
      const kept = refs.filter((r) => r.uid !== owner.metadata.uid);
      if (kept.length) dep.metadata.ownerReferences = kept;
      else delete dep.metadata.ownerReferences;
      reg.write(def, dep);
    }
  }
}
