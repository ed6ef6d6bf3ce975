import { type Static, Type } from 'typebox';
import { UpstreamErrorKind } from './common';

/** `GET /healthz`: the process is alive; never depends on an upstream. */
export const Health = Type.Object({ status: Type.Literal('ok') }, { examples: [{ status: 'ok' }] });
export type Health = Static<typeof Health>;

/** One upstream probed by `/readyz`. */
export const UpstreamProbe = Type.Object({
  cluster: Type.String(),
  source: Type.String({ description: 'which upstream: vtctld, kubernetes, vtgate or router' }),
  name: Type.Optional(Type.String({ description: 'which one, where a cluster has several (routers)' })),
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
export const Readiness = Type.Object(
  {
    status: Type.Literal('ready'),
    upstreams: Type.Array(UpstreamProbe),
  },
  {
    examples: [
      {
        status: 'ready',
        upstreams: [
          { cluster: 'prod', source: 'vtctld', url: 'http://vtctld:15000', reachable: true, latencyMs: 3.2 },
          {
            cluster: 'staging',
            source: 'vtctld',
            url: 'http://vtctld.staging:15000',
            reachable: false,
            latencyMs: 2000.4,
            kind: 'timeout',
            message: 'vtctld of cluster staging did not answer GET /api/cells/ within 2000 ms',
          },
        ],
      },
    ],
  },
);
export type Readiness = Static<typeof Readiness>;
