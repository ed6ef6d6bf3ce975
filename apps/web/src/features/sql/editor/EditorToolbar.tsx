import {
  BookOutlined,
  CaretRightOutlined,
  FastForwardOutlined,
  FormatPainterOutlined,
  SaveOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Button, Flex, Input, Popover, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export type ToolbarAction = 'current' | 'all' | 'explain' | 'vexplain';

export interface EditorToolbarProps {
  running: boolean;
  /** Another tab's run is going: one run at a time per page. */
  busyElsewhere: boolean;
  canRun: boolean;
  onRun(action: ToolbarAction): void;
  onCancel(): void;
  onFormat(): void;
  onSave(name: string): void;
  onLibrary(): void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';

export function EditorToolbar(p: EditorToolbarProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [saveOpen, setSaveOpen] = useState(false);
  const disabled = !p.canRun || p.running || p.busyElsewhere;
  const save = () => {
    if (!name.trim()) return;
    p.onSave(name.trim());
    setSaveOpen(false);
    setName('');
  };
  return (
    <Flex gap={8} align="center" wrap data-testid="sql-toolbar">
      <Space.Compact>
        <Tooltip title={`${t('sql.toolbar.runHint')} (${MOD}+Enter)`}>
          <Button
            type="primary"
            icon={<CaretRightOutlined />}
            disabled={disabled}
            loading={p.running}
            onClick={() => p.onRun('current')}
            data-testid="sql-run"
          >
            {t('sql.toolbar.run')}
          </Button>
        </Tooltip>
        <Tooltip title={`${t('sql.toolbar.runAllHint')} (Shift+${MOD}+Enter)`}>
          <Button
            icon={<FastForwardOutlined />}
            disabled={disabled}
            onClick={() => p.onRun('all')}
            data-testid="sql-run-all"
          >
            {t('sql.toolbar.runAll')}
          </Button>
        </Tooltip>
      </Space.Compact>
      {p.running ? (
        <Button danger icon={<StopOutlined />} onClick={p.onCancel} data-testid="sql-cancel">
          {t('common.cancel')}
        </Button>
      ) : null}
      <Space.Compact>
        <Button disabled={disabled} onClick={() => p.onRun('explain')} data-testid="sql-explain">
          EXPLAIN
        </Button>
        <Tooltip title={t('sql.toolbar.vexplainHint')}>
          <Button disabled={disabled} onClick={() => p.onRun('vexplain')} data-testid="sql-vexplain">
            VEXPLAIN
          </Button>
        </Tooltip>
      </Space.Compact>
      <Button icon={<FormatPainterOutlined />} onClick={p.onFormat} data-testid="sql-format">
        {t('sql.toolbar.format')}
      </Button>
      <Flex flex={1} />
      <Popover
        open={saveOpen}
        onOpenChange={setSaveOpen}
        trigger="click"
        title={t('sql.toolbar.saveTitle')}
        content={
          <Space.Compact>
            <Input
              autoFocus
              value={name}
              placeholder={t('sql.toolbar.saveName')}
              onChange={(e) => setName(e.target.value)}
              onPressEnter={save}
              data-testid="sql-save-name"
            />
            <Button type="primary" onClick={save} disabled={!name.trim()} data-testid="sql-save-ok">
              {t('sql.toolbar.save')}
            </Button>
          </Space.Compact>
        }
      >
        <Button icon={<SaveOutlined />} data-testid="sql-save">
          {t('sql.toolbar.save')}
        </Button>
      </Popover>
      <Button icon={<BookOutlined />} onClick={p.onLibrary} data-testid="sql-library-open">
        {t('sql.toolbar.library')}
      </Button>
      {!p.canRun ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sql.toolbar.cannotRun')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
