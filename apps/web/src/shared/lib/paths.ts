/** URL builders, so every deep link in the app has one spelling. */
const enc = encodeURIComponent;

export const sections = ['topology', 'sql', 'cluster', 'routers', 'monitor', 'vtctl'] as const;
export type Section = (typeof sections)[number];

/** The audit log spans every cluster, so it lives outside `/clusters/:cluster`. */
export const AUDIT_PATH = '/audit';

export const paths = {
  section: (cluster: string, section: Section) => `/clusters/${enc(cluster)}/${section}`,
  topology: (cluster: string, keyspace?: string, shard?: string, tablet?: string) =>
    [`/clusters/${enc(cluster)}/topology`, keyspace, shard, tablet]
      .filter((p): p is string => !!p)
      .map((p, i) => (i === 0 ? p : enc(p)))
      .join('/'),
  /** The cluster page on a pod (`?tab=pods&ns=...&pod=...`). */
  k8sPod: (cluster: string, namespace: string, pod: string) =>
    `/clusters/${enc(cluster)}/cluster?tab=pods&ns=${enc(namespace)}&pod=${enc(pod)}`,
  /** The cluster page finds the pod of a tablet itself (its namespace is not known here). */
  k8sTabletPod: (cluster: string, alias: string) => `/clusters/${enc(cluster)}/cluster?tablet=${enc(alias)}`,
};

/** `/clusters/prod/topology/...` → `topology`; used to keep the section when the cluster changes. */
export function sectionOf(pathname: string): Section {
  const part = pathname.split('/')[3];
  return (sections as readonly string[]).includes(part ?? '') ? (part as Section) : 'topology';
}
