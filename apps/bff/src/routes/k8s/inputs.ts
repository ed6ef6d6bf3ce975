import type { V1Namespace, V1Pod, V1ReplicationController, V1Service } from '@kubernetes/client-node';
import {
  type K8sPodCreate,
  type K8sRcCreate,
  type K8sServiceCreate,
  LABEL_KEY,
  type SeedNamespaceCreate,
  type SeedPodCreate,
  type SeedRcCreate,
  type SeedServiceCreate,
} from '@vtdeck/contracts';
import { parse as parseYaml } from 'yaml';
import { badRequest } from '../../http/app-error';
import { templates } from '../../upstreams/k8s';

// Request bodies (the seed's PascalCase and the console's camelCase) → the objects the Vitess
// templates build. The schemas already checked each field's shape; what needs more than one field,
// or parsing, is checked here, with a 400 naming the field, before anything reaches Kubernetes.

const LABEL_KEY_RE = new RegExp(LABEL_KEY);
const UID_MAX = 4_294_967_295;

export function checkLabels(
  labels: Record<string, string> | undefined,
  field: string,
): Record<string, string> {
  for (const key of Object.keys(labels ?? {})) {
    const name = key.split('/').pop() ?? '';
    if (!LABEL_KEY_RE.test(key) || name.length > 63 || key.length > 316) {
      throw badRequest(
        `${field} key ${JSON.stringify(key)} is not a valid label key: an optional DNS prefix and "/", then at most 63 of A-Z a-z 0-9 - _ . starting and ending with a letter or digit`,
      );
    }
  }
  return labels ?? {};
}

export function namespaceObject(
  name: string,
  labels: Record<string, string> | undefined,
  field: string,
): V1Namespace {
  const checked = checkLabels(labels, field);
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, ...(Object.keys(checked).length ? { labels: checked } : {}) },
  };
}

export const seedNamespace = (body: SeedNamespaceCreate) =>
  namespaceObject(body.Name, body.Labels, 'body/Labels');

/**
 * The seed's `VtdatarootVolume` is a YAML fragment substituted into the pod template: `emptyDir: {}`
 * or `hostPath: {path: /data}` (the seed's own example spells it `empdir: {}`).
 */
export function parseVolume(text: string | undefined, field: string): templates.VolumeSource {
  if (text === undefined || text.trim() === '') return templates.EMPTY_DIR;
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch {
    throw badRequest(
      `${field} must be a YAML volume source such as "emptyDir: {}" or "hostPath: {path: /vt/data}"`,
    );
  }
  const entries =
    parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : [];
  const [kind, value] = entries[0] ?? [];
  if (
    entries.length === 1 &&
    (kind === 'emptyDir' || kind === 'empdir') &&
    (value === null || typeof value === 'object')
  ) {
    return templates.EMPTY_DIR;
  }
  if (entries.length === 1 && kind === 'hostPath' && value && typeof value === 'object') {
    const path = (value as { path?: unknown }).path;
    if (typeof path === 'string' && /^\/[A-Za-z0-9._/-]*$/.test(path) && !path.split('/').includes('..')) {
      return { hostPath: { path } };
    }
    throw badRequest(`${field} hostPath.path must be an absolute path without ".."`);
  }
  throw badRequest(`${field} must be "emptyDir: {}" or "hostPath: {path: /absolute/path}"`);
}

function checkUid(uid: number, field: string): number {
  if (!Number.isSafeInteger(uid) || uid < 0 || uid > UID_MAX)
    throw badRequest(`${field} must be a number from 0 to ${UID_MAX}`);
  return uid;
}

function checkPorts(port: number, grpcPort: number, fields: [string, string]): void {
  if (port === grpcPort) throw badRequest(`${fields[1]} must differ from ${fields[0]} (both are ${port})`);
}

export function seedTabletPod(body: SeedPodCreate): V1Pod {
  const uid = checkUid(Number(body.Uid), 'body/Uid');
  const match = /^(.+)-(\d{10})$/.exec(body.Alias);
  const cell = match?.[1] ?? '';
  if (Number(match?.[2]) !== uid) {
    throw badRequest(
      `body/Alias "${body.Alias}" does not match body/Uid ${uid} (expected ${templates.tabletAlias(cell || 'cell', uid)})`,
    );
  }
  if (cell.length > 54 || !/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(cell)) {
    throw badRequest(`body/Alias cell "${cell}" must be a lower-case DNS label starting with a letter`);
  }
  const port = body.Port ?? templates.VTTABLET_PORT;
  const grpcPort = body.GrpcPort ?? templates.VTTABLET_GRPC_PORT;
  checkPorts(port, grpcPort, ['body/Port', 'body/GrpcPort']);
  return templates.vttabletPod({
    uid,
    cell,
    keyspace: body.Keyspace,
    shard: body.Shard,
    ...(body.ShardLable ? { shardLabel: body.ShardLable } : {}),
    image: body.VitessImage ?? templates.DEFAULT_VITESS_IMAGE,
    port,
    grpcPort,
    tabletType: body.TabletType ?? 'replica',
    backupFlags: body.BackupFlags ?? '',
    vtdatarootVolume: parseVolume(body.VtdatarootVolume, 'body/VtdatarootVolume'),
  });
}

