import type { KeyspaceNode, ShardNode } from '@vtdeck/contracts';
import { Checkbox, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCluster } from '../../../shared/hooks/useCluster';
import { paths } from '../../../shared/lib/paths';
import { VtctlAction } from '../actions/VtctlAction';

export function InitShardMaster({ keyspace, shard }: { keyspace: KeyspaceNode; shard: ShardNode }) {
  const { t } = useTranslation();
  const target = `${keyspace.name}/${shard.name}`;
  const [alias, setAlias] = useState<string | undefined>(undefined);
  const [force, setForce] = useState(false);
  return (
    <VtctlAction
      testId="init-shard-master"
      danger={force}
      title="InitShardMaster"
      description={t('shard.initHelp')}
      args={alias ? ['InitShardMaster', ...(force ? ['-force'] : []), target, alias] : null}
      buttonText={t('shard.initButton')}
      confirm={
        force && alias
          ? {
              expected: target,
              title: t('shard.initConfirmTitle', { shard: target, alias }),
              warning: t('shard.initWarning'),
            }
          : undefined
      }
    >
      <Space wrap>
        <Select
          data-testid="init-tablet-select"
          style={{ minWidth: 240 }}
          placeholder={t('shard.pickTablet')}
          value={alias}
          onChange={setAlias}
          showSearch
          options={shard.tablets.map((tb) => ({
            value: tb.alias,
            label: `${tb.alias} (${tb.type}, ${tb.cell})`,
          }))}
        />
        <Checkbox checked={force} onChange={(e) => setForce(e.target.checked)} data-testid="opt-force">
          -force
        </Checkbox>
      </Space>
    </VtctlAction>
  );
}

export function DeleteShard({ keyspace, shard }: { keyspace: KeyspaceNode; shard: ShardNode }) {
  const { t } = useTranslation();
  const cluster = useCluster();
  const navigate = useNavigate();
  const target = `${keyspace.name}/${shard.name}`;
  const [recursive, setRecursive] = useState(false);
  const [evenIfServing, setEvenIfServing] = useState(false);
  return (
    <VtctlAction
      testId="delete-shard"
      danger
      title={t('shard.delete')}
      description={t('shard.deleteHelp')}
      args={[
        'DeleteShard',
        ...(recursive ? ['-recursive'] : []),
        ...(evenIfServing ? ['-even_if_serving'] : []),
        target,
      ]}
      buttonText={t('shard.deleteButton')}
      confirm={{
        expected: target,
        title: t('shard.deleteConfirmTitle', { name: target }),
        warning: t('shard.deleteWarning'),
      }}
      onDone={() => navigate(paths.topology(cluster, keyspace.name))}
    >
      <Space wrap>
        <Checkbox
          checked={recursive}
          onChange={(e) => setRecursive(e.target.checked)}
          data-testid="opt-recursive"
        >
          -recursive
        </Checkbox>
        <Checkbox
          checked={evenIfServing}
          onChange={(e) => setEvenIfServing(e.target.checked)}
          data-testid="opt-even-if-serving"
        >
          -even_if_serving
        </Checkbox>
      </Space>
    </VtctlAction>
  );
}
