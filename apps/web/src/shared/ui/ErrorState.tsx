import { Alert, Button, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, type ErrorKind } from '../../api/errors';
import { LogPanel } from './LogPanel';

function useErrorTitle(): (kind: ErrorKind) => string {
  const { t } = useTranslation();
  return (kind) => {
    switch (kind) {
      case 'unauthorized':
        return t('errors.unauthorized');
      case 'forbidden':
        return t('errors.forbidden');
      case 'not_found':
        return t('errors.notFound');
      case 'invalid':
        return t('errors.invalid');
      case 'vtctl':
        return t('errors.vtctl');
      case 'network':
        return t('errors.network');
      case 'outage':
        return t('errors.outage');
      default:
        return t('errors.unknown');
    }
  };
}

/**
 * The standard error placeholder. Permission and not-found problems are shown as calm notices;
 * outages as errors. The message is the server's own; codes and output are behind a click.
 */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const title = useErrorTitle();
  const [open, setOpen] = useState(false);
  const d = describeError(error);
  const type = d.calm ? (d.kind === 'not_found' ? 'info' : 'warning') : 'error';
  return (
    <Alert
      data-testid="error-state"
      data-error-kind={d.kind}
      type={type}
      showIcon
      title={title(d.kind)}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text data-testid="error-message">{d.message}</Typography.Text>
          {open && (
            <>
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'status', label: t('errors.status'), children: d.status || '—' },
                  { key: 'code', label: t('errors.code'), children: d.code },
                  { key: 'source', label: t('errors.source'), children: d.source ?? '—' },
                ]}
              />
              {d.output ? <LogPanel text={d.output} maxHeight={200} testId="error-output" /> : null}
            </>
          )}
        </Space>
      }
      action={
        <Space orientation="vertical" size={4}>
          <Button size="small" type="link" onClick={() => setOpen((o) => !o)} data-testid="error-details">
            {open ? t('common.hideDetails') : t('common.details')}
          </Button>
          {onRetry && !d.calm ? (
            <Button size="small" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          ) : null}
        </Space>
      }
    />
  );
}
