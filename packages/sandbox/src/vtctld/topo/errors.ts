// Errors as vtctld's Go code produces them. A TopoError that reaches an HTTP collection unwrapped
// becomes `404 page not found`; any other error (including a wrapped TopoError) becomes a 500.

export class VtError extends Error {}

export type TopoErrorKind = 'NoNode' | 'NodeExists' | 'NodeNotEmpty';

const TEXT: Record<TopoErrorKind, string> = {
  NoNode: "node doesn't exist",
  NodeExists: 'node already exists',
  NodeNotEmpty: 'node not empty',
};

export class TopoError extends VtError {
  constructor(
    readonly kind: TopoErrorKind,
    readonly path: string,
  ) {
    super(`${TEXT[kind]}: ${path}`);
  }
}

export const noNode = (path: string) => new TopoError('NoNode', path);
export const nodeExists = (path: string) => new TopoError('NodeExists', path);

export function isTopo(err: unknown, kind: TopoErrorKind): err is TopoError {
  return err instanceof TopoError && err.kind === kind;
}

/** `panic(...)` inside an API handler: vtctld recovers it as `500 uncaught panic: <value>`. */
export class GoPanic extends Error {}

/** Go's path.Join: empty elements vanish, so `keyspaces//shards` reads `keyspaces/shards`. */
export function topoPath(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('/');
}
