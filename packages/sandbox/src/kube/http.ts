import type http from 'node:http';
import { ApiError, badRequest } from './status';

// Small HTTP helpers: every JSON answer carries Content-Type (client-node throws without it).

export const JSON_TYPE = 'application/json';
const MAX_BODY = 3 * 1024 * 1024; // the apiserver's default request size limit for JSON objects

export function sendJson(
  res: http.ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': JSON_TYPE, 'cache-control': 'no-cache, private', ...headers });
  res.end(`${text}\n`);
}

export function sendError(res: http.ServerResponse, err: ApiError) {
  sendJson(res, err.status.code ?? 500, err.status);
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(
          new ApiError({
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            message: 'Request entity too large: limit is 3145728',
            reason: 'RequestEntityTooLarge',
            code: 413,
          }),
        );
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON body as the apiserver decodes it; a syntax error is a 400 naming the problem. */
export function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`);
  }
}

export const mediaType = (header: string | undefined) =>
  (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** Whether the client asked for a meta.k8s.io Table (kubectl's human-readable `get`). */
export const wantsTable = (accept: string | undefined) =>
  (accept ?? '').split(',').some((part) => part.includes('as=Table') && part.includes('g=meta.k8s.io'));
