import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import { LoadingState } from '../shared/ui/LoadingState';
import { RouteErrorBoundary } from '../shared/ui/RouteErrorBoundary';

// Every screen is its own chunk: the first page downloads only the layout and the page it shows.
// Each area route has its own ErrorBoundary, so a crash there leaves the header and navigation usable.
const area = { ErrorBoundary: RouteErrorBoundary };

/** The BFF's OIDC notes spell the page `/sign-in`; both addresses work. */
function SignInAlias() {
  const { search } = useLocation();
  return <Navigate replace to={`/signin${search}`} />;
}

export const router = createBrowserRouter([
  {
    element: <Outlet />,
    HydrateFallback: () => <LoadingState minHeight={320} />,
    ErrorBoundary: RouteErrorBoundary,
    children: [
      {
        path: '/signin',
        ...area,
        lazy: async () => ({ Component: (await import('./layout/PublicLayout')).PublicLayout }),
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../features/auth/SignInPage')).SignInPage }),
          },
        ],
      },
      { path: '/sign-in', element: <SignInAlias /> },
      {
        // Everything else needs a session; without one the guard sends the user to /signin?next=...
        ...area,
        lazy: async () => ({
          Component: (await import('../features/auth/RequireSession')).RequireSession,
        }),
        children: [
          {
            path: '/',
            ...area,
            lazy: async () => ({ Component: (await import('./RootRedirect')).RootRedirect }),
          },
          {
            ...area,
            lazy: async () => ({ Component: (await import('./layout/AppLayout')).AppLayout }),
            children: [
              {
                path: '/audit',
                ...area,
                lazy: async () => ({ Component: (await import('../features/audit/AuditPage')).AuditPage }),
              },
              {
                // Every cluster on one wall; `?kiosk=1` hides the layout (see AppLayout).
                path: '/monitor',
                ...area,
                lazy: async () => ({
                  Component: (await import('../features/monitor/MonitorPage')).MonitorPage,
                }),
              },
              {
                path: '/clusters/:cluster',
                children: [
                  { index: true, element: <Navigate replace to="topology" /> },
                  {
                    path: 'topology/:keyspace?/:shard?/:tablet?',
                    ...area,
                    lazy: async () => ({
                      Component: (await import('../features/topology/TopologyPage')).TopologyPage,
                    }),
                  },
                  {
                    path: 'vtctl',
                    ...area,
                    lazy: async () => ({
                      Component: (await import('../features/topology/console/VtctlPage')).VtctlPage,
                    }),
                  },
                  {
                    path: 'sql',
                    ...area,
                    lazy: async () => ({ Component: (await import('../features/sql/SqlPage')).SqlPage }),
                  },
                  {
                    path: 'cluster',
                    ...area,
                    lazy: async () => ({
                      Component: (await import('../features/cluster/ClusterPage')).ClusterPage,
                    }),
                  },
                  {
                    path: 'routers',
                    ...area,
                    lazy: async () => ({
                      Component: (await import('../features/routers/RoutersPage')).RoutersPage,
                    }),
                  },
                  {
                    path: 'routers/:router',
                    ...area,
                    lazy: async () => ({
                      Component: (await import('../features/routers/RouterPage')).RouterPage,
                    }),
                  },
                  {
                    path: 'routers/:router/routes/:route',
                    ...area,
                    lazy: async () => ({
                      Component: (await import('../features/routers/RoutePage')).RoutePage,
                    }),
                  },
                  {
                    path: 'monitor',
                    ...area,
                    lazy: async () => ({
                      Component: (await import('../features/monitor/MonitorPage')).MonitorPage,
                    }),
                  },
                  {
                    path: '*',
                    lazy: async () => ({ Component: (await import('../shared/ui/NotFound')).NotFound }),
                  },
                ],
              },
            ],
          },
          { path: '*', lazy: async () => ({ Component: (await import('../shared/ui/NotFound')).NotFound }) },
        ],
      },
    ],
  },
]);
