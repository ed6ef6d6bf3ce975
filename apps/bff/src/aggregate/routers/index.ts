// Router dashboards' data: one shared poller per configured MySQL Router (every 5 s by default, for
// every viewer at once) with a bounded ring-buffer history for charts; a route's /connections are
// polled only while someone views it. Contract: `snapshot()` rejects with the poll's UpstreamError;
// `summary()` never rejects (a failed poll is a `down` state); partial failures are SourceErrors.
export { ConnectionWatch, type ConnectionWatchOptions } from './connection-watch';
export { DEFAULT_POLLING, type RouterPollers, routerPollersPlugin } from './plugin';
export { type PollerOptions, RouterPoller } from './poller';
export { RingBuffer } from './ring-buffer';
export { pollRouter, type RouterSnapshot } from './snapshot';
