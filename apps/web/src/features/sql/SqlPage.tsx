import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../shared/ui/ComingSoon';

export function SqlPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('nav.sql')} />;
}
