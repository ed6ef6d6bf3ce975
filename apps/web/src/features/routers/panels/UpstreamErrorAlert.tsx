import type { SourceError } from '@vtdeck/contracts';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** Why a Router could not be read, in words that point at the fix (password, CA, network). */
export function UpstreamErrorAlert({ error }: { error: SourceError }) {
  const { t } = useTranslation();
  const title =
    error.kind === 'unauthorized'
      ? t('routers.errors.unauthorized')
      : error.kind === 'tls'
        ? t('routers.errors.tls')
        : error.kind === 'unreachable'
          ? t('routers.errors.unreachable')
          : error.kind === 'timeout'
            ? t('routers.errors.timeout')
            : t('routers.errors.other');
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={error.message}
      data-testid="router-error"
      data-error-kind={error.kind}
    />
  );
}

/** Parts of a poll that failed while the rest loaded. */
export function PartialErrors({ errors }: { errors: SourceError[] }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('routers.errors.partial', { count: errors.length })}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {errors.map((e) => (
            <li key={e.source}>
              <code>{e.source}</code>: {e.message}
            </li>
          ))}
        </ul>
      }
      data-testid="router-partial-errors"
    />
  );
}
