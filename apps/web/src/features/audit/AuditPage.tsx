import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuditLog } from '../../api/audit';
import { ErrorState } from '../../shared/ui/ErrorState';
import { AuditFilterBar } from './AuditFilterBar';
import { AuditTable } from './AuditTable';
import { filtersFromSearch, hasFilters, withFilters } from './lib/filters';

/** The audit log (admins only; the BFF answers 403 to anyone else). Newest first. */
export function AuditPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const log = useAuditLog(filters);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Flex vertical gap={12} data-testid="audit-page">
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('audit.title')}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="audit-count">
          {log.isSuccess
            ? t(hasFilters(filters) ? 'audit.countFiltered' : 'audit.count', { count: items.length })
            : null}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Tooltip title={t('common.refresh')}>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('common.refresh')}
            loading={log.isRefetching && !log.isFetchingNextPage}
            onClick={() => void log.refetch()}
            data-testid="audit-refresh"
          />
        </Tooltip>
      </Flex>
      <AuditFilterBar
        filters={filters}
        onChange={(change) => setSearch((prev) => withFilters(prev, change))}
      />
      {log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <AuditTable items={items} loading={log.isPending} />
          {log.hasNextPage ? (
            <Flex justify="center" style={{ padding: 12 }}>
              <Button
                data-testid="audit-load-more"
                loading={log.isFetchingNextPage}
                onClick={() => void log.fetchNextPage()}
              >
                {t('audit.loadMore')}
              </Button>
            </Flex>
          ) : null}
        </Card>
      )}
    </Flex>
  );
}
