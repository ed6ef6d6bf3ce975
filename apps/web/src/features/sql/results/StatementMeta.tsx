import { WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Popover, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ErrorEvent, StatementResult } from '../state/resultStore';

/** "1,234 rows · 56 ms", rows affected for writes, the truncation notice and the warnings. */
export function StatementMeta({ result, running }: { result: StatementResult; running: boolean }) {
  const { t } = useTranslation();
  const done = result.done;
  const warnings = done?.warnings ?? [];
  return (
    <Flex vertical gap={6}>
      <Flex gap={12} align="center" wrap data-testid="sql-statement-meta">
        {result.columns ? (
          <Typography.Text data-testid="sql-row-count">
            {t('sql.rows', { count: result.rows.length })}
          </Typography.Text>
        ) : null}
        {done?.rowsAffected !== undefined && !result.columns ? (
          <Typography.Text data-testid="sql-rows-affected">
            {t('sql.rowsAffected', { count: done.rowsAffected })}
          </Typography.Text>
        ) : null}
        {done?.insertId && done.insertId !== '0' ? (
          <Typography.Text type="secondary">{t('sql.insertId', { id: done.insertId })}</Typography.Text>
        ) : null}
        {done ? (
          <Typography.Text type="secondary" data-testid="sql-elapsed">
            {t('sql.elapsed', { ms: formatMs(done.elapsedMs) })}
          </Typography.Text>
        ) : running && !result.error ? (
          <Tag color="processing">{t('sql.streaming')}</Tag>
        ) : null}
        {warnings.length > 0 ? (
          <Popover
            trigger="click"
            content={
              <Flex vertical gap={4} style={{ maxWidth: 560 }}>
                {warnings.map((w) => (
                  <div key={`${w.code}-${w.message}`}>
                    <Tag>{w.level}</Tag>
                    <Typography.Text code>{w.code}</Typography.Text> {w.message}
                  </div>
                ))}
              </Flex>
            }
          >
            <Tag
              color="warning"
              icon={<WarningOutlined />}
              style={{ cursor: 'pointer' }}
              data-testid="sql-warnings"
            >
              {t('sql.warnings', { count: warnings.length })}
            </Tag>
          </Popover>
        ) : null}
        {result.sql ? (
          <Typography.Text type="secondary" code ellipsis style={{ maxWidth: 520 }} title={result.sql}>
            {result.sql}
          </Typography.Text>
        ) : null}
      </Flex>
      {done?.truncated ? (
        <Alert
          type="warning"
          showIcon
          banner
          data-testid="sql-truncated"
          title={t('sql.truncated', { count: done.rowCount })}
        />
      ) : null}
    </Flex>
  );
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A statement's error with MySQL's own code, and a way to the place in the editor. */
export function StatementError({
  error,
  position,
  onReveal,
}: {
  error: ErrorEvent;
  position: { line: number; column: number } | undefined;
  onReveal: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const code = [
    error.code,
    error.errno !== undefined ? `errno ${error.errno}` : undefined,
    error.sqlState ? `SQLSTATE ${error.sqlState}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Alert
      type={error.code === 'QUERY_CANCELLED' ? 'warning' : 'error'}
      showIcon
      data-testid="sql-error"
      title={<span data-testid="sql-error-code">{code}</span>}
      description={
        <Flex vertical gap={4}>
          <Typography.Text data-testid="sql-error-message" style={{ whiteSpace: 'pre-wrap' }}>
            {error.message}
          </Typography.Text>
          {position ? (
            <Typography.Text type="secondary">
              {t('sql.errorAt', { line: position.line, column: position.column })}
            </Typography.Text>
          ) : null}
        </Flex>
      }
      action={
        onReveal ? (
          <Button size="small" onClick={onReveal} data-testid="sql-error-reveal">
            {t('sql.showInEditor')}
          </Button>
        ) : null
      }
    />
  );
}