export function tabletPod(body: K8sPodCreate): V1Pod {
  const uid = checkUid(body.uid, 'body/uid');
  const port = body.port ?? templates.VTTABLET_PORT;
  const grpcPort = body.grpcPort ?? templates.VTTABLET_GRPC_PORT;
  checkPorts(port, grpcPort, ['body/port', 'body/grpcPort']);
  return templates.vttabletPod({
    uid,
    cell: body.cell,
    keyspace: body.keyspace,
    shard: body.shard,
    image: body.image ?? templates.DEFAULT_VITESS_IMAGE,
    port,
    grpcPort,
    tabletType: body.tabletType ?? 'replica',
    backupFlags: body.backupFlags ?? '',
    vtdatarootVolume: parseVolume(body.vtdatarootVolume, 'body/vtdatarootVolume'),
  });
}

export function replicationController(body: K8sRcCreate): V1ReplicationController {
  const image = body.image ?? templates.DEFAULT_VITESS_IMAGE;
  switch (body.type) {
    case 'etcd':
      return templates.etcdController(body.cell, body.replicas ?? 3);
    case 'vtctld':
      return templates.vtctldController({
        cell: body.cell,
        replicas: body.replicas ?? 1,
        image,
        backupFlags: body.backupFlags ?? '',
        testFlags: body.testFlags ?? '',
      });
    case 'vtgate':
      return templates.vtgateController({
        cell: body.cell,
        replicas: body.replicas ?? 3,
        image,
        mysqlServerPort: body.mysqlServerPort ?? templates.MYSQL_SERVER_PORT,
      });
  }
}

export function seedReplicationController(body: SeedRcCreate): V1ReplicationController {
  return replicationController({
    type: body.Type.toLowerCase() as K8sRcCreate['type'],
    cell: body.Cell,
    ...(body.Replicas !== undefined ? { replicas: body.Replicas } : {}),
    ...(body.VitessImage ? { image: body.VitessImage } : {}),
    ...(body.BackupFlags ? { backupFlags: body.BackupFlags } : {}),
    ...(body.TestFlags ? { testFlags: body.TestFlags } : {}),
    ...((body.MySQLServerPort ?? body.MysqlServerPort) !== undefined
      ? { mysqlServerPort: body.MySQLServerPort ?? body.MysqlServerPort }
      : {}),
  });
}

export function service(body: K8sServiceCreate, fields = { cell: 'body/cell' }): V1Service {
  const needCell = (): string => {
    if (!body.cell) throw badRequest(`${fields.cell} is required for service type ${body.type}`);
    return body.cell;
  };
  switch (body.type) {
    case 'etcdlb':
      return templates.etcdService(needCell());
    case 'etcdcb':
      return templates.etcdSrvService(needCell());
    case 'vtctld':
      return templates.vtctldService(body.serviceType ?? 'ClusterIP');
    case 'vtgate':
      return templates.vtgateService(needCell(), body.mysqlServerPort ?? templates.MYSQL_SERVER_PORT);
  }
}

export function seedService(body: SeedServiceCreate): V1Service {
  const port = body.MysqlServerPort ?? body.MySQLServerPort;
  return service(
    {
      type: body.Type.toLowerCase() as K8sServiceCreate['type'],
      ...(body.Cell ? { cell: body.Cell } : {}),
      ...(body.ServiceType ? { serviceType: body.ServiceType as K8sServiceCreate['serviceType'] } : {}),
      ...(port !== undefined ? { mysqlServerPort: port } : {}),
    },
    { cell: 'body/Cell' },
  );
}

/** The audit arguments of a create: kind/name, then the fields as given. */
export function createArgs(kind: string, name: string | undefined, body: object): string[] {
  return [
    `${kind}/${name ?? ''}`,
    ...Object.entries(body).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`),
  ];
}
