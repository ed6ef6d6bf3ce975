// The answers of the Router's HTTP server as plain values: JSON, RFC 7807 problems, the generic HTML
// error page and the Basic-auth challenge, with the exact headers and bodies the Router sends.
import type http from 'node:http';

export interface Answer {
  status: number;
  headers: http.OutgoingHttpHeaders;
  /** Absent: no body and no content type (401, 400 on bad auth, 304). */
  body?: string;
}

export function json(status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): Answer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/**
 * The Router builds problem bodies from a std::map (so `detail`, `instance`, `title` come out
 * alphabetically) and appends `status` last.
 */
export function problem(
  status: number,
  fields: { detail?: string; instance?: string; title: string },
  headers: http.OutgoingHttpHeaders = {},
): Answer {
  const sorted = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify({ ...sorted, status }),
  };
}

export function notFound(path: string): Answer {
  return problem(404, { title: 'URI not found', instance: path });
}

const REASONS: Record<number, string> = { 404: 'Not Found', 500: 'Internal Server Error' };

/** The HTTP server's own error page, used outside the REST API (and for its internal errors). */
export function htmlError(status: 404 | 500): Answer {
  const reason = REASONS[status];
  const page = `<HTML><HEAD>\n<TITLE>${status} ${reason}</TITLE>\n</HEAD><BODY>\n<H1>${reason}</H1>\n</BODY></HTML>\n`;
  return { status, headers: { 'content-type': 'text/html' }, body: page };
}

export function empty(status: number, headers: http.OutgoingHttpHeaders = {}): Answer {
  return { status, headers };
}

/** Content-Length is always sent, 0 for empty answers, except on 304 which has no entity at all. */
export function writeAnswer(res: http.ServerResponse, answer: Answer): void {
  const length = answer.body === undefined ? 0 : Buffer.byteLength(answer.body);
  res.writeHead(
    answer.status,
    answer.status === 304 ? answer.headers : { ...answer.headers, 'content-length': length },
  );
  res.end(answer.body);
}

export type AuthResult = 'ok' | 'missing' | 'malformed' | 'denied';

/** HTTP Basic as the Router checks it: exactly the `Basic` scheme, strict base64, `user:password`. */
export function checkBasicAuth(header: string | undefined, user: string, password: string): AuthResult {
  if (header === undefined) return 'missing';
  const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/.exec(header);
  if (!match?.[1] || match[1].length % 4 !== 0) return 'malformed';
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  return decoded.slice(0, colon) === user && decoded.slice(colon + 1) === password ? 'ok' : 'denied';
}

/** `Last-Modified` works on whole seconds; 304 when the client's copy is at least that new. */
export function notModifiedSince(header: string | undefined, lastModifiedMs: number): boolean {
  if (!header) return false;
  const since = Date.parse(header);
  return !Number.isNaN(since) && Math.floor(lastModifiedMs / 1000) <= Math.floor(since / 1000);
}

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}
