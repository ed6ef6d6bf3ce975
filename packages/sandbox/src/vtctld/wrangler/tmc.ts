// The tablet manager RPCs vtctld sends to vttablets, simulated on the tablet records. A tablet with
// `reachable: false` fails every RPC the way a gRPC dial to a dead vttablet does.

import { TabletType } from '../names';
import { VtError } from '../topo/errors';
import type { Tablet } from '../topo/types';

export function rpcUnavailable(t: Tablet): VtError {
  const addr = `${t.hostname}:${t.portMap.grpc ?? 16002}`;
  return new VtError(
    `rpc error: code = Unavailable desc = all SubConns are in TransientFailure, latest connection error: connection error: desc = "transport: Error while dialing dial tcp ${addr}: connect: connection refused"`,
  );
}

/** Any tablet RPC: fails when the tablet is unreachable. */
export function rpc(t: Tablet): void {
  if (!t.reachable) throw rpcUnavailable(t);
}

export function nowTermTime(now = Date.now()): { seconds: number; nanoseconds: number } {
  return { seconds: Math.floor(now / 1000), nanoseconds: (now % 1000) * 1_000_000 };
}

/** tabletmanager ChangeType: the tablet rewrites its own record; MASTER gets a new term start. */
export function changeType(t: Tablet, type: number): void {
  rpc(t);
  if (type === TabletType.MASTER && t.type !== TabletType.MASTER) t.masterTermStartTime = nowTermTime();
  if (type !== TabletType.MASTER) t.masterTermStartTime = null;
  t.type = type;
}

export function dbName(t: Tablet): string {
  return t.dbNameOverride || `vt_${t.keyspace}`;
}
