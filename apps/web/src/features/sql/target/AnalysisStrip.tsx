import type { SqlAnalysis, StatementAnalysis } from '@vtdeck/contracts';
import { Flex, Spin, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const ROUTING_COLOR: Record<NonNullable<StatementAnalysis['routing']>, string> = {
  'single-shard': 'success',
  'multi-shard': 'processing',
  scatter: 'warning',
  unknown: 'default',
};

/**
 * What will happen to the statement under the cursor, before it runs: routing (one shard, several,
 * scatter), the LIMIT the console adds, a confirmation to come or a refusal. From `/sql/analyze`.
 */
export function AnalysisStrip({
  analysis,
  loading,
  failed,
}: {
  analysis: SqlAnalysis | undefined;
  loading: boolean;
  failed: boolean;
}) {
  const { t } = useTranslation();
  const statements = analysis?.statements ?? [];
  return (
    <Flex gap={8} align="center" wrap style={{ minHeight: 24 }} data-testid="sql-analysis">
      {loading ? <Spin size="small" /> : null}
      {failed ? <Typography.Text type="secondary">{t('sql.analysis.unavailable')}</Typography.Text> : null}
      {analysis?.error ? (
        <Typography.Text type="danger" data-testid="sql-analysis-error">
          {t('sql.analysis.parseError', { message: analysis.error.message })}
        </Typography.Text>
      ) : null}
      {statements.length > 1 ? (
        <Typography.Text type="secondary">
          {t('sql.analysis.statements', { count: statements.length })}
        </Typography.Text>
      ) : null}
      {statements.slice(0, 3).map((s) => (
        <Flex key={s.index} gap={4} align="center" data-testid="sql-analysis-statement">
          <Tag>{t(`sql.analysis.kind.${s.kind}`)}</Tag>
          {s.tables.length ? <Typography.Text type="secondary">{s.tables.join(', ')}</Typography.Text> : null}
          {s.routing ? (
            <Tag color={ROUTING_COLOR[s.routing]} data-testid="sql-routing" data-routing={s.routing}>
              {t(`sql.analysis.routing.${s.routing}`)}
            </Tag>
          ) : null}
          {s.limitAdded !== undefined ? (
            <Tag color="blue" data-testid="sql-limit-added">
              {t('sql.analysis.limitAdded', { limit: s.limitAdded })}
            </Tag>
          ) : null}
          {s.needsConfirmation && s.allowed ? (
            <Tooltip title={s.reason}>
              <Tag color="orange" data-testid="sql-needs-confirmation">
                {t('sql.analysis.needsConfirmation')}
              </Tag>
            </Tooltip>
          ) : null}
          {!s.allowed ? (
            <Tooltip title={s.reason}>
              <Tag color="error" data-testid="sql-not-allowed">
                {t('sql.analysis.notAllowed')}
              </Tag>
            </Tooltip>
          ) : null}
        </Flex>
      ))}
    </Flex>
  );
}
