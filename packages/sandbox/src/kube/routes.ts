import type http from 'node:http';
import {
  AGGREGATED_TYPE,
  aggregatedCore,
  aggregatedGroups,
  legacyGroups,
  legacyVersions,
  OPENAPI_HASH,
  openApiDocumentText,
  openApiRoot,
  resourceList,
  VERSION,
  wantsAggregated,
} from './discovery';
import {
  type Call,
  create,
  get,
  list,
  patch,
  readObjectBody,
  readPatch,
  remove,
  removeCollection,
  replace,
  type Target,
} from './handlers';
import { readBody, sendError, sendJson, wantsTable } from './http';
import { servePodLog } from './pod-log';
import { RESOURCES, type ResourceDef, resourceByName } from './resources';
import type { KubeRuntime } from './runtime';
import { getScale, patchScale, updateScale } from './scale';
import { ApiError, methodNotAllowed, notAcceptable, pathNotFound, unauthorized } from './status';
import { serveWatch } from './watch';

// URL → verb dispatch for /api/v1 plus the discovery, version, OpenAPI and health endpoints.

export interface RouteOptions {
  /** When set, every request needs `Authorization: Bearer <token>` (else 401 Unauthorized). */
  token?: string;
}

const isWatch = (q: URLSearchParams) => q.get('watch') === 'true' || q.get('watch') === '1';

export function createHandler(rt: KubeRuntime, options: RouteOptions) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    try {
      await route(rt, options, req, res);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (res.headersSent) res.end();
      else sendError(res, err);
    }
  };
}

async function route(
  rt: KubeRuntime,
  options: RouteOptions,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  const url = new URL(req.url ?? '/', 'http://kube.local');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (options.token && req.headers.authorization !== `Bearer ${options.token}`) throw unauthorized();

  if (['/healthz', '/livez', '/readyz'].includes(path)) {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('ok');
  }
  if (path === '/version') return sendJson(res, 200, VERSION);
  if (path === '/api') {
    if (wantsAggregated(req.headers.accept))
      return sendJson(res, 200, aggregatedCore(), { 'content-type': AGGREGATED_TYPE });
    return sendJson(res, 200, legacyVersions(req.headers.host ?? '127.0.0.1'));
  }
  if (path === '/apis') {
    if (wantsAggregated(req.headers.accept))
      return sendJson(res, 200, aggregatedGroups(), { 'content-type': AGGREGATED_TYPE });
    return sendJson(res, 200, legacyGroups());
  }
  if (path === '/openapi/v3') return sendJson(res, 200, openApiRoot());
  if (path === '/openapi/v3/api/v1') {
    // Immutable caching under ?hash= lets kubectl fetch only the root on later `create -f` runs.
    res.writeHead(200, {
      'content-type': 'application/json',
      etag: `"${OPENAPI_HASH}"`,
      ...(url.searchParams.get('hash') === OPENAPI_HASH
        ? { 'cache-control': 'public, immutable', expires: 'Thu, 31 Dec 2099 23:59:59 GMT' }
        : { 'cache-control': 'no-cache, private' }),
    });
    return void res.end(openApiDocumentText());
  }
  if (path === '/api/v1' || path.startsWith('/api/v1/')) {
    const accept = req.headers.accept ?? '';
    // The fake reads protobuf (kubectl create namespace) but always answers JSON; a client that takes only
    // protobuf gets the real 406.
    if (accept.includes('protobuf') && !/json|\*\/\*/.test(accept))
      throw notAcceptable(['application/json', 'application/yaml']);
    return apiV1(
      rt,
      req,
      res,
      url,
      path.slice('/api/v1'.length).split('/').filter(Boolean).map(decodeURIComponent),
    );
  }
  // Outside the API the real server answers a plain-text 404, not a Status.
  await readBody(req);
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('404 page not found\n');
}

