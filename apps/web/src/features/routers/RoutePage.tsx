import { Breadcrumb, Card, Col, Descriptions, Empty, Flex, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useRouteConnections, useRouteDetail, useRouterHistory } from '../../api/routers';
import { useCluster } from '../../shared/hooks/useCluster';
import { ErrorState } from '../../shared/ui/ErrorState';
import { LoadingState } from '../../shared/ui/LoadingState';
import { LineChart } from './charts/LineChart';
import { formatRate } from './lib/format';
import { routerPaths } from './lib/paths';
import { ConnectionsTable } from './panels/ConnectionsTable';
import { AliveTag } from './panels/RouterStateTag';
import { bindOf } from './panels/RoutesTable';

/** One route: its config, destinations, blocked hosts, traffic and open connections. */
export function RoutePage() {
  const { t } = useTranslation();
  const cluster = useCluster();
  const params = useParams();
  const router = params.router ?? '';
  const routeName = params.route ?? '';
  const detail = useRouteDetail(cluster, router, routeName);
  const connections = useRouteConnections(cluster, router, routeName);
  const history = useRouterHistory(cluster, router);
  const series = history.data?.routes.find((r) => r.name === routeName);
  const route = detail.data?.route;
  const bytes = connections.data?.bytes;

  return (
    <Flex vertical gap={12} data-testid="route-page">
      <Breadcrumb
        items={[
          { title: <Link to={routerPaths.list(cluster)}>{t('routers.title')}</Link> },
          { title: <Link to={routerPaths.router(cluster, router)}>{router}</Link> },
          { title: routeName },
        ]}
      />
      <Flex align="center" gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {routeName}
        </Typography.Title>
        {route ? <AliveTag alive={route.alive} /> : null}
      </Flex>
      {detail.isError ? <ErrorState error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.isPending ? <LoadingState /> : null}
      {route ? (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={9}>
            <Card size="small" title={t('routers.route.config')} style={{ height: '100%' }}>
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'bind', label: t('routers.routes.bind'), children: bindOf(route) },
                  {
                    key: 'protocol',
                    label: t('routers.routes.protocol'),
                    children: route.config?.protocol ?? '—',
                  },
                  {
                    key: 'strategy',
                    label: t('routers.routes.strategy'),
                    children: route.config?.routingStrategy ?? '—',
                  },
                  {
                    key: 'connections',
                    label: t('routers.route.connections'),
                    children: `${route.activeConnections} / ${route.config?.maxActiveConnections ?? '—'} (${t('routers.route.totalSinceStart', { count: route.totalConnections })})`,
                  },
                  {
                    key: 'maxErrors',
                    label: t('routers.route.maxConnectErrors'),
                    children: route.config?.maxConnectErrors ?? '—',
                  },
                  {
                    key: 'timeouts',
                    label: t('routers.route.timeouts'),
                    children: `${route.config?.clientConnectTimeoutInMs ?? '—'} / ${route.config?.destinationConnectTimeoutInMs ?? '—'} ms`,
                  },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} lg={9}>
            <Card
              size="small"
              title={t('routers.routes.destinations')}
              style={{ height: '100%' }}
              styles={{ body: { overflowX: 'auto' } }}
              data-testid="route-destinations"
            >
              {route.destinations.length === 0 ? (
                <Typography.Text type="danger">{t('routers.routes.noDestinations')}</Typography.Text>
              ) : (
                <Flex vertical>
                  {route.destinations.map((d) => (
                    <Typography.Text
                      key={`${d.address}:${d.port}`}
                      style={{ fontSize: 12, whiteSpace: 'nowrap' }}
                    >
                      {d.address}:{d.port}
                    </Typography.Text>
                  ))}
                </Flex>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={6}>
            <Card
              size="small"
              title={t('routers.route.blockedHosts')}
              style={{ height: '100%' }}
              data-testid="route-blocked-hosts"
            >
              {detail.data && detail.data.blockedHosts.length > 0 ? (
                <Flex wrap gap={4}>
                  {detail.data.blockedHosts.map((h) => (
                    <Tag key={h} color="warning">
                      {h}
                    </Tag>
                  ))}
                </Flex>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('routers.route.noBlockedHosts')} />
              )}
            </Card>
          </Col>
        </Row>
      ) : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('routers.charts.bytes')}>
            <LineChart
              testId="chart-bytes"
              times={bytes?.times ?? []}
              series={[
                { name: t('routers.charts.toServer'), values: bytes?.toServer ?? [] },
                { name: t('routers.charts.fromServer'), values: bytes?.fromServer ?? [] },
              ]}
              formatValue={formatRate}
              emptyText={t('routers.charts.bytesWaiting')}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('routers.charts.activeRoute')}>
            <LineChart
              testId="chart-route-active"
              area
              times={history.data?.times ?? []}
              series={series ? [{ name: routeName, values: series.active }] : []}
              emptyText={t('routers.charts.noData')}
            />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={t('routers.connections.title', { count: connections.data?.items.length ?? 0 })}
        styles={{ body: { padding: 0 } }}
      >
        {connections.isError ? (
          <ErrorState error={connections.error} onRetry={() => void connections.refetch()} />
        ) : (
          <ConnectionsTable items={connections.data?.items ?? []} loading={connections.isPending} />
        )}
      </Card>
    </Flex>
  );
}
