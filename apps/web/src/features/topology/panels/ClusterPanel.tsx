import type { KeyspaceNode, Topology } from '@vtdeck/contracts';
import { Card, Input, Space, Table, Tag, Typography } from 'antd';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCluster } from '../../../shared/hooks/useCluster';
import { usePermissions } from '../../../shared/hooks/usePermissions';
import { paths } from '../../../shared/lib/paths';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { VtctlAction } from '../actions/VtctlAction';
import { checkKeyspaceName, type KeyspaceNameProblem } from '../lib/keyRange';

type CreateProblem = KeyspaceNameProblem | 'forbidden';

function useKeyspaceProblemText(): (p: CreateProblem, name: string) => string {
  const { t } = useTranslation();
  return (p, name) => {
    switch (p) {
      case 'forbidden':
        return t('validation.keyspaceForbidden', { name });
      case 'empty':
        return t('validation.keyspaceEmpty');
      case 'format':
        return t('validation.keyspaceFormat');
      case 'exists':
        return t('validation.keyspaceExists');
    }
  };
}

function CreateKeyspace({ existing }: { existing: string[] }) {
  const { t } = useTranslation();
  const problemText = useKeyspaceProblemText();
  const perms = usePermissions();
  const [name, setName] = useState('');
  const trimmed = name.trim();
  // Creating needs dba on the new name itself, so a dba of `customer*` may create `customer_eu` only.
  const problem: CreateProblem | null =
    checkKeyspaceName(trimmed, existing) ??
    (perms.can('vtctl.write', { keyspace: trimmed }) ? null : 'forbidden');
  return (
    <VtctlAction
      testId="create-keyspace"
      title={t('cluster.createKeyspace')}
      description={t('cluster.createKeyspaceHelp')}
      args={problem ? null : ['CreateKeyspace', trimmed]}
      buttonText={t('cluster.create')}
      onDone={() => setName('')}
    >
      <Space orientation="vertical" size={2} style={{ width: '100%', maxWidth: 360 }}>
        <Input
          data-testid="keyspace-name-input"
          placeholder={t('cluster.keyspaceNamePlaceholder')}
          value={name}
          status={name && problem ? 'error' : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        {name && problem ? (
          <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="keyspace-name-error">
            {problemText(problem, trimmed)}
          </Typography.Text>
        ) : null}
      </Space>
    </VtctlAction>
  );
}

export function ClusterPanel({ topology }: { topology: Topology }) {
  const { t } = useTranslation();
  const cluster = useCluster();
  const perms = usePermissions();
  const names = topology.items.map((k) => k.name);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="panel-cluster">
      <Card size="small" title={t('cluster.keyspaces', { count: topology.items.length })}>
        <KeyspaceTable topology={topology} cluster={cluster} />
      </Card>
      {perms.canOnSomeKeyspace('vtctl.write') ? (
        <Card size="small" title={t('cluster.actions')} styles={{ body: { paddingTop: 0 } }}>
          <CreateKeyspace existing={names} />
        </Card>
      ) : null}
    </Space>
  );
}

/**
 * One row per keyspace, memoised on the topology: the panel re-renders whenever the URL changes (the
 * router's params are context), and the topology page writes its search to the URL as you type.
 */
const KeyspaceTable = memo(function KeyspaceTable({
  topology,
  cluster,
}: {
  topology: Topology;
  cluster: string;
}) {
  const { t } = useTranslation();
  return (
    <Table<KeyspaceNode>
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={topology.items}
      locale={{ emptyText: <EmptyState description={t('topology.noKeyspaces')} /> }}
      columns={[
        {
          title: t('cluster.keyspace'),
          dataIndex: 'name',
          render: (name: string) => <Link to={paths.topology(cluster, name)}>{name}</Link>,
        },
        {
          title: t('cluster.sharding'),
          dataIndex: 'sharded',
          render: (sharded: boolean) =>
            sharded ? <Tag color="blue">{t('topology.sharded')}</Tag> : <Tag>{t('topology.unsharded')}</Tag>,
        },
        { title: t('cluster.shards'), key: 'shards', render: (_, k) => k.shards.length },
        {
          title: t('cluster.tablets'),
          key: 'tablets',
          render: (_, k) => k.shards.reduce((n, s) => n + s.tablets.length, 0),
        },
        {
          title: t('cluster.notServing'),
          key: 'notServing',
          render: (_, k) => {
            const n = k.shards.filter((s) => !s.isPrimaryServing).length;
            return n ? <Tag color="error">{n}</Tag> : <Typography.Text type="secondary">0</Typography.Text>;
          },
        },
      ]}
    />
  );
});
