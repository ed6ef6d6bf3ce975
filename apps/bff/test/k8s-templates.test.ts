import { describe, expect, it } from 'vitest';
import { parseVolume, seedReplicationController, seedService, seedTabletPod } from '../src/routes/k8s/inputs';
import { shardFromLabel, tabletRef } from '../src/upstreams/k8s/mapping';
import * as t from '../src/upstreams/k8s/templates';

describe('Vitess templates', () => {
  it('builds the etcd services and controller of a cell', () => {
    const lb = t.etcdService('zone1');
    expect(lb.metadata).toEqual({
      name: 'etcd-zone1',
      labels: { component: 'etcd', cell: 'zone1', app: 'vitess' },
    });
    expect(lb.spec?.ports).toEqual([{ port: 4001 }]);
    expect(lb.spec?.selector).toEqual(lb.metadata?.labels);

    const srv = t.etcdSrvService('zone1');
    expect(srv.metadata?.name).toBe('etcd-zone1-srv');
    expect(srv.spec).toMatchObject({ clusterIP: 'None', ports: [{ name: 'etcd-server', port: 7001 }] });

    const rc = t.etcdController('zone1', 3);
    expect(rc.metadata?.name).toBe('etcd-zone1');
    expect(rc.spec?.replicas).toBe(3);
    expect(rc.spec?.selector).toBeUndefined();
    expect(rc.spec?.template?.metadata?.labels).toEqual({ component: 'etcd', cell: 'zone1', app: 'vitess' });
    const etcd = rc.spec?.template?.spec?.containers[0];
    expect(etcd?.image).toBe('vitess/etcd:v2.0.13-lite');
    expect(etcd?.resources?.limits).toEqual({ memory: '128Mi', cpu: '100m' });
    expect(etcd?.command?.[2]).toContain(
      'etcdctl -C "http://etcd-global:4001" set "/vt/cells/zone1" "http://etcd-zone1:4001"',
    );
    expect(etcd?.command?.[2]).toContain('until [ $(getsrv etcd-server tcp etcd-zone1-srv | wc -l) -eq 3 ]');
    // The global cell does not register itself.
    expect(t.etcdController('global', 3).spec?.template?.spec?.containers[0]?.command?.[2]).not.toContain(
      '/vt/cells/',
    );
  });

  it('builds vtctld with the cell, backup and test flags', () => {
    expect(t.vtctldService('NodePort').spec).toMatchObject({
      type: 'NodePort',
      ports: [
        { name: 'web', port: 15000 },
        { name: 'grpc', port: 15999 },
      ],
      selector: { component: 'vtctld', app: 'vitess' },
    });
    const rc = t.vtctldController({
      cell: 'zone1',
      replicas: 1,
      image: 'registry/vitess/lite:v2',
      backupFlags: "-backup_storage_implementation file -file_backup_storage_root '/backups'",
      testFlags: '-enable_queries',
    });
    const c = rc.spec?.template?.spec?.containers[0];
    expect(rc.metadata?.name).toBe('vtctld');
    expect(c?.image).toBe('registry/vitess/lite:v2');
    expect(c?.livenessProbe?.httpGet).toEqual({ path: '/debug/vars', port: 15000 });
    expect(c?.command?.slice(0, 2)).toEqual(['sh', '-c']);
    expect(c?.command?.[2]).toBe(
      `mkdir -p $VTDATAROOT/tmp && chown -R vitess /vt && su -p -c "/vt/bin/vtctld -cell zone1 -web_dir $VTTOP/web/vtctld -web_dir2 $VTTOP/web/vtctld2/app -workflow_manager_init -workflow_manager_use_election -log_dir $VTDATAROOT/tmp -alsologtostderr -port 15000 -grpc_port 15999 -service_map 'grpc-vtctl' -topo_implementation etcd -etcd_global_addrs http://etcd-global:4001 -backup_storage_implementation file -file_backup_storage_root '/backups' -enable_queries" vitess`,
    );
    expect(rc.spec?.template?.spec?.volumes?.map((v) => v.name)).toEqual(['syslog', 'vtdataroot', 'certs']);
  });

  it('builds vtgate with its MySQL port on the service and the command line', () => {
    const svc = t.vtgateService('zone2', 3307);
    expect(svc.metadata?.name).toBe('vtgate-zone2');
    expect(svc.spec?.type).toBe('LoadBalancer');
    expect(svc.spec?.ports?.map((p) => [p.name, p.port])).toEqual([
      ['web', 15001],
      ['grpc', 15991],
      ['mysql', 3307],
    ]);
    const rc = t.vtgateController({
      cell: 'zone2',
      replicas: 2,
      image: 'vitess/lite',
      mysqlServerPort: 3307,
    });
    const cmd = rc.spec?.template?.spec?.containers[0]?.command?.[2] ?? '';
    expect(rc.spec?.template?.metadata?.labels).toEqual({
      component: 'vtgate',
      cell: 'zone2',
      app: 'vitess',
    });
    expect(cmd).toContain('-mysql_server_port 3307');
    expect(cmd).toContain('-cells_to_watch zone2');
    expect(cmd).toContain('-cell zone2');
    expect(rc.spec?.template?.spec?.containers[0]?.resources?.limits).toEqual({
      memory: '512Mi',
      cpu: '500m',
    });
  });

  it('builds a vttablet pod named by uid with the tablet labels and both containers', () => {
    const pod = t.vttabletPod({
      uid: 200,
      cell: 'test',
      keyspace: 'test_ks',
      shard: '-80',
      image: 'vitess/lite',
      port: 15002,
      grpcPort: 16002,
      tabletType: 'rdonly',
      backupFlags: '-backup_storage_implementation file',
      vtdatarootVolume: { hostPath: { path: '/data' } },
    });
    expect(pod.metadata?.name).toBe('vttablet-200');
    expect(pod.metadata?.labels).toEqual({
      component: 'vttablet',
      keyspace: 'test_ks',
      shard: 'xx-80',
      tablet: 'test-0000000200',
      app: 'vitess',
      cell: 'test',
    });
    const [vttablet, mysql] = pod.spec?.containers ?? [];
    expect(vttablet?.ports).toEqual([
      { name: 'web', containerPort: 15002 },
      { name: 'grpc', containerPort: 16002 },
    ]);
    expect(vttablet?.command?.[2]).toContain(
      '-tablet-path test-0000000200 -tablet_hostname $(hostname -i) -init_keyspace test_ks -init_shard -80 -init_tablet_type rdonly',
    );
    expect(vttablet?.command?.[2]).toContain(
      '-db-config-filtered-uname vt_filtered -db-config-filtered-dbname vt_test_ks',
    );
    expect(vttablet?.command?.[2]).toContain(
      '-restore_from_backup -backup_storage_implementation file" vitess',
    );
    expect(mysql?.name).toBe('mysql');
    expect(mysql?.command?.[2]).toContain('-tablet_uid 200 -socket_file $VTDATAROOT/mysqlctl.sock');
    expect(mysql?.env).toEqual([{ name: 'EXTRA_MY_CNF', value: '/vt/config/mycnf/master_mysql56.cnf' }]);
    expect(pod.spec?.volumes?.find((v) => v.name === 'vtdataroot')).toEqual({
      name: 'vtdataroot',
      hostPath: { path: '/data' },
    });
  });

  it('turns shard names into label values and back', () => {
    expect(['-80', '80-', '0', '40-80', '-'].map(t.shardLabel)).toEqual([
      'xx-80',
      '80-xx',
      '0',
      '40-80',
      'xx-xx',
    ]);
    expect(['xx-80', '80-xx', '0', '40-80', 'xx-xx'].map(shardFromLabel)).toEqual([
      '-80',
      '80-',
      '0',
      '40-80',
      '-',
    ]);
    expect(
      tabletRef({
        app: 'vitess',
        component: 'vttablet',
        keyspace: 'ks',
        shard: 'xx-80',
        tablet: 'z-0000000001',
      }),
    ).toEqual({
      keyspace: 'ks',
      shard: '-80',
      alias: 'z-0000000001',
    });
    expect(tabletRef({ app: 'vitess', component: 'vtgate' })).toBeNull();
  });
});

