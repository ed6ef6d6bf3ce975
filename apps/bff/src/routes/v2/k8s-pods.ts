import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  K8sChange,
  K8sListQuery,
  K8sLogQuery,
  K8sNamespaceParams,
  K8sObjectParams,
  K8sPodCreate,
  K8sPodDetail,
  K8sPodList,
  K8sTabletParams,
} from '@vtdeck/contracts';
import { notFound } from '../../http/app-error';
import { onClosing } from '../../http/shutdown';
import { conditionDtos, eventDto, manifestYaml, podContainers, podDto, volumeDto } from '../../upstreams/k8s';
import { requireRead, visibleNamespaces } from '../k8s/access';
import { createArgs, tabletPod } from '../k8s/inputs';
import * as ops from '../k8s/operations';
import { scopeOf } from '../k8s/operations';

/** Pods of a namespace: list with status, detail, vttablet creation, delete, and logs (tail or follow). */
export const k8sPodRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/namespaces/:namespace/pods',
    { schema: { params: K8sNamespaceParams, querystring: K8sListQuery, response: { 200: K8sPodList } } },
    async (request) => {
      const list = await ops.listPods(
        scopeOf(request),
        request.params.namespace,
        request.query.labelSelector,
      );
      const now = Date.now();
      return { items: list.items.map((p) => podDto(p, now)) };
    },
  );

  app.post(
    '/namespaces/:namespace/pods',
    { schema: { params: K8sNamespaceParams, body: K8sPodCreate, response: { 201: K8sChange } } },
    async (request, reply) => {
      const pod = tabletPod(request.body);
      const name = pod.metadata?.name ?? '';
      await ops.createPod(
        scopeOf(request),
        request.params.namespace,
        pod,
        createArgs('pods', name, request.body),
      );
      return reply.status(201).send({ kind: 'Pod', name, namespace: request.params.namespace });
    },
  );

  app.get(
    '/namespaces/:namespace/pods/:name',
    { schema: { params: K8sObjectParams, response: { 200: K8sPodDetail } } },
    async (request) => {
      const s = scopeOf(request);
      const { namespace, name } = request.params;
      const pod = await ops.readPod(s, namespace, name);
      const events = await app
        .kube(s.cluster, request.id)
        .events(namespace, 'Pod', name)
        .catch(() => []);
      return {
        pod: podDto(pod),
        containers: podContainers(pod),
        volumes: (pod.spec?.volumes ?? []).map(volumeDto),
        conditions: conditionDtos(pod),
        events: events.map(eventDto),
        manifest: manifestYaml(pod),
      };
    },
  );

  app.delete(
    '/namespaces/:namespace/pods/:name',
    { schema: { params: K8sObjectParams, response: { 200: K8sChange } } },
    async (request) => {
      await ops.deletePod(scopeOf(request), request.params.namespace, request.params.name);
      return { kind: 'Pod', name: request.params.name, namespace: request.params.namespace };
    },
  );

  // The pod a tablet runs in (label `tablet=<alias>` of the vttablet template), in a granted namespace.
  app.get(
    '/tablets/:alias/pod',
    { schema: { params: K8sTabletParams, response: { 200: K8sChange } } },
    async (request) => {
      const s = scopeOf(request);
      const { alias } = request.params;
      const pods = await app
        .kube(s.cluster, request.id)
        .listAllPods(`app=vitess,component=vttablet,tablet=${alias}`);
      const granted = new Set(
        visibleNamespaces(
          request,
          s.cluster,
          pods.items.map((p) => p.metadata?.namespace ?? ''),
        ),
      );
      const pod = pods.items.find((p) => granted.has(p.metadata?.namespace ?? ''));
      if (!pod) throw notFound(`no pod runs tablet ${alias} in a namespace you may read`);
      return { kind: 'Pod', name: pod.metadata?.name ?? '', namespace: pod.metadata?.namespace ?? '' };
    },
  );

  // text/plain: the last lines, or with follow=true a stream that stays open until the pod ends or
  // the browser goes away (then the upstream request is aborted too).
  app.get(
    '/namespaces/:namespace/pods/:name/log',
    // Not compressed: a followed log must reach the browser line by line, not in zlib's blocks.
    { schema: { params: K8sObjectParams, querystring: K8sLogQuery }, compress: false },
    async (request, reply) => {
      const s = scopeOf(request);
      const { namespace, name } = request.params;
      await requireRead(request, s.cluster, namespace);
      const kube = app.kube(s.cluster, request.id);
      const container =
        request.query.container ?? (await kube.readPod(namespace, name)).spec?.containers[0]?.name ?? '';
      const options = {
        container,
        tailLines: request.query.tailLines ?? 500,
        timestamps: request.query.timestamps ?? false,
      };
      reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store');
      if (!request.query.follow) return reply.send(await kube.readLog(namespace, name, options));

      const out = new PassThrough();
      const controller = await kube.followLog(namespace, name, options, out);
      // Ends when the browser goes away, or cleanly when the BFF shuts down (graceful shutdown).
      const end = () => {
        controller.abort();
        out.end();
      };
      const unsubscribe = onClosing(app, end);
      request.raw.once('close', () => {
        unsubscribe();
        end();
      });
      return reply.header('x-accel-buffering', 'no').send(out);
    },
  );
};
