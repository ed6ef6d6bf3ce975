import type { KubeObject } from './types';

// The objects Vitess v2.1's examples/kubernetes scripts create (reference/vtctld.md §8), with the
// placeholders substituted the way the *-up.sh scripts do. The demo data set is built from these.

export interface VitessSettings {
  image: string;
  backupFlags: string;
  testFlags: string;
  mysqlServerPort: number;
}

export const DEFAULT_SETTINGS: VitessSettings = {
  image: 'vitess/lite',
  backupFlags: "-backup_storage_implementation file -file_backup_storage_root '/vt/vtdataroot/backups'",
  testFlags: '',
  mysqlServerPort: 3306,
};

const CERTS = '/etc/ssl/certs/ca-certificates.crt';
const certsVolume = { name: 'certs', hostPath: { path: CERTS } };
const certsMount = { name: 'certs', readOnly: true, mountPath: CERTS };
const syslogVolume = { name: 'syslog', hostPath: { path: '/dev/log' } };
const syslogMount = { name: 'syslog', mountPath: '/dev/log' };
const vtdatarootVolume = { name: 'vtdataroot', emptyDir: {} };
const vtdatarootMount = { name: 'vtdataroot', mountPath: '/vt/vtdataroot' };
const liveness = (port: number, initialDelaySeconds: number, timeoutSeconds: number) => ({
  httpGet: { path: '/debug/vars', port },
  initialDelaySeconds,
  timeoutSeconds,
});
const asVitess = (cmd: string) =>
  `mkdir -p $VTDATAROOT/tmp && chown -R vitess /vt && su -p -c "${cmd}" vitess`;

function service(name: string, labels: Record<string, string>, spec: Record<string, unknown>): KubeObject {
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
  podSpec: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name },
    spec: { replicas, template: { metadata: { labels }, spec: podSpec } },
  };
}

const etcdLabels = (cell: string) => ({ component: 'etcd', cell, app: 'vitess' });

export const etcdService = (cell: string) =>
  service(`etcd-${cell}`, etcdLabels(cell), { ports: [{ port: 4001 }] });

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

export const etcdController = (cell: string, replicas: number) =>
  controller(`etcd-${cell}`, replicas, etcdLabels(cell), {
    volumes: [certsVolume],
    containers: [
      {
        name: 'etcd',
        image: 'vitess/etcd:v2.0.13-lite',
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

const vtctldLabels = { component: 'vtctld', app: 'vitess' };

export const vtctldService = (serviceType = 'ClusterIP') =>
  service('vtctld', vtctldLabels, {
    ports: [
      { name: 'web', port: 15000 },
      { name: 'grpc', port: 15999 },
    ],
    type: serviceType,
  });

export const vtctldController = (cell: string, s: VitessSettings = DEFAULT_SETTINGS) =>
  controller('vtctld', 1, vtctldLabels, {
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
            `/vt/bin/vtctld -cell ${cell} -web_dir $VTTOP/web/vtctld -web_dir2 $VTTOP/web/vtctld2/app -workflow_manager_init -workflow_manager_use_election -log_dir $VTDATAROOT/tmp -alsologtostderr -port 15000 -grpc_port 15999 -service_map 'grpc-vtctl' -topo_implementation etcd -etcd_global_addrs http://etcd-global:4001 ${s.backupFlags} ${s.testFlags}`.trimEnd(),
          ),
        ],
      },
    ],
    volumes: [syslogVolume, vtdatarootVolume, certsVolume],
  });

const vtgateLabels = (cell: string) => ({ component: 'vtgate', cell, app: 'vitess' });

export const vtgateService = (cell: string, s: VitessSettings = DEFAULT_SETTINGS) =>
  service(`vtgate-${cell}`, vtgateLabels(cell), {
    ports: [
      { name: 'web', port: 15001 },
      { name: 'grpc', port: 15991 },
      { name: 'mysql', port: s.mysqlServerPort },
    ],
    type: 'LoadBalancer',
  });

