import type { Route } from '@vtdeck/contracts';
import { Card, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { routerPaths } from '../lib/paths';
import { AliveTag } from './RouterStateTag';

export function bindOf(r: Route): string {
  const c = r.config;
  if (!c) return '—';
  const tcp = c.bindPort !== undefined ? `${c.bindAddress ?? '0.0.0.0'}:${c.bindPort}` : '';
  return [tcp, c.socket].filter(Boolean).join(' · ') || '—';
}

export function RoutesTable({
  cluster,
  router,
  routes,
}: {
  cluster: string;
  router: string;
  routes: Route[];
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('routers.routes.title')} styles={{ body: { padding: 0 } }}>
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={routes}
        data-testid="routes-table"
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (r.alive === false ? 'route-dead' : '')}
        onRow={(r) => ({ 'data-route': r.name }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'name',
            title: t('routers.routes.name'),
            render: (_, r) => <Link to={routerPaths.route(cluster, router, r.name)}>{r.name}</Link>,
          },
          {
            key: 'bind',
            title: t('routers.routes.bind'),
            render: (_, r) => (
              <Flex vertical>
                <span>
                  {r.config?.bindPort !== undefined
                    ? `${r.config.bindAddress ?? '0.0.0.0'}:${r.config.bindPort}`
                    : '—'}
                </span>
                {r.config?.socket ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.config.socket}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            key: 'protocol',
            title: t('routers.routes.protocol'),
            render: (_, r) => r.config?.protocol ?? '—',
          },
          {
            key: 'strategy',
            title: t('routers.routes.strategy'),
            render: (_, r) => r.config?.routingStrategy ?? '—',
          },
          { key: 'alive', title: t('routers.routes.alive'), render: (_, r) => <AliveTag alive={r.alive} /> },
          {
            key: 'active',
            title: t('routers.routes.active'),
            align: 'right',
            dataIndex: 'activeConnections',
            sorter: (a, b) => a.activeConnections - b.activeConnections,
          },
          {
            key: 'total',
            title: t('routers.routes.total'),
            align: 'right',
            dataIndex: 'totalConnections',
            sorter: (a, b) => a.totalConnections - b.totalConnections,
          },
          {
            key: 'blocked',
            title: t('routers.routes.blocked'),
            align: 'right',
            render: (_, r) =>
              r.blockedHostCount > 0 ? (
                <Tag color="warning">{r.blockedHostCount}</Tag>
              ) : (
                <Typography.Text type="secondary">0</Typography.Text>
              ),
          },
          {
            key: 'destinations',
            title: t('routers.routes.destinations'),
            render: (_, r) =>
              r.destinations.length === 0 ? (
                <Typography.Text type="danger">{t('routers.routes.noDestinations')}</Typography.Text>
              ) : (
                <Flex vertical>
                  {r.destinations.map((d) => (
                    <Typography.Text
                      key={`${d.address}:${d.port}`}
                      style={{ fontSize: 12, whiteSpace: 'nowrap' }}
                    >
                      {d.address}:{d.port}
                    </Typography.Text>
                  ))}
                </Flex>
              ),
          },
        ]}
      />
    </Card>
  );
}
