import type { Writable } from 'node:stream';
import {
  type ConfigurationOptions,
  CoreV1Api,
  type CoreV1Event,
  KubeConfig,
  Log,
  setHeaderOptions,
  type V1Namespace,
  type V1Pod,
  type V1ReplicationController,
  type V1Service,
  VersionApi,
  type VersionInfo,
} from '@kubernetes/client-node';
import { toKubeError } from './errors';

export interface KubeClientOptions {
  cluster: string;
  /** kubeconfig file; without it (and without inCluster) the default lookup ($KUBECONFIG, ~/.kube/config). */
  kubeconfig?: string;
  /** Context of the kubeconfig to use instead of its current-context. */
  context?: string;
  /** Use the pod's service account (KUBERNETES_SERVICE_HOST and /var/run/secrets/...). */
  inCluster?: boolean;
  /** Deadline of each call. */
  timeoutMs?: number;
}

export interface LogOptions {
  container: string;
  tailLines?: number;
  timestamps?: boolean;
}

/** Builds the KubeConfig of one cluster; a bad file or unknown context fails at start, naming it. */
export function loadKubeConfig(options: KubeClientOptions): KubeConfig {
  const kc = new KubeConfig();
  if (options.inCluster) kc.loadFromCluster();
  else if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
  else kc.loadFromDefault();
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      throw new Error(`kubeconfig of cluster ${options.cluster} has no context "${options.context}"`);
    }
    kc.setCurrentContext(options.context);
  }
  return kc;
}

/**
 * The typed Kubernetes client of one cluster (core/v1 through @kubernetes/client-node 1.x). Every
 * method resolves with the API's object or rejects with a KubeError: `call` is the only place that
 * sees client-node's exceptions. `forRequest(id)` is the same client sending `X-Request-Id: id`
 * on every call, so the API server's audit log can be matched with the BFF's.
 */
export class KubeClient {
  readonly cluster: string;
  /** The API server's URL (shown by /readyz; no credentials in it). */
  readonly server: string;
  private readonly kc: KubeConfig;
  private readonly core: CoreV1Api;
  private readonly versionApi: VersionApi;
  private readonly timeoutMs: number;
  /** Per-call options of a request's view (its X-Request-Id); undefined on the shared client. */
  private callOptions: ConfigurationOptions | undefined;

