import type { Writable } from 'node:stream';
import {
  CoreV1Api,
  type CoreV1Event,
  KubeConfig,
  Log,
  type V1Namespace,
  type V1Pod,
  type V1ReplicationController,
  type V1Service,
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
 * sees client-node's exceptions.
 */
export class KubeClient {
  readonly cluster: string;
  private readonly kc: KubeConfig;
  private readonly core: CoreV1Api;
  private readonly timeoutMs: number;

  constructor(options: KubeClientOptions) {
    this.cluster = options.cluster;
    this.kc = loadKubeConfig(options);
    this.core = this.kc.makeApiClient(CoreV1Api);
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  private async call<T>(run: (core: CoreV1Api) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error('deadline'), { name: 'AbortError' })),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([run(this.core), deadline]);
    } catch (err) {
      throw toKubeError(err, this.cluster);
    } finally {
      clearTimeout(timer);
    }
  }

  listNamespaces() {
    return this.call((c) => c.listNamespace());
  }
  readNamespace(name: string) {
    return this.call((c) => c.readNamespace({ name }));
  }
  createNamespace(body: V1Namespace) {
    return this.call((c) => c.createNamespace({ body }));
  }
  /** Answers the Namespace, now Terminating (client-node types it as V1Status; it is not). */
  deleteNamespace(name: string) {
    return this.call((c) => c.deleteNamespace({ name }) as Promise<unknown>);
  }

  listPods(namespace: string, labelSelector?: string) {
    return this.call((c) => c.listNamespacedPod({ namespace, labelSelector }));
  }
  listAllPods(labelSelector: string) {
    return this.call((c) => c.listPodForAllNamespaces({ labelSelector }));
  }
  readPod(namespace: string, name: string) {
    return this.call((c) => c.readNamespacedPod({ namespace, name }));
  }
  createPod(namespace: string, body: V1Pod) {
    return this.call((c) => c.createNamespacedPod({ namespace, body }));
  }
  deletePod(namespace: string, name: string) {
    return this.call((c) => c.deleteNamespacedPod({ namespace, name }));
  }

  listRcs(namespace: string, labelSelector?: string) {
    return this.call((c) => c.listNamespacedReplicationController({ namespace, labelSelector }));
  }
  readRc(namespace: string, name: string) {
    return this.call((c) => c.readNamespacedReplicationController({ namespace, name }));
  }
  createRc(namespace: string, body: V1ReplicationController) {
    return this.call((c) => c.createNamespacedReplicationController({ namespace, body }));
  }
  /**
   * Deletes an RC and its pods. Through core/v1 without a policy the API server orphans the pods
   * (kept "for back compatibility"), so the console always asks for Background propagation.
   */
  deleteRc(namespace: string, name: string) {
    return this.call((c) =>
      c.deleteNamespacedReplicationController({ namespace, name, propagationPolicy: 'Background' }),
    );
  }
  scaleRc(namespace: string, name: string, replicas: number) {
    return this.call((c) =>
      c.patchNamespacedReplicationControllerScale({
        namespace,
        name,
        body: [{ op: 'replace', path: '/spec/replicas', value: replicas }],
      }),
    );
  }

  listServices(namespace: string, labelSelector?: string) {
    return this.call((c) => c.listNamespacedService({ namespace, labelSelector }));
  }
  readService(namespace: string, name: string) {
    return this.call((c) => c.readNamespacedService({ namespace, name }));
  }
  createService(namespace: string, body: V1Service) {
    return this.call((c) => c.createNamespacedService({ namespace, body }));
  }
  deleteService(namespace: string, name: string) {
    return this.call((c) => c.deleteNamespacedService({ namespace, name }));
  }

  /** Events about one object, oldest first (the API orders them by name, not time). */
  async events(namespace: string, kind: string, name: string): Promise<CoreV1Event[]> {
    const list = await this.call((c) =>
      c.listNamespacedEvent({
        namespace,
        fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${name}`,
      }),
    );
    const at = (e: CoreV1Event) =>
      (e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp)?.valueOf() ?? 0;
    return list.items.sort((a, b) => Number(at(a)) - Number(at(b)));
  }

  /** The last lines of a container's log. */
  readLog(namespace: string, name: string, options: LogOptions): Promise<string> {
    return this.call((c) =>
      c.readNamespacedPodLog({
        namespace,
        name,
        container: options.container,
        tailLines: options.tailLines,
        timestamps: options.timestamps,
      }),
    );
  }

  /**
   * Streams a container's log into `out` until the pod ends or the returned controller is aborted.
   * client-node's Log helper drops the API's message on failure, so a refused stream is asked again
   * without `follow` to learn why.
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
