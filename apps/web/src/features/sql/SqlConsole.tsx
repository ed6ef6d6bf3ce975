import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import type { SessionInfo } from '@vtdeck/contracts';
import { Alert, Button, Card, Flex, message, Tabs } from 'antd';
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useTranslation } from 'react-i18next';
import { SqlSyntaxError, useSqlAnalysis, useSqlSchema } from '../../api/sql';
import { useTopology } from '../../api/topology';
import { usePermissions } from '../../shared/hooks/usePermissions';
import { LoadingState } from '../../shared/ui/LoadingState';
import { ConfirmModal } from './ConfirmModal';
import { EditorToolbar, type ToolbarAction } from './editor/EditorToolbar';
import type { SqlEditorHandle } from './editor/SqlEditor';
import { LibraryDrawer } from './LibraryDrawer';
import { errorRange } from './lib/errorPosition';
import { runScope } from './lib/statements';
import { ResultsPanel } from './results/ResultsPanel';
import { useDebounced } from './state/useDebounced';
import { useLibrary } from './state/useLibrary';
import { useSqlRunner } from './state/useSqlRunner';
import { useTabs } from './state/useTabs';
import { AnalysisStrip } from './target/AnalysisStrip';
import { TargetBar } from './target/TargetBar';

// CodeMirror loads with the editor, after the page shell is on screen.
const SqlEditor = lazy(() => import('./editor/SqlEditor'));

const PREFIX: Record<ToolbarAction, string> = {
  current: '',
  all: '',
  explain: 'EXPLAIN ',
  vexplain: 'VEXPLAIN ',
};
const ANALYZE_DELAY_MS = 400;

export interface SqlConsoleProps {
  cluster: string;
  user: string | undefined;
  session: SessionInfo | null | undefined;
}

