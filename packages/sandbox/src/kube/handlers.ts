import type http from 'node:http';
import { parse as parseYaml } from 'yaml';
import { deleteObject } from './delete';
import { mediaType, parseJson, readBody, sendJson, wantsTable } from './http';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch';
import { decodeProtobuf, PROTOBUF } from './protobuf';
import type { WriteOptions } from './registry';
import type { ResourceDef } from './resources';
import type { KubeRuntime } from './runtime';
import { makeFilter } from './selectors';
import { badRequest, unsupportedMediaType } from './status';
import { toTable } from './table';
import type { DeleteOptions, KubeObject } from './types';

// The verbs on a collection or an item: list, get, create, replace, patch, delete, deletecollection.

export interface Target {
  def: ResourceDef;
  namespace: string | undefined;
  name?: string;
}

export interface Call {
  rt: KubeRuntime;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  query: URLSearchParams;
}

const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
  'application/strategic-merge-patch+json',
];
const BODY_TYPES = ['application/json', 'application/yaml', PROTOBUF];

const withoutTypeMeta = ({ kind: _k, apiVersion: _a, ...rest }: KubeObject) => rest;

export function writeOptions(query: URLSearchParams): WriteOptions {
  const dryRun = query.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All'))
    throw badRequest(
      `dryRun: Unsupported value: "${dryRun.find((d) => d !== 'All')}": supported values: "All"`,
    );
  return { dryRun: dryRun.length > 0, fieldValidation: query.get('fieldValidation'), warnings: [] };
}

function warningHeaders(options: WriteOptions): Record<string, string> {
  const w = options.warnings ?? [];
  return w.length ? { warning: w.map((m) => `299 - ${JSON.stringify(m)}`).join(', ') } : {};
}

/** A create/replace body: JSON, YAML, or (for Namespace, as kubectl sends it) protobuf. */
export async function readObjectBody(req: http.IncomingMessage): Promise<unknown> {
  const raw = await readBody(req);
  const type = mediaType(req.headers['content-type']);
  if (type === PROTOBUF) {
    let decoded: ReturnType<typeof decodeProtobuf>;
    try {
      decoded = decodeProtobuf(raw);
    } catch (err) {
      throw badRequest(`the body of the request could not be decoded: ${(err as Error).message}`);
    }
    if (!decoded.object) throw unsupportedMediaType(BODY_TYPES.filter((t) => t !== PROTOBUF));
    return decoded.object;
  }
  if (type === 'application/yaml') {
    try {
      return parseYaml(raw.toString('utf8'));
    } catch (err) {
      throw badRequest(`error converting YAML to JSON: ${(err as Error).message}`);
    }
  }
  if (type && type !== 'application/json' && type !== '*/*') throw unsupportedMediaType(BODY_TYPES);
  return parseJson(raw);
}

export async function readPatch(req: http.IncomingMessage): Promise<{ type: string; patch: unknown }> {
  const type = mediaType(req.headers['content-type']);
  if (!PATCH_TYPES.includes(type)) throw unsupportedMediaType(PATCH_TYPES);
  const raw = await readBody(req);
  if (type === 'application/apply-patch+yaml') {
    try {
      return { type, patch: parseYaml(raw.toString('utf8')) };
    } catch (err) {
      throw badRequest(`error decoding YAML: ${(err as Error).message}`);
    }
  }
  return { type, patch: parseJson(raw) ?? {} };
}

export function applyPatch(type: string, current: unknown, patch: unknown): unknown {
  if (type === 'application/json-patch+json') return jsonPatch(current, patch);
  if (type === 'application/merge-patch+json') return mergePatch(current, patch);
  return strategicMergePatch(current, patch);
}

