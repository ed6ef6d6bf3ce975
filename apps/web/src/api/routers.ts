import { queryOptions, useQuery } from '@tanstack/react-query';
import type {
  RouteConnections,
  RouteDetail,
  RouterDetail,
  RouterHistory,
  RouterList,
} from '@vtdeck/contracts';
import { apiFetch, enc } from './http';
import { routerKeys } from './routersKeys';

// One fetcher, one queryOptions and one hook per Router endpoint. The BFF polls each Router every
// 5 s for all viewers, so refetching faster than that only re-reads the same snapshot.
export const ROUTER_REFRESH_MS = 5_000;
const CONNECTIONS_REFRESH_MS = 10_000;

const routerPath = (cluster: string, router: string) =>
  `/api/v2/clusters/${enc(cluster)}/routers/${enc(router)}`;

export function fetchRouterList(cluster: string, signal?: AbortSignal): Promise<RouterList> {
  return apiFetch<RouterList>(`/api/v2/clusters/${enc(cluster)}/routers`, { signal });
}

export const routerListQueryOptions = (cluster: string) =>
  queryOptions({
    queryKey: routerKeys.list(cluster),
    queryFn: ({ signal }) => fetchRouterList(cluster, signal),
    refetchInterval: ROUTER_REFRESH_MS,
  });

export function useRouterList(cluster: string) {
  return useQuery(routerListQueryOptions(cluster));
}

export function fetchRouterDetail(
  cluster: string,
  router: string,
  signal?: AbortSignal,
): Promise<RouterDetail> {
  return apiFetch<RouterDetail>(routerPath(cluster, router), { signal });
}

export const routerDetailQueryOptions = (cluster: string, router: string) =>
  queryOptions({
    queryKey: routerKeys.detail(cluster, router),
    queryFn: ({ signal }) => fetchRouterDetail(cluster, router, signal),
    refetchInterval: ROUTER_REFRESH_MS,
  });

export function useRouterDetail(cluster: string, router: string) {
  return useQuery(routerDetailQueryOptions(cluster, router));
}

export function fetchRouterHistory(
  cluster: string,
  router: string,
  signal?: AbortSignal,
): Promise<RouterHistory> {
  return apiFetch<RouterHistory>(`${routerPath(cluster, router)}/history`, { signal });
}

export const routerHistoryQueryOptions = (cluster: string, router: string) =>
  queryOptions({
    queryKey: routerKeys.history(cluster, router),
    queryFn: ({ signal }) => fetchRouterHistory(cluster, router, signal),
    refetchInterval: ROUTER_REFRESH_MS,
  });

export function useRouterHistory(cluster: string, router: string) {
  return useQuery(routerHistoryQueryOptions(cluster, router));
}

export function fetchRouteDetail(
  cluster: string,
  router: string,
  route: string,
  signal?: AbortSignal,
): Promise<RouteDetail> {
  return apiFetch<RouteDetail>(`${routerPath(cluster, router)}/routes/${enc(route)}`, { signal });
}

export const routeDetailQueryOptions = (cluster: string, router: string, route: string) =>
  queryOptions({
    queryKey: routerKeys.route(cluster, router, route),
    queryFn: ({ signal }) => fetchRouteDetail(cluster, router, route, signal),
    refetchInterval: ROUTER_REFRESH_MS,
  });

export function useRouteDetail(cluster: string, router: string, route: string) {
  return useQuery(routeDetailQueryOptions(cluster, router, route));
}

export function fetchRouteConnections(
  cluster: string,
  router: string,
  route: string,
  signal?: AbortSignal,
): Promise<RouteConnections> {
  return apiFetch<RouteConnections>(`${routerPath(cluster, router)}/routes/${enc(route)}/connections`, {
    signal,
  });
}

/** Asking is what keeps the BFF polling this route's connections; it stops 30 s after the last ask. */
export const routeConnectionsQueryOptions = (cluster: string, router: string, route: string) =>
  queryOptions({
    queryKey: routerKeys.connections(cluster, router, route),
    queryFn: ({ signal }) => fetchRouteConnections(cluster, router, route, signal),
    refetchInterval: CONNECTIONS_REFRESH_MS,
  });

export function useRouteConnections(cluster: string, router: string, route: string) {
  return useQuery(routeConnectionsQueryOptions(cluster, router, route));
}