export function SqlConsole({ cluster, user, session }: SqlConsoleProps) {
  const { t } = useTranslation();
  const [msg, holder] = message.useMessage();
  const schema = useSqlSchema(cluster);
  const topology = useTopology(cluster);
  const tabs = useTabs(user, cluster);
  const library = useLibrary(user);
  const runner = useSqlRunner(cluster, library.record);
  const [readOnly, setReadOnly] = useState(false);
  const [libraryOpen, setLibraryOpen] = useState(false);
  const [cursor, setCursor] = useState({ from: 0, to: 0, head: 0 });
  const editor = useRef<SqlEditorHandle>(null);
  const tab = tabs.active;
  const target = tab.target;

  const keyspaces = useMemo(
    () => schema.data?.keyspaces.map((k) => k.name) ?? topology.data?.items.map((k) => k.name) ?? [],
    [schema.data, topology.data],
  );
  const shards =
    topology.data?.items.find((k) => k.name === target.keyspace)?.shards.map((s) => s.name) ?? [];

  // A tab without a keyspace (a new user, a new cluster) targets the first one the user may read.
  useEffect(() => {
    const first = keyspaces[0];
    if (first && (!target.keyspace || !keyspaces.includes(target.keyspace))) {
      tabs.update(tab.id, { target: { ...target, keyspace: first } });
    }
  }, [keyspaces, target, tab.id, tabs.update]);

  const store = runner.storeOf(tab.id);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const errorMark = useMemo(() => {
    const { failure, origin } = snapshot;
    if (failure instanceof SqlSyntaxError && failure.offset !== undefined && origin) {
      const range = errorRange(origin, { statement: 0, offset: failure.offset });
      return range ? { ...range, message: failure.message } : null;
    }
    const failed = snapshot.results.find((r) => r.error);
    if (!failed?.error || !snapshot.origin) return null;
    const range = errorRange(snapshot.origin, failed.error);
    return range ? { ...range, message: `${failed.error.code}: ${failed.error.message}` } : null;
  }, [snapshot]);

  // Analysed: what Ctrl+Enter would run now. Keyed by its text, so moving inside a statement costs nothing.
  const scopeSql = runScope(tab.sql, cursor)?.sql;
  const analyzeReq = useDebounced(
    useMemo(
      () =>
        target.keyspace && scopeSql
          ? { keyspace: target.keyspace, sql: scopeSql, tabletType: target.tabletType }
          : undefined,
      [target.keyspace, target.tabletType, scopeSql],
    ),
    ANALYZE_DELAY_MS,
  );
  const analysis = useSqlAnalysis(cluster, analyzeReq);
  // Without a session (sign-in off) nothing is hidden: the BFF's 403 is the answer.
  const permissions = usePermissions();
  const allowed = !session || permissions.can('sql.read', { keyspace: target.keyspace });

  const run = (action: ToolbarAction) => {
    const ed = editor.current;
    if (!ed || !allowed) return;
    const sc = runScope(ed.text(), ed.selection(), action === 'all');
    if (!sc) return void msg.info(t('sql.nothingToRun'));
    if (!target.keyspace) return void msg.warning(t('sql.target.pickKeyspace'));
    const prefix = PREFIX[action];
    const sql = prefix + sc.sql;
    void runner.run({
      tabId: tab.id,
      sql,
      origin: { base: sc.base, prefix: prefix.length, sql },
      target: { ...target, keyspace: target.keyspace },
      readOnly,
    });
  };
  const runRef = useRef(run);
  runRef.current = run;
  const onEditorRun = useCallback((mode: 'current' | 'all') => runRef.current(mode), []);

  const format = async () => {
    const ed = editor.current;
    if (!ed) return;
    try {
      // sql-formatter is large and needed only on click.
      const { format: fmt } = await import('sql-formatter');
      ed.replaceAll(fmt(ed.text(), { language: 'mysql', keywordCase: 'upper', tabWidth: 2 }));
    } catch (err) {
      msg.error(t('sql.formatFailed', { message: err instanceof Error ? err.message : String(err) }));
    }
  };

  const editorText = useCallback(() => editor.current?.text() ?? '', []);
  const reveal = useCallback((from: number, to: number) => editor.current?.reveal(from, to), []);
  const onChange = useCallback((sql: string) => tabs.update(tab.id, { sql }), [tabs.update, tab.id]);

  return (
    <Flex
      vertical
      gap={12}
      style={{ height: 'calc(100vh - 96px)', minHeight: 560 }}
      data-testid="sql-console"
    >
      {holder}
      {!allowed ? (
        <Alert
          type="info"
          showIcon
          data-testid="sql-read-only-note"
          title={t('sql.viewerNote', { keyspace: target.keyspace ?? '' })}
        />
      ) : null}
      <TargetBar
        target={target}
        keyspaces={keyspaces}
        shards={shards}
        loadingKeyspaces={schema.isPending}
        readOnly={readOnly}
        onTarget={(next) => tabs.update(tab.id, { target: next })}
        onReadOnly={setReadOnly}
      />
      <Card size="small" styles={{ body: { display: 'flex', flexDirection: 'column', gap: 8 } }}>
        {/* New and close sit beside the tab bar, not in it: a tablist may hold only tabs. */}
        <Flex align="center" gap={4}>
          <Tabs
            className="vt-sql-editor-tabs"
            style={{ flex: 1, minWidth: 0 }}
            type="card"
            size="small"
            activeKey={tab.id}
            onChange={tabs.select}
            items={tabs.tabs.map((x) => ({
              key: x.id,
              label: (
                <span data-testid="sql-editor-tab">{x.title ?? t('sql.tabs.untitled', { n: x.n })}</span>
              ),
            }))}
            data-testid="sql-editor-tabs"
          />
          <Button
            size="small"
            type="text"
            icon={<PlusOutlined />}
            aria-label={t('sql.tabs.add')}
            title={t('sql.tabs.add')}
            onClick={() => tabs.add()}
            data-testid="sql-tab-add"
          />
          <Button
            size="small"
            type="text"
            icon={<CloseOutlined />}
            aria-label={t('sql.tabs.close')}
            title={t('sql.tabs.close')}
            onClick={() => tabs.close(tab.id)}
            data-testid="sql-tab-close"
          />
        </Flex>
        <EditorToolbar
          running={runner.runningTab === tab.id}
          busyElsewhere={runner.runningTab !== null && runner.runningTab !== tab.id}
          canRun={allowed}
          onRun={run}
          onCancel={runner.cancel}
          onFormat={format}
          onSave={(name) => {
            library.save(name, tab.sql, target.keyspace);
            msg.success(t('sql.library.savedAs', { name }));
          }}
          onLibrary={() => setLibraryOpen(true)}
        />
        <div className="vt-sql-editor-frame" data-testid="sql-editor-frame">
          <Suspense fallback={<LoadingState minHeight={180} />}>
            <SqlEditor
              key={tab.id}
              ref={editor}
              initial={tab.sql}
              schema={schema.data}
              keyspace={target.keyspace}
              error={errorMark}
              placeholderText={t('sql.editorPlaceholder')}
              ariaLabel={t('sql.editorLabel')}
              keyboardHint={t('sql.editorKeyboardHint')}
              onChange={onChange}
              onCursor={setCursor}
              onRun={onEditorRun}
            />
          </Suspense>
        </div>
        <AnalysisStrip analysis={analysis.data} loading={analysis.isFetching} failed={analysis.isError} />
      </Card>
      <Card
        size="small"
        style={{ flex: 1, minHeight: 0 }}
        styles={{ body: { height: '100%', boxSizing: 'border-box' } }}
      >
        <ResultsPanel snapshot={snapshot} editorText={editorText} onReveal={reveal} />
      </Card>
      <ConfirmModal pending={runner.pending} onConfirm={runner.confirm} onCancel={runner.decline} />
      <LibraryDrawer
        open={libraryOpen}
        history={library.history}
        saved={library.saved}
        onClose={() => setLibraryOpen(false)}
        onOpen={(sql, keyspace) => {
          tabs.add(sql, { ...target, keyspace: keyspace ?? target.keyspace });
          setLibraryOpen(false);
        }}
        onDeleteSaved={library.remove}
        onClearHistory={library.clearHistory}
      />
    </Flex>
  );
}
