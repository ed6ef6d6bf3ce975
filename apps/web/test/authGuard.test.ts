import { describe, expect, it } from 'vitest';
import { guardDecision, safeNext, signInPath } from '../src/features/auth/lib/next';

describe('signInPath', () => {
  it('keeps where the user was, query and hash included', () => {
    expect(signInPath({ pathname: '/clusters/prod/topology/commerce', search: '?q=x', hash: '#a' })).toBe(
      '/signin?next=%2Fclusters%2Fprod%2Ftopology%2Fcommerce%3Fq%3Dx%23a',
    );
    expect(signInPath({ pathname: '/' })).toBe('/signin');
  });

  it('round-trips through safeNext', () => {
    const to = signInPath({ pathname: '/audit', search: '?user=dba' });
    const next = new URL(to, 'http://x').searchParams.get('next');
    expect(safeNext(next)).toBe('/audit?user=dba');
  });
});

describe('safeNext', () => {
  it.each([
    [null, '/'],
    ['', '/'],
    ['/clusters/prod/sql', '/clusters/prod/sql'],
    ['https://evil.example/', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/signin', '/'],
    ['/signin?next=/x', '/'],
    ['/audit#top', '/audit#top'],
  ])('%j → %j', (raw, expected) => {
    expect(safeNext(raw)).toBe(expected);
  });
});

describe('guardDecision', () => {
  const at = { pathname: '/clusters/prod/topology', search: '' };
  it('waits for the first answer', () => {
    expect(guardDecision({ status: 'pending', data: undefined }, at)).toEqual({ kind: 'wait' });
  });
  it('lets a session through', () => {
    expect(guardDecision({ status: 'success', data: { user: {} } }, at)).toEqual({ kind: 'allow' });
  });
  it('sends nobody to sign in, keeping next', () => {
    expect(guardDecision({ status: 'success', data: null }, at)).toEqual({
      kind: 'redirect',
      to: '/signin?next=%2Fclusters%2Fprod%2Ftopology',
    });
  });
  it('shows an outage instead of pretending nobody is signed in', () => {
    expect(guardDecision({ status: 'error', data: undefined }, at)).toEqual({ kind: 'error' });
  });
  it('keeps a known session when a refetch fails', () => {
    expect(guardDecision({ status: 'error', data: { user: {} } }, at)).toEqual({ kind: 'allow' });
  });
});
