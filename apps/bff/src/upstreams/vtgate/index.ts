// The vtgate upstream: vtgate's MySQL protocol port through mysql2, one pool per cluster.
// Contract: connection-level failures reject with UpstreamError (source 'vtgate'); a statement's own
// error (errno, SQLSTATE) is the user's answer, not an upstream failure, and is left to the caller.
// `flavor: mysql` (a plain MySQL/MariaDB, e.g. the sandbox) gets `USE ks` instead of `USE ks@type`.
export { createVtgateClient, type Lease, type TabletType, type Target, type VtgateClient } from './client';
export { toUpstreamError } from './errors';
export { type VtgatePluginOptions, vtgatePlugin } from './plugin';
