import type { EventRecorder } from './events';
import type { LogBook } from './logs';
import type { Registry } from './registry';
import type { Store } from './store';
import type { Timers } from './timers';

/** Timings of the simulated control plane; tests shorten them, the demo keeps them human-scale. */
export interface KubeTimings {
  /** From pod creation to Running/Ready (scheduling happens at a fifth of it). */
  podStartDelayMs: number;
  /** Longest a graceful pod deletion takes (the kubelet "stops" containers; capped by the grace period). */
  podStopDelayMs: number;
  /** How long a Terminating namespace lingers before its content and then itself are removed. */
  namespaceDeleteDelayMs: number;
  /** How often running containers append a log line. */
  logIntervalMs: number;
  /** How often watches with allowWatchBookmarks=true get a BOOKMARK. */
  bookmarkIntervalMs: number;
}

export const DEFAULT_TIMINGS: KubeTimings = {
  podStartDelayMs: 2_000,
  podStopDelayMs: 1_000,
  namespaceDeleteDelayMs: 2_000,
  logIntervalMs: 5_000,
  bookmarkIntervalMs: 60_000,
};

/** Everything the routes and controllers share. */
export interface KubeRuntime {
  store: Store;
  registry: Registry;
  events: EventRecorder;
  logs: LogBook;
  timers: Timers;
  timings: KubeTimings;
}

/** The fake cluster's nodes: pods are bound to them and get IPs from their pod CIDRs. */
export const NODES = [
  { name: 'node-1', ip: '10.128.0.11', podNet: '10.244.1' },
  { name: 'node-2', ip: '10.128.0.12', podNet: '10.244.2' },
  { name: 'node-3', ip: '10.128.0.13', podNet: '10.244.3' },
] as const;
