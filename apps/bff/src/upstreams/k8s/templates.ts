import type { V1Pod, V1ReplicationController, V1Service, V1Volume } from '@kubernetes/client-node';

// The objects Vitess v2.1's examples/kubernetes scripts create (reference/vtctld.md §8): same names,
// labels (`app: vitess`, `component`, `cell`, `keyspace`, `shard`, `tablet`), ports, commands and
// flags, with the placeholders substituted the way the *-up.sh scripts do. Inputs arrive validated
// (routes/k8s/inputs.ts): flags hold no shell characters, names are DNS labels.

export const DEFAULT_VITESS_IMAGE = 'vitess/lite';
export const ETCD_IMAGE = 'vitess/etcd:v2.0.13-lite';
export const VTTABLET_PORT = 15002;
export const VTTABLET_GRPC_PORT = 16002;
export const MYSQL_SERVER_PORT = 3306;

export type VolumeSource = Omit<V1Volume, 'name'>;
export const EMPTY_DIR: VolumeSource = { emptyDir: {} };

const CERTS = '/etc/ssl/certs/ca-certificates.crt';
const certsVolume: V1Volume = { name: 'certs', hostPath: { path: CERTS } };
const certsMount = { name: 'certs', readOnly: true, mountPath: CERTS };
const syslogVolume: V1Volume = { name: 'syslog', hostPath: { path: '/dev/log' } };
const syslogMount = { name: 'syslog', mountPath: '/dev/log' };
const vtdatarootVolume = (source: VolumeSource = EMPTY_DIR): V1Volume => ({ name: 'vtdataroot', ...source });
const vtdatarootMount = { name: 'vtdataroot', mountPath: '/vt/vtdataroot' };
const liveness = (port: number, initialDelaySeconds: number, timeoutSeconds: number) => ({
  httpGet: { path: '/debug/vars', port },
  initialDelaySeconds,
  timeoutSeconds,
});
/** The templates run each Vitess binary as user vitess after preparing the data root. */
const asVitess = (cmd: string) =>
  `mkdir -p $VTDATAROOT/tmp && chown -R vitess /vt && su -p -c "${cmd}" vitess`;
const joinFlags = (...parts: string[]) => parts.filter((p) => p.trim() !== '').join(' ');

/** `-80` → `xx-80`, `80-` → `80-xx`: label values may not start or end with `-`. */
export const shardLabel = (shard: string) => shard.replace(/-$/, '-xx').replace(/^-/, 'xx-');
/** `zone1`, 100 → `zone1-0000000100`. */
export const tabletAlias = (cell: string, uid: number) => `${cell}-${String(uid).padStart(10, '0')}`;

function service(name: string, labels: Record<string, string>, spec: V1Service['spec']): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels },
    spec: { ...spec, selector: labels },
  };
}

function controller(
  name: string,
  replicas: number,
  labels: Record<string, string>,
  podSpec: NonNullable<NonNullable<V1ReplicationController['spec']>['template']>['spec'],
): V1ReplicationController {
  // No explicit selector: the API server defaults it (and the RC's labels) to the template labels.
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name },
    spec: { replicas, template: { metadata: { labels }, spec: podSpec } },
  };
}

// ---- etcd: one cluster for `global` and one per cell ----

const etcdLabels = (cell: string) => ({ component: 'etcd', cell, app: 'vitess' });

/** Service `etcd-<cell>` (Type etcdlb): the client port for load-balanced access. */
export const etcdService = (cell: string) =>
  service(`etcd-${cell}`, etcdLabels(cell), { ports: [{ port: 4001 }] });

/** Headless service `etcd-<cell>-srv` (Type etcdcb): DNS SRV records for cluster bootstrap. */
export const etcdSrvService = (cell: string) =>
  service(`etcd-${cell}-srv`, etcdLabels(cell), {
    clusterIP: 'None',
    ports: [{ name: 'etcd-server', port: 7001 }],
  });

