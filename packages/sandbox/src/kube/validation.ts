import { labelErrors, nameErrors } from './names';
import type { ResourceDef } from './resources';
import type { FieldError } from './status';
import type { Container, CoreEvent, KubeObject, Pod, ReplicationController, Service } from './types';

// The subset of pkg/apis/core/validation a console can trip over, with the same field paths and texts.

function containerErrors(containers: Container[] | undefined, path: string, required: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (!containers?.length) {
    if (required) errors.push({ type: 'Required', field: path });
    return errors;
  }
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    const at = `${path}[${i}]`;
    if (!c.name) errors.push({ type: 'Required', field: `${at}.name` });
    else {
      errors.push(...nameErrors('label', c.name, `${at}.name`));
      if (seen.has(c.name)) errors.push({ type: 'Duplicate', field: `${at}.name`, value: c.name });
      seen.add(c.name);
    }
    if (!c.image) errors.push({ type: 'Required', field: `${at}.image` });
    (c.ports ?? []).forEach((p, j) => {
      if (!(p.containerPort >= 1 && p.containerPort <= 65535))
        errors.push({
          type: 'Invalid',
          field: `${at}.ports[${j}].containerPort`,
          value: p.containerPort,
          detail: 'must be between 1 and 65535, inclusive',
        });
    });
  });
  return errors;
}

function podErrors(pod: Pod): FieldError[] {
  return containerErrors(pod.spec?.containers, 'spec.containers', true);
}

function rcErrors(rc: ReplicationController): FieldError[] {
  const errors: FieldError[] = [];
  const { replicas, selector, template } = rc.spec ?? {};
  if (typeof replicas === 'number' && replicas < 0)
    errors.push({
      type: 'Invalid',
      field: 'spec.replicas',
      value: replicas,
      detail: 'must be greater than or equal to 0',
    });
  if (!selector || Object.keys(selector).length === 0)
    errors.push({ type: 'Required', field: 'spec.selector' });
  if (!template) {
    errors.push({ type: 'Required', field: 'spec.template' });
    return errors;
  }
  const labels = template.metadata?.labels ?? {};
  if (selector && !Object.entries(selector).every(([k, v]) => labels[k] === v))
    errors.push({
      type: 'Invalid',
      field: 'spec.template.metadata.labels',
      value: labels,
      detail: '`selector` does not match template `labels`',
    });
  errors.push(...labelErrors(template.metadata?.labels, 'spec.template.metadata.labels'));
  errors.push(...containerErrors(template.spec?.containers, 'spec.template.spec.containers', true));
  const policy = template.spec?.restartPolicy;
  if (policy && policy !== 'Always')
    errors.push({
      type: 'NotSupported',
      field: 'spec.template.spec.restartPolicy',
      value: policy,
      detail: 'supported values: "Always"',
    });
  return errors;
}

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function serviceErrors(svc: Service): FieldError[] {
  const errors: FieldError[] = [];
  const spec = svc.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  if (!SERVICE_TYPES.includes(type))
    errors.push({
      type: 'NotSupported',
      field: 'spec.type',
      value: type,
      detail: `supported values: ${SERVICE_TYPES.map((t) => `"${t}"`).join(', ')}`,
    });
  if (type === 'ExternalName') {
    if (!spec.externalName) errors.push({ type: 'Required', field: 'spec.externalName' });
    return errors;
  }
  const ports = spec.ports ?? [];
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && !headless) errors.push({ type: 'Required', field: 'spec.ports' });
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const at = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errors.push({ type: 'Required', field: `${at}.name` });
    if (p.name) {
      if (names.has(p.name)) errors.push({ type: 'Duplicate', field: `${at}.name`, value: p.name });
      names.add(p.name);
    }
    if (!(Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535))
      errors.push({
        type: 'Invalid',
        field: `${at}.port`,
        value: p.port,
        detail: 'must be between 1 and 65535, inclusive',
      });
    if (p.protocol && !['TCP', 'UDP', 'SCTP'].includes(p.protocol))
      errors.push({
        type: 'NotSupported',
        field: `${at}.protocol`,
        value: p.protocol,
        detail: 'supported values: "SCTP", "TCP", "UDP"',
      });
  });
  return errors;
}

function eventErrors(ev: CoreEvent): FieldError[] {
  const ns = ev.involvedObject?.namespace;
  if (ns && ns !== ev.metadata.namespace)
    return [
      {
        type: 'Invalid',
        field: 'involvedObject.namespace',
        value: ns,
        detail: 'does not match event.namespace',
      },
    ];
  return [];
}

/** Validation of a new object (metadata.name already generated from generateName if needed). */
export function validateObject(def: ResourceDef, obj: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const name = obj.metadata.name;
  if (!name) {
    errors.push({ type: 'Required', field: 'metadata.name', detail: 'name or generateName is required' });
  } else {
    errors.push(...nameErrors(def.nameRule, name));
  }
  errors.push(...labelErrors(obj.metadata.labels, 'metadata.labels'));
  switch (def.name) {
    case 'pods':
      errors.push(...podErrors(obj as Pod));
      break;
    case 'replicationcontrollers':
      errors.push(...rcErrors(obj as ReplicationController));
      break;
    case 'services':
      errors.push(...serviceErrors(obj as Service));
      break;
    case 'events':
      errors.push(...eventErrors(obj as CoreEvent));
      break;
    case 'namespaces':
      break;
  }
  return errors;
}

const POD_MUTABLE_TEXT =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** What an update may not change; pods are nearly immutable, services keep their ClusterIP. */
export function validateUpdate(def: ResourceDef, old: KubeObject, next: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  if (def.name === 'pods') {
    const strip = (p: Pod) => {
      const spec = structuredClone(p.spec ?? {}) as Record<string, unknown> & { containers?: Container[] };
      for (const c of [
        ...(spec.containers ?? []),
        ...((spec.initContainers as Container[] | undefined) ?? []),
      ])
        delete c.image;
      delete spec.activeDeadlineSeconds;
      delete spec.tolerations;
      delete spec.terminationGracePeriodSeconds;
      // The scheduler binds through the binding subresource; the fake's own binding keeps nodeName.
      delete spec.nodeName;
      return JSON.stringify(sortKeys(spec));
    };
    if (strip(old as Pod) !== strip(next as Pod))
      errors.push({ type: 'Forbidden', field: 'spec', detail: POD_MUTABLE_TEXT });
  }
  if (def.name === 'services') {
    const before = (old as Service).spec?.clusterIPs ?? [];
    const after = (next as Service).spec?.clusterIPs ?? [];
    if (after.length && JSON.stringify(before) !== JSON.stringify(after))
      errors.push({
        type: 'Invalid',
        field: 'spec.clusterIPs[0]',
        value: after,
        detail: 'may not change once set',
      });
  }
  return [...errors, ...validateObject(def, next).filter((e) => e.field !== 'metadata.name')];
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}
