import { useQueryClient } from '@tanstack/react-query';
import type { MonitorHeartbeat, MonitorSnapshot, MonitorUpdate } from '@vtdeck/contracts';
import { useEffect, useReducer } from 'react';
import { enc } from './http';
import { initialMonitorState, type MonitorState, monitorReducer } from './monitorState';
import { sessionKeys } from './session';

// The monitoring wall's stream: Server-Sent Events from the BFF, which polls each upstream once for
// every screen. The connection is ours to keep alive for days: every failure (BFF restart, network
// gone, proxy timeout, a heartbeat that does not come) closes the EventSource and opens a new one
// after a growing, jittered delay, resuming from the last event id.

export const monitorStreamPath = (cluster?: string) =>
  cluster ? `/api/v2/clusters/${enc(cluster)}/monitor/stream` : '/api/v2/monitor/stream';

export interface StreamHandlers {
  snapshot(data: MonitorSnapshot): void;
  update(data: MonitorUpdate): void;
  heartbeat(data: MonitorHeartbeat): void;
  /** Waiting `delayMs` before the next attempt (`attempt` counts failures in a row). */
  reconnecting(delayMs: number, attempt: number): void;
  connecting(): void;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
/** Without a message for this many heartbeat periods the connection is taken for dead. */
const MISSED_HEARTBEATS = 3;

export function backoffMs(attempt: number, random = Math.random()): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + random * 0.4));
}

/** Opens the stream and keeps it open until the returned function is called. */
export function connectMonitorStream(path: string, handlers: StreamHandlers): () => void {
  let source: EventSource | null = null;
  let lastEventId: string | undefined;
  let failures = 0;
  let heartbeatMs = 15_000;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const arm = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(fail, heartbeatMs * MISSED_HEARTBEATS);
  };
  const listen = <T>(es: EventSource, name: string, handle: (data: T) => void) =>
    es.addEventListener(name, (event) => {
      const message = event as MessageEvent<string>;
      failures = 0;
      if (message.lastEventId) lastEventId = message.lastEventId;
      arm();
      handle(JSON.parse(message.data) as T);
    });
  const open = () => {
    if (stopped) return;
    // A new EventSource does not send Last-Event-ID by itself: the query carries it.
    const url = lastEventId ? `${path}?lastEventId=${enc(lastEventId)}` : path;
    const es = new EventSource(url);
    source = es;
    handlers.connecting();
    arm();
    listen<MonitorSnapshot>(es, 'snapshot', (data) => {
      heartbeatMs = data.timing.heartbeatMs;
      handlers.snapshot(data);
    });
    listen<MonitorUpdate>(es, 'update', handlers.update);
    listen<MonitorHeartbeat>(es, 'heartbeat', handlers.heartbeat);
    es.onerror = fail;
  };
  function fail() {
    if (stopped) return;
    clearTimeout(watchdog);
    source?.close();
    source = null;
    failures++;
    const delay = backoffMs(failures);
    handlers.reconnecting(delay, failures);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(open, delay);
  }

  open();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    clearTimeout(watchdog);
    source?.close();
  };
}

/**
 * The wall's state for one cluster, or every cluster when `cluster` is undefined. Repeated failures
 * make the session be asked again: if it expired, the route guard sends the screen to sign in.
 */
export function useMonitorStream(cluster?: string): MonitorState {
  const [state, dispatch] = useReducer(monitorReducer, initialMonitorState);
  const queryClient = useQueryClient();
  useEffect(() => {
    dispatch({ type: 'reset' });
    return connectMonitorStream(monitorStreamPath(cluster), {
      snapshot: (data) => dispatch({ type: 'snapshot', data, receivedAt: Date.now() }),
      update: (data) => dispatch({ type: 'update', data, receivedAt: Date.now() }),
      heartbeat: (data) => dispatch({ type: 'heartbeat', at: data.at, receivedAt: Date.now() }),
      connecting: () => dispatch({ type: 'connection', state: 'connecting' }),
      reconnecting: (delayMs, attempt) => {
        dispatch({ type: 'connection', state: 'reconnecting', retryAt: Date.now() + delayMs });
        // EventSource hides the status of a refused stream; a 401 there means the session ended.
        if (attempt >= 2) void queryClient.invalidateQueries({ queryKey: sessionKeys.current() });
      },
    });
  }, [cluster, queryClient]);
  return state;
}
