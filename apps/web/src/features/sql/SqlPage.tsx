import { useSession } from '../../api/session';
import { useCluster } from '../../shared/hooks/useCluster';
import { LoadingState } from '../../shared/ui/LoadingState';
import { SqlConsole } from './SqlConsole';
import './sql.css';

/**
 * The SQL console. Tabs, history and saved queries belong to the signed-in user, so the console
 * waits for the session and starts afresh when the user or the cluster changes.
 */
export function SqlPage() {
  const cluster = useCluster();
  const session = useSession();
  if (session.isPending) return <LoadingState minHeight={320} />;
  const user = session.data?.user.name;
  return <SqlConsole key={`${user ?? ''}@${cluster}`} cluster={cluster} user={user} session={session.data} />;
}
