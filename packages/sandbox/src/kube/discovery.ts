import { createHash } from 'node:crypto';
import { RESOURCE_LIST, type ResourceDef } from './resources';

// Discovery and OpenAPI as kubectl 1.32 reads them (reference/kubectl-needs.md §0, §1, §4): the version
// must say minor 32 (the gcloud dispatcher picks its kubectl from it), aggregated discovery is chosen by
// Content-Type, and OpenAPI v3 only needs a `patch` per kind with GVK and a `fieldValidation` parameter.

export const VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:00:00Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export const AGGREGATED_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export const wantsAggregated = (accept: string | undefined) =>
  (accept ?? '')
    .split(',')
    .some((p) => p.includes('as=APIGroupDiscoveryList') && /(^|;)\s*v=v2(\s|;|$)/.test(p));

function subresourceKind(def: ResourceDef, sub: string) {
  return sub === 'scale'
    ? { group: 'autoscaling', version: 'v1', kind: 'Scale' }
    : { group: '', version: 'v1', kind: def.kind };
}
const subresourceVerbs = (sub: string) => (sub === 'log' ? ['get'] : ['get', 'patch', 'update']);

export function aggregatedCore() {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: [
      {
        metadata: { creationTimestamp: null },
        versions: [
          {
            version: 'v1',
            resources: RESOURCE_LIST.map((def) => ({
              resource: def.name,
              responseKind: { group: '', version: 'v1', kind: def.kind },
              scope: def.namespaced ? 'Namespaced' : 'Cluster',
              singularResource: def.singular,
              verbs: def.verbs,
              ...(def.shortNames.length ? { shortNames: def.shortNames } : {}),
              ...(def.categories.length ? { categories: def.categories } : {}),
              ...(def.subresources.length
                ? {
                    subresources: def.subresources.map((sub) => ({
                      subresource: sub,
                      responseKind: subresourceKind(def, sub),
                      verbs: subresourceVerbs(sub),
                    })),
                  }
                : {}),
            })),
            freshness: 'Current',
          },
        ],
      },
    ],
  };
}

export const aggregatedGroups = () => ({
  kind: 'APIGroupDiscoveryList',
  apiVersion: 'apidiscovery.k8s.io/v2',
  metadata: {},
  items: [],
});

export const legacyVersions = (serverAddress: string) => ({
  kind: 'APIVersions',
  versions: ['v1'],
  serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
});

export const legacyGroups = () => ({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] });

export function resourceList() {
  const resources: Record<string, unknown>[] = [];
  for (const def of RESOURCE_LIST) {
    resources.push({
      name: def.name,
      singularName: def.singular,
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: def.verbs,
      ...(def.shortNames.length ? { shortNames: def.shortNames } : {}),
      ...(def.categories.length ? { categories: def.categories } : {}),
    });
    for (const sub of def.subresources) {
      const kind = subresourceKind(def, sub);
      resources.push({
        name: `${def.name}/${sub}`,
        singularName: '',
        namespaced: def.namespaced,
        ...(kind.group ? { group: kind.group, version: kind.version } : {}),
        kind: kind.kind,
        verbs: subresourceVerbs(sub),
      });
    }
  }
  return { kind: 'APIResourceList', groupVersion: 'v1', resources };
}

const fieldValidation = {
  name: 'fieldValidation',
  in: 'query',
  description:
    'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are Ignore, Warn (default) and Strict.',
  schema: { type: 'string', uniqueItems: true },
};

function patchOperation(group: string, kind: string, id: string) {
  return {
    patch: {
      operationId: id,
      parameters: [
        { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
        { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
        fieldValidation,
        { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } },
      ],
      'x-kubernetes-action': 'patch',
      'x-kubernetes-group-version-kind': { group, version: 'v1', kind },
    },
  };
}

export function openApiV1Document() {
  const paths: Record<string, unknown> = {};
  for (const def of RESOURCE_LIST) {
    const item = def.namespaced
      ? `/api/v1/namespaces/{namespace}/${def.name}/{name}`
      : `/api/v1/${def.name}/{name}`;
    paths[item] = patchOperation('', def.kind, `patchCoreV1${def.namespaced ? 'Namespaced' : ''}${def.kind}`);
    for (const sub of def.subresources.filter((s) => s !== 'log')) {
      const kind = subresourceKind(def, sub);
      paths[`${item}/${sub}`] = patchOperation(
        kind.group,
        kind.kind,
        `patchCoreV1${def.kind}${sub[0]?.toUpperCase()}${sub.slice(1)}`,
      );
    }
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: VERSION.gitVersion }, paths };
}

const documentText = JSON.stringify(openApiV1Document());
export const OPENAPI_HASH = createHash('sha512')
  .update(documentText)
  .digest('hex')
  .slice(0, 128)
  .toUpperCase();

export const openApiRoot = () => ({
  paths: { 'api/v1': { serverRelativeURL: `/openapi/v3/api/v1?hash=${OPENAPI_HASH}` } },
});

export const openApiDocumentText = () => documentText;
