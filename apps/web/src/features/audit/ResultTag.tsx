import type { AuditEntry } from '@vtdeck/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<AuditEntry['result'], string> = {
  ok: 'green',
  allowed: 'blue',
  error: 'orange',
  denied: 'red',
};

export function ResultTag({ result }: { result: AuditEntry['result'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[result]} data-testid="audit-result" data-result={result}>
      {t(`audit.results.${result}`)}
    </Tag>
  );
}
