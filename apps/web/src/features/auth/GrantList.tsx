import type { SessionGrant } from '@vtdeck/contracts';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { grantScope, sortGrants } from './lib/grantSummary';

export const ROLE_COLORS = { viewer: 'default', developer: 'blue', dba: 'purple', admin: 'gold' } as const;

export function RoleTag({ role }: { role: SessionGrant['role'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={ROLE_COLORS[role]} data-testid="role-tag" style={{ marginInlineEnd: 0 }}>
      {t(`roles.${role}`)}
    </Tag>
  );
}

/** The user's grants in words: "dba · keyspaces customer*, namespaces vitess*". */
export function GrantList({ grants }: { grants: readonly SessionGrant[] }) {
  const { t } = useTranslation();
  if (grants.length === 0) return <Typography.Text type="secondary">{t('auth.noGrants')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={4} data-testid="grant-list">
      {sortGrants(grants).map((g) => {
        const scope = grantScope(g);
        const text =
          scope === 'everything'
            ? t('auth.scope.everything')
            : scope.map((p) => t(`auth.scope.${p.kind}`, { names: p.names })).join(', ');
        return (
          <Space key={`${g.role}:${text}`} size={6} align="start">
            <RoleTag role={g.role} />
            <Typography.Text style={{ fontSize: 13 }}>{text}</Typography.Text>
          </Space>
        );
      })}
    </Space>
  );
}
