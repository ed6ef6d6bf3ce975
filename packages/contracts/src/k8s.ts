import { type Static, type TSchema, Type } from 'typebox';

// The cluster (Kubernetes) part of the API: the seed's `/api/k8sns/...` routes with their
// `{Code, Message, Data}` envelope and PascalCase bodies, and the console's own typed
// `/api/v2/clusters/{cluster}/k8s/...` routes with camelCase DTOs.

// ---- name and number rules, checked before anything reaches the Kubernetes API ----

/** DNS-1123 label: namespaces. */
export const DNS1123_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
/** DNS-1123 subdomain: pods, replication controllers. */
export const DNS1123_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
/** DNS-1035 label (letter first): services. */
export const DNS1035_LABEL = '^[a-z]([-a-z0-9]*[a-z0-9])?$';
/** A Kubernetes label value (also the empty string). */
export const LABEL_VALUE = '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$';
/** A Kubernetes label key: optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
export const LABEL_KEY =
  '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$';
/** Cells become parts of service names (`etcd-<cell>-srv`), so they follow DNS-1035 and leave room. */
export const CELL_PATTERN = DNS1035_LABEL;
export const CELL_MAX = 54;
/** Vitess keyspace names; also used as a label value, hence no more than 63 characters. */
export const KEYSPACE_PATTERN = '^[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?$';
/** `0`, `-80`, `80-`, `40-80`: hex key-range bounds. */
export const SHARD_PATTERN = '^(0|[0-9a-fA-F]*-[0-9a-fA-F]*)$';
/** An image reference: registry/path:tag@digest, no spaces or shell characters. */
export const IMAGE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._/:@-]*$';
/** Extra vttablet/vtctld flags land in a shell command line: only plain flag characters. */
export const FLAGS_PATTERN = "^[-A-Za-z0-9_=.,:/' @+]*$";

const Port = (description: string) => Type.Integer({ minimum: 1, maximum: 65535, description });
const Replicas = Type.Integer({ minimum: 0, maximum: 100 });
const Cell = Type.String({
  pattern: CELL_PATTERN,
  maxLength: CELL_MAX,
  description: 'Vitess cell, e.g. zone1',
});
const Image = Type.String({ pattern: IMAGE_PATTERN, maxLength: 255 });
const Flags = Type.String({ pattern: FLAGS_PATTERN, maxLength: 1024 });
const Labels = Type.Record(Type.String(), Type.String({ pattern: LABEL_VALUE, maxLength: 63 }));

export const NamespaceName = Type.String({ pattern: DNS1123_LABEL, maxLength: 63 });
export const ObjectName = Type.String({ pattern: DNS1123_SUBDOMAIN, maxLength: 253 });
export const ServiceName = Type.String({ pattern: DNS1035_LABEL, maxLength: 63 });

// ---- seed routes (`/api/k8sns/...`) ----

/** Every answer of the seed's cluster routes: `Code` 0 and `Message` "success", or the failure. */
export const K8sEnvelope = Type.Object(
  {
    Code: Type.Integer({ description: '0 on success, else the HTTP status of the failure' }),
    Message: Type.String(),
    Data: Type.Optional(Type.Unknown()),
  },
  {
    examples: [
      { Code: 0, Message: 'success', Data: { Namespace: { metadata: { name: 'gwtest' } } } },
      { Code: 409, Message: 'namespaces "gwtest" already exists' },
    ],
  },
);
export type K8sEnvelope = Static<typeof K8sEnvelope>;

export const SeedNamespaceParams = Type.Object({ namespace: NamespaceName });
export const SeedPodParams = Type.Object({ namespace: NamespaceName, name: ObjectName });
export const SeedServiceParams = Type.Object({ namespace: NamespaceName, name: ServiceName });

export const SeedNamespaceCreate = Type.Object(
  { Name: NamespaceName, Labels: Type.Optional(Labels) },
  { examples: [{ Name: 'gwtest', Labels: { Key1: 'Value' } }] },
);
export type SeedNamespaceCreate = Static<typeof SeedNamespaceCreate>;