function etcdScript(cell: string, replicas: number): string {
  const register =
    cell === 'global'
      ? ''
      : `    echo "Registering cell "${cell}" with global etcd..."
    until etcdctl -C "http://etcd-global:4001" set "/vt/cells/${cell}" "http://etcd-${cell}:4001"; do
      echo "[$(date)] waiting for global etcd to register cell '${cell}'"
      sleep 1
    done
`;
  return `ipaddr=$(hostname -i)
peer_url="http://$ipaddr:7001"
client_url="http://$ipaddr:4001"
export ETCD_NAME=$HOSTNAME
export ETCD_DATA_DIR=/vt/vtdataroot/etcd-$ETCD_NAME
export ETCD_STRICT_RECONFIG_CHECK=true
export ETCD_ADVERTISE_CLIENT_URLS=$client_url
export ETCD_INITIAL_ADVERTISE_PEER_URLS=$peer_url
export ETCD_LISTEN_CLIENT_URLS=$client_url
export ETCD_LISTEN_PEER_URLS=$peer_url
if [ -d $ETCD_DATA_DIR ]; then
  echo "Resuming with existing data dir: $ETCD_DATA_DIR"
else
  echo "Checking for existing cluster by trying to join..."
  if result=$(etcdctl -C http://etcd-${cell}:4001 member add $ETCD_NAME $peer_url); then
    [[ "$result" =~ ETCD_INITIAL_CLUSTER=\\"([^\\"]*)\\" ]] && export ETCD_INITIAL_CLUSTER="\${BASH_REMATCH[1]}"
    export ETCD_INITIAL_CLUSTER_STATE=existing
    echo "Joining existing cluster: $ETCD_INITIAL_CLUSTER"
  else
${register}    echo "Waiting for ${replicas} replicas in SRV record for etcd-${cell}-srv..."
    until [ $(getsrv etcd-server tcp etcd-${cell}-srv | wc -l) -eq ${replicas} ]; do
      echo "[$(date)] waiting for ${replicas} entries in SRV record for etcd-${cell}-srv"
      sleep 1
    done
    export ETCD_DISCOVERY_SRV=etcd-${cell}-srv
    echo "Bootstrapping with DNS discovery:"
    getsrv etcd-server tcp etcd-${cell}-srv
  fi
fi
etcd
`;
}

/** RC `etcd-<cell>` running `replicas` etcd members that find each other through `etcd-<cell>-srv`. */
export const etcdController = (cell: string, replicas: number, image = ETCD_IMAGE) =>
  controller(`etcd-${cell}`, replicas, etcdLabels(cell), {
    volumes: [certsVolume],
    containers: [
      {
        name: 'etcd',
        image,
        resources: { limits: { memory: '128Mi', cpu: '100m' } },
        volumeMounts: [certsMount],
        command: ['bash', '-c', etcdScript(cell, replicas)],
        lifecycle: {
          preStop: {
            exec: {
              command: [
                'sh',
                '-c',
                `etcdctl -C http://etcd-${cell}:4001 member remove $(etcdctl -C http://etcd-${cell}:4001 member list | grep $(hostname -i) | cut -d':' -f1)`,
              ],
            },
          },
        },
      },
    ],
  });

// ---- vtctld ----

const vtctldLabels = { component: 'vtctld', app: 'vitess' };

export const vtctldService = (serviceType = 'ClusterIP') =>
  service('vtctld', vtctldLabels, {
    ports: [
      { name: 'web', port: 15000 },
      { name: 'grpc', port: 15999 },
    ],
    type: serviceType,
  });

export interface VtctldSettings {
  cell: string;
  replicas: number;
  image: string;
  backupFlags: string;
  testFlags: string;
}

export const vtctldController = (s: VtctldSettings) =>
  controller('vtctld', s.replicas, vtctldLabels, {
    containers: [
      {
        name: 'vtctld',
        image: s.image,
        livenessProbe: liveness(15000, 30, 5),
        volumeMounts: [syslogMount, vtdatarootMount, certsMount],
        resources: { limits: { memory: '128Mi', cpu: '100m' } },
        command: [
          'sh',
          '-c',
          asVitess(
            joinFlags(
              `/vt/bin/vtctld -cell ${s.cell} -web_dir $VTTOP/web/vtctld -web_dir2 $VTTOP/web/vtctld2/app -workflow_manager_init -workflow_manager_use_election -log_dir $VTDATAROOT/tmp -alsologtostderr -port 15000 -grpc_port 15999 -service_map 'grpc-vtctl' -topo_implementation etcd -etcd_global_addrs http://etcd-global:4001`,
              s.backupFlags,
              s.testFlags,
            ),
          ),
        ],
      },
    ],
    volumes: [syslogVolume, vtdatarootVolume(), certsVolume],
  });

// ---- vtgate: one per cell ----

const vtgateLabels = (cell: string) => ({ component: 'vtgate', cell, app: 'vitess' });

export const vtgateService = (cell: string, mysqlServerPort = MYSQL_SERVER_PORT) =>
  service(`vtgate-${cell}`, vtgateLabels(cell), {
    ports: [
      { name: 'web', port: 15001 },
      { name: 'grpc', port: 15991 },
      { name: 'mysql', port: mysqlServerPort },
    ],
    type: 'LoadBalancer',
  });

export interface VtgateSettings {
  cell: string;
  replicas: number;
  image: string;
  mysqlServerPort: number;
  vtdatarootVolume?: VolumeSource;
}

