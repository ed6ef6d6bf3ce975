// Seed-compatible routes (prefix /api): the paths, bodies and envelopes of the original
// "elastic database" API, unchanged, so existing clients keep working. Contract: each acts on the
// default cluster, or on the one named by the X-Vtdeck-Cluster header (unknown → 404 naming it);
// upstream failures answer ErrorBody (502 unreachable, 504 timeout, source 'vtctld').
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { seedK8sRoutes } from './k8s';
import { keyspacesRoute } from './keyspaces';
import { schemaApplyRoute } from './schema-apply';
import { shardsRoute } from './shards';
import { tabletsRoute } from './tablets';
import { vtctlRoute } from './vtctl';

export const seedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(keyspacesRoute);
  await app.register(vtctlRoute);
  await app.register(shardsRoute);
  await app.register(tabletsRoute);
  await app.register(schemaApplyRoute);
  await app.register(seedK8sRoutes);
};
