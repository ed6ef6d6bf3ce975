import { randomUUID } from 'node:crypto';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import { routerPollersPlugin } from './aggregate/routers';
import { topologyPlugin } from './aggregate/topology';
import { authPlugin } from './auth/plugin';
import { clustersPlugin } from './clusters';
import type { AppConfig } from './config';
import { registerCompression } from './http/compression';
import { errorHandler, formatSchemaErrors } from './http/errors';
import { healthRoutes } from './http/health';
import { registerOpenApi } from './http/openapi';
import { registerSecurity } from './http/security';
import { registerShutdown } from './http/shutdown';
import { registerWeb } from './http/web';
import { metricsPlugin, monitorPlugin, monitorRoutes } from './monitor';
import { routersProxyRoutes } from './routes/routers-proxy';
import { seedRoutes } from './routes/seed';
import { v2Routes } from './routes/v2';
import { sqlRoutes } from './routes/v2/sql';
import { kubePlugin } from './upstreams/k8s';
import { routerClientsPlugin } from './upstreams/router';
import { vtctldPlugin } from './upstreams/vtctld';
import { vtgatePlugin } from './upstreams/vtgate';

export interface BuildOptions {
  /** Overrides the pino logger (tests pass false). */
  logger?: FastifyServerOptions['logger'];
  /** Called for every route as it registers (the OpenAPI test lists them independently of the document). */
  onRoute?: (route: RouteOptions) => void;
}

const REQUEST_ID = /^[\w.:@-]{1,128}$/;

/** The whole BFF, ready to `listen` or `inject`; it does not listen by itself. */
export async function buildApp(config: AppConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: 2 * 1024 * 1024,
    // Keep the caller's X-Request-Id when it looks like one, so a request can be followed into vtctld.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    schemaErrorFormatter: formatSchemaErrors,
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  registerShutdown(app);

  await app.register(clustersPlugin, { clusters: config.clusters });
  await app.register(vtctldPlugin, { clusters: config.clusters });
  await app.register(kubePlugin, { clusters: config.clusters });
  await app.register(vtgatePlugin, {
    clusters: config.clusters,
    unavailableMessage: config.sql.unavailableMessage,
  });
  await app.register(topologyPlugin, config.topology);
  await app.register(routerClientsPlugin, { clusters: config.clusters });
  await app.register(routerPollersPlugin, { clusters: config.clusters, polling: config.routerPolling });
  await app.register(monitorPlugin, { clusters: config.clusters, settings: config.monitor });
  // Before the routes, so its request-duration hook sees every one of them.
  await app.register(metricsPlugin, { clusters: config.clusters, token: config.monitor.metricsToken });
  await registerSecurity(app);
  // Before the routes: it hooks each route as it registers.
  await registerCompression(app);
  await app.register(authPlugin, { settings: config.auth });

  // Before every route: the OpenAPI document is collected from the routes as they register.
  await registerOpenApi(app);
  await app.register(healthRoutes);
  await app.register(seedRoutes, { prefix: '/api' });
  await app.register(routersProxyRoutes, { prefix: '/api' });
  await app.register(v2Routes, { prefix: '/api/v2' });
  await app.register(sqlRoutes, { prefix: '/api/v2', sql: config.sql });
  await app.register(monitorRoutes, { prefix: '/api/v2' });
  await registerWeb(app, config.web.distDir);
  return app;
}
