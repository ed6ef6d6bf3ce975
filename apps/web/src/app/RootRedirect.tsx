import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { defaultCluster, useClusters } from '../api/clusters';
import { paths } from '../shared/lib/paths';
import { EmptyState } from '../shared/ui/EmptyState';
import { ErrorState } from '../shared/ui/ErrorState';
import { LoadingState } from '../shared/ui/LoadingState';

/** `/` opens the default cluster's topology. */
export function RootRedirect() {
  const { t } = useTranslation();
  const clusters = useClusters();
  if (clusters.isPending) return <LoadingState minHeight={320} />;
  if (clusters.isError)
    return (
      <div style={{ padding: 24 }}>
        <ErrorState error={clusters.error} onRetry={() => void clusters.refetch()} />
      </div>
    );
  const target = defaultCluster(clusters.data);
  if (!target) return <EmptyState description={t('header.noClusters')} />;
  return <Navigate replace to={paths.section(target.name, 'topology')} />;
}
