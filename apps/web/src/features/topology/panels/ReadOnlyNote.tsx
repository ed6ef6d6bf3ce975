import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/lib/permissions';

/**
 * Shown where the actions of a panel would be when the user's role allows none of them, so the
 * missing buttons are explained rather than mysterious.
 */
export function ReadOnlyNote({ keyspace, role }: { keyspace: string; role: Role | null }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      data-testid="read-only-note"
      title={t('permissions.readOnly', { keyspace })}
      description={
        role
          ? t('permissions.yourRole', { keyspace, role: t(`roles.${role}`) })
          : t('permissions.noRole', { keyspace })
      }
    />
  );
}
