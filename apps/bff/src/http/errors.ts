import { STATUS_CODES } from 'node:http';
import type { ErrorBody, UpstreamErrorKind } from '@vtdeck/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { UpstreamError } from '../upstreams/upstream-error';
import { AppError } from './app-error';

// One error vocabulary for every route: the status and stable `code` of each failure are decided
// here and nowhere else.

const UPSTREAM: Record<UpstreamErrorKind, { status: number; code: string }> = {
  unreachable: { status: 502, code: 'UPSTREAM_UNREACHABLE' },
  timeout: { status: 504, code: 'UPSTREAM_TIMEOUT' },
  // vtctld refusing the BFF's own credentials is a deployment fault, not the user's.
  unauthorized: { status: 502, code: 'UPSTREAM_UNAUTHORIZED' },
  tls: { status: 502, code: 'UPSTREAM_TLS' },
  forbidden: { status: 403, code: 'UPSTREAM_FORBIDDEN' },
  not_found: { status: 404, code: 'NOT_FOUND' },
  bad_response: { status: 502, code: 'UPSTREAM_BAD_RESPONSE' },
  upstream_5xx: { status: 502, code: 'UPSTREAM_ERROR' },
};

const CLIENT_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

export function errorBody(statusCode: number, code: string, message: string, source?: string): ErrorBody {
  const body: ErrorBody = { statusCode, code, error: STATUS_CODES[statusCode] ?? 'Error', message };
  if (source) body.source = source;
  return body;
}

export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return errorBody(err.statusCode, err.code, err.message);
  if (err instanceof UpstreamError) {
    const { status, code } = UPSTREAM[err.kind];
    return errorBody(status, code, err.message, err.source);
  }
  const e = err as FastifyError;
  if (e.validation) return errorBody(400, 'VALIDATION', e.message);
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return errorBody(e.statusCode, CLIENT_CODES[e.statusCode] ?? 'BAD_REQUEST', e.message);
  }
  return errorBody(500, 'INTERNAL', 'internal error; the BFF log has the details (look for the request id)');
}

export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body = toErrorBody(err);
  if (body.statusCode >= 500 && !(err instanceof UpstreamError)) request.log.error({ err }, 'request failed');
  else if (body.statusCode >= 500)
    request.log.warn({ upstream: body.source, msg: err.message }, 'upstream failed');
  return reply.status(body.statusCode).send(body);
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * Fastify's schemaErrorFormatter: `body/0 must be string`, `body/Keyspace is required`,
 * `querystring/keyspace must NOT have fewer than 1 characters`.
 */
export function formatSchemaErrors(errors: readonly SchemaError[], dataVar: string): Error {
  const messages = errors
    .filter((e) => e.keyword !== 'anyOf' || errors.length === 1)
    .map((e) => {
      const path = `${dataVar}${e.instancePath}`;
      if (e.keyword === 'required') {
        const missing = (e.params.requiredProperties as string[] | undefined) ?? [e.params.missingProperty];
        return `${path}/${String(missing[0])} is required`;
      }
      if (e.keyword === 'boolean' || e.keyword === 'additionalProperties') return `${path} is not allowed`;
      return `${path} ${e.message ?? 'is invalid'}`;
    });
  return new Error([...new Set(messages)].slice(0, 3).join('; ') || `${dataVar} is invalid`);
}
