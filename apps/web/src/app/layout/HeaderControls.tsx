import { MoonOutlined, SunOutlined } from '@ant-design/icons';
import { Button, Segmented, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n';
import { usePreferences } from '../preferences';

export function HeaderControls() {
  const { t } = useTranslation();
  const { theme, setTheme, language, setLanguage } = usePreferences();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <Space>
      <Segmented<Language>
        data-testid="language-switch"
        aria-label={t('header.language')}
        size="small"
        value={language}
        onChange={setLanguage}
        options={[
          { value: 'en', label: 'EN' },
          { value: 'zh-CN', label: '中文' },
        ]}
      />
      <Tooltip title={next === 'dark' ? t('header.darkTheme') : t('header.lightTheme')}>
        <Button
          data-testid="theme-toggle"
          aria-label={next === 'dark' ? t('header.darkTheme') : t('header.lightTheme')}
          shape="circle"
          icon={theme === 'dark' ? <SunOutlined /> : <MoonOutlined />}
          onClick={() => setTheme(next)}
        />
      </Tooltip>
    </Space>
  );
}