export const vtgateController = (s: VtgateSettings) =>
  controller(`vtgate-${s.cell}`, s.replicas, vtgateLabels(s.cell), {
    containers: [
      {
        name: 'vtgate',
        image: s.image,
        livenessProbe: liveness(15001, 30, 5),
        volumeMounts: [syslogMount, vtdatarootMount],
        resources: { limits: { memory: '512Mi', cpu: '500m' } },
        command: [
          'sh',
          '-c',
          asVitess(
            `/vt/bin/vtgate -topo_implementation etcd -etcd_global_addrs http://etcd-global:4001 -log_dir $VTDATAROOT/tmp -alsologtostderr -port 15001 -grpc_port 15991 -mysql_server_port ${s.mysqlServerPort} -mysql_auth_server_static_string '{\\"mysql_user\\":{\\"Password\\":\\"mysql_password\\"}}' -service_map 'grpc-vtgateservice' -cells_to_watch ${s.cell} -tablet_types_to_wait MASTER,REPLICA -gateway_implementation discoverygateway -cell ${s.cell}`,
          ),
        ],
      },
    ],
    volumes: [syslogVolume, vtdatarootVolume(s.vtdatarootVolume)],
  });

// ---- vttablet pods ----

export interface TabletSettings {
  uid: number;
  cell: string;
  keyspace: string;
  shard: string;
  /** Defaults to `shardLabel(shard)`. */
  shardLabel?: string;
  image: string;
  port: number;
  grpcPort: number;
  tabletType: string;
  backupFlags: string;
  vtdatarootVolume: VolumeSource;
}

/** Pod `vttablet-<uid>` (uid not padded) with the vttablet and mysql (mysqlctld) containers. */
export function vttabletPod(t: TabletSettings): V1Pod {
  const alias = tabletAlias(t.cell, t.uid);
  const dbConfig = ['app', 'dba', 'repl', 'filtered']
    .map(
      (x) =>
        `-db-config-${x}-uname vt_${x} -db-config-${x}-dbname vt_${t.keyspace} -db-config-${x}-charset utf8`,
    )
    .join(' ');
  const vttablet = joinFlags(
    `/vt/bin/vttablet -topo_implementation etcd -etcd_global_addrs http://etcd-global:4001 -log_dir $VTDATAROOT/tmp -alsologtostderr -port ${t.port} -grpc_port ${t.grpcPort} -service_map 'grpc-queryservice,grpc-tabletmanager,grpc-updatestream' -tablet-path ${alias} -tablet_hostname $(hostname -i) -init_keyspace ${t.keyspace} -init_shard ${t.shard} -init_tablet_type ${t.tabletType} -health_check_interval 5s -mysqlctl_socket $VTDATAROOT/mysqlctl.sock ${dbConfig} -enable_semi_sync -enable_replication_reporter -orc_api_url http://orchestrator/api -orc_discover_interval 5m -restore_from_backup`,
    t.backupFlags,
  );
  const mysqlctld = `/vt/bin/mysqlctld -log_dir $VTDATAROOT/tmp -alsologtostderr -tablet_uid ${t.uid} -socket_file $VTDATAROOT/mysqlctl.sock -db-config-dba-uname vt_dba -db-config-dba-charset utf8 -init_db_sql_file $VTROOT/config/init_db.sql`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `vttablet-${t.uid}`,
      labels: {
        component: 'vttablet',
        keyspace: t.keyspace,
        shard: t.shardLabel ?? shardLabel(t.shard),
        tablet: alias,
        app: 'vitess',
        // Not in the v2.1 template; added so pods can be grouped by cell like the other components.
        cell: t.cell,
      },
    },
    spec: {
      containers: [
        {
          name: 'vttablet',
          image: t.image,
          livenessProbe: liveness(t.port, 60, 10),
          volumeMounts: [syslogMount, vtdatarootMount, certsMount],
          resources: { limits: { memory: '1Gi', cpu: '500m' } },
          ports: [
            { name: 'web', containerPort: t.port },
            { name: 'grpc', containerPort: t.grpcPort },
          ],
          command: ['bash', '-c', asVitess(vttablet)],
        },
        {
          name: 'mysql',
          image: t.image,
          volumeMounts: [syslogMount, vtdatarootMount],
          resources: { limits: { memory: '1Gi', cpu: '500m' } },
          command: ['sh', '-c', asVitess(mysqlctld)],
          env: [{ name: 'EXTRA_MY_CNF', value: '/vt/config/mycnf/master_mysql56.cnf' }],
        },
      ],
      volumes: [syslogVolume, vtdatarootVolume(t.vtdatarootVolume), certsVolume],
    },
  };
}
