import type { K8sNamespace } from '@vtdeck/contracts';
import { Button, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { DeleteAction } from '../DeleteAction';
import { statusColor } from '../lib/format';

export function NamespacesTable({
  cluster,
  items,
  loading,
  canDelete,
  onOpen,
  onShowPods,
}: {
  cluster: string;
  items: K8sNamespace[];
  loading?: boolean;
  canDelete: (ns: string) => boolean;
  onOpen: (name: string) => void;
  onShowPods: (name: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table<K8sNamespace>
      data-testid="namespaces-table"
      size="small"
      rowKey="name"
      loading={loading}
      dataSource={items}
      pagination={false}
      onRow={(ns) => ({ 'data-name': ns.name }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: 'name',
          title: t('k8s.col.name'),
          render: (_, ns) => (
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => onOpen(ns.name)}
              data-testid="ns-open"
            >
              {ns.name}
            </Button>
          ),
        },
        {
          key: 'phase',
          title: t('k8s.col.status'),
          render: (_, ns) => <Tag color={statusColor(ns.phase)}>{ns.phase}</Tag>,
        },
        {
          key: 'labels',
          title: t('k8s.col.labels'),
          render: (_, ns) => (
            <Space size={[4, 4]} wrap>
              {Object.entries(ns.labels).map(([k, v]) => (
                <Tag key={k}>{`${k}=${v}`}</Tag>
              ))}
            </Space>
          ),
        },
        { key: 'created', title: t('k8s.col.created'), render: (_, ns) => ns.createdAt ?? '—' },
        {
          key: 'actions',
          title: '',
          align: 'right',
          render: (_, ns) => (
            <Space size={4}>
              <Button size="small" onClick={() => onShowPods(ns.name)} data-testid="ns-pods">
                {t('k8s.showPods')}
              </Button>
              {canDelete(ns.name) ? (
                <DeleteAction
                  compact
                  cluster={cluster}
                  kind="namespaces"
                  namespace={ns.name}
                  name={ns.name}
                />
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}
