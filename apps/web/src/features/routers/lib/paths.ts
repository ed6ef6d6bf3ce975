const enc = encodeURIComponent;

/** Deep links of the routers area (the app's shared `paths` has only the section root). */
export const routerPaths = {
  list: (cluster: string) => `/clusters/${enc(cluster)}/routers`,
  router: (cluster: string, router: string) => `/clusters/${enc(cluster)}/routers/${enc(router)}`,
  route: (cluster: string, router: string, route: string) =>
    `/clusters/${enc(cluster)}/routers/${enc(router)}/routes/${enc(route)}`,
};