/** The seed's vttablet pod (`POST /api/v1/namespaces/{ns}/pods`), field names as the seed spells them. */
export const SeedPodCreate = Type.Object(
  {
    Uid: Type.Union([Type.String({ pattern: '^[0-9]{1,10}$' }), Type.Integer({ minimum: 0 })], {
      description: 'globally unique tablet uid; digits only',
    }),
    Keyspace: Type.String({ pattern: KEYSPACE_PATTERN, maxLength: 63 }),
    Shard: Type.String({ pattern: SHARD_PATTERN, maxLength: 64 }),
    ShardLable: Type.Optional(Type.String({ pattern: LABEL_VALUE, maxLength: 63 })),
    Alias: Type.String({
      pattern: '^[a-z][-a-z0-9]*-[0-9]{10}$',
      description: 'cell-uid, e.g. test-0000000100',
    }),
    VitessImage: Type.Optional(Image),
    Port: Type.Optional(Port('vttablet web port')),
    GrpcPort: Type.Optional(Port('vttablet gRPC port')),
    TabletType: Type.Optional(Type.String({ pattern: '^(replica|rdonly|spare|experimental|master)$' })),
    BackupFlags: Type.Optional(Flags),
    VtdatarootVolume: Type.Optional(
      Type.String({ maxLength: 512, description: 'emptyDir: {} or hostPath: {path: /x}' }),
    ),
    TabletSubdir: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
  },
  {
    examples: [
      {
        Uid: '100',
        Keyspace: 'test_ks',
        ShardLable: 'xx-80',
        Alias: 'test-0000000100',
        VitessImage: 'vitess/lite',
        Port: 15002,
        GrpcPort: 16002,
        TabletType: 'replica',
        BackupFlags: '-backup_storage_implementation file',
        VtdatarootVolume: 'emptyDir: {}',
        Shard: '-80',
        TabletSubdir: 'test-0000000100',
      },
    ],
  },
);
export type SeedPodCreate = Static<typeof SeedPodCreate>;

const EITHER_CASE = (names: string[]) =>
  `^(${names.flatMap((n) => [n, n.toLowerCase(), n.toUpperCase(), n[0]!.toUpperCase() + n.slice(1).toLowerCase()]).join('|')})$`;

export const SeedRcCreate = Type.Object(
  {
    Type: Type.String({
      pattern: EITHER_CASE(['Etcd', 'Vtctld', 'Vtgate']),
      description: 'Etcd, Vtctld or Vtgate',
    }),
    Cell,
    Replicas: Type.Optional(Replicas),
    VitessImage: Type.Optional(Image),
    BackupFlags: Type.Optional(Flags),
    TestFlags: Type.Optional(Flags),
    MySQLServerPort: Type.Optional(Port('vtgate MySQL protocol port')),
    MysqlServerPort: Type.Optional(Port('same as MySQLServerPort')),
  },
  { examples: [{ Type: 'Etcd', Cell: 'gwtest', Replicas: 2 }] },
);
export type SeedRcCreate = Static<typeof SeedRcCreate>;

export const SeedServiceCreate = Type.Object(
  {
    Type: Type.String({
      pattern: EITHER_CASE(['etcdlb', 'etcdcb', 'Vtctld', 'Vtgate']),
      description: 'etcdlb (etcd load balancing), etcdcb (etcd cluster bootstrap), vtctld or Vtgate',
    }),
    Cell: Type.Optional(Cell),
    ServiceType: Type.Optional(Type.String({ pattern: '^(ClusterIP|NodePort|LoadBalancer)$' })),
    MysqlServerPort: Type.Optional(Port('vtgate MySQL protocol port')),
    MySQLServerPort: Type.Optional(Port('same as MysqlServerPort')),
  },
  { examples: [{ Type: 'etcdlb', Cell: 'test' }] },
);
export type SeedServiceCreate = Static<typeof SeedServiceCreate>;

// ---- console routes (`/api/v2/clusters/{cluster}/k8s/...`) ----

export const K8sNamespaceParams = Type.Object({ cluster: Type.String(), namespace: NamespaceName });
export const K8sObjectParams = Type.Object({
  cluster: Type.String(),
  namespace: NamespaceName,
  name: ObjectName,
});
export const K8sServiceParams = Type.Object({
  cluster: Type.String(),
  namespace: NamespaceName,
  name: ServiceName,
});

export const K8sTabletParams = Type.Object({
  cluster: Type.String(),
  alias: Type.String({
    pattern: '^[A-Za-z0-9_-]+-[0-9]{1,10}$',
    description: 'tablet alias, e.g. zone1-0000000100',
  }),
});

export const K8sListQuery = Type.Object({
  labelSelector: Type.Optional(Type.String({ maxLength: 1024 })),
});
export type K8sListQuery = Static<typeof K8sListQuery>;

export const K8sLogQuery = Type.Object({
  container: Type.Optional(Type.String({ pattern: DNS1123_LABEL, maxLength: 63 })),
  tailLines: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  follow: Type.Optional(Type.Boolean()),
  timestamps: Type.Optional(Type.Boolean()),
});
export type K8sLogQuery = Static<typeof K8sLogQuery>;

export const K8sNamespaceCreate = Type.Object(
  {
    name: NamespaceName,
    labels: Type.Optional(Labels),
  },
  { examples: [{ name: 'vitess-test', labels: { team: 'dba' } }] },
);
export type K8sNamespaceCreate = Static<typeof K8sNamespaceCreate>;

