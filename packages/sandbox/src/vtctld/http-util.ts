// Go net/http behaviour the fake reproduces: text errors, NotFound, redirects, form values.

import type http from 'node:http';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const TEXT_TYPE = 'text/plain; charset=utf-8';

/** http.Error: text/plain, nosniff, body + `\n`. */
export function httpError(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': TEXT_TYPE, 'x-content-type-options': 'nosniff' });
  res.end(`${text}\n`);
}

export function notFound(res: http.ServerResponse): void {
  httpError(res, 404, '404 page not found');
}

export function sendJson(res: http.ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': JSON_TYPE });
  res.end(body);
}

/** http.Redirect: a small HTML body for GET/HEAD only. */
export function redirect(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  location: string,
  status: 301 | 302,
): void {
  const text = status === 301 ? 'Moved Permanently' : 'Found';
  const headers: http.OutgoingHttpHeaders = { location };
  if (req.method === 'GET' || req.method === 'HEAD') {
    headers['content-type'] = 'text/html; charset=utf-8';
    res.writeHead(status, headers);
    res.end(`<a href="${location.replace(/"/g, '&#34;')}">${text}</a>.\n\n`);
    return;
  }
  res.writeHead(status, headers);
  res.end();
}

const MAX_BODY = 10 << 20;

export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Go's path.Clean keeping a trailing slash, as ServeMux canonicalises request paths. */
export function cleanPath(p: string): string {
  if (p === '') return '/';
  const abs = p.startsWith('/') ? p : `/${p}`;
  const out: string[] = [];
  for (const seg of abs.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  let clean = `/${out.join('/')}`;
  if (abs.endsWith('/') && clean !== '/') clean += '/';
  return clean;
}

/** r.FormValue: form-encoded body values (POST/PUT/PATCH) come before query values. */
export function formValues(req: http.IncomingMessage, url: URL, body: Buffer): URLSearchParams {
  const merged = new URLSearchParams();
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (['POST', 'PUT', 'PATCH'].includes(req.method ?? '') && type === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) merged.append(k, v);
  }
  for (const [k, v] of url.searchParams) merged.append(k, v);
  return merged;
}
