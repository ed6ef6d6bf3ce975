import { deleteObject } from './delete';
import { RESOURCE_LIST, RESOURCES } from './resources';
import type { KubeRuntime } from './runtime';
import type { Namespace } from './types';

// The namespace controller: a Terminating namespace has its content removed after a delay, then its
// `kubernetes` finalizer cleared, and only then disappears (GET 404, watch DELETED).

export function startNamespaceController(rt: KubeRuntime): void {
  rt.store.subscribe((change) => {
    if (change.resource !== 'namespaces' || change.type === 'DELETED') return;
    const ns = change.object as Namespace;
    const was = change.previous as Namespace | undefined;
    if (ns.status.phase !== 'Terminating' || was?.status.phase === 'Terminating') return;
    const name = ns.metadata.name ?? '';
    rt.timers.after(rt.timings.namespaceDeleteDelayMs, () => purge(rt, name, ns.metadata.uid ?? ''));
  });
}

function purge(rt: KubeRuntime, name: string, uid: string): void {
  const ns = rt.store.get('namespaces', undefined, name) as Namespace | undefined;
  if (!ns || ns.metadata.uid !== uid) return;
  for (const def of RESOURCE_LIST) {
    if (!def.namespaced) continue;
    for (const obj of rt.store.list(def.name, name)) {
      try {
        deleteObject(rt.registry, def, name, obj.metadata.name ?? '', {
          gracePeriodSeconds: 0,
          propagationPolicy: 'Background',
        });
        if (obj.metadata.finalizers?.length) {
          rt.store.remove(def.name, name, obj.metadata.name ?? '');
        }
      } catch {
        // removed meanwhile
      }
    }
  }
  // Terminating pods deleted earlier with a grace period are cut short, as the controller forces them.
  for (const pod of rt.store.list('pods', name)) rt.store.remove('pods', name, pod.metadata.name ?? '');
  ns.spec = { ...ns.spec, finalizers: [] };
  const finalized = rt.registry.write(RESOURCES.namespaces, ns);
  rt.store.remove('namespaces', undefined, finalized.metadata.name ?? name);
}
