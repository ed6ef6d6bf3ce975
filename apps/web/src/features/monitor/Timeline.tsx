import type { TimelineEntry } from '@vtdeck/contracts';
import { theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { LEVEL_COLOR } from './lib/colors';
import { clock } from './lib/format';

const SHOWN = 80;

/** State changes, newest first, as sentences in the screen's language. */
export function Timeline({ entries, showCluster }: { entries: TimelineEntry[]; showCluster: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const sentence = (e: TimelineEntry) => {
    const params = { ...e.params };
    if (params.source)
      params.source = t(`monitor.sourceName.${params.source}`, { defaultValue: params.source });
    return t(`monitor.event.${e.kind}`, { ...params, defaultValue: e.text });
  };
  const newest = entries.slice(-SHOWN).reverse();
  return (
    <section
      aria-label={t('monitor.timeline.title')}
      data-testid="monitor-timeline"
      style={{
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
        padding: '0.75em 0.9em',
        borderRadius: '0.5em',
        background: token.colorBgContainer,
        border: `1px solid ${token.colorBorderSecondary}`,
        overflow: 'hidden',
      }}
    >
      <h2 style={{ margin: '0 0 0.5em', fontSize: '1.1em', fontWeight: 600, color: token.colorText }}>
        {t('monitor.timeline.title')}
      </h2>
      {newest.length === 0 ? (
        <p style={{ margin: 0, color: token.colorTextSecondary, fontSize: '0.9em' }}>
          {t('monitor.timeline.empty')}
        </p>
      ) : (
        <ol style={{ listStyle: 'none', margin: 0, padding: 0, overflow: 'hidden', flex: 1 }}>
          {newest.map((e) => (
            <li
              key={`${e.id}@${e.at}`}
              data-testid="timeline-entry"
              data-kind={e.kind}
              data-level={e.level}
              style={{
                display: 'grid',
                gridTemplateColumns: '0.6em auto 1fr',
                alignItems: 'baseline',
                gap: '0.5em',
                padding: '0.3em 0',
                borderBottom: `1px solid ${token.colorBorderSecondary}`,
                fontSize: '0.9em',
              }}
            >
              <span
                role="img"
                aria-label={t(`monitor.timeline.level.${e.level}`)}
                style={{
                  width: '0.6em',
                  height: '0.6em',
                  borderRadius: '50%',
                  background: LEVEL_COLOR[e.level],
                  alignSelf: 'center',
                }}
              />
              <time
                dateTime={e.at}
                style={{ color: token.colorTextSecondary, fontVariantNumeric: 'tabular-nums' }}
              >
                {clock(Date.parse(e.at))}
              </time>
              <span style={{ color: token.colorText, wordBreak: 'break-word' }}>
                {showCluster ? <strong>{e.cluster} </strong> : null}
                {sentence(e)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
