import { Button, DatePicker, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilters } from '../../api/audit';

/** A text filter that applies on Enter, on blur or on clear, not on every key (each change is a query). */
function TextFilter({
  value,
  placeholder,
  testId,
  onCommit,
}: {
  value: string | undefined;
  placeholder: string;
  testId: string;
  onCommit: (v: string) => void;
}) {
  const [draft, setDraft] = useState(value ?? '');
  // Back/forward in the browser changes the URL under us.
  useEffect(() => setDraft(value ?? ''), [value]);
  const commit = (v: string) => {
    if (v.trim() !== (value ?? '')) onCommit(v);
  };
  return (
    <Input.Search
      allowClear
      data-testid={testId}
      aria-label={placeholder}
      placeholder={placeholder}
      style={{ width: 200 }}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onSearch={commit}
      onBlur={() => commit(draft)}
    />
  );
}

export function AuditFilterBar({
  filters,
  onChange,
}: {
  filters: AuditFilters;
  onChange: (change: Partial<AuditFilters>) => void;
}) {
  const { t } = useTranslation();
  const range: [Dayjs | null, Dayjs | null] = [
    filters.since ? dayjs(filters.since) : null,
    filters.until ? dayjs(filters.until) : null,
  ];
  return (
    <Space wrap data-testid="audit-filters">
      <TextFilter
        value={filters.user}
        placeholder={t('audit.filterUser')}
        testId="audit-filter-user"
        onCommit={(user) => onChange({ user })}
      />
      <TextFilter
        value={filters.keyspace}
        placeholder={t('audit.filterKeyspace')}
        testId="audit-filter-keyspace"
        onCommit={(keyspace) => onChange({ keyspace })}
      />
      <DatePicker.RangePicker
        data-testid="audit-filter-time"
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        allowEmpty={[true, true]}
        placeholder={[t('audit.since'), t('audit.until')]}
        value={range}
        onChange={(v) =>
          onChange({ since: v?.[0]?.toISOString() ?? undefined, until: v?.[1]?.toISOString() ?? undefined })
        }
        presets={[
          { label: t('audit.lastHour'), value: [dayjs().subtract(1, 'hour'), dayjs()] },
          { label: t('audit.last24h'), value: [dayjs().subtract(1, 'day'), dayjs()] },
          { label: t('audit.last7d'), value: [dayjs().subtract(7, 'day'), dayjs()] },
        ]}
      />
      <Button
        data-testid="audit-clear-filters"
        onClick={() => onChange({ user: undefined, keyspace: undefined, since: undefined, until: undefined })}
      >
        {t('audit.clear')}
      </Button>
    </Space>
  );
}
