import { jsonPatch, mergePatch, strategicMergePatch } from './patch';
import type { Registry } from './registry';
import { RESOURCES } from './resources';
import { selectorString } from './selectors';
import { badRequest, invalid, staleConflict } from './status';
import type { KubeObject, ReplicationController } from './types';

// replicationcontrollers/{name}/scale: an autoscaling/v1 Scale view of the RC. kubectl scale PATCHes it
// with a merge patch and fails unless the answer is a Scale (kubectl-needs.md §5).

export function toScale(rc: ReplicationController) {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = rc.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: rc.spec.replicas ?? 0 },
    status: { replicas: rc.status?.replicas ?? 0, selector: selectorString(rc.spec.selector) },
  };
}

export function getScale(reg: Registry, namespace: string, name: string) {
  return toScale(reg.get(RESOURCES.replicationcontrollers, namespace, name) as ReplicationController);
}

export function updateScale(reg: Registry, namespace: string, name: string, body: unknown, dryRun: boolean) {
  const rc = reg.get(RESOURCES.replicationcontrollers, namespace, name) as ReplicationController;
  const scale = body as {
    metadata?: { resourceVersion?: string; name?: string };
    spec?: { replicas?: unknown };
  };
  if (typeof scale !== 'object' || scale === null)
    throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
  if (scale.metadata?.name !== undefined && scale.metadata.name !== name)
    throw badRequest(
      `the name of the object (${scale.metadata.name}) does not match the name on the URL (${name})`,
    );
  const rv = scale.metadata?.resourceVersion;
  if (rv && rv !== rc.metadata.resourceVersion) throw staleConflict('replicationcontrollers', name);
  const replicas = scale.spec?.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0)
    throw invalid('Scale.autoscaling', name, [
      {
        type: 'Invalid',
        field: 'spec.replicas',
        value: replicas,
        detail: 'must be greater than or equal to 0',
      },
    ]);
  rc.spec.replicas = replicas;
  if (dryRun) return toScale(rc);
  return toScale(reg.write(RESOURCES.replicationcontrollers, rc as KubeObject) as ReplicationController);
}

export function patchScale(
  reg: Registry,
  namespace: string,
  name: string,
  type: string,
  patch: unknown,
  dryRun: boolean,
) {
  const current = getScale(reg, namespace, name);
  const patched =
    type === 'application/json-patch+json'
      ? jsonPatch(current, patch)
      : type === 'application/merge-patch+json'
        ? mergePatch(current, patch)
        : strategicMergePatch(current, patch);
  // The patch applies to the current Scale, so only a patch that sets another resourceVersion conflicts.
  return updateScale(reg, namespace, name, patched, dryRun);
}