export function list({ rt, req, res, query }: Call, { def, namespace }: Target): void {
  const matches = makeFilter(def, query);
  let items = rt.store.list(def.name, def.namespaced ? namespace : undefined).filter(matches);
  const meta: Record<string, unknown> = { resourceVersion: rt.store.resourceVersion };
  const token = query.get('continue');
  if (token) {
    let after: string;
    try {
      after = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')).start;
    } catch {
      throw badRequest('continue key is not valid: illegal base64 data at input byte 0');
    }
    items = items.filter((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}` > after);
  }
  const limit = Number(query.get('limit') ?? 0);
  if (limit > 0 && items.length > limit) {
    const last = items[limit - 1] as KubeObject;
    meta.continue = Buffer.from(
      JSON.stringify({
        v: 'meta.k8s.io/v1',
        rv: Number(rt.store.resourceVersion),
        start: `${last.metadata.namespace ?? ''}/${last.metadata.name}`,
      }),
    ).toString('base64url');
    meta.remainingItemCount = items.length - limit;
    items = items.slice(0, limit);
  }
  if (wantsTable(req.headers.accept)) {
    sendJson(res, 200, toTable(def, items, meta, query.get('includeObject')));
    return;
  }
  sendJson(res, 200, {
    kind: `${def.kind}List`,
    apiVersion: 'v1',
    metadata: meta,
    items: items.map(withoutTypeMeta),
  });
}

export function get({ rt, req, res, query }: Call, { def, namespace, name }: Target): void {
  const obj = rt.registry.get(def, namespace, name ?? '');
  const meta = { resourceVersion: obj.metadata.resourceVersion };
  sendJson(
    res,
    200,
    wantsTable(req.headers.accept) ? toTable(def, [obj], meta, query.get('includeObject')) : obj,
  );
}

export async function create({ rt, req, res, query }: Call, { def, namespace }: Target): Promise<void> {
  const body = await readObjectBody(req);
  const options = writeOptions(query);
  const created = rt.registry.create(def, namespace, body, options);
  sendJson(res, 201, created, warningHeaders(options));
}

export async function replace(
  { rt, req, res, query }: Call,
  { def, namespace, name }: Target,
  status = false,
) {
  const body = await readObjectBody(req);
  const options = writeOptions(query);
  const updated = status
    ? rt.registry.updateStatus(def, namespace, name ?? '', body, options)
    : rt.registry.update(def, namespace, name ?? '', body, options);
  sendJson(res, 200, updated, warningHeaders(options));
}

export async function patch(
  { rt, req, res, query }: Call,
  { def, namespace, name = '' }: Target,
  status = false,
) {
  const { type, patch: body } = await readPatch(req);
  const options = writeOptions(query);
  const existing = rt.store.get(def.name, def.namespaced ? namespace : undefined, name);
  if (!existing && type === 'application/apply-patch+yaml' && !status) {
    // Server-side apply of a new object is a create.
    return sendJson(res, 201, rt.registry.create(def, namespace, body, options), warningHeaders(options));
  }
  const current = rt.registry.get(def, namespace, name);
  const patched = applyPatch(type, current, body);
  const updated = status
    ? rt.registry.updateStatus(def, namespace, name, patched, options)
    : rt.registry.update(def, namespace, name, patched, options);
  sendJson(res, 200, updated, warningHeaders(options));
}

/** DeleteOptions may come in the body (kubectl) or as query parameters (client-node). */
async function deleteOptions(req: http.IncomingMessage, query: URLSearchParams): Promise<DeleteOptions> {
  const fromBody = (parseJson(await readBody(req)) ?? {}) as DeleteOptions;
  if (typeof fromBody !== 'object' || Array.isArray(fromBody))
    throw badRequest('DeleteOptions must be a JSON object');
  const grace = query.get('gracePeriodSeconds');
  const policy = query.get('propagationPolicy');
  const orphan = query.get('orphanDependents');
  return {
    ...fromBody,
    ...(grace !== null ? { gracePeriodSeconds: Number(grace) } : {}),
    ...(policy ? { propagationPolicy: policy as DeleteOptions['propagationPolicy'] } : {}),
    ...(orphan !== null ? { orphanDependents: orphan === 'true' } : {}),
  };
}

export async function remove({ rt, req, res, query }: Call, { def, namespace, name = '' }: Target) {
  const options = await deleteOptions(req, query);
  const dryRun = writeOptions(query).dryRun || (options.dryRun ?? []).includes('All');
  const result = deleteObject(rt.registry, def, namespace, name, options, dryRun);
  sendJson(res, 200, result.body);
}

export async function removeCollection({ rt, req, res, query }: Call, { def, namespace }: Target) {
  const options = await deleteOptions(req, query);
  const dryRun = writeOptions(query).dryRun;
  const matches = makeFilter(def, query);
  const items: KubeObject[] = [];
  for (const obj of rt.store.list(def.name, def.namespaced ? namespace : undefined).filter(matches)) {
    deleteObject(rt.registry, def, namespace, obj.metadata.name ?? '', options, dryRun);
    items.push(withoutTypeMeta(obj) as KubeObject);
  }
  sendJson(res, 200, {
    kind: `${def.kind}List`,
    apiVersion: 'v1',
    metadata: { resourceVersion: rt.store.resourceVersion },
    items,
  });
}
