import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TabletAliasList, TabletsForm } from '@vtdeck/contracts';
import { requireAuthorized } from '../../auth/seam';
import { notFound } from '../../http/app-error';
import { isUpstreamError } from '../../upstreams/upstream-error';

/** `POST /api/tablets/` with the form `shard=<ks>/<shard>` (and optional `cell`): tablet aliases. */
export const tabletsRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      // The first value wins when a field repeats, as Go's r.FormValue does.
      const form: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(body as string)) if (!(k in form)) form[k] = v;
      done(null, form);
    },
  );

  app.post(
    '/tablets/',
    { schema: { body: TabletsForm, response: { 200: TabletAliasList } } },
    async (request) => {
      const cluster = app.clusters.fromRequest(request).name;
      const { shard, cell } = request.body;
      const [keyspace = '', shardName = ''] = shard.split('/');
      await requireAuthorized(
        request,
        'keyspace.read',
        { cluster, keyspace, shard: shardName },
        { action: 'tablets.list', args: [shard] },
      );
      return (
        app
          .vtctld(cluster)
          .tabletAliases(shard, cell, { requestId: request.id })
          // vtctld omits a zero uid (omitempty); the seed shape keeps that.
          .then((aliases) =>
            aliases.map((a) => (a.uid ? { cell: a.cell ?? '', uid: a.uid } : { cell: a.cell ?? '' })),
          )
          .catch((err) => {
            if (isUpstreamError(err) && err.kind === 'not_found') {
              throw notFound(`shard "${shard}" not found in cluster ${cluster}`);
            }
            throw err;
          })
      );
    },
  );
};
