/** Query keys of the MySQL Router dashboards, all under one cluster prefix. */
export const routerKeys = {
  all: ['routers'] as const,
  cluster: (cluster: string) => [...routerKeys.all, cluster] as const,
  list: (cluster: string) => [...routerKeys.cluster(cluster), 'list'] as const,
  router: (cluster: string, router: string) => [...routerKeys.cluster(cluster), 'router', router] as const,
  detail: (cluster: string, router: string) => [...routerKeys.router(cluster, router), 'detail'] as const,
  history: (cluster: string, router: string) => [...routerKeys.router(cluster, router), 'history'] as const,
  route: (cluster: string, router: string, route: string) =>
    [...routerKeys.router(cluster, router), 'route', route] as const,
  connections: (cluster: string, router: string, route: string) =>
    [...routerKeys.route(cluster, router, route), 'connections'] as const,
};
