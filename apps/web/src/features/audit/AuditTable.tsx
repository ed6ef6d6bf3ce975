import type { AuditEntry } from '@vtdeck/contracts';
import { Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { quoteArgs } from '../../shared/lib/quoteArgs';
import { EmptyState } from '../../shared/ui/EmptyState';
import { ResultTag } from './ResultTag';

function targetText(tg: AuditEntry['target']): string {
  const where = tg.tablet ?? (tg.shard ? `${tg.keyspace ?? ''}/${tg.shard}` : tg.keyspace);
  return [tg.cluster, where, tg.namespace ? `ns ${tg.namespace}` : undefined].filter(Boolean).join(' · ');
}

const mono = { fontFamily: 'var(--ant-font-family-code, monospace)', fontSize: 12 };

export function AuditTable({ items, loading }: { items: AuditEntry[]; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<AuditEntry>
      data-testid="audit-table"
      size="small"
      loading={loading}
      rowKey={(e) => `${e.requestId}:${e.time}:${e.result}`}
      pagination={false}
      dataSource={items}
      tableLayout="fixed"
      scroll={{ x: 1160 }}
      locale={{ emptyText: <EmptyState description={t('audit.empty')} /> }}
      onRow={(e) => ({ 'data-testid': 'audit-row', 'data-request-id': e.requestId }) as object}
      columns={[
        {
          title: t('audit.time'),
          dataIndex: 'time',
          width: 180,
          render: (time: string) => (
            <Tooltip title={time}>
              <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                {dayjs(time).format('YYYY-MM-DD HH:mm:ss')}
              </span>
            </Tooltip>
          ),
        },
        { title: t('audit.user'), dataIndex: 'user', width: 120, ellipsis: true },
        {
          title: t('audit.via'),
          dataIndex: 'authVia',
          width: 80,
          render: (via: AuditEntry['authVia']) => <Tag>{t(`audit.viaKinds.${via}`)}</Tag>,
        },
        {
          title: t('audit.action'),
          dataIndex: 'action',
          width: 190,
          render: (a: string) => (
            <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
              {a}
            </Typography.Text>
          ),
        },
        {
          title: t('audit.args'),
          dataIndex: 'args',
          ellipsis: { showTitle: false },
          render: (args: string[]) => {
            const text = quoteArgs(args);
            return (
              <Tooltip title={<span style={mono}>{text}</span>} placement="topLeft">
                <span style={mono} data-testid="audit-args">
                  {text}
                </span>
              </Tooltip>
            );
          },
        },
        {
          title: t('audit.target'),
          key: 'target',
          width: 200,
          ellipsis: true,
          render: (_, e) => targetText(e.target),
        },
        {
          title: t('audit.result'),
          dataIndex: 'result',
          width: 90,
          render: (r: AuditEntry['result']) => <ResultTag result={r} />,
        },
        {
          title: t('audit.message'),
          dataIndex: 'message',
          ellipsis: { showTitle: false },
          render: (m: string | undefined) =>
            m ? (
              <Tooltip title={m} placement="topLeft">
                <span>{m}</span>
              </Tooltip>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            ),
        },
      ]}
    />
  );
}
