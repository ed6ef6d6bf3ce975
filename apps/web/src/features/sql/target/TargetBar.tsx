import { LockOutlined } from '@ant-design/icons';
import type { SqlTabletType } from '@vtdeck/contracts';
import { AutoComplete, Flex, Segmented, Select, Switch, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SqlTarget } from '../state/tabs';

export interface TargetBarProps {
  target: SqlTarget;
  keyspaces: string[];
  shards: string[];
  loadingKeyspaces: boolean;
  readOnly: boolean;
  onTarget(next: SqlTarget): void;
  onReadOnly(on: boolean): void;
}

const TABLET_TYPES: SqlTabletType[] = ['primary', 'replica', 'rdonly'];

/** Where the tab's statements go: keyspace, tablet type, optionally one shard; and the read-only switch. */
export function TargetBar({
  target,
  keyspaces,
  shards,
  loadingKeyspaces,
  readOnly,
  onTarget,
  onReadOnly,
}: TargetBarProps) {
  const { t } = useTranslation();
  return (
    <Flex gap={12} align="center" wrap data-testid="sql-target-bar">
      <Flex gap={6} align="center">
        <Typography.Text type="secondary">{t('sql.target.keyspace')}</Typography.Text>
        <Select
          data-testid="sql-keyspace"
          aria-label={t('sql.target.keyspace')}
          style={{ minWidth: 160 }}
          loading={loadingKeyspaces}
          placeholder={t('sql.target.pickKeyspace')}
          value={target.keyspace}
          showSearch
          onChange={(keyspace) => onTarget({ ...target, keyspace, shard: undefined })}
          options={keyspaces.map((k) => ({ value: k, label: k }))}
          status={target.keyspace ? undefined : 'warning'}
        />
      </Flex>
      <Segmented<SqlTabletType>
        data-testid="sql-tablet-type"
        aria-label={t('sql.target.tabletType')}
        value={target.tabletType}
        onChange={(tabletType) => onTarget({ ...target, tabletType })}
        options={TABLET_TYPES.map((v) => ({ value: v, label: t(`sql.target.${v}`) }))}
      />
      <Flex gap={6} align="center">
        <Typography.Text type="secondary">{t('sql.target.shard')}</Typography.Text>
        <AutoComplete
          data-testid="sql-shard"
          aria-label={t('sql.target.shard')}
          style={{ width: 130 }}
          allowClear
          placeholder={t('sql.target.allShards')}
          value={target.shard}
          onChange={(shard: string | undefined) => onTarget({ ...target, shard: shard || undefined })}
          options={shards.map((s) => ({ value: s }))}
        />
      </Flex>
      <Flex flex={1} />
      <Tooltip title={t('sql.target.readOnlyHint')}>
        <Flex gap={6} align="center">
          <LockOutlined />
          <Typography.Text>{t('sql.target.readOnly')}</Typography.Text>
          <Switch
            data-testid="sql-read-only"
            aria-label={t('sql.target.readOnly')}
            checked={readOnly}
            onChange={onReadOnly}
            size="small"
          />
        </Flex>
      </Tooltip>
    </Flex>
  );
}
