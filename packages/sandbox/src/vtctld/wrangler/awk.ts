// The one-line "awkable" tablet format of ListAllTablets / ListShardTablets (reference 6).

import { aliasString, tabletTypeLower } from '../names';
import type { Tablet } from '../topo/types';

function joinHostPort(host: string, port: number | undefined): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `${h}:${port ?? 0}`;
}

export function fmtTabletAwkable(t: Tablet): string {
  const tags = Object.entries(t.tags)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .sort();
  const mt =
    t.masterTermStartTime && t.masterTermStartTime.seconds > 0
      ? new Date(t.masterTermStartTime.seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
      : '<null>';
  return [
    aliasString(t.alias),
    t.keyspace || '<null>',
    t.shard || '<null>',
    tabletTypeLower(t.type),
    joinHostPort(t.hostname, t.portMap.vt),
    joinHostPort(t.mysqlHostname || t.hostname, t.mysqlPort || t.portMap.mysql),
    `[${tags.join(' ')}]`,
    mt,
  ].join(' ');
}
