import type { ResourceName } from './resources';

// Known fields per kind, enough for `fieldValidation=Strict` to reject typos the way the apiserver's
// strict decoder does ("unknown field \"spec.foo\""). Leaves marked ANY are not checked further.

const ANY = 'any' as const;
type Shape = typeof ANY | { [field: string]: Shape } | [Shape];

const fields = (names: string, nested: Record<string, Shape> = {}): Record<string, Shape> => ({
  ...Object.fromEntries(
    names
      .split(/\s+/)
      .filter(Boolean)
      .map((n) => [n, ANY]),
  ),
  ...nested,
});

const objectMeta = fields(
  'name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp ' +
    'deletionGracePeriodSeconds labels annotations ownerReferences finalizers managedFields',
);

const container = fields(
  'name image command args workingDir envFrom env resources resizePolicy restartPolicy volumeMounts volumeDevices ' +
    'livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath terminationMessagePolicy ' +
    'imagePullPolicy securityContext stdin stdinOnce tty',
  { ports: [fields('name hostPort containerPort protocol hostIP')] },
);

const podSpec = fields(
  'volumes ephemeralContainers restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy ' +
    'nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID ' +
    'hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity schedulerName ' +
    'tolerations hostAliases priorityClassName priority dnsConfig readinessGates runtimeClassName ' +
    'enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os hostUsers ' +
    'schedulingGates resourceClaims resources',
  { containers: [container], initContainers: [container] },
);

const top = (spec: Shape): Record<string, Shape> => ({
  apiVersion: ANY,
  kind: ANY,
  metadata: objectMeta,
  spec,
  status: ANY,
});

const SCHEMAS: Record<ResourceName, Record<string, Shape>> = {
  pods: top(podSpec),
  namespaces: top(fields('finalizers')),
  services: top(
    fields(
      'selector clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP loadBalancerSourceRanges ' +
        'externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses sessionAffinityConfig ' +
        'ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy ' +
        'trafficDistribution',
      { ports: [fields('name protocol appProtocol port targetPort nodePort')] },
    ),
  ),
  replicationcontrollers: top(
    fields('replicas minReadySeconds selector', { template: { metadata: objectMeta, spec: podSpec } }),
  ),
  events: {
    ...fields(
      'apiVersion kind involvedObject reason message source firstTimestamp lastTimestamp count type eventTime ' +
        'series action related reportingComponent reportingInstance',
    ),
    metadata: objectMeta,
  },
};

/** Paths of fields the kind does not know, e.g. `spec.containers[0].foo`, in document order. */
export function unknownFields(resource: ResourceName, body: unknown): string[] {
  const out: string[] = [];
  walk(SCHEMAS[resource], body, '', out);
  return out;
}

function walk(shape: Shape, value: unknown, path: string, out: string[]): void {
  if (shape === ANY || value === null || typeof value !== 'object') return;
  if (Array.isArray(shape)) {
    if (Array.isArray(value)) for (const [i, v] of value.entries()) walk(shape[0], v, `${path}[${i}]`, out);
    return;
  }
  if (Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) {
    const at = path ? `${path}.${k}` : k;
    const sub = shape[k];
    if (sub === undefined) out.push(at);
    else walk(sub, v, at, out);
  }
}
