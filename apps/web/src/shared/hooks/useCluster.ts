import { useParams } from 'react-router';

/** The cluster every page acts on comes from the URL (`/clusters/:cluster/...`), never from state. */
export function useCluster(): string {
  const { cluster } = useParams();
  if (!cluster) throw new Error('useCluster used outside /clusters/:cluster');
  return cluster;
}
