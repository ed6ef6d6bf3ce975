import { allocateClusterIP, allocateNodePort } from './allocators';
import type { ResourceName } from './resources';
import type { FieldError } from './status';
import type { Store } from './store';
import type {
  Container,
  CoreEvent,
  KubeObject,
  Namespace,
  Pod,
  PodSpec,
  ReplicationController,
  Service,
} from './types';

// Defaults the apiserver fills on create (pkg/apis/core/v1/defaults.go plus admission), so objects read
// back look like a real cluster's. Returns field errors for allocation failures (taken IP or port).

function defaultContainer(c: Container): void {
  const image = c.image ?? '';
  const tag = image.includes('@') ? 'digest' : image.slice(image.lastIndexOf('/') + 1).split(':')[1];
  c.imagePullPolicy ??= !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
  c.resources ??= {};
  // Requests default to limits (SetDefaults_ResourceList on containers): that is what makes a pod Guaranteed.
  if (c.resources.limits) c.resources.requests = { ...c.resources.limits, ...c.resources.requests };
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
}

export function defaultPodSpec(spec: PodSpec): void {
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) defaultContainer(c);
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
}

/** Admission-time additions that a pod gets but a template does not. */
function admitPod(spec: PodSpec): void {
  spec.serviceAccountName ??= (spec.serviceAccount as string | undefined) ?? 'default';
  spec.serviceAccount ??= spec.serviceAccountName;
  spec.enableServiceLinks ??= true;
  spec.priority ??= 0;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  const tolerations = (spec.tolerations as { key?: string }[] | undefined) ?? [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerations.some((t) => t.key === key))
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 } as {
        key: string;
      });
  }
  spec.tolerations = tolerations;
}

export function qosClass(spec: PodSpec): string {
  const containers = spec.containers ?? [];
  const hasAny = containers.some(
    (c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length,
  );
  if (!hasAny) return 'BestEffort';
  const guaranteed = containers.every((c) =>
    ['cpu', 'memory'].every(
      (r) => c.resources?.limits?.[r] && c.resources.limits[r] === c.resources.requests?.[r],
    ),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function defaultPod(pod: Pod): void {
  pod.spec ??= { containers: [] };
  defaultPodSpec(pod.spec);
  admitPod(pod.spec);
  pod.status = { phase: 'Pending', qosClass: qosClass(pod.spec) };
}

function defaultService(store: Store, svc: Service): FieldError[] {
  const errors: FieldError[] = [];
  const spec = svc.spec;
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  for (const p of spec.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
  if (spec.type !== 'ExternalName') {
    const requested = spec.clusterIP ?? spec.clusterIPs?.[0];
    if (requested === 'None') {
      spec.clusterIP = 'None';
      spec.clusterIPs = ['None'];
    } else {
      const ip = allocateClusterIP(store, requested || undefined);
      if (typeof ip === 'string') {
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
      } else errors.push(ip);
    }
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
    spec.internalTrafficPolicy ??= 'Cluster';
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    spec.externalTrafficPolicy ??= 'Cluster';
    if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
    if (spec.type === 'NodePort' || spec.allocateLoadBalancerNodePorts !== false) {
      (spec.ports ?? []).forEach((p, i) => {
        const port = allocateNodePort(store, p.nodePort, `spec.ports[${i}].nodePort`);
        if (typeof port === 'number') p.nodePort = port;
        else errors.push(port);
      });
    }
  }
  svc.status = { loadBalancer: {} };
  return errors;
}

function defaultNamespace(ns: Namespace): void {
  const name = ns.metadata.name ?? '';
  ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': name };
  ns.spec = { ...ns.spec, finalizers: ns.spec?.finalizers ?? ['kubernetes'] };
  ns.status = { phase: 'Active' };
}

export function defaultReplicationController(rc: ReplicationController): void {
  rc.spec ??= {};
  const template = rc.spec.template;
  const templateLabels = template?.metadata?.labels;
  rc.spec.replicas ??= 1;
  if (!rc.spec.selector || Object.keys(rc.spec.selector).length === 0)
    if (templateLabels) rc.spec.selector = { ...templateLabels };
  if (!rc.metadata.labels || Object.keys(rc.metadata.labels).length === 0)
    if (templateLabels) rc.metadata.labels = { ...templateLabels };
  if (template) {
    template.metadata = { creationTimestamp: null as unknown as string, ...template.metadata };
    if (template.spec) defaultPodSpec(template.spec);
  }
}

function defaultEvent(ev: CoreEvent): void {
  ev.involvedObject ??= {};
  ev.reportingComponent ??= '';
  ev.reportingInstance ??= '';
  ev.eventTime ??= null;
}

/** Fills create-time defaults in place; the status a client sent is dropped like the real strategies do. */
export function applyCreateDefaults(store: Store, resource: ResourceName, obj: KubeObject): FieldError[] {
  switch (resource) {
    case 'pods':
      defaultPod(obj as Pod);
      return [];
    case 'services':
      return defaultService(store, obj as Service);
    case 'namespaces':
      defaultNamespace(obj as Namespace);
      return [];
    case 'replicationcontrollers':
      defaultReplicationController(obj as ReplicationController);
      (obj as ReplicationController).status = { replicas: 0 };
      return [];
    case 'events':
      defaultEvent(obj as CoreEvent);
      return [];
  }
}
