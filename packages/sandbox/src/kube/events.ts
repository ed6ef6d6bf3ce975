import { microTimestamp, timestamp } from './names';
import type { Registry } from './registry';
import { RESOURCES } from './resources';
import type { CoreEvent, KubeObject } from './types';

// core/v1 Events as the controllers and kubelet of a real cluster write them: name `<object>.<16 hex>`,
// repeats of the same event bump count and lastTimestamp instead of adding a new one.

export interface EventSource {
  component: string;
  host?: string;
}

export class EventRecorder {
  private counter = 0n;
  private readonly names = new Map<string, string>();

  constructor(private readonly registry: Registry) {}

  record(
    about: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ): void {
    const namespace = about.metadata.namespace ?? 'default';
    const key = [about.metadata.uid, reason, message, source.component, fieldPath].join('|');
    const now = timestamp();
    try {
      const existingName = this.names.get(key);
      const existing = existingName ? this.registry.store.get('events', namespace, existingName) : undefined;
      if (existing) {
        const ev = existing as CoreEvent;
        ev.count = (ev.count ?? 1) + 1;
        ev.lastTimestamp = now;
        this.registry.write(RESOURCES.events, ev);
        return;
      }
      const name = `${about.metadata.name}.${this.nextId()}`;
      const ev: Omit<CoreEvent, 'apiVersion' | 'kind'> = {
        metadata: { name, namespace },
        involvedObject: {
          kind: about.kind,
          namespace: about.metadata.namespace,
          name: about.metadata.name,
          uid: about.metadata.uid,
          apiVersion: 'v1',
          resourceVersion: about.metadata.resourceVersion,
          ...(fieldPath ? { fieldPath } : {}),
        },
        reason,
        message,
        source,
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
      };
      this.registry.create(RESOURCES.events, namespace, ev);
      this.names.set(key, name);
    } catch {
      // Like a real event recorder: an event that cannot be written (namespace terminating) is dropped.
    }
  }

  /**
   * The scheduler writes events.k8s.io/v1 events: read through core/v1 they have eventTime set and
   * null first/lastTimestamp, a detail UIs must cope with.
   */
  recordScheduled(pod: KubeObject, node: string): void {
    const namespace = pod.metadata.namespace ?? 'default';
    try {
      this.registry.create(RESOURCES.events, namespace, {
        metadata: { name: `${pod.metadata.name}.${this.nextId()}`, namespace },
        involvedObject: {
          kind: 'Pod',
          namespace,
          name: pod.metadata.name,
          uid: pod.metadata.uid,
          apiVersion: 'v1',
          resourceVersion: pod.metadata.resourceVersion,
        },
        reason: 'Scheduled',
        message: `Successfully assigned ${namespace}/${pod.metadata.name} to ${node}`,
        source: {},
        firstTimestamp: null,
        lastTimestamp: null,
        type: 'Normal',
        eventTime: microTimestamp(),
        action: 'Binding',
        reportingComponent: 'default-scheduler',
        reportingInstance: `default-scheduler-${node}`,
      });
    } catch {
      // dropped, as above
    }
  }

  private nextId(): string {
    const id = BigInt(Date.now()) * 1_000_000n + (this.counter++ % 1_000_000n);
    return id.toString(16).padStart(16, '0');
  }
}
