import type { K8sRc } from '@vtdeck/contracts';
import { Button, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DeleteAction } from '../DeleteAction';
import { ScaleAction } from '../forms/ScaleAction';
import { formatAge } from '../lib/format';

export function RcsTable({
  cluster,
  namespace,
  items,
  loading,
  canWrite,
  canDelete,
  onOpen,
}: {
  cluster: string;
  namespace: string;
  items: K8sRc[];
  loading?: boolean;
  canWrite: boolean;
  canDelete: boolean;
  onOpen: (name: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table<K8sRc>
      data-testid="rcs-table"
      size="small"
      rowKey="name"
      loading={loading}
      dataSource={items}
      pagination={false}
      onRow={(rc) => ({ 'data-name': rc.name }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: 'name',
          title: t('k8s.col.name'),
          render: (_, rc) => (
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => onOpen(rc.name)}
              data-testid="rc-open"
            >
              {rc.name}
            </Button>
          ),
        },
        { key: 'desired', title: t('k8s.col.desired'), dataIndex: 'desired' },
        { key: 'current', title: t('k8s.col.current'), dataIndex: 'current' },
        {
          key: 'ready',
          title: t('k8s.col.ready'),
          render: (_, rc) => (
            <Typography.Text type={rc.ready < rc.desired ? 'warning' : undefined} data-testid="rc-ready">
              {rc.ready}
            </Typography.Text>
          ),
        },
        { key: 'images', title: t('k8s.col.images'), render: (_, rc) => rc.images.join(', ') },
        { key: 'age', title: t('k8s.col.age'), render: (_, rc) => formatAge(rc.ageSeconds) },
        {
          key: 'actions',
          title: '',
          align: 'right',
          render: (_, rc) => (
            <Space size={4}>
              {canWrite ? <ScaleAction cluster={cluster} namespace={namespace} rc={rc} /> : null}
              {canDelete ? (
                <DeleteAction compact cluster={cluster} kind="rcs" namespace={namespace} name={rc.name} />
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}
