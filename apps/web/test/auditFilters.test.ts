import { describe, expect, it } from 'vitest';
import { auditSearch } from '../src/api/audit';
import { filtersFromSearch, hasFilters, withFilters } from '../src/features/audit/lib/filters';

describe('audit filters in the URL', () => {
  it('read back what was written, dropping bad times', () => {
    const search = new URLSearchParams(
      'user=dba&keyspace=%20customer%20&since=2026-01-02T03:04:05.000Z&until=garbage&noretry',
    );
    expect(filtersFromSearch(search)).toEqual({
      user: 'dba',
      keyspace: 'customer',
      since: '2026-01-02T03:04:05.000Z',
      until: undefined,
    });
  });

  it('change only the filters named, keeping other parameters', () => {
    const prev = new URLSearchParams('user=dba&noretry');
    const next = withFilters(prev, { user: undefined, keyspace: 'commerce' });
    expect(next.toString()).toBe('noretry=&keyspace=commerce');
    expect(hasFilters(filtersFromSearch(next))).toBe(true);
    expect(hasFilters(filtersFromSearch(new URLSearchParams('noretry')))).toBe(false);
  });

  it('become the BFF query with a limit and the cursor', () => {
    expect(auditSearch({ user: 'a b', keyspace: undefined }, 'c1', 50)).toBe('user=a+b&limit=50&cursor=c1');
  });
});