describe('seed bodies', () => {
  const pod = {
    Uid: '100',
    Keyspace: 'test_ks',
    ShardLable: 'xx-80',
    Alias: 'test-0000000100',
    VitessImage: '192.168.212.19/vitesslite:0.1.7',
    Port: 3333,
    GrpcPort: 34556,
    TabletType: 'replica',
    BackupFlags: '/export',
    VtdatarootVolume: 'empdir: {}',
    Shard: '-80',
    TabletSubdir: 'test-0000000100',
  };

  it('accepts the seed example pod, including its `empdir` spelling', () => {
    const built = seedTabletPod(pod);
    expect(built.metadata?.name).toBe('vttablet-100');
    expect(built.metadata?.labels?.tablet).toBe('test-0000000100');
    expect(built.spec?.containers[0]?.ports?.map((p) => p.containerPort)).toEqual([3333, 34556]);
    expect(built.spec?.volumes?.find((v) => v.name === 'vtdataroot')?.emptyDir).toEqual({});
  });

  it('refuses an alias that does not match the uid, naming both fields', () => {
    expect(() => seedTabletPod({ ...pod, Alias: 'test-0000000101' })).toThrow(
      /body\/Alias .* does not match body\/Uid 100/,
    );
    expect(() => seedTabletPod({ ...pod, GrpcPort: 3333 })).toThrow(
      /body\/GrpcPort must differ from body\/Port/,
    );
  });

  it('parses volume fragments and refuses anything else', () => {
    expect(parseVolume('emptyDir: {}', 'v')).toEqual({ emptyDir: {} });
    expect(parseVolume('hostPath: {path: /vt/data}', 'v')).toEqual({ hostPath: { path: '/vt/data' } });
    expect(() => parseVolume('hostPath: {path: ../etc}', 'body/VtdatarootVolume')).toThrow(
      /body\/VtdatarootVolume hostPath.path/,
    );
    expect(() => parseVolume('secret: {secretName: x}', 'body/VtdatarootVolume')).toThrow(
      /body\/VtdatarootVolume must be/,
    );
    expect(() => parseVolume('{{', 'body/VtdatarootVolume')).toThrow(
      /body\/VtdatarootVolume must be a YAML volume source/,
    );
  });

  it('maps the seed RC and service types whatever their case', () => {
    expect(seedReplicationController({ Type: 'Etcd', Cell: 'gwtest', Replicas: 2 }).metadata?.name).toBe(
      'etcd-gwtest',
    );
    expect(
      seedReplicationController({ Type: 'vtgate', Cell: 'gwtest', MySQLServerPort: 3306 }).metadata?.name,
    ).toBe('vtgate-gwtest');
    expect(seedService({ Type: 'etcdcb', Cell: 'gwtest' }).metadata?.name).toBe('etcd-gwtest-srv');
    expect(seedService({ Type: 'Vtgate', Cell: 'gw-test', MysqlServerPort: 3306 }).metadata?.name).toBe(
      'vtgate-gw-test',
    );
    expect(() => seedService({ Type: 'etcdlb' })).toThrow('body/Cell is required for service type etcdlb');
  });
});
