import type { KeyspaceNode, ShardNode, TabletNode } from '@vtdeck/contracts';
import { Alert, Card, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTabletDetail } from '../../../api/tablet';
import { useCluster } from '../../../shared/hooks/useCluster';
import { usePermissions } from '../../../shared/hooks/usePermissions';
import { paths } from '../../../shared/lib/paths';
import { ErrorState } from '../../../shared/ui/ErrorState';
import { LoadingState } from '../../../shared/ui/LoadingState';
import { VtctlAction } from '../actions/VtctlAction';
import { formatKeyRange } from '../lib/keyRange';
import { TabletTypeTag } from '../TabletTypeTag';
import { ReadOnlyNote } from './ReadOnlyNote';
import { TabletSchema } from './TabletSchema';

function TabletInfo({ tablet }: { tablet: TabletNode }) {
  const { t } = useTranslation();
  const cluster = useCluster();
  const detail = useTabletDetail(cluster, tablet.alias);
  if (detail.isPending) return <LoadingState />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const { tablet: tb, health, errors } = detail.data;
  const yesNo = (v: boolean) =>
    v ? <Tag color="success">{t('common.yes')}</Tag> : <Tag color="error">{t('common.no')}</Tag>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {errors.length ? (
        <Alert
          type="warning"
          showIcon
          title={t('tablet.partial')}
          description={errors.map((e) => `${e.source}: ${e.message}`).join('\n')}
          data-testid="tablet-partial"
        />
      ) : null}
      <Descriptions
        data-testid="tablet-detail"
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'type', label: t('tablet.type'), children: <TabletTypeTag type={tb.type} /> },
          { key: 'hostname', label: t('tablet.hostname'), children: tb.hostname },
          { key: 'ks', label: t('tablet.keyspaceShard'), children: `${tb.keyspace}/${tb.shard}` },
          { key: 'range', label: t('shard.keyRange'), children: formatKeyRange(tb.keyRange) },
          { key: 'cell', label: t('tablet.cell'), children: tb.cell },
          { key: 'primary', label: t('topology.primary'), children: yesNo(tb.isPrimary) },
          { key: 'serving', label: t('shard.serving'), children: yesNo(tb.serving) },
          { key: 'port', label: t('tablet.mysqlPort'), children: tb.mysqlPort ?? '—' },
          {
            key: 'health',
            label: t('tablet.health'),
            span: 'filled',
            children: health ? (
              <Space wrap data-testid="tablet-health">
                {yesNo(health.serving)}
                <span>{t('tablet.lag', { seconds: health.secondsBehindPrimary })}</span>
                <span>{t('tablet.qps', { qps: health.qps.toFixed(1) })}</span>
                {health.healthError ? <Tag color="error">{health.healthError}</Tag> : null}
              </Space>
            ) : (
              t('tablet.noHealth')
            ),
          },
        ]}
      />
    </Space>
  );
}

export function TabletPanel({
  keyspace,
  shard,
  tablet,
}: {
  keyspace: KeyspaceNode;
  shard: ShardNode;
  tablet: TabletNode;
}) {
  const { t } = useTranslation();
  const perms = usePermissions();
  const cluster = useCluster();
  const on = { keyspace: keyspace.name };
  const canWrite = perms.can('vtctl.write', on);
  const canReparent = perms.can('vtctl.destructive', on);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="panel-tablet">
      <Card
        size="small"
        title={t('tablet.title', { alias: tablet.alias, shard: `${keyspace.name}/${shard.name}` })}
        extra={
          <Link to={paths.k8sTabletPod(cluster, tablet.alias)} data-testid="tablet-pod-link">
            {t('k8s.tabletPod')}
          </Link>
        }
      >
        <TabletInfo tablet={tablet} />
      </Card>
      <Card size="small" title={t('tablet.actions')} styles={{ body: { paddingTop: 0 } }}>
        <VtctlAction
          testId="ping"
          title="Ping"
          description={t('tablet.pingHelp')}
          args={['Ping', tablet.alias]}
          buttonText={t('tablet.ping')}
        />
        {canWrite ? (
          <VtctlAction
            testId="refresh-state"
            title="RefreshState"
            description={t('tablet.refreshHelp')}
            args={['RefreshState', tablet.alias]}
            buttonText={t('tablet.refresh')}
          />
        ) : null}
        {canReparent ? (
          <VtctlAction
            testId="reparent-tablet"
            danger
            title="ReparentTablet"
            description={t('tablet.reparentHelp')}
            args={['ReparentTablet', tablet.alias]}
            buttonText={t('tablet.reparent')}
            disabled={tablet.isPrimary}
            confirm={{
              expected: tablet.alias,
              title: t('tablet.reparentConfirmTitle', { alias: tablet.alias }),
              warning: t('tablet.reparentWarning'),
            }}
          />
        ) : null}
        {canWrite || canReparent ? null : (
          <div style={{ paddingTop: 12 }}>
            <ReadOnlyNote keyspace={keyspace.name} role={perms.roleOn(on)} />
          </div>
        )}
      </Card>
      <TabletSchema alias={tablet.alias} />
    </Space>
  );
}
