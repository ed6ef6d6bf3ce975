import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function LoadingState({ label, minHeight = 160 }: { label?: string; minHeight?: number }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight }} data-testid="loading-state">
      <Spin tip={label ?? t('common.loading')}>
        <div style={{ width: 120, height: 48 }} />
      </Spin>
    </Flex>
  );
}
