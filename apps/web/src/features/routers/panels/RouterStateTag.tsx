import type { RouterState } from '@vtdeck/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function RouterStateTag({ state }: { state: RouterState }) {
  const { t } = useTranslation();
  const color = state === 'up' ? 'success' : state === 'down' ? 'error' : 'default';
  const label =
    state === 'up'
      ? t('routers.state.up')
      : state === 'down'
        ? t('routers.state.down')
        : t('routers.state.pending');
  return (
    <Tag color={color} data-testid="router-state" data-state={state}>
      {label}
    </Tag>
  );
}

export function AliveTag({ alive }: { alive: boolean | null }) {
  const { t } = useTranslation();
  if (alive === null) return <Tag>{t('routers.alive.unknown')}</Tag>;
  return (
    <Tag color={alive ? 'success' : 'error'} data-testid="route-alive" data-alive={alive}>
      {alive ? t('routers.alive.yes') : t('routers.alive.no')}
    </Tag>
  );
}
