import { closeCompletion } from '@codemirror/autocomplete';
import { Compartment, EditorSelection, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import type { SqlSchema } from '@vtdeck/contracts';
import { theme } from 'antd';
import { type Ref, useEffect, useId, useImperativeHandle, useRef } from 'react';
import { basics, type ErrorMark, editorTheme, errorMarkField, setErrorMark, sqlLanguage } from './extensions';

export type RunMode = 'current' | 'all';

/** What the page asks of the editor, without touching CodeMirror itself. */
export interface SqlEditorHandle {
  text(): string;
  selection(): { from: number; to: number; head: number };
  /** Replaces the whole text as one undoable change (formatting). */
  replaceAll(text: string): void;
  /** Selects a range, scrolls to it and focuses the editor. */
  reveal(from: number, to?: number): void;
  focus(): void;
}

export interface SqlEditorProps {
  ref?: Ref<SqlEditorHandle>;
  initial: string;
  schema: SqlSchema | undefined;
  keyspace: string | undefined;
  error: ErrorMark | null;
  placeholderText: string;
  ariaLabel: string;
  /** Read by screen readers with the label: Tab indents, so how to leave the editor by keyboard. */
  keyboardHint: string;
  onChange(text: string): void;
  onCursor(sel: { from: number; to: number; head: number }): void;
  onRun(mode: RunMode): void;
}

/**
 * CodeMirror 6 with the MySQL dialect. Mounted once per tab (the page keys it by tab id); the
 * schema, the keyspace and the theme are swapped through compartments, never by remounting.
 */
export default function SqlEditor(props: SqlEditorProps) {
  const { token } = theme.useToken();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const language = useRef(new Compartment());
  const looks = useRef(new Compartment());
  const hintId = useId();
  const dark = isDark(token.colorBgContainer);
  const themeSpec = {
    dark,
    bg: token.colorBgContainer,
    border: token.colorBorderSecondary,
    text: token.colorText,
    textMuted: token.colorTextTertiary,
    primary: token.colorPrimary,
    fontFamily: token.fontFamilyCode,
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: created once per mount; later props flow through `latest` and compartments.
  useEffect(() => {
    const run = (mode: RunMode) => (v: EditorView) => {
      // The completion list would otherwise stay open over the editor while the results stream in.
      closeCompletion(v);
      latest.current.onRun(mode);
      return true;
    };
    const state = EditorState.create({
      doc: props.initial,
      extensions: [
        Prec.highest(
          keymap.of([
            { key: 'Mod-Enter', run: run('current') },
            { key: 'Shift-Mod-Enter', run: run('all') },
          ]),
        ),
        basics(),
        language.current.of(sqlLanguage(props.schema, props.keyspace)),
        looks.current.of(editorTheme(themeSpec)),
        errorMarkField,
        placeholder(props.placeholderText),
        EditorView.contentAttributes.of({
          'aria-label': props.ariaLabel,
          'aria-describedby': hintId,
          'data-testid': 'sql-editor-input',
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          if (u.docChanged || u.selectionSet) {
            const m = u.state.selection.main;
            latest.current.onCursor({ from: m.from, to: m.to, head: m.head });
          }
        }),
      ],
    });
    const v = new EditorView({ state, parent: host.current as HTMLDivElement });
    view.current = v;
    const m = state.selection.main;
    latest.current.onCursor({ from: m.from, to: m.to, head: m.head });
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    view.current?.dispatch({
      effects: language.current.reconfigure(sqlLanguage(props.schema, props.keyspace)),
    });
  }, [props.schema, props.keyspace]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme follows antd's tokens, listed by value.
  useEffect(() => {
    view.current?.dispatch({ effects: looks.current.reconfigure(editorTheme(themeSpec)) });
  }, [dark, token.colorBgContainer, token.colorPrimary]);

  useEffect(() => {
    view.current?.dispatch({ effects: setErrorMark.of(props.error) });
  }, [props.error]);

  useImperativeHandle(
    props.ref,
    () => ({
      text: () => view.current?.state.doc.toString() ?? '',
      selection: () => {
        const m = view.current?.state.selection.main;
        return { from: m?.from ?? 0, to: m?.to ?? 0, head: m?.head ?? 0 };
      },
      replaceAll: (text) => {
        const v = view.current;
        if (!v) return;
        v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text }, selection: { anchor: 0 } });
      },
      reveal: (from, to = from) => {
        const v = view.current;
        if (!v) return;
        const len = v.state.doc.length;
        const sel = EditorSelection.single(Math.min(from, len), Math.min(to, len));
        v.dispatch({ selection: sel, effects: EditorView.scrollIntoView(sel.main, { y: 'center' }) });
        v.focus();
      },
      focus: () => view.current?.focus(),
    }),
    [],
  );

  return (
    <>
      <div ref={host} data-testid="sql-editor" style={{ height: '100%', minHeight: 0, overflow: 'hidden' }} />
      <span id={hintId} hidden>
        {props.keyboardHint}
      </span>
    </>
  );
}

/** antd's dark algorithm gives a dark container background; that is the one signal features can read. */
function isDark(color: string): boolean {
  const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
  const rgb = hex
    ? [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16))
    : (color.match(/\d+/g)?.slice(0, 3).map(Number) ?? [255, 255, 255]);
  const [r = 255, g = 255, b = 255] = rgb;
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}
