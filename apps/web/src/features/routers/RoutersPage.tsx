import type { RouterSummary } from '@vtdeck/contracts';
import { Badge, Card, Col, Flex, Row, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRouterList } from '../../api/routers';
import { useCluster } from '../../shared/hooks/useCluster';
import { EmptyState } from '../../shared/ui/EmptyState';
import { ErrorState } from '../../shared/ui/ErrorState';
import { LoadingState } from '../../shared/ui/LoadingState';
import { formatDuration } from './lib/format';
import { routerPaths } from './lib/paths';
import { RouterStateTag } from './panels/RouterStateTag';
import { UpstreamErrorAlert } from './panels/UpstreamErrorAlert';

/** Every MySQL Router of the cluster at a glance: up or down, which routes are alive, refresh failures. */
export function RoutersPage() {
  const { t } = useTranslation();
  const cluster = useCluster();
  const list = useRouterList(cluster);

  return (
    <Flex vertical gap={12} data-testid="routers-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('routers.title')}
      </Typography.Title>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState description={t('routers.none')} />
      ) : (
        <Row gutter={[12, 12]}>
          {list.data.items.map((r) => (
            <Col key={r.name} xs={24} md={12} xl={8}>
              <RouterCard cluster={cluster} router={r} />
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}

function RouterCard({ cluster, router: r }: { cluster: string; router: RouterSummary }) {
  const { t } = useTranslation();
  const alive = r.routes.filter((x) => x.alive === true).length;
  const active = r.routes.reduce((n, x) => n + x.activeConnections, 0);
  const failing = r.metadata.some((m) => m.failing);
  return (
    <Card
      size="small"
      data-testid="router-card"
      data-router={r.name}
      title={
        <Space>
          <Link to={routerPaths.router(cluster, r.name)}>{r.name}</Link>
          <RouterStateTag state={r.state} />
        </Space>
      }
      extra={r.process ? <Typography.Text type="secondary">{r.process.version}</Typography.Text> : null}
    >
      {r.error ? (
        <UpstreamErrorAlert error={r.error} />
      ) : (
        <Flex vertical gap={8}>
          <Row gutter={8}>
            <Col span={8}>
              <Statistic
                title={t('routers.routesAlive')}
                value={`${alive} / ${r.routes.length}`}
                styles={{ content: { color: alive < r.routes.length ? '#cf1322' : undefined, fontSize: 20 } }}
              />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('routers.activeConnections')}
                value={active}
                styles={{ content: { fontSize: 20 } }}
              />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('routers.uptime')}
                value={r.process ? formatDuration(r.process.uptimeSeconds) : '—'}
                styles={{ content: { fontSize: 20 } }}
              />
            </Col>
          </Row>
          <Flex wrap gap={4}>
            {r.routes.map((x) => (
              <Tooltip
                key={x.name}
                title={t('routers.routeTip', { active: x.activeConnections, blocked: x.blockedHostCount })}
              >
                <Link to={routerPaths.route(cluster, r.name, x.name)}>
                  <Tag color={x.alive === false ? 'error' : x.alive ? 'success' : 'default'}>{x.name}</Tag>
                </Link>
              </Tooltip>
            ))}
          </Flex>
          {r.metadata.map((m) => (
            <Typography.Text key={m.name} type={m.failing ? 'danger' : 'secondary'}>
              <Badge status={failing ? 'error' : 'success'} />{' '}
              {t('routers.metadataLine', {
                name: m.name,
                cluster: m.clusterName || '—',
                failed: m.refreshFailed,
              })}
            </Typography.Text>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.url}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
