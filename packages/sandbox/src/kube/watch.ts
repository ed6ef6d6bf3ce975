import type http from 'node:http';
import { JSON_TYPE } from './http';
import type { ResourceDef } from './resources';
import type { KubeRuntime } from './runtime';
import { makeFilter } from './selectors';
import { badRequest } from './status';
import type { Change } from './store';
import { toTable } from './table';
import type { KubeObject } from './types';

// Watch: one JSON event per line. rv unset/"0" replays the current state as ADDED; a specific rv resumes
// after it; an rv older than the kept history gets an in-stream 410 Expired ERROR (like the watch cache)
// so informers relist. Selectors apply to events: an object that stops matching is sent as DELETED.

const DEFAULT_TIMEOUT_S = 1800;

export function serveWatch(
  rt: KubeRuntime,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  def: ResourceDef,
  namespace: string | undefined,
  query: URLSearchParams,
  asTable: boolean,
): void {
  const matches = makeFilter(def, query);
  const rvParam = query.get('resourceVersion') ?? '';
  const fromScratch = rvParam === '' || rvParam === '0';
  const rv = fromScratch ? 0 : Number(rvParam);
  if (!fromScratch && !/^\d+$/.test(rvParam)) throw badRequest(`invalid resource version: "${rvParam}"`);
  const timeoutS = Number(query.get('timeoutSeconds') ?? DEFAULT_TIMEOUT_S) || DEFAULT_TIMEOUT_S;
  const bookmarks = query.get('allowWatchBookmarks') === 'true';

  res.writeHead(200, {
    'content-type': JSON_TYPE,
    'cache-control': 'no-cache, private',
    'transfer-encoding': 'chunked',
  });
  res.flushHeaders();
  let first = true;
  const send = (type: string, obj: KubeObject) => {
    const object = asTable
      ? toTable(
          def,
          [obj],
          { resourceVersion: obj.metadata.resourceVersion },
          query.get('includeObject'),
          first,
        )
      : obj;
    first = false;
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const inScope = (o: KubeObject) =>
    !def.namespaced || namespace === undefined || o.metadata.namespace === namespace;
  const onChange = (c: Change) => {
    if (c.resource !== def.name || !inScope(c.object)) return;
    const now = matches(c.object);
    const before = c.previous ? matches(c.previous) : false;
    if (c.type === 'ADDED' && now) send('ADDED', c.object);
    else if (c.type === 'MODIFIED') {
      if (now && before) send('MODIFIED', c.object);
      else if (now) send('ADDED', c.object);
      else if (before) send('DELETED', c.object);
    } else if (c.type === 'DELETED' && (now || before)) send('DELETED', c.object);
  };

  if (fromScratch) {
    for (const obj of rt.store.list(def.name, def.namespaced ? namespace : undefined))
      if (matches(obj)) send('ADDED', obj);
  } else {
    const missed = rt.store.changesSince(rv);
    if (!missed) {
      res.end(
        `${JSON.stringify({
          type: 'ERROR',
          object: {
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            message: `too old resource version: ${rv} (${rt.store.oldestResumable + 1})`,
            reason: 'Expired',
            code: 410,
          },
        })}\n`,
      );
      return;
    }
    for (const c of missed) onChange(c);
  }
  const unsubscribe = rt.store.subscribe(onChange);
  const timeout = setTimeout(() => res.end(), timeoutS * 1000);
  const bookmark = bookmarks
    ? setInterval(() => {
        res.write(
          `${JSON.stringify({ type: 'BOOKMARK', object: { kind: def.kind, apiVersion: 'v1', metadata: { resourceVersion: rt.store.resourceVersion } } })}\n`,
        );
      }, rt.timings.bookmarkIntervalMs)
    : undefined;
  const stop = () => {
    unsubscribe();
    clearTimeout(timeout);
    if (bookmark) clearInterval(bookmark);
  };
  res.on('close', stop);
  req.on('close', stop);
}