  constructor(options: KubeClientOptions) {
    this.cluster = options.cluster;
    this.kc = loadKubeConfig(options);
    this.server = this.kc.getCurrentCluster()?.server ?? '';
    this.core = this.kc.makeApiClient(CoreV1Api);
    this.versionApi = this.kc.makeApiClient(VersionApi);
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** A view of this client that sends `requestId` as X-Request-Id (shares the connections). */
  forRequest(requestId: string): KubeClient {
    const view = Object.create(this) as KubeClient;
    view.callOptions = setHeaderOptions('x-request-id', requestId);
    return view;
  }

  private async call<T>(run: (core: CoreV1Api, options?: ConfigurationOptions) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error('deadline'), { name: 'AbortError' })),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([run(this.core, this.callOptions), deadline]);
    } catch (err) {
      throw toKubeError(err, this.cluster);
    } finally {
      clearTimeout(timer);
    }
  }

  /** `GET /version`: readable by every authenticated client, so readiness needs no extra RBAC verb. */
  version(): Promise<VersionInfo> {
    return this.call((_core, o) => this.versionApi.getCode({}, o));
  }

  listNamespaces() {
    return this.call((c, o) => c.listNamespace({}, o));
  }
  readNamespace(name: string) {
    return this.call((c, o) => c.readNamespace({ name }, o));
  }
  createNamespace(body: V1Namespace) {
    return this.call((c, o) => c.createNamespace({ body }, o));
  }
  /** Answers the Namespace, now Terminating (client-node types it as V1Status; it is not). */
  deleteNamespace(name: string) {
    return this.call((c, o) => c.deleteNamespace({ name }, o) as Promise<unknown>);
  }

  listPods(namespace: string, labelSelector?: string) {
    return this.call((c, o) => c.listNamespacedPod({ namespace, labelSelector }, o));
  }
  listAllPods(labelSelector: string) {
    return this.call((c, o) => c.listPodForAllNamespaces({ labelSelector }, o));
  }
  readPod(namespace: string, name: string) {
    return this.call((c, o) => c.readNamespacedPod({ namespace, name }, o));
  }
  createPod(namespace: string, body: V1Pod) {
    return this.call((c, o) => c.createNamespacedPod({ namespace, body }, o));
  }
  deletePod(namespace: string, name: string) {
    return this.call((c, o) => c.deleteNamespacedPod({ namespace, name }, o));
  }

  listRcs(namespace: string, labelSelector?: string) {
    return this.call((c, o) => c.listNamespacedReplicationController({ namespace, labelSelector }, o));
  }
  readRc(namespace: string, name: string) {
    return this.call((c, o) => c.readNamespacedReplicationController({ namespace, name }, o));
  }
  createRc(namespace: string, body: V1ReplicationController) {
    return this.call((c, o) => c.createNamespacedReplicationController({ namespace, body }, o));
  }
  /**
   * Deletes an RC and its pods. Through core/v1 without a policy the API server orphans the pods
   * (kept "for back compatibility"), so the console always asks for Background propagation.
   */
  deleteRc(namespace: string, name: string) {
    return this.call((c, o) =>
      c.deleteNamespacedReplicationController({ namespace, name, propagationPolicy: 'Background' }, o),
    );
  }
  scaleRc(namespace: string, name: string, replicas: number) {
    return this.call((c, o) =>
      c.patchNamespacedReplicationControllerScale(
        { namespace, name, body: [{ op: 'replace', path: '/spec/replicas', value: replicas }] },
        o,
      ),
    );
  }

  listServices(namespace: string, labelSelector?: string) {
    return this.call((c, o) => c.listNamespacedService({ namespace, labelSelector }, o));
  }
  readService(namespace: string, name: string) {
    return this.call((c, o) => c.readNamespacedService({ namespace, name }, o));
  }
  createService(namespace: string, body: V1Service) {
    return this.call((c, o) => c.createNamespacedService({ namespace, body }, o));
  }
  deleteService(namespace: string, name: string) {
    return this.call((c, o) => c.deleteNamespacedService({ namespace, name }, o));
  }

  /** Events about one object, oldest first (the API orders them by name, not time). */
  async events(namespace: string, kind: string, name: string): Promise<CoreV1Event[]> {
    const list = await this.call((c, o) =>
      c.listNamespacedEvent(
        { namespace, fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${name}` },
        o,
      ),
    );
    const at = (e: CoreV1Event) =>
      (e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp)?.valueOf() ?? 0;
    return list.items.sort((a, b) => Number(at(a)) - Number(at(b)));
  }

  /** The last lines of a container's log. */
  readLog(namespace: string, name: string, options: LogOptions): Promise<string> {
    return this.call((c, o) =>
      c.readNamespacedPodLog(
        {
          namespace,
          name,
          container: options.container,
          tailLines: options.tailLines,
          timestamps: options.timestamps,
        },
        o,
      ),
    );
  }

  /**
   * Streams a container's log into `out` until the pod ends or the returned controller is aborted.
   * client-node's Log helper drops the API's message on failure, so a refused stream is asked again
   * without `follow` to learn why. The helper takes no headers: the stream itself carries no
   * X-Request-Id (that retry does).
   */
  async followLog(
    namespace: string,
    name: string,
    options: LogOptions,
    out: Writable,
  ): Promise<AbortController> {
    try {
      return await new Log(this.kc).log(namespace, name, options.container, out, {
        follow: true,
        tailLines: options.tailLines,
        timestamps: options.timestamps,
      });
    } catch (err) {
      await this.readLog(namespace, name, { ...options, tailLines: 1 });
      throw toKubeError(err, this.cluster);
    }
  }
}
