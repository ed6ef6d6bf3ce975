import type { Pod } from './types';

// Plausible log lines per Vitess component, in the formats the real binaries print: glog
// (`I0501 10:00:00.123456       1 file.go:42] …`) for Vitess, capnslog for etcd 2, mysqld's own format.

export type Flavour = 'etcd' | 'vtctld' | 'vtgate' | 'vttablet' | 'mysql' | 'generic';

export function flavourOf(pod: Pod, container: string): Flavour {
  const image = pod.spec.containers.find((c) => c.name === container)?.image ?? '';
  const component = pod.metadata.labels?.component;
  if (container === 'mysql') return 'mysql';
  if (container === 'etcd' || image.includes('etcd')) return 'etcd';
  for (const f of ['vtctld', 'vtgate', 'vttablet'] as const) if (container === f || component === f) return f;
  return 'generic';
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function glog(at: number, level: 'I' | 'W' | 'E', file: string, msg: string): string {
  const d = new Date(at);
  const micros = pad(d.getUTCMilliseconds(), 3) + pad((at * 7) % 1000, 3);
  return `${level}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${micros}       1 ${file}] ${msg}`;
}

function capnslog(at: number, pkg: string, msg: string): string {
  const iso = new Date(at).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000 I | ${pkg}: ${msg}`;
}

const mysqlTime = (at: number) => new Date(at).toISOString().replace('Z', '000Z');

interface PodFacts {
  name: string;
  cell: string;
  keyspace: string;
  shard: string;
  alias: string;
  uid: number;
}

function facts(pod: Pod): PodFacts {
  const l = pod.metadata.labels ?? {};
  const alias = l.tablet ?? '';
  const uid = Number(alias.split('-')[1] ?? 0);
  const shard = (l.shard ?? '0').replace(/^xx-/, '-').replace(/-xx$/, '-');
  return {
    name: pod.metadata.name ?? '',
    cell: l.cell ?? 'zone1',
    keyspace: l.keyspace ?? '',
    shard,
    alias,
    uid,
  };
}

export function startupLines(pod: Pod, container: string, at: number): string[] {
  const f = facts(pod);
  switch (flavourOf(pod, container)) {
    case 'etcd':
      return [
        capnslog(at, 'etcdmain', 'etcd Version: 2.0.13'),
        capnslog(at, 'etcdmain', `setting maximum number of CPUs to 1, total number of available CPUs is 2`),
        capnslog(at + 5, 'etcdserver', `name = ${f.name}`),
        capnslog(at + 6, 'etcdserver', `data dir = /vt/vtdataroot/etcd-${f.name}`),
        capnslog(
          at + 9,
          'etcdserver',
          'starting server... [version: 2.0.13, cluster version: to_be_decided]',
        ),
        capnslog(at + 400, 'raft', 'became leader at term 2'),
        capnslog(at + 410, 'etcdserver', `published {Name:${f.name}} to cluster`),
      ];
    case 'vtctld':
      return [
        glog(
          at,
          'I',
          'servenv.go:89',
          'Version: 2.1.1 (Git revision v2.1.1 branch HEAD) built on Mon Sep 18 21:37:39 UTC 2017 by vitess@buildhost using go1.9 linux/amd64',
        ),
        glog(
          at + 3,
          'I',
          'etcd2topo/server.go:242',
          'connecting to global topology at http://etcd-global:4001',
        ),
        glog(at + 20, 'I', 'vtctld.go:87', `Enabling Web Workflow Manager with cell ${f.cell}`),
        glog(at + 25, 'I', 'grpc_server.go:116', 'Listening for gRPC calls on port 15999'),
        glog(at + 26, 'I', 'servenv.go:203', 'Listening on port 15000'),
      ];
    case 'vtgate':
      return [
        glog(
          at,
          'I',
          'servenv.go:89',
          'Version: 2.1.1 (Git revision v2.1.1 branch HEAD) built on Mon Sep 18 21:37:39 UTC 2017 by vitess@buildhost using go1.9 linux/amd64',
        ),
        glog(at + 4, 'I', 'discoverygateway.go:104', `loading tablets for cells: ${f.cell}`),
        glog(
          at + 12,
          'I',
          'gateway.go:63',
          'Gateway waiting for serving tablets of types [MASTER REPLICA] ...',
        ),
        glog(at + 900, 'I', 'gateway.go:75', 'Gateway is ready with all tablets'),
        glog(at + 910, 'I', 'mysql_server.go:144', 'Listening for MySQL protocol on port 3306'),
        glog(at + 911, 'I', 'servenv.go:203', 'Listening on port 15001'),
      ];
    case 'vttablet':
      return [
        glog(
          at,
          'I',
          'servenv.go:89',
          'Version: 2.1.1 (Git revision v2.1.1 branch HEAD) built on Mon Sep 18 21:37:39 UTC 2017 by vitess@buildhost using go1.9 linux/amd64',
        ),
        glog(at + 5, 'I', 'init_tablet.go:140', `Initializing the tablet for type REPLICA`),
        glog(
          at + 9,
          'I',
          'tm_init.go:375',
          `publishing tablet record ${f.alias} for keyspace ${f.keyspace} shard ${f.shard}`,
        ),
        glog(
          at + 700,
          'I',
          'restore.go:85',
          'No backup found. Not starting up empty since -restore_from_backup is set.',
        ),
        glog(
          at + 705,
          'I',
          'state_manager.go:214',
          `TabletServer transition: NOT_SERVING -> SERVING for tablet :${f.keyspace}/${f.shard}`,
        ),
        glog(at + 706, 'I', 'servenv.go:203', 'Listening on port 15002'),
      ];
    case 'mysql':
      return [
        `${mysqlTime(at)} 0 [Note] mysqld (mysqld 5.6.35) starting as process 43 ...`,
        `${mysqlTime(at + 40)} 0 [Note] InnoDB: Completed initialization of buffer pool`,
        `${mysqlTime(at + 300)} 0 [Note] Server socket created on IP: '::'.`,
        `${mysqlTime(at + 310)} 0 [Note] /usr/sbin/mysqld: ready for connections.`,
        `Version: '5.6.35-log'  socket: '/vt/vtdataroot/vt_${pad(f.uid, 10)}/mysql.sock'  port: 3306  MySQL Community Server (GPL)`,
      ];
    case 'generic':
      return [
        `${new Date(at).toISOString()} starting ${container}`,
        `${new Date(at + 5).toISOString()} ${container} ready`,
      ];
  }
}

/** The n-th periodic line of a running container. */
export function periodicLine(pod: Pod, container: string, at: number, n: number): string {
  const f = facts(pod);
  switch (flavourOf(pod, container)) {
    case 'etcd':
      return n % 5 === 0
        ? capnslog(at, 'etcdserver', `start to snapshot (applied: ${10000 + n * 97}, lastsnap: ${n * 97})`)
        : capnslog(at, 'etcdserver', `saved snapshot at index ${10000 + n * 97}`);
    case 'vtctld':
      return glog(
        at,
        'I',
        'healthcheck.go:420',
        `tablet health check: ${n % 3 === 0 ? 'refreshing tablet list' : 'all tablets healthy'}`,
      );
    case 'vtgate':
      return n % 4 === 0
        ? glog(at, 'I', 'tablet_stats_cache.go:189', `updating tablet stats for cell ${f.cell}`)
        : glog(at, 'I', 'vtgate.go:312', `queries served: ${n * 137}, errors: 0`);
    case 'vttablet':
      return n % 6 === 0
        ? glog(at, 'W', 'replication_reporter.go:88', 'replication lag 1s is higher than the threshold of 0s')
        : glog(
            at,
            'I',
            'health_check.go:264',
            `healthcheck: tablet ${f.alias} is healthy, replication lag 0s`,
          );
    case 'mysql':
      return `${mysqlTime(at)} ${n} [Note] Aborted connection ${n} to db: 'vt_${f.keyspace || 'test'}' user: 'vt_app' host: 'localhost' (Got an error reading communication packets)`;
    case 'generic':
      return `${new Date(at).toISOString()} ${container} heartbeat ${n}`;
  }
}
