import { Button, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ApiError } from '../../api/errors';
import { ErrorState } from './ErrorState';

/**
 * The error boundary of one route area: a crash (or a chunk that failed to load) replaces only
 * that area, the header and navigation stay usable.
 */
export function RouteErrorBoundary() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (error instanceof ApiError) return <ErrorState error={error} />;
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <Result status="404" title={t('errors.pageNotFound')} data-testid="route-error" />;
  }
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="error"
      title={t('errors.crashed')}
      subTitle={<Typography.Text type="secondary">{message}</Typography.Text>}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
      data-testid="route-error"
    />
  );
}