export const K8sPodCreate = Type.Object(
  {
    uid: Type.Integer({ minimum: 0, maximum: 4_294_967_295 }),
    cell: Cell,
    keyspace: Type.String({ pattern: KEYSPACE_PATTERN, maxLength: 63 }),
    shard: Type.String({ pattern: SHARD_PATTERN, maxLength: 64 }),
    image: Type.Optional(Image),
    port: Type.Optional(Port('vttablet web port')),
    grpcPort: Type.Optional(Port('vttablet gRPC port')),
    tabletType: Type.Optional(Type.String({ pattern: '^(replica|rdonly|spare|experimental|master)$' })),
    backupFlags: Type.Optional(Flags),
    vtdatarootVolume: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { examples: [{ uid: 100, cell: 'zone1', keyspace: 'commerce', shard: '0', tabletType: 'replica' }] },
);
export type K8sPodCreate = Static<typeof K8sPodCreate>;

export const K8sRcType = Type.Union([Type.Literal('etcd'), Type.Literal('vtctld'), Type.Literal('vtgate')]);
export type K8sRcType = Static<typeof K8sRcType>;

export const K8sRcCreate = Type.Object(
  {
    type: K8sRcType,
    cell: Cell,
    replicas: Type.Optional(Replicas),
    image: Type.Optional(Image),
    backupFlags: Type.Optional(Flags),
    testFlags: Type.Optional(Flags),
    mysqlServerPort: Type.Optional(Port('vtgate MySQL protocol port')),
  },
  { examples: [{ type: 'vtgate', cell: 'zone1', replicas: 3 }] },
);
export type K8sRcCreate = Static<typeof K8sRcCreate>;

export const K8sServiceType = Type.Union([
  Type.Literal('etcdlb'),
  Type.Literal('etcdcb'),
  Type.Literal('vtctld'),
  Type.Literal('vtgate'),
]);
export type K8sServiceType = Static<typeof K8sServiceType>;

export const K8sServiceCreate = Type.Object(
  {
    type: K8sServiceType,
    cell: Type.Optional(Cell),
    serviceType: Type.Optional(
      Type.Union([Type.Literal('ClusterIP'), Type.Literal('NodePort'), Type.Literal('LoadBalancer')]),
    ),
    mysqlServerPort: Type.Optional(Port('vtgate MySQL protocol port')),
  },
  { examples: [{ type: 'vtgate', cell: 'zone1', serviceType: 'ClusterIP' }] },
);
export type K8sServiceCreate = Static<typeof K8sServiceCreate>;

export const K8sScale = Type.Object({ replicas: Replicas }, { examples: [{ replicas: 3 }] });
export type K8sScale = Static<typeof K8sScale>;

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const StringMap = Type.Record(Type.String(), Type.String());

export const K8sEvent = Type.Object({
  type: Type.String({ description: 'Normal or Warning' }),
  reason: Type.String(),
  message: Type.String(),
  count: Type.Integer(),
  firstSeen: Nullable(Type.String()),
  lastSeen: Nullable(Type.String()),
  source: Type.String(),
  object: Type.String({ description: 'Kind/name of the object the event is about' }),
});
export type K8sEvent = Static<typeof K8sEvent>;

export const K8sNamespace = Type.Object({
  name: Type.String(),
  phase: Type.String(),
  labels: StringMap,
  createdAt: Nullable(Type.String()),
});
export type K8sNamespace = Static<typeof K8sNamespace>;

export const K8sNamespaceList = Type.Object({ items: Type.Array(K8sNamespace) });
export type K8sNamespaceList = Static<typeof K8sNamespaceList>;

export const K8sNamespaceDetail = Type.Object({
  namespace: K8sNamespace,
  events: Type.Array(K8sEvent),
  manifest: Type.String({ description: 'the object as YAML' }),
});
export type K8sNamespaceDetail = Static<typeof K8sNamespaceDetail>;

export const K8sTabletRef = Type.Object({
  keyspace: Type.String(),
  shard: Type.String({ description: 'the shard name, `xx-80` label turned back into `-80`' }),
  alias: Type.String(),
});
export type K8sTabletRef = Static<typeof K8sTabletRef>;

export const K8sPod = Type.Object({
  name: Type.String(),
  namespace: Type.String(),
  phase: Type.String({ description: 'Pending, Running, Succeeded, Failed, Unknown' }),
  status: Type.String({ description: 'what kubectl shows: Running, ContainerCreating, Terminating, ...' }),
  ready: Type.Integer({ description: 'ready containers' }),
  containers: Type.Integer({ description: 'all containers' }),
  restarts: Type.Integer(),
  node: Nullable(Type.String()),
  podIp: Nullable(Type.String()),
  hostIp: Nullable(Type.String()),
  createdAt: Nullable(Type.String()),
  ageSeconds: Nullable(Type.Integer()),
  labels: StringMap,
  controller: Nullable(Type.String({ description: 'name of the owning ReplicationController' })),
  deleting: Type.Boolean(),
  tablet: Nullable(K8sTabletRef),
});
export type K8sPod = Static<typeof K8sPod>;

export const K8sPodList = Type.Object({ items: Type.Array(K8sPod) });
export type K8sPodList = Static<typeof K8sPodList>;

export const K8sContainer = Type.Object({
  name: Type.String(),
  image: Type.String(),
  ready: Type.Boolean(),
  restartCount: Type.Integer(),
  state: Type.String({ description: 'running, waiting, terminated or unknown' }),
  reason: Nullable(Type.String()),
  startedAt: Nullable(Type.String()),
  ports: Type.Array(
    Type.Object({ name: Nullable(Type.String()), port: Type.Integer(), protocol: Type.String() }),
  ),
  command: Type.Array(Type.String()),
  limits: StringMap,
});
export type K8sContainer = Static<typeof K8sContainer>;

export const K8sVolume = Type.Object({
  name: Type.String(),
  type: Type.String({ description: 'hostPath, emptyDir, ...' }),
  detail: Type.String(),
});
export type K8sVolume = Static<typeof K8sVolume>;

export const K8sCondition = Type.Object({
  type: Type.String(),
  status: Type.String(),
  reason: Nullable(Type.String()),
  message: Nullable(Type.String()),
  lastTransition: Nullable(Type.String()),
});
export type K8sCondition = Static<typeof K8sCondition>;

export const K8sPodDetail = Type.Object({
  pod: K8sPod,
  containers: Type.Array(K8sContainer),
  volumes: Type.Array(K8sVolume),
  conditions: Type.Array(K8sCondition),
  events: Type.Array(K8sEvent),
  manifest: Type.String(),
});
export type K8sPodDetail = Static<typeof K8sPodDetail>;

export const K8sRc = Type.Object({
  name: Type.String(),
  namespace: Type.String(),
  desired: Type.Integer(),
  current: Type.Integer(),
  ready: Type.Integer(),
  selector: StringMap,
  labels: StringMap,
  images: Type.Array(Type.String()),
  createdAt: Nullable(Type.String()),
  ageSeconds: Nullable(Type.Integer()),
  deleting: Type.Boolean(),
});
export type K8sRc = Static<typeof K8sRc>;

export const K8sRcList = Type.Object({ items: Type.Array(K8sRc) });
export type K8sRcList = Static<typeof K8sRcList>;

export const K8sRcDetail = Type.Object({
  rc: K8sRc,
  pods: Type.Array(K8sPod),
  containers: Type.Array(K8sContainer),
  volumes: Type.Array(K8sVolume),
  events: Type.Array(K8sEvent),
  manifest: Type.String(),
});
export type K8sRcDetail = Static<typeof K8sRcDetail>;

export const K8sServicePort = Type.Object({
  name: Nullable(Type.String()),
  port: Type.Integer(),
  targetPort: Type.String(),
  protocol: Type.String(),
  nodePort: Nullable(Type.Integer()),
});

export const K8sService = Type.Object({
  name: Type.String(),
  namespace: Type.String(),
  type: Type.String(),
  clusterIp: Nullable(Type.String()),
  externalIps: Type.Array(Type.String()),
  loadBalancer: Type.Array(Type.String()),
  ports: Type.Array(K8sServicePort),
  selector: StringMap,
  labels: StringMap,
  createdAt: Nullable(Type.String()),
  ageSeconds: Nullable(Type.Integer()),
});
export type K8sService = Static<typeof K8sService>;

export const K8sServiceList = Type.Object({ items: Type.Array(K8sService) });
export type K8sServiceList = Static<typeof K8sServiceList>;

export const K8sServiceDetail = Type.Object({
  service: K8sService,
  pods: Type.Array(K8sPod),
  events: Type.Array(K8sEvent),
  manifest: Type.String(),
});
export type K8sServiceDetail = Static<typeof K8sServiceDetail>;

/** What a create or delete answers: the object as the console lists it, by kind. */
export const K8sChange = Type.Object(
  {
    kind: Type.String(),
    name: Type.String(),
    namespace: Nullable(Type.String()),
  },
  { examples: [{ kind: 'Pod', name: 'vttablet-100', namespace: 'vitess' }] },
);
export type K8sChange = Static<typeof K8sChange>;
