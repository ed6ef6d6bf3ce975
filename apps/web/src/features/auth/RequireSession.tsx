import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../../api/session';
import { ErrorState } from '../../shared/ui/ErrorState';
import { LoadingState } from '../../shared/ui/LoadingState';
import { guardDecision } from './lib/next';

/**
 * The route guard: everything under it needs a session. Without one (never signed in, signed out,
 * or expired: a 401 anywhere clears the session) the user goes to the sign-in page, which brings
 * them back here afterwards.
 */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const decision = guardDecision(session, location);
  switch (decision.kind) {
    case 'allow':
      return <Outlet />;
    case 'wait':
      return <LoadingState minHeight={320} />;
    case 'error':
      return (
        <div style={{ padding: 24 }}>
          <ErrorState error={session.error} onRetry={() => void session.refetch()} />
        </div>
      );
    case 'redirect':
      return <Navigate replace to={decision.to} />;
  }
}
