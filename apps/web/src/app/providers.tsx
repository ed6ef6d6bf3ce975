import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { i18n } from './i18n';
import { PreferencesProvider, usePreferences } from './preferences';
import { createQueryClient } from './queryClient';
import { themeConfig } from './theme';

function ThemedAntd({ children }: { children: ReactNode }) {
  const { theme: mode, language } = usePreferences();
  const theme = useMemo(() => themeConfig(mode), [mode]);
  return (
    <ConfigProvider locale={language === 'zh-CN' ? zhCN : enUS} theme={theme}>
      {children}
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <PreferencesProvider>
          <ThemedAntd>{children}</ThemedAntd>
        </PreferencesProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
