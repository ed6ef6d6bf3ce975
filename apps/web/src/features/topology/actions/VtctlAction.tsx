import { Button, Flex, Typography, theme } from 'antd';
import { type ReactNode, useState } from 'react';
import { useVtctl } from '../../../api/vtctl';
import { useCluster } from '../../../shared/hooks/useCluster';
import { quoteArgs } from '../../../shared/lib/quoteArgs';
import { CommandResult } from '../../../shared/ui/CommandResult';
import { TypedConfirm } from '../../../shared/ui/TypedConfirm';

export interface ConfirmSpec {
  /** What the user must type, e.g. the keyspace name. */
  expected: string;
  title: ReactNode;
  warning: ReactNode;
}

/**
 * One vtctl action: its options, a button, and the command's result underneath. Destructive
 * actions pass `confirm`, and then run only after the typed-name confirmation.
 */
export function VtctlAction({
  title,
  description,
  args,
  buttonText,
  testId,
  danger,
  disabled,
  confirm,
  children,
  onDone,
}: {
  title: ReactNode;
  description?: ReactNode;
  /** The command line to run; null while the options are not valid yet. */
  args: string[] | null;
  buttonText: ReactNode;
  testId: string;
  danger?: boolean;
  disabled?: boolean;
  confirm?: ConfirmSpec | undefined;
  children?: ReactNode;
  onDone?: () => void;
}) {
  const cluster = useCluster();
  const { token } = theme.useToken();
  const vtctl = useVtctl(cluster);
  const [confirming, setConfirming] = useState(false);

  const run = () => {
    if (!args) return;
    setConfirming(false);
    vtctl.mutate(args, { onSuccess: () => onDone?.() });
  };

  return (
    <div
      data-testid={`action-${testId}`}
      style={{ padding: '12px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
    >
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div style={{ flex: 1, minWidth: 220 }}>
          <Typography.Text strong>{title}</Typography.Text>
          {description ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {description}
              </Typography.Text>
            </div>
          ) : null}
          {children ? <div style={{ marginTop: 8 }}>{children}</div> : null}
        </div>
        <Button
          data-testid={`run-${testId}`}
          danger={danger}
          loading={vtctl.isPending}
          disabled={disabled || !args}
          onClick={() => (confirm ? setConfirming(true) : run())}
        >
          {buttonText}
        </Button>
      </Flex>
      {vtctl.variables && !vtctl.isPending ? (
        <div style={{ marginTop: 8 }}>
          <CommandResult args={vtctl.variables} result={vtctl.data} error={vtctl.error} />
        </div>
      ) : null}
      {confirm ? (
        <TypedConfirm
          open={confirming}
          title={confirm.title}
          warning={confirm.warning}
          expected={confirm.expected}
          okText={buttonText}
          loading={vtctl.isPending}
          onConfirm={run}
          onCancel={() => setConfirming(false)}
        >
          {args ? (
            <Typography.Text code data-testid="confirm-command">
              vtctl {quoteArgs(args)}
            </Typography.Text>
          ) : null}
        </TypedConfirm>
      ) : null}
    </div>
  );
}
