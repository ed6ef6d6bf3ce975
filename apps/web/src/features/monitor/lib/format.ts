import type { MonitorState } from '../../../api/monitorState';

/** `HH:MM:SS` in the screen's local time. */
export function clock(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en');
}

/** The server's clock, as far as this screen knows it. */
export const serverNow = (state: MonitorState, now: number) => now + state.clockOffsetMs;

/**
 * When a tile's data went stale, or null. While the stream is live the BFF says so (a failing
 * upstream, or data older than staleAfterMs); while it is not, the screen ages the data itself.
 */
export function staleSince(
  tile: { polledAt: string | null; staleSince: string | null },
  state: MonitorState,
  now: number,
): number | null {
  if (tile.staleSince) return Date.parse(tile.staleSince);
  if (!tile.polledAt || !state.timing) return null;
  const silentFor = state.lastMessageAt === null ? Number.POSITIVE_INFINITY : now - state.lastMessageAt;
  const live = state.connection === 'open' && silentFor < 2 * state.timing.heartbeatMs;
  if (live) return null;
  const polled = Date.parse(tile.polledAt);
  return serverNow(state, now) - polled > state.timing.staleAfterMs ? polled : null;
}
