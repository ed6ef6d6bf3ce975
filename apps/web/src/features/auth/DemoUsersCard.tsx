import { LoginOutlined } from '@ant-design/icons';
import type { SignInOptions } from '@vtdeck/contracts';
import { Button, Card, Flex, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LogPanel } from '../../shared/ui/LogPanel';
import { ROLE_COLORS, RoleTag } from './GrantList';

const isRole = (r: string): r is keyof typeof ROLE_COLORS => r in ROLE_COLORS;

/** Sandbox only: one click signs in as each demo role, and the demo API token for scripts. */
export function DemoUsersCard({
  options,
  pendingUser,
  onSignInAs,
}: {
  options: SignInOptions;
  pendingUser: string | undefined;
  onSignInAs: (username: string, password: string) => void;
}) {
  const { t } = useTranslation();
  const curl = options.demoToken
    ? `curl -H 'Authorization: Bearer ${options.demoToken}' ${window.location.origin}/api/v2/clusters`
    : '';
  return (
    <Card title={t('auth.demo.title')} style={{ width: 460, maxWidth: '100%' }} data-testid="demo-users">
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('auth.demo.help')}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={options.demoUsers}
        renderItem={(u) => (
          <List.Item data-testid={`demo-user-${u.username}`}>
            <Flex align="center" gap={12} style={{ width: '100%' }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Space size={8}>
                  <Typography.Text strong>{u.username}</Typography.Text>
                  {isRole(u.role) ? <RoleTag role={u.role} /> : <Typography.Text>{u.role}</Typography.Text>}
                </Space>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {u.scope}
                  </Typography.Text>
                </div>
              </div>
              <Button
                size="small"
                icon={<LoginOutlined />}
                loading={pendingUser === u.username}
                disabled={pendingUser !== undefined && pendingUser !== u.username}
                onClick={() => onSignInAs(u.username, u.password)}
                data-testid={`sign-in-as-${u.username}`}
              >
                {t('auth.demo.signInAs', { name: u.username })}
              </Button>
            </Flex>
          </List.Item>
        )}
      />
      {options.demoToken ? (
        <div style={{ marginTop: 12 }} data-testid="demo-token">
          <Typography.Text strong>{t('auth.demo.token')}</Typography.Text>
          <div>
            <Typography.Text
              code
              copyable={{ text: options.demoToken, tooltips: [t('common.copy'), t('common.copied')] }}
              data-testid="demo-token-value"
            >
              {options.demoToken}
            </Typography.Text>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('auth.demo.tokenHelp')}
          </Typography.Text>
          <div style={{ marginTop: 4 }}>
            <LogPanel text={curl} maxHeight={96} testId="demo-curl" />
          </div>
        </div>
      ) : null}
    </Card>
  );
}
