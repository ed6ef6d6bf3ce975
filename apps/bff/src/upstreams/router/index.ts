// The MySQL Router upstream: one typed client per configured Router (REST API /api/20190715, HTTPS
// with basic auth, a CA file or an explicit insecure flag). Contract: every method resolves with the
// Router's data or rejects with an UpstreamError (source `router:<name>`, kind unreachable | timeout
// | unauthorized | tls | forbidden | not_found | bad_response | upstream_5xx); `mapping.ts` is the
// only code that reads raw Router JSON; a dead route's /health (500 {"isAlive":false}) is data.
export { type CallOptions, RouterClient, type RouterClientOptions } from './client';
export { fromStatus, fromThrown, type RouterRef, routerError, routerSource } from './errors';
export * from './mapping';
export { createRouterClients, type RouterClients, routerClientsPlugin } from './plugin';
export type * from './records';
