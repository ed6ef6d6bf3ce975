import { ExclamationCircleFilled } from '@ant-design/icons';
import { Flex, List, Modal, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PendingConfirmation } from './state/useSqlRunner';

/** The BFF's 409: guarded statements listed with their reasons; confirming re-sends with `confirmed`. */
export function ConfirmModal({
  pending,
  onConfirm,
  onCancel,
}: {
  pending: PendingConfirmation | null;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const guarded = pending?.statements.filter((s) => s.needsConfirmation) ?? [];
  const shown = guarded.length > 0 ? guarded : (pending?.statements ?? []);
  return (
    <Modal
      open={!!pending}
      width={680}
      title={
        <Flex gap={8} align="center">
          <ExclamationCircleFilled style={{ color: 'var(--ant-color-warning)' }} />
          {t('sql.confirm.title')}
        </Flex>
      }
      okText={t('sql.confirm.run')}
      okButtonProps={{ danger: true, 'data-testid': 'sql-confirm-ok' }}
      cancelButtonProps={{ 'data-testid': 'sql-confirm-cancel' }}
      cancelText={t('common.cancel')}
      onOk={onConfirm}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Flex vertical gap={8} data-testid="sql-confirm-modal">
        {/* The BFF's message is for API clients (it names `confirmed: true`); people get the list below. */}
        <Typography.Text>{t('sql.confirm.body')}</Typography.Text>
        <Typography.Text type="secondary">
          {t('sql.confirm.target', { keyspace: pending?.job.target.keyspace ?? '' })}
        </Typography.Text>
        <List
          size="small"
          bordered
          dataSource={shown}
          renderItem={(s) => (
            <List.Item data-testid="sql-confirm-statement">
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                  {s.sql}
                </Typography.Text>
                <Flex gap={6} align="center" wrap>
                  <Tag color="orange">{t(`sql.analysis.kind.${s.kind}`)}</Tag>
                  {s.reason ? <Typography.Text type="warning">{s.reason}</Typography.Text> : null}
                  {s.tables.length ? (
                    <Typography.Text type="secondary">
                      {t('sql.confirm.tables', { tables: s.tables.join(', ') })}
                    </Typography.Text>
                  ) : null}
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      </Flex>
    </Modal>
  );
}