async function apiV1(
  rt: KubeRuntime,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  parts: string[],
) {
  const method = req.method ?? 'GET';
  const call: Call = { rt, req, res, query: url.searchParams };
  if (parts.length === 0) {
    if (method !== 'GET') throw methodNotAllowed();
    return sendJson(res, 200, resourceList());
  }
  // Deprecated /api/v1/watch/... paths: the same watch, selected by path.
  if (parts[0] === 'watch') {
    url.searchParams.set('watch', 'true');
    parts = parts.slice(1);
    if (parts.length === 4 && parts[0] === 'namespaces') {
      url.searchParams.set(
        'fieldSelector',
        [url.searchParams.get('fieldSelector'), `metadata.name=${parts[3]}`].filter(Boolean).join(','),
      );
      parts = parts.slice(0, 3);
    } else if (parts.length === 2 && parts[0] === 'namespaces') {
      url.searchParams.set(
        'fieldSelector',
        [url.searchParams.get('fieldSelector'), `metadata.name=${parts[1]}`].filter(Boolean).join(','),
      );
      parts = parts.slice(0, 1);
    }
  }

  let target: Target;
  let sub: string | undefined;
  const [first, second, third, fourth, fifth, ...extra] = parts;
  if (first === 'namespaces' && second !== undefined && third !== undefined && third !== 'status') {
    const def = resourceByName(third);
    if (!def?.namespaced || extra.length) throw pathNotFound();
    target = { def, namespace: second, name: fourth };
    sub = fifth;
  } else {
    const def = resourceByName(first ?? '');
    if (!def || extra.length || fourth !== undefined || fifth !== undefined) throw pathNotFound();
    // Namespaced kinds are listable across namespaces at /api/v1/<resource>, but not addressable by name there.
    if (def.namespaced && second !== undefined) throw pathNotFound();
    target = { def, namespace: undefined, name: second };
    sub = third;
  }

  if (target.name === undefined) return collection(call, target);
  if (sub === undefined) return item(call, target);
  return subresource(call, target, sub);
}

async function collection(call: Call, target: Target) {
  const { req, res, query, rt } = call;
  switch (req.method) {
    case 'GET':
      if (isWatch(query))
        return serveWatch(rt, req, res, target.def, target.namespace, query, wantsTable(req.headers.accept));
      return list(call, target);
    case 'POST':
      if (target.def.namespaced && target.namespace === undefined) throw methodNotAllowed();
      return create(call, target);
    case 'DELETE':
      if (
        !target.def.verbs.includes('deletecollection') ||
        (target.def.namespaced && target.namespace === undefined)
      )
        throw methodNotAllowed();
      return removeCollection(call, target);
    default:
      throw methodNotAllowed();
  }
}

async function item(call: Call, target: Target) {
  switch (call.req.method) {
    case 'GET':
      return get(call, target);
    case 'PUT':
      return replace(call, target);
    case 'PATCH':
      return patch(call, target);
    case 'DELETE':
      return remove(call, target);
    default:
      throw methodNotAllowed();
  }
}

async function subresource(call: Call, target: Target, sub: string) {
  const { req, res, rt, query } = call;
  const def: ResourceDef = target.def;
  if (!def.subresources.includes(sub)) throw pathNotFound();
  const namespace = target.namespace ?? '';
  const name = target.name ?? '';
  if (sub === 'log') {
    if (req.method !== 'GET') throw methodNotAllowed();
    return servePodLog(rt, res, namespace, name, query);
  }
  if (sub === 'scale' && def === RESOURCES.replicationcontrollers) {
    const dryRun = query.getAll('dryRun').includes('All');
    if (req.method === 'GET') return sendJson(res, 200, getScale(rt.registry, namespace, name));
    if (req.method === 'PUT') {
      return sendJson(res, 200, updateScale(rt.registry, namespace, name, await readObjectBody(req), dryRun));
    }
    if (req.method === 'PATCH') {
      const { type, patch: body } = await readPatch(req);
      return sendJson(res, 200, patchScale(rt.registry, namespace, name, type, body, dryRun));
    }
    throw methodNotAllowed();
  }
  // status
  if (req.method === 'GET') return get(call, target);
  if (req.method === 'PUT') return replace(call, target, true);
  if (req.method === 'PATCH') return patch(call, target, true);
  throw methodNotAllowed();
}
