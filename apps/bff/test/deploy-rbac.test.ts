import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CoreV1Api, VersionApi } from '@kubernetes/client-node';
import { type KubeFake, startKubeFake } from '@vtdeck/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPLOY, loadManifests, REPO } from './deploy-schema';

// The RBAC of deploy/ against the calls the BFF makes: the (resource, verb) pairs are derived from
// the BFF's source (every client-node API method it calls, named by client-node's convention and
// resolved against the API server's discovery), and the roles bound to the console's
// ServiceAccount must grant exactly those: one missing breaks a page, one extra is a needless power.

const SRC = join(REPO, 'apps', 'bff', 'src');
const CLIENT_NODE = '@kubernetes/client-node';

/** What the BFF may import from client-node as a value, and whether it reaches the API by itself. */
const VALUE_IMPORTS: Record<string, 'api' | 'helper'> = {
  CoreV1Api: 'api',
  VersionApi: 'api',
  Log: 'api',
  KubeConfig: 'helper',
  ApiException: 'helper',
  setHeaderOptions: 'helper',
};

const VERBS: Record<string, string> = {
  list: 'list',
  read: 'get',
  create: 'create',
  delete: 'delete',
  deleteCollection: 'deletecollection',
  patch: 'patch',
  replace: 'update',
};

