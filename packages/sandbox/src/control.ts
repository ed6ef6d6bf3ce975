// The sandbox control server on loopback: lists the fakes with their counters and faults, changes
// faults at run time, and resets counters, faults and data between tests.
//   GET  /                          {clusters, fakes: [{target, url, requests, faults}]}
//   POST /faults/{cluster}/{kind}   body: JSON FaultSettings patch -> {target, faults}
//   POST /reset                     body (optional): {"counters":bool,"faults":bool,"data":bool}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultSettings } from './shared/fake-server';

export class FaultPatchError extends Error {}

/** Checks an untrusted patch; throws FaultPatchError naming the bad field. */
export function parseFaultPatch(value: unknown): Partial<FaultSettings> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FaultPatchError('fault patch must be a JSON object with latencyMs, errorRate and/or down');
  }
  const out: Partial<FaultSettings> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'latencyMs') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 600_000) {
        throw new FaultPatchError('latencyMs must be a number of milliseconds between 0 and 600000');
      }
      out.latencyMs = v;
    } else if (key === 'errorRate') {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1))
        throw new FaultPatchError('errorRate must be a number between 0 and 1');
      out.errorRate = v;
    } else if (key === 'down') {
      if (typeof v !== 'boolean') throw new FaultPatchError('down must be true or false');
      out.down = v;
    } else {
      throw new FaultPatchError(`unknown fault field "${key}" (expected latencyMs, errorRate, down)`);
    }
  }
  return out;
}

/** CLI form `latency=200,error=0.1,down` (also `latencyMs=`, `errorRate=`, `down=false`, `up`). */
export function parseFaultSpec(spec: string): Partial<FaultSettings> {
  const patch: Record<string, unknown> = {};
  for (const part of spec.split(',').filter(Boolean)) {
    const [key, raw] = part.split('=', 2) as [string, string | undefined];
    switch (key) {
      case 'latency':
      case 'latencyMs':
        patch.latencyMs = Number(raw);
        break;
      case 'error':
      case 'errorRate':
        patch.errorRate = Number(raw);
        break;
      case 'down':
        patch.down = raw === undefined ? true : raw === 'true' ? true : raw === 'false' ? false : raw;
        break;
      case 'up':
        patch.down = false;
        break;
      default:
        throw new FaultPatchError(
          `unknown fault "${key}" in "${spec}" (expected latency=MS, error=RATE, down, up)`,
        );
    }
  }
  return parseFaultPatch(patch);
}

export interface ControlTarget {
  listing(): unknown;
  setFault(target: string, patch: Partial<FaultSettings>): Promise<FaultSettings | undefined>;
  hasTarget(target: string): boolean;
  reset(what: { counters: boolean; faults: boolean; data: boolean }): Promise<void>;
}

export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(`${JSON.stringify(body)}\n`);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new FaultPatchError('request body is not valid JSON');
  }
}

async function handle(
  target: ControlTarget,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://control').pathname;
  if (path === '/') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'use GET /' });
    return send(res, 200, target.listing());
  }
  const fault = /^\/faults\/([^/]+)\/([^/]+)$/.exec(path);
  if (fault) {
    if (req.method !== 'POST') return send(res, 405, { error: 'use POST /faults/{cluster}/{kind}' });
    const name = `${decodeURIComponent(fault[1]!)}/${decodeURIComponent(fault[2]!)}`;
    if (!target.hasTarget(name)) return send(res, 404, { error: `no fake named ${name}` });
    const patch = parseFaultPatch((await readJson(req)) ?? {});
    const faults = await target.setFault(name, patch);
    return send(res, 200, { target: name, faults });
  }
  if (path === '/reset') {
    if (req.method !== 'POST') return send(res, 405, { error: 'use POST /reset' });
    const body = ((await readJson(req)) ?? {}) as Record<string, unknown>;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new FaultPatchError(
        'reset body must be a JSON object like {"counters":true,"faults":true,"data":true}',
      );
    }
    for (const [k, v] of Object.entries(body)) {
      if (!['counters', 'faults', 'data'].includes(k))
        throw new FaultPatchError(`unknown reset field "${k}"`);
      if (typeof v !== 'boolean') throw new FaultPatchError(`reset field "${k}" must be true or false`);
    }
    const what = {
      counters: body.counters !== false,
      faults: body.faults !== false,
      data: body.data !== false,
    };
    await target.reset(what);
    return send(res, 200, { reset: what });
  }
  send(res, 404, { error: `unknown control path ${path} (try GET /)` });
}

export async function startControlServer(
  target: ControlTarget,
  host: string,
  port: number,
): Promise<ControlServer> {
  const server = http.createServer((req, res) => {
    handle(target, req, res).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      if (err instanceof FaultPatchError) return send(res, 400, { error: err.message });
      send(res, 500, { error: (err as Error).message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
