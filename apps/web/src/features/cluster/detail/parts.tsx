import type { K8sCondition, K8sContainer, K8sEvent, K8sVolume } from '@vtdeck/contracts';
import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { LogPanel } from '../../../shared/ui/LogPanel';
import { statusColor } from '../lib/format';

// The pieces every detail drawer shows: containers, volumes, conditions, events, the YAML.

export function ContainersTable({
  items,
  withStatus = true,
}: {
  items: K8sContainer[];
  withStatus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<K8sContainer>
      data-testid="containers"
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={items}
      expandable={{
        expandedRowRender: (c) => (
          <LogPanel text={c.command.join(' \\\n  ')} maxHeight={200} testId="container-command" />
        ),
        rowExpandable: (c) => c.command.length > 0,
      }}
      columns={[
        { key: 'name', title: t('k8s.col.name'), dataIndex: 'name' },
        { key: 'image', title: t('k8s.col.image'), dataIndex: 'image' },
        ...(withStatus
          ? [
              {
                key: 'state',
                title: t('k8s.col.state'),
                render: (_: unknown, c: K8sContainer) => (
                  <Tag
                    color={
                      c.state === 'running'
                        ? c.ready
                          ? 'success'
                          : 'warning'
                        : statusColor(c.reason ?? c.state)
                    }
                  >
                    {c.reason ?? c.state}
                  </Tag>
                ),
              },
              { key: 'restarts', title: t('k8s.col.restarts'), dataIndex: 'restartCount' },
            ]
          : []),
        {
          key: 'ports',
          title: t('k8s.col.ports'),
          render: (_, c) =>
            c.ports.map((p) => `${p.name ? `${p.name}:` : ''}${p.port}/${p.protocol}`).join(', ') || '—',
        },
        {
          key: 'limits',
          title: t('k8s.col.limits'),
          render: (_, c) =>
            Object.entries(c.limits)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ') || '—',
        },
      ]}
    />
  );
}

export function VolumesTable({ items }: { items: K8sVolume[] }) {
  const { t } = useTranslation();
  return (
    <Table<K8sVolume>
      data-testid="volumes"
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={items}
      columns={[
        { key: 'name', title: t('k8s.col.name'), dataIndex: 'name' },
        { key: 'type', title: t('k8s.col.type'), dataIndex: 'type' },
        { key: 'detail', title: t('k8s.col.detail'), dataIndex: 'detail' },
      ]}
    />
  );
}

export function ConditionsTable({ items }: { items: K8sCondition[] }) {
  const { t } = useTranslation();
  return (
    <Table<K8sCondition>
      data-testid="conditions"
      size="small"
      rowKey="type"
      pagination={false}
      dataSource={items}
      columns={[
        { key: 'type', title: t('k8s.col.type'), dataIndex: 'type' },
        {
          key: 'status',
          title: t('k8s.col.status'),
          render: (_, c) => <Tag color={c.status === 'True' ? 'success' : 'warning'}>{c.status}</Tag>,
        },
        { key: 'reason', title: t('k8s.col.reason'), render: (_, c) => c.reason ?? '—' },
        { key: 'time', title: t('k8s.col.lastTransition'), render: (_, c) => c.lastTransition ?? '—' },
      ]}
    />
  );
}

export function EventsTable({ items }: { items: K8sEvent[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <EmptyState description={t('k8s.noEvents')} />;
  return (
    <Table<K8sEvent>
      data-testid="events"
      size="small"
      rowKey={(e) => `${e.object}-${e.reason}-${e.firstSeen}-${e.message}`}
      pagination={false}
      dataSource={[...items].reverse()}
      columns={[
        {
          key: 'type',
          title: t('k8s.col.type'),
          render: (_, e) => <Tag color={e.type === 'Warning' ? 'warning' : 'default'}>{e.type}</Tag>,
        },
        { key: 'reason', title: t('k8s.col.reason'), dataIndex: 'reason' },
        { key: 'message', title: t('k8s.col.message'), dataIndex: 'message' },
        { key: 'count', title: '#', dataIndex: 'count' },
        { key: 'last', title: t('k8s.col.lastSeen'), render: (_, e) => e.lastSeen ?? '—' },
      ]}
    />
  );
}

export function YamlView({ text }: { text: string }) {
  return <LogPanel text={text} maxHeight={520} testId="manifest" />;
}

export function LabelTags({ labels }: { labels: Record<string, string> }) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <>
      {entries.map(([k, v]) => (
        <Tag key={k} style={{ marginBottom: 2 }}>{`${k}=${v}`}</Tag>
      ))}
    </>
  );
}
