import type { UseQueryResult } from '@tanstack/react-query';
import { Drawer } from 'antd';
import type { ReactNode } from 'react';
import { ErrorState } from '../../../shared/ui/ErrorState';
import { LoadingState } from '../../../shared/ui/LoadingState';

/** The shell of every object's detail drawer: loading, error with retry, then the object. */
export function ObjectDrawer<T>({
  title,
  size,
  testId,
  query,
  extra,
  onClose,
  children,
}: {
  title: string;
  size: number;
  testId: string;
  query: UseQueryResult<T>;
  /** The drawer's header actions (delete, when allowed). */
  extra?: ReactNode;
  onClose: () => void;
  children: (data: T) => ReactNode;
}) {
  return (
    <Drawer open size={size} title={title} onClose={onClose} data-testid={testId} extra={extra}>
      {query.isPending ? <LoadingState /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? children(query.data) : null}
    </Drawer>
  );
}
