import { Alert, Input, Modal, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';

/**
 * Confirmation for destructive actions: the confirm button stays disabled until the user has
 * typed the name of what will be changed, so a mis-click cannot delete a keyspace.
 */
export function TypedConfirm({
  open,
  title,
  warning,
  expected,
  okText,
  loading,
  onConfirm,
  onCancel,
  children,
}: {
  open: boolean;
  title: ReactNode;
  warning: ReactNode;
  expected: string;
  okText: ReactNode;
  loading?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const matches = typed === expected;
  return (
    <Modal
      open={open}
      title={title}
      destroyOnHidden
      afterClose={() => setTyped('')}
      onCancel={onCancel}
      onOk={() => matches && onConfirm()}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !matches, loading, 'data-testid': 'confirm-ok' }}
      cancelButtonProps={{ 'data-testid': 'confirm-cancel' }}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="warning" showIcon title={warning} />
        {children}
        <Typography.Text>
          <Trans
            i18nKey="confirm.typeToConfirm"
            values={{ name: expected }}
            components={{ code: <Typography.Text code /> }}
          />
        </Typography.Text>
        <Input
          autoFocus
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onPressEnter={() => matches && onConfirm()}
          placeholder={expected}
          data-testid="confirm-input"
          aria-label={t('confirm.inputLabel')}
        />
      </Space>
    </Modal>
  );
}
