import type { K8sService } from '@vtdeck/contracts';
import { Button, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { DeleteAction } from '../DeleteAction';
import { formatAge } from '../lib/format';

export const portsText = (svc: K8sService) =>
  svc.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(', ');

export function ServicesTable({
  cluster,
  namespace,
  items,
  loading,
  canDelete,
  onOpen,
}: {
  cluster: string;
  namespace: string;
  items: K8sService[];
  loading?: boolean;
  canDelete: boolean;
  onOpen: (name: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table<K8sService>
      data-testid="services-table"
      size="small"
      rowKey="name"
      loading={loading}
      dataSource={items}
      pagination={false}
      onRow={(svc) => ({ 'data-name': svc.name }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: 'name',
          title: t('k8s.col.name'),
          render: (_, svc) => (
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => onOpen(svc.name)}
              data-testid="svc-open"
            >
              {svc.name}
            </Button>
          ),
        },
        { key: 'type', title: t('k8s.col.type'), dataIndex: 'type' },
        { key: 'clusterIp', title: t('k8s.col.clusterIp'), render: (_, svc) => svc.clusterIp ?? '—' },
        {
          key: 'external',
          title: t('k8s.col.externalIp'),
          render: (_, svc) =>
            [...svc.externalIps, ...svc.loadBalancer].join(', ') ||
            (svc.type === 'LoadBalancer' ? '<pending>' : '—'),
        },
        { key: 'ports', title: t('k8s.col.ports'), render: (_, svc) => portsText(svc) },
        { key: 'age', title: t('k8s.col.age'), render: (_, svc) => formatAge(svc.ageSeconds) },
        {
          key: 'actions',
          title: '',
          align: 'right',
          render: (_, svc) =>
            canDelete ? (
              <DeleteAction compact cluster={cluster} kind="services" namespace={namespace} name={svc.name} />
            ) : null,
        },
      ]}
    />
  );
}
