import type { K8sPod } from '@vtdeck/contracts';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../shared/lib/paths';
import { formatAge, statusColor } from '../lib/format';

export function PodStatusTag({ status }: { status: string }) {
  return (
    <Tag color={statusColor(status)} data-testid="pod-status">
      {status}
    </Tag>
  );
}

/** Pods with what `kubectl get pods -o wide` shows, and the tablet a vttablet pod runs. */
export function PodsTable({
  cluster,
  items,
  loading,
  onOpen,
  pageSize = 50,
}: {
  cluster: string;
  items: K8sPod[];
  loading?: boolean;
  onOpen?: (name: string) => void;
  pageSize?: number;
}) {
  const { t } = useTranslation();
  return (
    <Table<K8sPod>
      data-testid="pods-table"
      size="small"
      rowKey="name"
      loading={loading}
      dataSource={items}
      pagination={items.length > pageSize ? { pageSize, showSizeChanger: false } : false}
      onRow={(pod) =>
        ({ 'data-name': pod.name, 'data-status': pod.status }) as React.HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          key: 'name',
          title: t('k8s.col.name'),
          render: (_, pod) =>
            onOpen ? (
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                onClick={() => onOpen(pod.name)}
                data-testid="pod-open"
              >
                {pod.name}
              </Button>
            ) : (
              pod.name
            ),
          sorter: (a, b) => a.name.localeCompare(b.name),
        },
        {
          key: 'status',
          title: t('k8s.col.status'),
          render: (_, pod) => <PodStatusTag status={pod.status} />,
        },
        {
          key: 'ready',
          title: t('k8s.col.ready'),
          render: (_, pod) => (
            <Typography.Text
              type={pod.ready < pod.containers ? 'warning' : undefined}
              data-testid="pod-ready"
            >
              {pod.ready}/{pod.containers}
            </Typography.Text>
          ),
        },
        {
          key: 'restarts',
          title: t('k8s.col.restarts'),
          dataIndex: 'restarts',
          sorter: (a, b) => a.restarts - b.restarts,
          render: (n: number) => (n > 0 ? <Typography.Text type="warning">{n}</Typography.Text> : n),
        },
        { key: 'node', title: t('k8s.col.node'), render: (_, pod) => pod.node ?? '—' },
        { key: 'ip', title: t('k8s.col.podIp'), render: (_, pod) => pod.podIp ?? '—' },
        {
          key: 'age',
          title: t('k8s.col.age'),
          render: (_, pod) => (
            <Tooltip title={pod.createdAt}>
              <span>{formatAge(pod.ageSeconds)}</span>
            </Tooltip>
          ),
          sorter: (a, b) => (a.ageSeconds ?? 0) - (b.ageSeconds ?? 0),
        },
        {
          key: 'tablet',
          title: t('k8s.col.tablet'),
          render: (_, pod) =>
            pod.tablet ? (
              <Link
                to={paths.topology(cluster, pod.tablet.keyspace, pod.tablet.shard, pod.tablet.alias)}
                data-testid="pod-tablet-link"
              >
                {pod.tablet.alias}
              </Link>
            ) : (
              (pod.labels.component ?? '')
            ),
        },
      ]}
    />
  );
}
