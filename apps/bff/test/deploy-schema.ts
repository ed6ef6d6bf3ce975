// Kubernetes manifests checked against the Kubernetes API's own schema, offline. @kubernetes/client-node
// is generated from the API server's OpenAPI document (v1.33): each model class lists every field with
// its type and format, and its .d.ts marks the required ones. This walks a manifest through those
// models and reports unknown fields, wrong types, missing required fields and malformed names,
// each at its path (`spec.template.spec.containers[0].port`), as the API server's strict validation would.
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

export const REPO = join(import.meta.dirname, '..', '..', '..');
export const DEPLOY = join(REPO, 'deploy');

// Manifests are free-form YAML that the tests read by path; validateManifest checks their shape.
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Doc = Record<string, any>;

export interface Manifest {
  file: string;
  doc: Doc;
}

/** Every document of every YAML file in `dir` (not recursive, as `kubectl apply -f dir`). */
export function loadManifests(dir: string): Manifest[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => {
        if (d.errors.length) throw new Error(`${file}: ${d.errors[0]?.message}`);
        return { file, doc: d.toJS() as Doc };
      }),
    )
    .filter((m) => m.doc !== null);
}

/**
 * The API group/version each kind is served at, and whether it is namespaced. client-node names its
 * models `<Version><Kind>` (as KubernetesObjectApi does), so the model follows from this.
 */
export const KINDS: Record<string, { apiVersion: string; namespaced: boolean }> = {
  Namespace: { apiVersion: 'v1', namespaced: false },
  ServiceAccount: { apiVersion: 'v1', namespaced: true },
  ConfigMap: { apiVersion: 'v1', namespaced: true },
  Secret: { apiVersion: 'v1', namespaced: true },
  Service: { apiVersion: 'v1', namespaced: true },
  Deployment: { apiVersion: 'apps/v1', namespaced: true },
  PodDisruptionBudget: { apiVersion: 'policy/v1', namespaced: true },
  Role: { apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: true },
  RoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: true },
  ClusterRole: { apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: false },
  ClusterRoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: false },
};

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}
type Model = { getAttributeTypeMap(): Attribute[] };

const MODELS_DIR = join(
  realpathSync(join(REPO, 'apps', 'bff', 'node_modules', '@kubernetes', 'client-node')),
  'dist',
  'gen',
  'models',
);
const requiredCache = new Map<string, Set<string>>();

