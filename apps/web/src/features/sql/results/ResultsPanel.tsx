import { CheckCircleOutlined, CloseCircleOutlined, TableOutlined } from '@ant-design/icons';
import { Alert, Flex, Spin, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isConfirmationRequired } from '../../../api/sql';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { ErrorState } from '../../../shared/ui/ErrorState';
import { errorRange } from '../lib/errorPosition';
import { lineColumn } from '../lib/statements';
import type { RunSnapshot, StatementResult } from '../state/resultStore';
import { ResultGrid } from './ResultGrid';
import { formatMs, StatementError, StatementMeta } from './StatementMeta';

export interface ResultsPanelProps {
  snapshot: RunSnapshot;
  /** Editor text now, for "line 3, column 7". */
  editorText: () => string;
  onReveal: (from: number, to: number) => void;
}

function tabLabel(r: StatementResult, n: number, label: string) {
  const icon = r.error ? (
    <CloseCircleOutlined style={{ color: 'var(--ant-color-error)' }} />
  ) : r.columns ? (
    <TableOutlined />
  ) : (
    <CheckCircleOutlined style={{ color: 'var(--ant-color-success)' }} />
  );
  return (
    <span data-testid="sql-result-tab">
      {icon} {label} {n}
    </span>
  );
}

/** Everything a run produced: one tab per statement, with its grid, its counts or its error. */
export function ResultsPanel({ snapshot, editorText, onReveal }: ResultsPanelProps) {
  const { t } = useTranslation();
  const { results, status, origin } = snapshot;
  const [active, setActive] = useState<string>();
  const running = status === 'running';

  // A new run starts on its first result; after it, the first failing statement (that is where to look).
  const firstError = results.find((r) => r.error);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the run (start time) and its end, not every batch.
  useEffect(() => {
    setActive(firstError ? String(firstError.statement) : undefined);
  }, [snapshot.startedAt, status]);

  if (status === 'idle') {
    return <EmptyState description={t('sql.nothingYet')} />;
  }
  const failure = snapshot.failure;
  if (failure) {
    return isConfirmationRequired(failure) ? (
      <Alert type="info" showIcon data-testid="sql-awaiting-confirmation" title={t('sql.confirm.waiting')} />
    ) : (
      <ErrorState error={failure} />
    );
  }

  const items = results.map((r, i) => {
    const range = r.error && origin ? errorRange(origin, r.error) : undefined;
    const position = range ? lineColumn(editorText(), range.from) : undefined;
    return {
      key: String(r.statement),
      label: tabLabel(r, i + 1, t('sql.result')),
      children: (
        <Flex vertical gap={8} style={{ height: '100%', minHeight: 0 }}>
          <StatementMeta result={r} running={running} />
          {r.error ? (
            <StatementError
              error={r.error}
              position={position}
              onReveal={range ? () => onReveal(range.from, range.to) : undefined}
            />
          ) : null}
          {r.columns ? (
            <div style={{ flex: 1, minHeight: 0 }}>
              <ResultGrid
                columns={r.columns}
                rows={r.rows}
                version={snapshot.version}
                name={`result-${r.statement + 1}`}
              />
            </div>
          ) : null}
        </Flex>
      ),
    };
  });

  const statusLine = (
    <Flex gap={8} align="center">
      {running ? <Spin size="small" /> : null}
      <Typography.Text type="secondary" data-testid="sql-run-status">
        {status === 'cancelled'
          ? t('sql.status.cancelled')
          : running
            ? t('sql.status.running')
            : t('sql.status.done', { count: results.length })}
        {snapshot.elapsedMs !== undefined ? ` · ${formatMs(snapshot.elapsedMs)}` : ''}
      </Typography.Text>
    </Flex>
  );

  return (
    <Flex vertical style={{ height: '100%', minHeight: 0 }} data-testid="sql-results" data-status={status}>
      {items.length > 0 ? (
        <Tabs
          className="vt-sql-result-tabs"
          size="small"
          activeKey={active ?? items[0]?.key}
          onChange={setActive}
          items={items}
          tabBarExtraContent={statusLine}
          style={{ flex: 1, minHeight: 0 }}
        />
      ) : (
        <>
          {statusLine}
          {running ? null : <EmptyState description={t('sql.noStatements')} />}
        </>
      )}
    </Flex>
  );
}
