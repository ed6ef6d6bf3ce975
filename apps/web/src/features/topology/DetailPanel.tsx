import type { Topology } from '@vtdeck/contracts';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { ErrorState } from '../../shared/ui/ErrorState';
import { resolveSelection } from './lib/lookup';
import { ClusterPanel } from './panels/ClusterPanel';
import { KeyspacePanel } from './panels/KeyspacePanel';
import { ShardPanel } from './panels/ShardPanel';
import { TabletPanel } from './panels/TabletPanel';
import type { TreeTarget } from './tree/TopologyTree';

/** The panel for the deepest level named in the URL; a name the topology lacks is a calm "not found". */
export function DetailPanel({ topology, target }: { topology: Topology; target: TreeTarget }) {
  const { t } = useTranslation();
  const sel = resolveSelection(topology, target);
  if (sel.missing) {
    return (
      <ErrorState
        error={
          new ApiError({
            status: 404,
            code: 'NOT_IN_TOPOLOGY',
            message: t('topology.missing', { name: sel.missing.name }),
          })
        }
      />
    );
  }
  if (sel.tablet && sel.shard && sel.keyspace)
    return (
      <TabletPanel key={sel.tablet.alias} keyspace={sel.keyspace} shard={sel.shard} tablet={sel.tablet} />
    );
  if (sel.shard && sel.keyspace)
    return (
      <ShardPanel key={`${sel.keyspace.name}/${sel.shard.name}`} keyspace={sel.keyspace} shard={sel.shard} />
    );
  if (sel.keyspace) return <KeyspacePanel key={sel.keyspace.name} keyspace={sel.keyspace} />;
  return <ClusterPanel topology={topology} />;
}
