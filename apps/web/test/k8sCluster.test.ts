import { describe, expect, it } from 'vitest';
import { formatAge, statusColor } from '../src/features/cluster/lib/format';
import { parseLabels } from '../src/features/cluster/lib/rules';
import { readView } from '../src/features/cluster/lib/urlState';

describe('cluster page helpers', () => {
  it('reads the view from the URL, pods by default', () => {
    expect(readView(new URLSearchParams(''))).toEqual({
      tab: 'pods',
      ns: '',
      labels: '',
      status: '',
      open: '',
      tablet: '',
    });
    expect(
      readView(new URLSearchParams('tab=rcs&ns=vitess&labels=app%3Dvitess&rc=vtctld&pod=x')),
    ).toMatchObject({
      tab: 'rcs',
      ns: 'vitess',
      labels: 'app=vitess',
      open: 'vtctld',
    });
    expect(readView(new URLSearchParams('tab=bogus')).tab).toBe('pods');
  });

  it('parses labels one per line or comma-separated, and names the bad one', () => {
    expect(parseLabels('team=dba\n env = test ,example.com/tier=db')).toEqual({
      team: 'dba',
      env: 'test',
      'example.com/tier': 'db',
    });
    expect(parseLabels('')).toEqual({});
    expect(() => parseLabels('ok=1\nbad key=2')).toThrow('bad key=2');
    expect(() => parseLabels('k=-bad')).toThrow('k=-bad');
  });

  it('formats ages like kubectl and colours statuses', () => {
    expect([5, 125, 3_700, 93_784, 259_200].map(formatAge)).toEqual(['5s', '2m', '1h1m', '1d2h', '3d']);
    expect(formatAge(null)).toBe('—');
    expect(statusColor('Running')).toBe('success');
    expect(statusColor('ContainerCreating')).toBe('processing');
    expect(statusColor('CrashLoopBackOff')).toBe('error');
  });
});
