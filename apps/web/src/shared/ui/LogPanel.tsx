import { Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';

const { Text } = Typography;

/** Monospace, scrollable, copyable command output: what vtctl printed, verbatim. */
export function LogPanel({
  text,
  maxHeight = 320,
  testId = 'log-panel',
}: {
  text: string;
  maxHeight?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <div
      data-testid={testId}
      style={{
        position: 'relative',
        background: token.colorFillTertiary,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
      }}
    >
      <div style={{ position: 'absolute', top: 4, right: 8 }}>
        <Text copyable={{ text, tooltips: [t('common.copy'), t('common.copied')] }} />
      </div>
      <pre
        style={{
          margin: 0,
          padding: '8px 36px 8px 12px',
          maxHeight,
          overflow: 'auto',
          fontFamily: token.fontFamilyCode,
          fontSize: 12,
          lineHeight: 1.5,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-word',
        }}
      >
        {text || t('common.noOutput')}
      </pre>
    </div>
  );
}
