import { Tag } from 'antd';

// Fixed colours per role so a DBA can scan a shard at a glance; the same in both themes.
const COLORS: Record<string, string> = {
  PRIMARY: 'gold',
  MASTER: 'gold',
  REPLICA: 'blue',
  RDONLY: 'purple',
  SPARE: 'default',
  BACKUP: 'cyan',
  RESTORE: 'cyan',
  DRAINED: 'orange',
  EXPERIMENTAL: 'magenta',
};

export function TabletTypeTag({ type }: { type: string }) {
  return (
    <Tag
      color={COLORS[type] ?? 'default'}
      style={{ marginInlineEnd: 0, fontFamily: 'monospace' }}
      data-tablet-type={type}
    >
      {type}
    </Tag>
  );
}
