import { deleteObject } from './delete';
import { RESOURCE_LIST, type ResourceDef, resourceByKind } from './resources';
import type { KubeRuntime } from './runtime';
import type { KubeObject } from './types';

// The garbage collector: dependents of a deleted owner go too (Background), and an owner in
// foreground deletion waits, with its `foregroundDeletion` finalizer, until its dependents are gone.

function dependentsOf(rt: KubeRuntime, owner: KubeObject): [ResourceDef, KubeObject][] {
  const out: [ResourceDef, KubeObject][] = [];
  for (const def of RESOURCE_LIST) {
    if (!def.namespaced) continue;
    for (const obj of rt.store.list(def.name, owner.metadata.namespace))
      if (obj.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid)) out.push([def, obj]);
  }
  return out;
}

function ownerExists(
  rt: KubeRuntime,
  namespace: string | undefined,
  ref: { kind: string; name: string; uid: string },
) {
  const def = resourceByKind(ref.kind);
  const found = def ? rt.store.get(def.name, def.namespaced ? namespace : undefined, ref.name) : undefined;
  return found?.metadata.uid === ref.uid;
}

function collect(rt: KubeRuntime, owner: KubeObject): void {
  for (const [def, dep] of dependentsOf(rt, owner)) {
    const others = (dep.metadata.ownerReferences ?? []).filter(
      (r) => r.uid !== owner.metadata.uid && ownerExists(rt, dep.metadata.namespace, r),
    );
    if (others.length) {
      dep.metadata.ownerReferences = others;
      rt.registry.write(def, dep);
    } else if (!dep.metadata.deletionTimestamp) {
      try {
        deleteObject(rt.registry, def, dep.metadata.namespace, dep.metadata.name ?? '', {
          propagationPolicy: 'Background',
        });
      } catch {
        // already gone
      }
    }
  }
}

function finishForeground(rt: KubeRuntime, def: ResourceDef, owner: KubeObject): void {
  collect(rt, owner);
  if (dependentsOf(rt, owner).length) return;
  const fresh = rt.store.get(def.name, owner.metadata.namespace, owner.metadata.name ?? '');
  if (!fresh || fresh.metadata.uid !== owner.metadata.uid) return;
  fresh.metadata.finalizers = fresh.metadata.finalizers?.filter((f) => f !== 'foregroundDeletion');
  if (!fresh.metadata.finalizers?.length) delete fresh.metadata.finalizers;
  rt.registry.write(def, fresh);
}

const inForeground = (o: KubeObject) =>
  Boolean(o.metadata.deletionTimestamp && o.metadata.finalizers?.includes('foregroundDeletion'));

export function startGarbageCollector(rt: KubeRuntime): void {
  rt.store.subscribe((change) => {
    const obj = change.object;
    const def = RESOURCE_LIST.find((d) => d.name === change.resource);
    if (!def) return;
    if (change.type === 'DELETED') {
      rt.timers.soon(() => collect(rt, obj));
      // A dependent went away: an owner in foreground deletion may now be free to go.
      for (const ref of obj.metadata.ownerReferences ?? []) {
        const ownerDef = resourceByKind(ref.kind);
        const owner = ownerDef && rt.store.get(ownerDef.name, obj.metadata.namespace, ref.name);
        if (ownerDef && owner && inForeground(owner))
          rt.timers.soon(() => finishForeground(rt, ownerDef, owner));
      }
    } else if (inForeground(obj) && !(change.previous && inForeground(change.previous))) {
      rt.timers.soon(() => finishForeground(rt, def, obj));
    }
  });
}