export const vtgateController = (cell: string, replicas: number, s: VitessSettings = DEFAULT_SETTINGS) =>
  controller(`vtgate-${cell}`, replicas, vtgateLabels(cell), {
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
            `/vt/bin/vtgate -topo_implementation etcd -etcd_global_addrs http://etcd-global:4001 -log_dir $VTDATAROOT/tmp -alsologtostderr -port 15001 -grpc_port 15991 -mysql_server_port ${s.mysqlServerPort} -mysql_auth_server_static_string '{\\"mysql_user\\":{\\"Password\\":\\"mysql_password\\"}}' -service_map 'grpc-vtgateservice' -cells_to_watch ${cell} -tablet_types_to_wait MASTER,REPLICA -gateway_implementation discoverygateway -cell ${cell}`,
          ),
        ],
      },
    ],
    volumes: [syslogVolume, vtdatarootVolume],
  });

/** `-80` → `xx-80`, `80-` → `80-xx`: label values may not start or end with `-`. */
export const shardLabel = (shard: string) => shard.replace(/-$/, '-xx').replace(/^-/, 'xx-');
export const tabletAlias = (cell: string, uid: number) => `${cell}-${String(uid).padStart(10, '0')}`;

export interface TabletSpec {
  cell: string;
  uid: number;
  keyspace: string;
  shard: string;
  tabletType: 'replica' | 'rdonly';
}

export function vttabletPod(t: TabletSpec, s: VitessSettings = DEFAULT_SETTINGS): KubeObject {
  const alias = tabletAlias(t.cell, t.uid);
  const dbConfig = ['app', 'dba', 'repl', 'filtered']
    .map(
      (x) =>
        `-db-config-${x}-uname vt_${x} -db-config-${x}-dbname vt_${t.keyspace} -db-config-${x}-charset utf8`,
    )
    .join(' ');
  const vttablet = `/vt/bin/vttablet -topo_implementation etcd -etcd_global_addrs http://etcd-global:4001 -log_dir $VTDATAROOT/tmp -alsologtostderr -port 15002 -grpc_port 16002 -service_map 'grpc-queryservice,grpc-tabletmanager,grpc-updatestream' -tablet-path ${alias} -tablet_hostname $(hostname -i) -init_keyspace ${t.keyspace} -init_shard ${t.shard} -init_tablet_type ${t.tabletType} -health_check_interval 5s -mysqlctl_socket $VTDATAROOT/mysqlctl.sock ${dbConfig} -enable_semi_sync -enable_replication_reporter -orc_api_url http://orchestrator/api -orc_discover_interval 5m -restore_from_backup ${s.backupFlags}`;
  const mysqlctld = `/vt/bin/mysqlctld -log_dir $VTDATAROOT/tmp -alsologtostderr -tablet_uid ${t.uid} -socket_file $VTDATAROOT/mysqlctl.sock -db-config-dba-uname vt_dba -db-config-dba-charset utf8 -init_db_sql_file $VTROOT/config/init_db.sql`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `vttablet-${t.uid}`,
      labels: {
        component: 'vttablet',
        keyspace: t.keyspace,
        shard: shardLabel(t.shard),
        tablet: alias,
        app: 'vitess',
        cell: t.cell,
      },
    },
    spec: {
      containers: [
        {
          name: 'vttablet',
          image: s.image,
          livenessProbe: liveness(15002, 60, 10),
          volumeMounts: [syslogMount, vtdatarootMount, certsMount],
          resources: { limits: { memory: '1Gi', cpu: '500m' } },
          ports: [
            { name: 'web', containerPort: 15002 },
            { name: 'grpc', containerPort: 16002 },
          ],
          command: ['bash', '-c', asVitess(vttablet)],
        },
        {
          name: 'mysql',
          image: s.image,
          volumeMounts: [syslogMount, vtdatarootMount],
          resources: { limits: { memory: '1Gi', cpu: '500m' } },
          command: ['sh', '-c', asVitess(mysqlctld)],
          env: [{ name: 'EXTRA_MY_CNF', value: '/vt/config/mycnf/master_mysql56.cnf' }],
        },
      ],
      volumes: [syslogVolume, vtdatarootVolume, certsVolume],
    },
  };
}
