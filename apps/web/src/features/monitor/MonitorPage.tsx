import { FullscreenOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, theme } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useMonitorStream } from '../../api/monitor';
import { MonitorWall } from './MonitorWall';
import { useNow } from './useNow';

// Dark, for a screen left on for days; secondary text brighter than antd's default to read at AA.
const KIOSK_THEME = {
  inherit: false,
  algorithm: theme.darkAlgorithm,
  token: {
    colorPrimary: '#1668dc',
    borderRadius: 6,
    colorBgLayout: '#0b0d12',
    colorBgContainer: '#151922',
    colorTextSecondary: 'rgba(255, 255, 255, 0.72)',
    colorTextTertiary: 'rgba(255, 255, 255, 0.62)',
  },
};

/**
 * The monitoring wall of one cluster (`/clusters/:cluster/monitor`) or of all (`/monitor`).
 * `?kiosk=1`: no navigation (the layout steps aside), dark, type sized from the screen width;
 * Escape leaves kiosk mode.
 */
export function MonitorPage() {
  const { t } = useTranslation();
  const { cluster } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const kiosk = search.get('kiosk') === '1';
  const state = useMonitorStream(cluster);
  const now = useNow();
  const scope = cluster ?? t('monitor.allClusters');

  useEffect(() => {
    if (!kiosk) return;
    const leave = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const next = new URLSearchParams(search);
      next.delete('kiosk');
      navigate({ search: next.toString() });
    };
    window.addEventListener('keydown', leave);
    return () => window.removeEventListener('keydown', leave);
  }, [kiosk, search, navigate]);

  if (kiosk) {
    return (
      <ConfigProvider theme={KIOSK_THEME}>
        <KioskFrame>
          <MonitorWall
            state={state}
            now={now}
            fill
            showClusterNames={!cluster}
            heading={
              <h1 style={{ margin: 0, fontSize: '1.6em', fontWeight: 600, color: '#fff' }}>
                {t('app.name')} · {t('monitor.title')} · {scope}
              </h1>
            }
          />
        </KioskFrame>
      </ConfigProvider>
    );
  }
  const kioskSearch = new URLSearchParams(search);
  kioskSearch.set('kiosk', '1');
  return (
    <div data-testid="monitor-page" style={{ fontSize: 14 }}>
      <MonitorWall
        state={state}
        now={now}
        fill={false}
        showClusterNames={!cluster}
        heading={
          <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
            <h1 style={{ margin: 0, fontSize: 20, fontWeight: 600 }}>
              {t('monitor.title')} · {scope}
            </h1>
            <Button
              icon={<FullscreenOutlined />}
              onClick={() => navigate({ search: kioskSearch.toString() })}
            >
              {t('monitor.kiosk')}
            </Button>
          </div>
        }
      />
    </div>
  );
}

function KioskFrame({ children }: { children: React.ReactNode }) {
  const { token } = theme.useToken();
  return (
    // The layout steps aside in kiosk mode, so the wall is the page's main landmark itself.
    <main
      data-testid="monitor-kiosk"
      style={{
        position: 'fixed',
        inset: 0,
        padding: '0.9em',
        background: token.colorBgLayout,
        color: token.colorText,
        // 18 px at 1920 wide, 36 px at 3840: one layout for both.
        fontSize: 'clamp(14px, 0.9375vw, 48px)',
        overflow: 'hidden',
      }}
    >
      {children}
    </main>
  );
}
