import { type Static, Type } from 'typebox';
import { UpstreamErrorKind } from './common';

/** `GET /healthz`: the process is alive; never depends on an upstream. */
export const Health = Type.Object({ status: Type.Literal('ok') });
export type Health = Static<typeof Health>;

/** One upstream probed by `/readyz`. */
export const UpstreamProbe = Type.Object({
  cluster: Type.String(),
  source: Type.String({ description: 'which upstream, e.g. vtctld' }),
  url: Type.String({ description: 'base URL, credentials removed' }),
  reachable: Type.Boolean(),
  latencyMs: Type.Number(),
  kind: Type.Optional(UpstreamErrorKind),
  message: Type.Optional(Type.String()),
});
export type UpstreamProbe = Static<typeof UpstreamProbe>;

/**
 * `GET /readyz`: 200 once the config is loaded. An unreachable upstream shows here but does not
 * fail readiness, so one broken cluster never takes every replica out of its Service.
 */
export const Readiness = Type.Object({
  status: Type.Literal('ready'),
  upstreams: Type.Array(UpstreamProbe),
});
export type Readiness = Static<typeof Readiness>;
