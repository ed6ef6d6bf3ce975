import type { RouteConnection } from '@vtdeck/contracts';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatClock, formatDuration } from '../lib/format';

export function ConnectionsTable({ items, loading }: { items: RouteConnection[]; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      data-testid="connections-table"
      loading={loading}
      rowKey={(c) => `${c.sourceAddress}|${c.timeStarted ?? ''}`}
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 900 }}
      locale={{ emptyText: t('routers.connections.none') }}
      columns={[
        { key: 'source', title: t('routers.connections.source'), dataIndex: 'sourceAddress' },
        {
          key: 'destination',
          title: t('routers.connections.destination'),
          dataIndex: 'destinationAddress',
          render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
        },
        {
          key: 'toServer',
          title: t('routers.connections.toServer'),
          align: 'right',
          sorter: (a, b) => a.bytesToServer - b.bytesToServer,
          render: (_, c) => formatBytes(c.bytesToServer),
        },
        {
          key: 'fromServer',
          title: t('routers.connections.fromServer'),
          align: 'right',
          sorter: (a, b) => a.bytesFromServer - b.bytesFromServer,
          render: (_, c) => formatBytes(c.bytesFromServer),
        },
        {
          key: 'age',
          title: t('routers.connections.age'),
          align: 'right',
          defaultSortOrder: 'descend',
          sorter: (a, b) => (a.ageSeconds ?? 0) - (b.ageSeconds ?? 0),
          render: (_, c) => (c.ageSeconds === undefined ? '—' : formatDuration(c.ageSeconds)),
        },
        {
          key: 'lastSent',
          title: t('routers.connections.lastSent'),
          render: (_, c) => formatClock(c.timeLastSentToServer),
        },
        {
          key: 'lastReceived',
          title: t('routers.connections.lastReceived'),
          render: (_, c) => formatClock(c.timeLastReceivedFromServer),
        },
      ]}
    />
  );
}
