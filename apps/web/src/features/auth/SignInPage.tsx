import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Divider, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { describeError } from '../../api/errors';
import { useSession, useSignIn, useSignInOptions } from '../../api/session';
import { ErrorState } from '../../shared/ui/ErrorState';
import { DemoUsersCard } from './DemoUsersCard';
import { safeNext } from './lib/next';
import { SignInForm } from './SignInForm';
import { useSignInErrorText } from './useSignInErrorText';

const OIDC_LOGIN = '/api/v2/session/oidc/login';

export function SignInPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const next = safeNext(search.get('next'));
  const ssoError = search.get('error');
  const session = useSession();
  const options = useSignInOptions();
  const signIn = useSignIn();
  const errorText = useSignInErrorText();
  // Which demo button was pressed, so only that one spins.
  const [pendingUser, setPendingUser] = useState<string | undefined>(undefined);

  if (session.data) return <Navigate replace to={next} />;

  const submit = (username: string, password: string, demo = false) => {
    setPendingUser(demo ? username : undefined);
    signIn.mutate(
      { username, password },
      // On success the stored session re-renders this page into a redirect to `next`.
      { onError: () => setPendingUser(undefined) },
    );
  };

  const oidc = options.data?.oidc;
  const ssoHref = `${oidc?.loginUrl ?? OIDC_LOGIN}?next=${encodeURIComponent(next)}`;

  return (
    <Flex justify="center" align="flex-start" gap={24} wrap style={{ padding: '48px 16px' }}>
      <Card style={{ width: 380, maxWidth: '100%' }} data-testid="sign-in-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('auth.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('auth.subtitle')}</Typography.Paragraph>
        {ssoError ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('auth.ssoFailed')}
            description={errorText.forCode(ssoError)}
            data-testid="sso-error"
          />
        ) : null}
        {signIn.isError ? (
          <Alert
            type={describeError(signIn.error).calm ? 'warning' : 'error'}
            showIcon
            style={{ marginBottom: 16 }}
            title={errorText.title(signIn.error)}
            description={describeError(signIn.error).message}
            data-testid="sign-in-error"
          />
        ) : null}
        <SignInForm
          pending={signIn.isPending && pendingUser === undefined}
          onSubmit={(v) => submit(v.username, v.password)}
        />
        {oidc?.enabled ? (
          <>
            <Divider plain style={{ fontSize: 12 }}>
              {t('auth.or')}
            </Divider>
            <Button block icon={<SafetyCertificateOutlined />} href={ssoHref} data-testid="sign-in-sso">
              {t('auth.sso')}
            </Button>
          </>
        ) : null}
        {options.isError ? (
          <div style={{ marginTop: 16 }}>
            <ErrorState error={options.error} onRetry={() => void options.refetch()} />
          </div>
        ) : null}
      </Card>
      {options.data?.sandbox ? (
        <DemoUsersCard
          options={options.data}
          pendingUser={pendingUser}
          onSignInAs={(u, p) => submit(u, p, true)}
        />
      ) : null}
    </Flex>
  );
}
