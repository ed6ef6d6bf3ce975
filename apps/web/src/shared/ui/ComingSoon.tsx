import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ComingSoon({ title }: { title: ReactNode }) {
  const { t } = useTranslation();
  return <Result status="info" title={title} subTitle={t('comingSoon.body')} data-testid="coming-soon" />;
}
