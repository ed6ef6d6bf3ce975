import { Card, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type TableDefinition, useTabletSchema } from '../../../api/schema';
import { useCluster } from '../../../shared/hooks/useCluster';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { ErrorState } from '../../../shared/ui/ErrorState';
import { LoadingState } from '../../../shared/ui/LoadingState';
import { LogPanel } from '../../../shared/ui/LogPanel';

/** The tablet's tables, from `GetSchema <alias>`; each row opens to its CREATE statement. */
export function TabletSchema({ alias }: { alias: string }) {
  const { t } = useTranslation();
  const cluster = useCluster();
  const schema = useTabletSchema(cluster, alias);
  let body: ReactNode;
  if (schema.isPending) body = <LoadingState />;
  else if (schema.isError) body = <ErrorState error={schema.error} onRetry={() => void schema.refetch()} />;
  else
    body = (
      <Table<TableDefinition>
        data-testid="schema-table"
        size="small"
        rowKey="name"
        pagination={schema.data.tables.length > 50 ? { pageSize: 50 } : false}
        dataSource={schema.data.tables}
        locale={{ emptyText: <EmptyState description={t('tablet.noTables')} /> }}
        expandable={{
          expandedRowRender: (d) => <LogPanel text={d.schema} testId="create-statement" />,
        }}
        columns={[
          {
            title: t('tablet.table'),
            dataIndex: 'name',
            render: (n: string) => <Typography.Text code>{n}</Typography.Text>,
          },
          { title: t('tablet.tableType'), dataIndex: 'type' },
          { title: t('tablet.columns'), key: 'columns', render: (_, d) => d.columns.length },
          {
            title: t('tablet.primaryKey'),
            key: 'pk',
            render: (_, d) => d.primaryKeyColumns.join(', ') || '—',
          },
          { title: t('tablet.rows'), dataIndex: 'rowCount', align: 'right' },
          { title: t('tablet.dataLength'), dataIndex: 'dataLength', align: 'right' },
        ]}
      />
    );
  return (
    <Card size="small" title={t('tablet.schema')} data-testid="tablet-schema">
      {body}
    </Card>
  );
}
