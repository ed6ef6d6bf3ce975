// The vtctld upstream: one typed client per cluster for the legacy vtctld HTTP API (`/api/...`).
// Contract: every method resolves with vtctld's data or rejects with an UpstreamError
// (source 'vtctld', kind unreachable | timeout | unauthorized | forbidden | not_found | bad_response
// | upstream_5xx); `mapping.ts` is the only code that reads raw vtctld JSON.
export { type CallOptions, VtctldClient, type VtctldClientOptions } from './client';
export * from './mapping';
export { vtctldPlugin } from './plugin';
export type * from './records';
export { parseSchemaApplyOutput, type SchemaApplyOutcome, splitSql } from './schema-apply';