/** The fields the OpenAPI document marks required: the ones the generated .d.ts does not make optional. */
function requiredFields(type: string): Set<string> {
  let set = requiredCache.get(type);
  if (!set) {
    const dts = readFileSync(join(MODELS_DIR, `${type}.d.ts`), 'utf8');
    set = new Set([...dts.matchAll(/^\s+'([^']+)': /gm)].map((m) => m[1] as string));
    requiredCache.set(type, set);
  }
  return set;
}

function model(type: string): Model | undefined {
  const m = (k8s as unknown as Record<string, unknown>)[type];
  return typeof m === 'function' && 'getAttributeTypeMap' in m ? (m as unknown as Model) : undefined;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

function checkValue(value: unknown, type: string, format: string, at: string, out: string[]): void {
  if (value === null || value === undefined) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) return void out.push(`${at}: must be a list`);
    for (const [i, v] of value.entries()) checkValue(v, array[1] as string, format, `${at}[${i}]`, out);
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (typeof value !== 'object' || Array.isArray(value)) return void out.push(`${at}: must be a map`);
    // Quantities (`resources.limits.cpu`) are typed string, but the API takes plain numbers too.
    const quantity = /\.(limits|requests)$/.test(at);
    for (const [k, v] of Object.entries(value)) {
      if (!(quantity && typeof v === 'number')) checkValue(v, map[1] as string, '', `${at}.${k}`, out);
    }
    return;
  }
  switch (type) {
    case 'string':
      if (typeof value !== 'string') out.push(`${at}: must be a string, got ${JSON.stringify(value)}`);
      return;
    case 'number':
      if (typeof value !== 'number') out.push(`${at}: must be a number, got ${JSON.stringify(value)}`);
      else if (/^int/.test(format) && !Number.isInteger(value)) out.push(`${at}: must be an integer`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`${at}: must be true or false, got ${JSON.stringify(value)}`);
      return;
    case 'IntOrString':
      if (typeof value !== 'string' && !Number.isInteger(value))
        out.push(`${at}: must be an integer or a string`);
      return;
    case 'Date':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
        out.push(`${at}: must be a timestamp`);
      return;
    case 'any':
      return;
  }
  const m = model(type);
  if (!m) return void out.push(`${at}: no schema for type ${type}`);
  if (typeof value !== 'object' || Array.isArray(value)) return void out.push(`${at}: must be an object`);
  const attributes = m.getAttributeTypeMap();
  const known = new Map(attributes.map((a) => [a.baseName, a]));
  for (const key of Object.keys(value)) {
    if (!known.has(key)) out.push(`${at ? `${at}.` : ''}${key}: unknown field (${type} has no "${key}")`);
  }
  for (const name of requiredFields(type)) {
    const attr = attributes.find((a) => a.name === name);
    if (attr && (value as Record<string, unknown>)[attr.baseName] === undefined) {
      out.push(`${at ? `${at}.` : ''}${attr.baseName}: required`);
    }
  }
  for (const [key, v] of Object.entries(value)) {
    const attr = known.get(key);
    if (attr) checkValue(v, attr.type, attr.format, at ? `${at}.${key}` : key, out);
  }
}

function checkMetadata(doc: Doc, namespaced: boolean, out: string[]): void {
  const meta = doc.metadata ?? {};
  const nameRule = doc.kind === 'Namespace' || doc.kind === 'Service' ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
  if (typeof meta.name !== 'string' || !nameRule.test(meta.name) || meta.name.length > 253) {
    out.push(`metadata.name: ${JSON.stringify(meta.name)} is not a valid ${doc.kind} name`);
  }
  if (namespaced && !(typeof meta.namespace === 'string' && DNS1123_LABEL.test(meta.namespace))) {
    out.push('metadata.namespace: required for a namespaced kind (the manifests are applied without -n)');
  }
  if (!namespaced && meta.namespace !== undefined)
    out.push(`metadata.namespace: ${doc.kind} is cluster-scoped`);
  for (const field of ['labels', 'annotations'] as const) {
    for (const [k, v] of Object.entries(meta[field] ?? {})) {
      const [prefix, name] = k.includes('/') ? k.split('/', 2) : [undefined, k];
      if (prefix !== undefined && !DNS1123_SUBDOMAIN.test(prefix))
        out.push(`metadata.${field}.${k}: bad prefix`);
      if (!LABEL_NAME.test(name as string)) out.push(`metadata.${field}.${k}: bad key`);
      if (field === 'labels' && !(typeof v === 'string' && LABEL_VALUE.test(v))) {
        out.push(`metadata.labels.${k}: bad value ${JSON.stringify(v)}`);
      }
    }
  }
}

/** Problems of one manifest, each naming its path; empty when the API server would accept it. */
export function validateManifest(doc: Doc): string[] {
  const out: string[] = [];
  const kind = KINDS[doc.kind];
  if (!kind) return [`kind: ${JSON.stringify(doc.kind)} is not one the deployment is expected to use`];
  if (doc.apiVersion !== kind.apiVersion) {
    out.push(`apiVersion: ${doc.kind} is served at ${kind.apiVersion}, not ${doc.apiVersion}`);
  }
  const version = kind.apiVersion.split('/').pop() as string;
  const type = `${version.charAt(0).toUpperCase()}${version.slice(1)}${doc.kind}`;
  checkValue(doc, type, '', '', out);
  checkMetadata(doc, kind.namespaced, out);
  return out;
}
