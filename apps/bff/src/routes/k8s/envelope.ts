import type { K8sEnvelope } from '@vtdeck/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { toErrorBody } from '../../http/errors';
import { KubeError } from '../../upstreams/k8s';

/** The seed's success answer: `{Code: 0, Message: "success", Data}`. */
export function success(data?: unknown): K8sEnvelope {
  return data === undefined ? { Code: 0, Message: 'success' } : { Code: 0, Message: 'success', Data: data };
}

/**
 * Errors of the seed's cluster routes keep the seed's envelope: `Code` is the HTTP status (never 0),
 * `Message` Kubernetes' own text when the API refused, else the BFF's usual message.
 */
export function envelopeErrorHandler(
  err: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (err instanceof KubeError && err.isRefusal && err.status !== undefined) {
    return reply.status(err.status).send({ Code: err.status, Message: err.message });
  }
  const body = toErrorBody(err);
  if (body.statusCode >= 500) request.log.warn({ err, upstream: body.source }, 'cluster route failed');
  return reply.status(body.statusCode).send({ Code: body.statusCode, Message: body.message });
}

/** The same rule for the console's routes: a refusal keeps its status and message, with a stable code. */
export function consoleErrorHandler(
  err: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (err instanceof KubeError && err.isRefusal && err.status !== undefined) {
    const code = `K8S_${(err.reason ?? 'REFUSED').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
    return reply
      .status(err.status)
      .send({ ...toErrorBody(err), statusCode: err.status, code, error: err.reason ?? 'Error' });
  }
  const body = toErrorBody(err);
  if (body.statusCode >= 500) request.log.warn({ err, upstream: body.source }, 'kubernetes route failed');
  return reply.status(body.statusCode).send(body);
}
