import type { ConnectionPool } from '@vtdeck/contracts';
import { Card, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';

const show = (v: number | undefined) => (v === undefined ? '—' : v);

export function PoolPanel({ pools }: { pools: ConnectionPool[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('routers.pools.title')} data-testid="router-pools">
      {pools.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('routers.pools.none')} />
      ) : (
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={pools}
          columns={[
            { key: 'name', title: t('routers.pools.name'), dataIndex: 'name' },
            { key: 'idle', title: t('routers.pools.idle'), render: (_, p) => show(p.idleServerConnections) },
            {
              key: 'stashed',
              title: t('routers.pools.stashed'),
              render: (_, p) => show(p.stashedServerConnections),
            },
            {
              key: 'maxIdle',
              title: t('routers.pools.maxIdle'),
              render: (_, p) => show(p.maxIdleServerConnections),
            },
            {
              key: 'timeout',
              title: t('routers.pools.idleTimeout'),
              render: (_, p) => (p.idleTimeoutInMs === undefined ? '—' : `${p.idleTimeoutInMs} ms`),
            },
          ]}
        />
      )}
    </Card>
  );
}
