import type { VtctlResult } from '@vtdeck/contracts';
import { Alert, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/errors';
import { quoteArgs } from '../lib/quoteArgs';
import { LogPanel } from './LogPanel';

/**
 * What a vtctl command did: the exact command line (so a DBA can repeat it by hand),
 * vtctld's own error text in an Alert, and the printed output in a log panel.
 */
export function CommandResult({
  args,
  result,
  error,
}: {
  args: string[] | undefined;
  result: VtctlResult | undefined;
  error: unknown;
}) {
  const { t } = useTranslation();
  if (!args || (!result && !error)) return null;
  const d = error ? describeError(error) : undefined;
  const output = result?.Output ?? d?.output ?? '';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="command-result">
      <Typography.Text code data-testid="command-line">
        vtctl {quoteArgs(args)}
      </Typography.Text>
      {d ? (
        <Alert
          type={d.calm ? 'warning' : 'error'}
          showIcon
          title={
            d.kind === 'vtctl'
              ? t('errors.vtctl')
              : d.kind === 'forbidden'
                ? t('errors.forbidden')
                : t('errors.requestFailed')
          }
          data-error-kind={d.kind}
          description={<span data-testid="command-error">{d.message}</span>}
        />
      ) : (
        <Alert type="success" showIcon title={t('common.commandOk')} data-testid="command-ok" />
      )}
      {output || !d ? <LogPanel text={output} /> : null}
    </Space>
  );
}
