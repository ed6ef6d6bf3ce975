import { type Static, Type } from 'typebox';

export const ClusterSummary = Type.Object({
  name: Type.String(),
  title: Type.String(),
  default: Type.Boolean({ description: 'the cluster the seed routes act on without X-Vtdeck-Cluster' }),
  upstreams: Type.Object({
    vtctld: Type.Boolean(),
    kubernetes: Type.Boolean(),
    vtgate: Type.Boolean(),
    routers: Type.Integer({ minimum: 0 }),
  }),
});
export type ClusterSummary = Static<typeof ClusterSummary>;

export const ClusterList = Type.Object(
  { items: Type.Array(ClusterSummary) },
  {
    examples: [
      {
        items: [
          {
            name: 'prod',
            title: 'Production',
            default: true,
            upstreams: { vtctld: true, kubernetes: true, vtgate: true, routers: 2 },
          },
        ],
      },
    ],
  },
);
export type ClusterList = Static<typeof ClusterList>;

/** The header that points a seed route at a cluster other than the default. */
export const CLUSTER_HEADER = 'x-vtdeck-cluster';
