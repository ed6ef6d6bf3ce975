// How a sandbox cluster becomes a cluster of the config file: `--sandbox` (main.ts) and every test or
// bench that runs the BFF against the fakes describe them the same way. Types only from the sandbox:
// a production BFF never loads the fakes.
import type { SandboxCluster } from '@vtdeck/sandbox';
import type { ConfigFile } from './config';

export type ClusterFile = NonNullable<ConfigFile['clusters']>[number];

/** Its vtctld, kubeconfig, Routers and, when MariaDB stands in for it, vtgate. */
export function sandboxClusterConfig(c: SandboxCluster): ClusterFile {
  return {
    name: c.name,
    vtctld: { url: c.vtctld.url },
    ...(c.kube ? { kubernetes: { kubeconfig: c.kube.kubeconfigPath } } : {}),
    // The router fakes' CA is PEM text here (no file to outlive the sandbox).
    routers: c.routers.map((r) => ({
      name: r.name,
      url: r.url,
      user: r.user,
      password: r.password,
      ca: r.caPem,
    })),
    // MariaDB standing in for vtgate (`flavor: mysql`: no VEXPLAIN, one database per keyspace).
    ...(c.vtgate.available
      ? { vtgate: { url: c.vtgate.url, dbaUrl: c.vtgate.dbaUrl, flavor: 'mysql' } }
      : {}),
  };
}
