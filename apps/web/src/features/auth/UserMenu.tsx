import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Divider, Dropdown, Flex, Space, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession, useSignOut } from '../../api/session';
import { GrantList, RoleTag } from './GrantList';
import { sortGrants } from './lib/grantSummary';

/** The header's user menu: who is signed in, what they may do, and sign-out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { data: session } = useSession();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  if (!session) return null;
  const { user } = session;
  const top = sortGrants(session.grants)[0];
  return (
    <Dropdown
      open={open}
      onOpenChange={setOpen}
      trigger={['click']}
      placement="bottomRight"
      popupRender={() => (
        <div
          data-testid="user-menu-panel"
          style={{
            background: token.colorBgElevated,
            borderRadius: token.borderRadiusLG,
            boxShadow: token.boxShadowSecondary,
            padding: 16,
            width: 320,
          }}
        >
          <Typography.Text strong data-testid="user-menu-name">
            {user.name}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`auth.kind.${user.kind}`)} · {t(`auth.via.${user.via}`)}
            </Typography.Text>
          </div>
          <Divider style={{ margin: '12px 0' }} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('auth.grants')}
          </Typography.Text>
          <div style={{ marginTop: 4 }}>
            <GrantList grants={session.grants} />
          </div>
          <div style={{ marginTop: 12 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('auth.groups')}
            </Typography.Text>
            <div data-testid="user-menu-groups">
              <Typography.Text style={{ fontSize: 13 }}>{user.groups.join(', ') || '—'}</Typography.Text>
            </div>
          </div>
          <Divider style={{ margin: '12px 0' }} />
          <Flex justify="flex-end">
            <Button
              data-testid="sign-out"
              icon={<LogoutOutlined />}
              loading={signOut.isPending}
              onClick={() => signOut.mutate()}
            >
              {t('auth.signOut')}
            </Button>
          </Flex>
        </div>
      )}
    >
      <Button
        data-testid="user-menu"
        title={t('auth.userMenu')}
        aria-haspopup="dialog"
        icon={<UserOutlined />}
      >
        <Space size={6}>
          <span>{user.name}</span>
          {top ? <RoleTag role={top.role} /> : null}
        </Space>
      </Button>
    </Dropdown>
  );
}
