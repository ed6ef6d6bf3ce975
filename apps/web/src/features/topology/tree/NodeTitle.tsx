import { CrownFilled, DatabaseOutlined, PartitionOutlined } from '@ant-design/icons';
import { Tag, Typography, theme } from 'antd';
import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TabletTypeTag } from '../TabletTypeTag';
import type { TopoTreeNode } from './buildTree';

const { Text } = Typography;

// One line per row: the virtual list relies on a fixed row height, so nothing may wrap.
function Row({ testId, name, children }: { testId: string; name: string; children: ReactNode }) {
  return (
    <span
      data-testid={testId}
      data-name={name}
      style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0, whiteSpace: 'nowrap' }}
    >
      {children}
    </span>
  );
}

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0, fontSize: 12 } as const;

function Title({ node }: { node: TopoTreeNode }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  if (node.kind === 'keyspace') {
    const k = node.keyspace;
    const tablets = k.shards.reduce((n, s) => n + s.tablets.length, 0);
    return (
      <Row testId="tree-keyspace" name={k.name}>
        <DatabaseOutlined />
        <Text strong>{k.name}</Text>
        {k.sharded ? (
          <Tag variant="filled" style={{ marginInlineEnd: 0 }}>
            {t('topology.sharded')}
          </Tag>
        ) : null}
        <Text type="secondary" style={ellipsis}>
          {t('topology.shardCount', { count: k.shards.length })} ·{' '}
          {t('topology.tabletCount', { count: tablets })}
        </Text>
      </Row>
    );
  }
  if (node.kind === 'shard') {
    const s = node.shard;
    return (
      <Row testId="tree-shard" name={`${node.keyspace.name}/${s.name}`}>
        <PartitionOutlined />
        <Text code>{s.name}</Text>
        {s.isPrimaryServing ? null : (
          <Tag color="error" style={{ marginInlineEnd: 0 }}>
            {t('topology.notServing')}
          </Tag>
        )}
        {s.primaryAlias ? null : (
          <Tag color="warning" style={{ marginInlineEnd: 0 }}>
            {t('topology.noPrimary')}
          </Tag>
        )}
        <Text type="secondary" style={ellipsis}>
          {t('topology.tabletCount', { count: s.tablets.length })}
        </Text>
      </Row>
    );
  }
  const tb = node.tablet;
  return (
    <Row testId="tree-tablet" name={tb.alias}>
      <span style={{ display: 'inline-block', width: 14, flexShrink: 0, color: token.colorWarning }}>
        {tb.isPrimary ? (
          <CrownFilled aria-label={t('topology.primary')} title={t('topology.primary')} />
        ) : null}
      </span>
      <Text style={{ fontFamily: token.fontFamilyCode, fontSize: 13 }}>{tb.alias}</Text>
      <TabletTypeTag type={tb.type} />
      <Tag variant="outlined" style={{ marginInlineEnd: 0 }}>
        {tb.cell}
      </Tag>
      {tb.serving ? null : (
        <Tag color="error" style={{ marginInlineEnd: 0 }}>
          {t('topology.notServing')}
        </Tag>
      )}
      <Text type="secondary" style={ellipsis} title={tb.hostname}>
        {tb.hostname}
      </Text>
    </Row>
  );
}

/** What a row shows: a new search builds new tree nodes around the same topology objects. */
function sameRow(a: TopoTreeNode, b: TopoTreeNode): boolean {
  if (a.kind === 'tablet') return b.kind === 'tablet' && a.tablet === b.tablet;
  if (a.kind === 'shard') return b.kind === 'shard' && a.shard === b.shard && a.keyspace === b.keyspace;
  return b.kind === 'keyspace' && a.keyspace === b.keyspace;
}

/** Memoised on the topology objects, so rows already on screen are not rendered again by a new search. */
export const NodeTitle = memo(Title, (prev, next) => sameRow(prev.node, next.node));
