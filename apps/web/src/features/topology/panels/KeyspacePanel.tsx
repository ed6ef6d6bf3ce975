import type { KeyspaceNode, ShardNode } from '@vtdeck/contracts';
import { Card, Descriptions, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCluster } from '../../../shared/hooks/useCluster';
import { usePermissions } from '../../../shared/hooks/usePermissions';
import { paths } from '../../../shared/lib/paths';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { formatKeyRange } from '../lib/keyRange';
import {
  CreateShard,
  DeleteKeyspace,
  RebuildKeyspaceGraph,
  ValidateKeyspace,
  ValidateKeyspaceMore,
} from './KeyspaceActions';
import { ReadOnlyNote } from './ReadOnlyNote';

export function KeyspacePanel({ keyspace }: { keyspace: KeyspaceNode }) {
  const { t } = useTranslation();
  const cluster = useCluster();
  const perms = usePermissions();
  const tablets = keyspace.shards.reduce((n, s) => n + s.tablets.length, 0);
  const on = { keyspace: keyspace.name };
  const canWrite = perms.can('vtctl.write', on);
  const canDelete = perms.can('vtctl.destructive', on);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="panel-keyspace">
      <Card size="small" title={t('keyspace.title', { name: keyspace.name })}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            {
              key: 'sharding',
              label: t('cluster.sharding'),
              children: keyspace.sharded ? t('topology.sharded') : t('topology.unsharded'),
            },
            { key: 'shards', label: t('cluster.shards'), children: keyspace.shards.length },
            { key: 'tablets', label: t('cluster.tablets'), children: tablets },
          ]}
        />
        <Table<ShardNode>
          data-testid="shards-table"
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={keyspace.shards}
          locale={{ emptyText: <EmptyState description={t('keyspace.noShards')} /> }}
          columns={[
            {
              title: t('shard.name'),
              dataIndex: 'name',
              render: (name: string) => <Link to={paths.topology(cluster, keyspace.name, name)}>{name}</Link>,
            },
            { title: t('shard.keyRange'), key: 'range', render: (_, s) => formatKeyRange(s.keyRange) },
            { title: t('shard.primary'), dataIndex: 'primaryAlias', render: (a: string | null) => a ?? '—' },
            {
              title: t('shard.serving'),
              dataIndex: 'isPrimaryServing',
              render: (v: boolean) =>
                v ? (
                  <Tag color="success">{t('common.yes')}</Tag>
                ) : (
                  <Tag color="error">{t('topology.notServing')}</Tag>
                ),
            },
            { title: t('cluster.tablets'), key: 'tablets', render: (_, s) => s.tablets.length },
          ]}
        />
      </Card>
      <Card size="small" title={t('keyspace.validation')} styles={{ body: { paddingTop: 0 } }}>
        <ValidateKeyspace keyspace={keyspace.name} />
        <ValidateKeyspaceMore keyspace={keyspace.name} />
      </Card>
      {canWrite || canDelete ? (
        <Card size="small" title={t('keyspace.changes')} styles={{ body: { paddingTop: 0 } }}>
          {canWrite ? <RebuildKeyspaceGraph keyspace={keyspace.name} /> : null}
          {canWrite ? <CreateShard keyspace={keyspace} /> : null}
          {canDelete ? <DeleteKeyspace keyspace={keyspace.name} /> : null}
        </Card>
      ) : (
        <ReadOnlyNote keyspace={keyspace.name} role={perms.roleOn(on)} />
      )}
    </Space>
  );
}
