import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { LoadingState } from '../shared/ui/LoadingState';
import { RouteErrorBoundary } from '../shared/ui/RouteErrorBoundary';

// Every screen is its own chunk: the first page downloads only the layout and the page it shows.
// Each area route has its own ErrorBoundary, so a crash there leaves the header and navigation usable.
const area = { ErrorBoundary: RouteErrorBoundary };

export const router = createBrowserRouter([
  {
    element: <Outlet />,
    HydrateFallback: () => <LoadingState minHeight={320} />,
    ErrorBoundary: RouteErrorBoundary,
    children: [
      {
        path: '/',
        ...area,
        lazy: async () => ({ Component: (await import('./RootRedirect')).RootRedirect }),
      },
      {
        path: '/clusters/:cluster',
        ...area,
        lazy: async () => ({ Component: (await import('./layout/AppLayout')).AppLayout }),
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
            lazy: async () => ({ Component: (await import('../features/cluster/ClusterPage')).ClusterPage }),
          },
          {
            path: 'routers',
            ...area,
            lazy: async () => ({ Component: (await import('../features/routers/RoutersPage')).RoutersPage }),
          },
          {
            path: 'monitor',
            ...area,
            lazy: async () => ({ Component: (await import('../features/monitor/MonitorPage')).MonitorPage }),
          },
          {
            path: '*',
            lazy: async () => ({ Component: (await import('../shared/ui/NotFound')).NotFound }),
          },
        ],
      },
      { path: '*', lazy: async () => ({ Component: (await import('../shared/ui/NotFound')).NotFound }) },
    ],
  },
]);
