import { CrownFilled } from '@ant-design/icons';
import type { KeyspaceNode, ShardNode, TabletNode } from '@vtdeck/contracts';
import { Card, Descriptions, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCluster } from '../../../shared/hooks/useCluster';
import { usePermissions } from '../../../shared/hooks/usePermissions';
import { paths } from '../../../shared/lib/paths';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { formatKeyRange } from '../lib/keyRange';
import { TabletTypeTag } from '../TabletTypeTag';
import { ReadOnlyNote } from './ReadOnlyNote';
import { DeleteShard, InitShardMaster } from './ShardActions';

export function ShardPanel({ keyspace, shard }: { keyspace: KeyspaceNode; shard: ShardNode }) {
  const { t } = useTranslation();
  const cluster = useCluster();
  const perms = usePermissions();
  const on = { keyspace: keyspace.name };
  // InitShardMaster and DeleteShard are both destructive in the BFF's command table.
  const canChange = perms.can('vtctl.destructive', on);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="panel-shard">
      <Card size="small" title={t('shard.title', { name: `${keyspace.name}/${shard.name}` })}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'range', label: t('shard.keyRange'), children: formatKeyRange(shard.keyRange) },
            {
              key: 'primary',
              label: t('shard.primary'),
              children: shard.primaryAlias ?? t('topology.noPrimary'),
            },
            {
              key: 'serving',
              label: t('shard.serving'),
              children: shard.isPrimaryServing ? t('common.yes') : t('topology.notServing'),
            },
          ]}
        />
        <Table<TabletNode>
          data-testid="tablets-table"
          size="small"
          rowKey="alias"
          pagination={shard.tablets.length > 50 ? { pageSize: 50 } : false}
          dataSource={shard.tablets}
          locale={{ emptyText: <EmptyState description={t('shard.noTablets')} /> }}
          columns={[
            {
              title: t('tablet.alias'),
              dataIndex: 'alias',
              render: (alias: string, tb) => (
                <Space size={4}>
                  {tb.isPrimary ? (
                    <CrownFilled style={{ color: '#d89614' }} title={t('topology.primary')} />
                  ) : null}
                  <Link to={paths.topology(cluster, keyspace.name, shard.name, alias)}>{alias}</Link>
                </Space>
              ),
            },
            {
              title: t('tablet.type'),
              dataIndex: 'type',
              render: (type: string) => <TabletTypeTag type={type} />,
            },
            { title: t('tablet.cell'), dataIndex: 'cell' },
            { title: t('tablet.hostname'), dataIndex: 'hostname' },
            {
              title: t('shard.serving'),
              dataIndex: 'serving',
              render: (v: boolean) =>
                v ? (
                  <Tag color="success">{t('common.yes')}</Tag>
                ) : (
                  <Tag color="error">{t('topology.notServing')}</Tag>
                ),
            },
          ]}
        />
      </Card>
      {canChange ? (
        <Card size="small" title={t('shard.actions')} styles={{ body: { paddingTop: 0 } }}>
          <InitShardMaster keyspace={keyspace} shard={shard} />
          <DeleteShard keyspace={keyspace} shard={shard} />
        </Card>
      ) : (
        <ReadOnlyNote keyspace={keyspace.name} role={perms.roleOn(on)} />
      )}
    </Space>
  );
}