interface Discovered {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

interface Need {
  resource: string;
  verb: string;
  /** where the call is made, for the failure message */
  call: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Names a file imports from client-node as values (not `import type`, not `type X`). */
function valueImports(text: string): string[] {
  const names: string[] = [];
  const re = new RegExp(`import\\s+(type\\s+)?\\{([^}]*)\\}\\s*from\\s*'${CLIENT_NODE}'`, 'g');
  for (const m of text.matchAll(re)) {
    if (m[1]) continue;
    for (const part of (m[2] as string).split(',').map((s) => s.trim())) {
      if (part && !part.startsWith('type ')) names.push(part.split(/\s+as\s+/)[0] as string);
    }
  }
  if (new RegExp(`import\\s+\\*\\s+as\\s+\\w+\\s+from\\s*'${CLIENT_NODE}'`).test(text)) names.push('*');
  return names;
}

/** client-node's method name → the resource and verb, by its generator's convention. */
function resolveMethod(method: string, resources: Discovered[]): Need {
  const verbKey = Object.keys(VERBS)
    .sort((a, b) => b.length - a.length)
    .find((v) => method.startsWith(v));
  if (!verbKey) throw new Error(`${method}: no RBAC verb known for this client-node method`);
  let rest = method.slice(verbKey.length);
  const allNamespaces = rest.endsWith('ForAllNamespaces');
  rest = rest.replace(/ForAllNamespaces$/, '').replace(/^Namespaced/, '');
  // The longest kind that starts the rest: `ReplicationControllerScale` is ReplicationController + scale.
  const top = resources
    .filter((r) => !r.name.includes('/') && rest.startsWith(r.kind))
    .sort((a, b) => b.kind.length - a.kind.length)[0];
  if (!top) throw new Error(`${method}: no resource of the API server has kind "${rest}"`);
  const sub = rest.slice(top.kind.length).toLowerCase();
  const resource = sub ? `${top.name}/${sub}` : top.name;
  const served = resources.find((r) => r.name === resource);
  if (!served) throw new Error(`${method}: the API server has no ${resource}`);
  const verb = VERBS[verbKey] as string;
  if (!served.verbs.includes(verb)) throw new Error(`${method}: ${resource} does not serve ${verb}`);
  if (allNamespaces && !top.namespaced) throw new Error(`${method}: ${top.name} is not namespaced`);
  return { resource, verb, call: method };
}

let kube: KubeFake;
let resources: Discovered[];

beforeAll(async () => {
  kube = await startKubeFake({ dataset: 'empty' });
  const list = (await (await fetch(`${kube.url}/api/v1`)).json()) as { resources: Discovered[] };
  resources = list.resources;
});
afterAll(async () => {
  await kube.close();
});

/** Every Kubernetes API call in the BFF's source, as (resource, verb). */
function neededByTheBff(): { needs: Need[]; nonResource: string[] } {
  const core = Object.getOwnPropertyNames(CoreV1Api.prototype).filter((n) => n !== 'constructor');
  const version = Object.getOwnPropertyNames(VersionApi.prototype).filter((n) => n !== 'constructor');
  const needs: Need[] = [];
  const nonResource: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const imported = valueImports(text);
    const unknown = imported.filter((n) => !(n in VALUE_IMPORTS));
    if (unknown.length) {
      throw new Error(
        `${relative(REPO, file)} imports ${unknown.join(', ')} from client-node: teach deploy-rbac.test.ts what it calls`,
      );
    }
    if (imported.includes('CoreV1Api')) {
      for (const m of text.matchAll(/\.(\w+)\(/g)) {
        if (core.includes(m[1] as string)) needs.push(resolveMethod(m[1] as string, resources));
      }
    }
    if (imported.includes('VersionApi')) {
      for (const m of text.matchAll(/\.(\w+)\(/g))
        if (version.includes(m[1] as string)) nonResource.push('/version');
    }
    // client-node's Log helper: GET /api/v1/namespaces/{ns}/pods/{name}/log?follow=true.
    if (imported.includes('Log') && /new Log\(/.test(text))
      needs.push({ resource: 'pods/log', verb: 'get', call: 'Log.log' });
  }
  return { needs, nonResource };
}

const manifests = loadManifests(DEPLOY);
const sa = manifests.find((m) => m.doc.kind === 'ServiceAccount')?.doc;

/** The rules of every role bound to the console's ServiceAccount, with how they are bound. */
function grantedRules() {
  const bound = manifests.filter(
    (m) =>
      /RoleBinding$/.test(m.doc.kind) &&
      m.doc.subjects.some(
        (s: { kind: string; name: string; namespace: string }) =>
          s.kind === 'ServiceAccount' &&
          s.name === sa?.metadata.name &&
          s.namespace === sa?.metadata.namespace,
      ),
  );
  return bound.flatMap((b) => {
    const role = manifests.find(
      (m) => m.doc.kind === b.doc.roleRef.kind && m.doc.metadata.name === b.doc.roleRef.name,
    );
    if (!role) throw new Error(`${b.doc.kind} ${b.doc.metadata.name} binds a missing ${b.doc.roleRef.kind}`);
    return (role.doc.rules as Record<string, string[]>[]).map((rule) => ({
      binding: b.doc.kind,
      role: role.doc,
      rule,
    }));
  });
}

const pairs = (list: { resource: string; verb: string }[]) =>
  [...new Set(list.map((p) => `${p.resource}:${p.verb}`))].sort();

describe('the console ServiceAccount RBAC', () => {
  it('derives the calls from the BFF source', () => {
    const { needs, nonResource } = neededByTheBff();
    // A sanity floor: the seed routes alone list, read, create and delete four kinds.
    expect(needs.length).toBeGreaterThan(15);
    expect(pairs(needs)).toContain('replicationcontrollers/scale:patch');
    expect(pairs(needs)).toContain('pods/log:get');
    // GET /version is open to every authenticated client (system:public-info-viewer).
    expect([...new Set(nonResource)]).toEqual(['/version']);
  });

  it('grants exactly the (resource, verb) pairs the BFF calls, no more, no less', () => {
    const granted = grantedRules().flatMap(
      ({ rule }) =>
        rule.resources?.flatMap((resource) => (rule.verbs ?? []).map((verb) => ({ resource, verb }))) ?? [],
    );
    expect(pairs(granted)).toEqual(pairs(neededByTheBff().needs));
  });

  it('grants nothing broad: core group only, no wildcards, names or non-resource URLs', () => {
    for (const { rule } of grantedRules()) {
      expect(rule.apiGroups).toEqual(['']);
      expect([...(rule.resources ?? []), ...(rule.verbs ?? [])]).not.toContain('*');
      expect(rule.resourceNames).toBeUndefined();
      expect(rule.nonResourceURLs).toBeUndefined();
    }
  });

  it('binds cluster-wide what must be: namespaces, pods across namespaces, workloads in namespaces it creates', () => {
    const { needs } = neededByTheBff();
    // Namespaces are cluster-scoped and listPodForAllNamespaces spans them all; the console also
    // creates namespaces and then objects in them, which no RoleBinding made in advance can cover.
    expect(needs.some((n) => n.call === 'createNamespace')).toBe(true);
    expect(needs.some((n) => n.call === 'listPodForAllNamespaces')).toBe(true);
    for (const { binding, role } of grantedRules()) {
      expect(binding).toBe('ClusterRoleBinding');
      expect(role.kind).toBe('ClusterRole');
    }
  });
});
