import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

interface Values {
  username: string;
  password: string;
}

export function SignInForm({ pending, onSubmit }: { pending: boolean; onSubmit: (v: Values) => void }) {
  const { t } = useTranslation();
  return (
    <Form<Values>
      layout="vertical"
      requiredMark={false}
      onFinish={(v) => onSubmit({ username: v.username.trim(), password: v.password })}
      data-testid="sign-in-form"
    >
      <Form.Item
        name="username"
        label={t('auth.username')}
        rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
      >
        <Input
          prefix={<UserOutlined />}
          autoComplete="username"
          autoFocus
          data-testid="sign-in-username"
          maxLength={128}
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('auth.password')}
        rules={[{ required: true, message: t('auth.passwordRequired') }]}
      >
        <Input.Password
          prefix={<LockOutlined />}
          autoComplete="current-password"
          data-testid="sign-in-password"
          maxLength={1024}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={pending} data-testid="sign-in-submit">
        {t('auth.signIn')}
      </Button>
    </Form>
  );
}
