import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import * as contracts from '../src/index';

// Every `examples` entry in the contracts (they are what /api/openapi.json shows) is a value the
// schema it sits on accepts: a wrong example in the API docs is a bug like any other.

type Schema = Record<string, unknown>;

function* schemasWithExamples(node: unknown, seen: Set<unknown>, at: string): Generator<[string, Schema]> {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  const schema = node as Schema;
  if (Array.isArray(schema.examples)) yield [at, schema];
  for (const [key, child] of Object.entries(schema)) {
    if (key === 'examples') continue;
    if (Array.isArray(child))
      for (const [i, c] of child.entries()) yield* schemasWithExamples(c, seen, `${at}.${key}[${i}]`);
    else yield* schemasWithExamples(child, seen, `${at}.${key}`);
  }
}

describe('contract examples', () => {
  const seen = new Set<unknown>();
  const found = Object.entries(contracts).flatMap(([name, value]) => [
    ...schemasWithExamples(value, seen, name),
  ]);

  it('are many, on the requests and answers the docs show', () => {
    const names = new Set(found.map(([at]) => at.split('.')[0]));
    for (const name of [
      'VtctlCommand',
      'SchemaApplyRequest',
      'SignInRequest',
      'SessionInfo',
      'ErrorBody',
      'Health',
      'Readiness',
      'K8sEnvelope',
      'SqlRequest',
      'ClusterList',
    ]) {
      expect(names, name).toContain(name);
    }
  });

  it('each pass the schema they sit on', () => {
    for (const [at, schema] of found) {
      for (const [i, example] of (schema.examples as unknown[]).entries()) {
        const errors = [...Value.Errors(schema as never, example)].map(
          (e) => `${e.instancePath} ${e.message}`,
        );
        expect(errors, `${at}.examples[${i}]`).toEqual([]);
      }
    }
  });
});
