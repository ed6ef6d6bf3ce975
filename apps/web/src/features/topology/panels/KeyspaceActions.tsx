import type { KeyspaceNode } from '@vtdeck/contracts';
import { Checkbox, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCluster } from '../../../shared/hooks/useCluster';
import { paths } from '../../../shared/lib/paths';
import { VtctlAction } from '../actions/VtctlAction';
import { checkShardName, type ShardNameProblem } from '../lib/keyRange';

export function ValidateKeyspace({ keyspace }: { keyspace: string }) {
  const { t } = useTranslation();
  const [ping, setPing] = useState(false);
  return (
    <VtctlAction
      testId="validate-keyspace"
      title="ValidateKeyspace"
      description={t('keyspace.validateHelp')}
      args={['ValidateKeyspace', ...(ping ? ['-ping-tablets'] : []), keyspace]}
      buttonText={t('keyspace.run')}
    >
      <Checkbox checked={ping} onChange={(e) => setPing(e.target.checked)} data-testid="opt-ping-tablets">
        -ping-tablets
      </Checkbox>
    </VtctlAction>
  );
}

export function ValidateKeyspaceMore({ keyspace }: { keyspace: string }) {
  const { t } = useTranslation();
  return (
    <>
      <VtctlAction
        testId="validate-schema-keyspace"
        title="ValidateSchemaKeyspace"
        description={t('keyspace.validateSchemaHelp')}
        args={['ValidateSchemaKeyspace', keyspace]}
        buttonText={t('keyspace.run')}
      />
      <VtctlAction
        testId="validate-version-keyspace"
        title="ValidateVersionKeyspace"
        description={t('keyspace.validateVersionHelp')}
        args={['ValidateVersionKeyspace', keyspace]}
        buttonText={t('keyspace.run')}
      />
    </>
  );
}

export function RebuildKeyspaceGraph({ keyspace }: { keyspace: string }) {
  const { t } = useTranslation();
  return (
    <VtctlAction
      testId="rebuild-keyspace-graph"
      title="RebuildKeyspaceGraph"
      description={t('keyspace.rebuildHelp')}
      args={['RebuildKeyspaceGraph', keyspace]}
      buttonText={t('keyspace.rebuild')}
    />
  );
}

function useShardProblemText(): (p: ShardNameProblem) => string {
  const { t } = useTranslation();
  return (p) => {
    switch (p) {
      case 'empty':
        return t('validation.shardEmpty');
      case 'format':
        return t('validation.shardFormat');
      case 'oddDigits':
        return t('validation.shardOddDigits');
      case 'order':
        return t('validation.shardOrder');
      case 'exists':
        return t('validation.shardExists');
    }
  };
}

export function CreateShard({ keyspace }: { keyspace: KeyspaceNode }) {
  const { t } = useTranslation();
  const problemText = useShardProblemText();
  const [name, setName] = useState('');
  const trimmed = name.trim();
  const problem = checkShardName(
    trimmed,
    keyspace.shards.map((s) => s.name),
  );
  return (
    <VtctlAction
      testId="create-shard"
      title={t('keyspace.createShard')}
      description={t('keyspace.createShardHelp')}
      args={problem ? null : ['CreateShard', `${keyspace.name}/${trimmed}`]}
      buttonText={t('cluster.create')}
      onDone={() => setName('')}
    >
      <Space orientation="vertical" size={2} style={{ width: '100%', maxWidth: 360 }}>
        <Input
          data-testid="shard-name-input"
          addonBefore={`${keyspace.name}/`}
          placeholder="-80, 80-, 40-80"
          value={name}
          status={name && problem ? 'error' : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        {name && problem ? (
          <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="shard-name-error">
            {problemText(problem)}
          </Typography.Text>
        ) : null}
      </Space>
    </VtctlAction>
  );
}

export function DeleteKeyspace({ keyspace }: { keyspace: string }) {
  const { t } = useTranslation();
  const cluster = useCluster();
  const navigate = useNavigate();
  const [recursive, setRecursive] = useState(false);
  return (
    <VtctlAction
      testId="delete-keyspace"
      danger
      title={t('keyspace.delete')}
      description={t('keyspace.deleteHelp')}
      args={['DeleteKeyspace', ...(recursive ? ['-recursive'] : []), keyspace]}
      buttonText={t('keyspace.deleteButton')}
      confirm={{
        expected: keyspace,
        title: t('keyspace.deleteConfirmTitle', { name: keyspace }),
        warning: recursive ? t('keyspace.deleteWarningRecursive') : t('keyspace.deleteWarning'),
      }}
      onDone={() => navigate(paths.topology(cluster))}
    >
      <Checkbox
        checked={recursive}
        onChange={(e) => setRecursive(e.target.checked)}
        data-testid="opt-recursive"
      >
        -recursive
      </Checkbox>
    </VtctlAction>
  );
}
