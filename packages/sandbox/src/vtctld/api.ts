// The vtctld HTTP API on Go's ServeMux rules: subtree patterns answer their bare path with a 301,
// paths are cleaned, unknown paths are 404 (never a silent 200), and each handler fails the way
// go/vt/vtctld/api.go does (reference sections 1 and 2).

import type http from 'node:http';
import { COLLECTIONS } from './collections';
import type { VtctldSettings } from './commands/types';
import { GoJsonError, goJsonKind, goJsonParse, goMarshalIndent } from './encoding/go-json';
import {
  cleanPath,
  formValues,
  httpError,
  JSON_TYPE,
  notFound,
  readBody,
  redirect,
  sendJson,
  TEXT_TYPE,
} from './http-util';
import type { TabletMysql } from './mysql';
import { runSchemaChange } from './schema-change';
import { GoPanic, isTopo } from './topo/errors';
import type { Topology } from './topo/topology';
import { runVtctl } from './vtctl';

export type SecurityPolicy = 'allow-all' | 'read-only' | 'deny-all';

export interface VtctldApiOptions {
  topo: () => Topology;
  settings: VtctldSettings;
  securityPolicy?: SecurityPolicy;
  /** The tablets' MySQL, read at each request (the sandbox attaches it once MariaDB is up). */
  mysql?: () => TabletMysql | undefined;
}

const SUBTREES = [...Object.keys(COLLECTIONS).map((c) => `/api/${c}/`), '/api/vtctl/', '/app/'];
const EXACT = ['/api/schema/apply', '/api/features'];

const FEATURES = {
  activeReparents: true,
  showStatus: false,
  showTopologyCRUD: true,
  showWorkflows: true,
  workflows: { horizontal_resharding: true, schema_swap: true, sleep: true, topo_validator: true },
};

class UnmarshalError extends Error {}

/** json.Unmarshal into []string, with Go's texts. */
function decodeArgs(body: Buffer): string[] {
  const value = decodeJson(body);
  if (value === null) return [];
  if (!Array.isArray(value))
    throw new UnmarshalError(`json: cannot unmarshal ${goJsonKind(value)} into Go value of type []string`);
  for (const v of value) {
    if (typeof v !== 'string' && v !== null) {
      throw new UnmarshalError(`json: cannot unmarshal ${goJsonKind(v)} into Go value of type string`);
    }
  }
  return value.map((v) => v ?? '');
}

function decodeJson(body: Buffer): unknown {
  try {
    return goJsonParse(body.toString('utf8'));
  } catch (err) {
    if (err instanceof GoJsonError) throw new UnmarshalError(err.message);
    throw err;
  }
}

const SCHEMA_REQUEST = 'struct { Keyspace string; SQL string; SlaveTimeoutSeconds int }';

/** json.Unmarshal into the schema/apply request struct: keys match case-insensitively. */
function decodeSchemaRequest(body: Buffer): { keyspace: string; sql: string } {
  const value = decodeJson(body);
  const out = { keyspace: '', sql: '' };
  if (value === null) return out;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new UnmarshalError(
      `json: cannot unmarshal ${goJsonKind(value)} into Go value of type ${SCHEMA_REQUEST}`,
    );
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const k = key.toLowerCase();
    if (k === 'keyspace' || k === 'sql') {
      if (v !== null && typeof v !== 'string') {
        throw new UnmarshalError(
          `json: cannot unmarshal ${goJsonKind(v)} into Go struct field .${k === 'sql' ? 'SQL' : 'Keyspace'} of type string`,
        );
      }
      out[k === 'sql' ? 'sql' : 'keyspace'] = (v as string | null) ?? '';
    } else if (k === 'slavetimeoutseconds' && v !== null && (typeof v !== 'number' || !Number.isInteger(v))) {
      const what = typeof v === 'number' ? `number ${v}` : goJsonKind(v);
      throw new UnmarshalError(
        `json: cannot unmarshal ${what} into Go struct field .SlaveTimeoutSeconds of type int`,
      );
    }
  }
  return out;
}

export function createVtctldHandler(options: VtctldApiOptions) {
  const adminAllowed = () => (options.securityPolicy ?? 'allow-all') === 'allow-all';

  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://vtctld');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, { 'content-type': TEXT_TYPE, connection: 'close' });
      res.end('400 Bad Request');
      return;
    }
    const clean = cleanPath(path);
    if (clean !== path) return redirect(req, res, clean + url.search, 301);
    if (SUBTREES.includes(`${path}/`)) return redirect(req, res, `${path}/${url.search}`, 301);
    const body = await readBody(req);

    try {
      if (path === '/') return redirect(req, res, '/app/', 302);
      if (EXACT.includes(path) || path.startsWith('/api/vtctl/')) {
        if (!adminAllowed()) return httpError(res, 403, '403 Forbidden');
        if (path === '/api/features') return sendJson(res, goMarshalIndent(FEATURES));
        if (path === '/api/schema/apply') return await schemaApply(options, body, res);
        return await vtctl(options, body, res);
      }
      const m = /^\/api\/([^/]+)\/(.*)$/s.exec(path);
      const getter = m ? COLLECTIONS[m[1]!] : undefined;
      if (!m || !getter) return notFound(res);
      const collection = m[1]!;
      try {
        const encoded = getter({
          method: req.method ?? 'GET',
          itemPath: m[2]!,
          form: formValues(req, url, body),
          topo: options.topo(),
          localCell: options.settings.localCell,
          adminAllowed: adminAllowed(),
        });
        return sendJson(res, encoded);
      } catch (err) {
        if (isTopo(err, 'NoNode')) return notFound(res);
        if (err instanceof GoPanic) throw err;
        return httpError(res, 500, `can't get ${collection}: ${(err as Error).message}`);
      }
    } catch (err) {
      if (err instanceof UnmarshalError)
        return httpError(res, 500, `can't unmarshal request: ${err.message}`);
      if (err instanceof GoPanic) return httpError(res, 500, `uncaught panic: ${err.message}`);
      throw err;
    }
  };
}

async function vtctl(options: VtctldApiOptions, body: Buffer, res: http.ServerResponse): Promise<void> {
  const args = decodeArgs(body);
  const result = await runVtctl(options.topo(), options.settings, args, options.mysql?.());
  res.writeHead(200, { 'content-type': JSON_TYPE });
  res.end(goMarshalIndent({ Error: result.Error, Output: result.Output }));
}

async function schemaApply(options: VtctldApiOptions, body: Buffer, res: http.ServerResponse): Promise<void> {
  const request = decodeSchemaRequest(body);
  // Go writes the status with the first line and streams the rest; a later failure cannot change it.
  res.writeHead(200, { 'content-type': TEXT_TYPE });
  const error = await runSchemaChange(
    options.topo(),
    request.keyspace,
    request.sql,
    (text) => res.write(text),
    { mysql: options.mysql?.() },
  );
  if (error !== null) res.write(`${error}\n`);
  res.end();
}
