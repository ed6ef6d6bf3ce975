import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClusterParams, type SourceError, Topology, TopologyQuery } from '@vtdeck/contracts';
import { visibleKeyspaces } from '../../auth/seam';
import { CachedBody } from '../../http/compression';

/**
 * `GET /api/v2/clusters/{cluster}/topology[?keyspace=]`: keyspaces → shards → tablets, only those
 * the caller may see (errors about other keyspaces are left out too). Parts that failed are listed
 * in `errors`; only a vtctld that cannot be reached at all fails the answer.
 */
// A cached tree is the same object on every hit; serialising it once keeps warm answers cheap
// (a 100-keyspace tree is megabytes of JSON). Kept as bytes: a string would be encoded to UTF-8
// again for every answer, megabytes per request under load (bench/topology.ts); and compressed once
// per encoding, not once per answer.
const serialized = new WeakMap<Topology, CachedBody>();

// `vtctld:keyspace/<ks>`, `vtctld:shards/<ks>`, `vtctld:shard/<ks>/<shard>`, `vtctld:tablets/<ks>`
const KEYSPACE_SOURCE = /^vtctld:(?:keyspace|shards|shard|tablets)\/([^/]+)/;

export const topologyRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/clusters/:cluster/topology',
    { schema: { params: ClusterParams, querystring: TopologyQuery, response: { 200: Topology } } },
    async (request, reply) => {
      const cluster = app.clusters.get(request.params.cluster).name;
      const topology = await app.topology.get(cluster, {
        keyspace: request.query.keyspace,
        requestId: request.id,
      });
      const named = new Set([
        ...topology.items.map((k) => k.name),
        ...topology.errors.flatMap((e) => KEYSPACE_SOURCE.exec(e.source)?.[1] ?? []),
      ]);
      const visible = new Set(await visibleKeyspaces(request, cluster, [...named]));
      if (visible.size !== named.size) {
        const shown = (e: SourceError) => {
          const ks = KEYSPACE_SOURCE.exec(e.source)?.[1];
          return ks === undefined || visible.has(ks);
        };
        return {
          ...topology,
          items: topology.items.filter((k) => visible.has(k.name)),
          errors: topology.errors.filter(shown),
        };
      }
      let body = serialized.get(topology);
      if (body === undefined) {
        body = new CachedBody(Buffer.from(JSON.stringify(topology)));
        serialized.set(topology, body);
      }
      // A Buffer goes out as is, past the response serialiser (the type provider cannot know that).
      return body.send(request, reply) as unknown as Topology;
    },
  );
};
