// The monitoring wall and /metrics: shared pollers per cluster and upstream, tiles coloured by the
// config's thresholds, an hour of samples, a timeline of state changes, Server-Sent Events to every
// viewer, and the same signals for Prometheus. Contract and choices: README.md.
export { MonitorHub, type Viewer } from './hub';
export { metricsPlugin } from './metrics/plugin';
export { monitorPlugin } from './plugin';
export { monitorRoutes } from './routes';
export { type MonitorSettings, resolveMonitorSettings } from './settings';
