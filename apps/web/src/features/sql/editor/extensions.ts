import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { MySQL, type SQLNamespace, sql } from '@codemirror/lang-sql';
import {
  bracketMatching,
  defaultHighlightStyle,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { type Extension, StateEffect, StateField } from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import type { SqlSchema } from '@vtdeck/contracts';
import { forDarkBackground } from '../../../shared/lib/contrast';

/** The editor's basic kit, put together here: the `codemirror` meta-package is not a dependency. */
export function basics(): Extension {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    bracketMatching(),
    closeBrackets(),
    autocompletion(),
    highlightActiveLine(),
    EditorView.lineWrapping,
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      ...completionKeymap,
      indentWithTab,
    ]),
  ];
}

/**
 * Completion namespace from the live schema: `keyspace.table.column` everywhere, and bare table
 * names of the keyspace the tab targets (vtgate resolves them there).
 */
export function schemaNamespace(schema: SqlSchema | undefined): SQLNamespace {
  const ns: Record<string, SQLNamespace> = {};
  for (const ks of schema?.keyspaces ?? []) {
    const tables: Record<string, SQLNamespace> = {};
    for (const t of ks.tables) {
      tables[t.name] = t.columns.map((c) => ({
        label: c.name,
        type: 'property',
        detail: c.type.toLowerCase(),
      }));
    }
    ns[ks.name] = { self: { label: ks.name, type: 'namespace', detail: 'keyspace' }, children: tables };
  }
  return ns;
}

export function sqlLanguage(schema: SqlSchema | undefined, keyspace: string | undefined): Extension {
  return sql({
    dialect: MySQL,
    schema: schemaNamespace(schema),
    defaultSchema: keyspace,
    upperCaseKeywords: true,
  });
}

export interface ErrorMark {
  from: number;
  to: number;
  message: string;
}

export const setErrorMark = StateEffect.define<ErrorMark | null>();

/** The red squiggle where the last error is; it follows edits and goes with the next run. */
export const errorMarkField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setErrorMark)) continue;
      if (!e.value) {
        next = Decoration.none;
        continue;
      }
      const { from, message } = e.value;
      const len = tr.state.doc.length;
      const a = Math.max(0, Math.min(from, len));
      const b = Math.max(a, Math.min(e.value.to, len));
      const line = tr.state.doc.lineAt(a);
      const ranges = [Decoration.line({ class: 'cm-sql-error-line' }).range(line.from)];
      if (b > a) {
        ranges.push(
          Decoration.mark({
            class: 'cm-sql-error',
            attributes: { title: message, 'data-testid': 'sql-error-mark' },
          }).range(a, b),
        );
      }
      next = Decoration.set(ranges, true);
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/**
 * CodeMirror's default highlight colours are made for white; in the dark theme each keeps its hue
 * with its lightness turned over and raised until it reads at AA (real colours, not a CSS invert
 * filter, so contrast checkers and high-contrast modes see what the user sees).
 */
export function darkHighlightStyle(bg: string): HighlightStyle {
  return HighlightStyle.define(
    defaultHighlightStyle.specs.map((spec) =>
      typeof spec.color === 'string' ? { ...spec, color: forDarkBackground(spec.color, bg) } : spec,
    ),
  );
}

/** Colours from antd's tokens so the editor matches the app. */
export function editorTheme(t: {
  dark: boolean;
  bg: string;
  border: string;
  text: string;
  textMuted: string;
  primary: string;
  fontFamily: string;
}): Extension {
  const looks = EditorView.theme(
    {
      '&': { backgroundColor: t.bg, color: t.text, height: '100%', fontSize: '13px' },
      '&.cm-focused': { outline: 'none' },
      '.cm-scroller': { fontFamily: t.fontFamily, lineHeight: '1.55' },
      '.cm-content': { caretColor: t.primary },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: t.primary, borderLeftWidth: '2px' },
      '.cm-gutters': {
        backgroundColor: t.bg,
        color: t.textMuted,
        border: 'none',
        borderRight: `1px solid ${t.border}`,
      },
      '.cm-activeLine': { backgroundColor: t.dark ? 'rgba(255, 255, 255, 0.04)' : 'rgba(0, 0, 0, 0.035)' },
      '.cm-activeLineGutter': { backgroundColor: 'transparent', color: t.text },
      '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': {
        backgroundColor: t.dark ? 'rgba(120, 160, 255, 0.28)' : 'rgba(22, 119, 255, 0.18)',
      },
      '.cm-sql-error': {
        textDecoration: 'underline wavy #e03131',
        textUnderlineOffset: '3px',
        backgroundColor: 'rgba(224, 49, 49, 0.12)',
      },
      '.cm-sql-error-line': { backgroundColor: 'rgba(224, 49, 49, 0.06)' },
      '.cm-tooltip-autocomplete': { fontFamily: t.fontFamily },
    },
    { dark: t.dark },
  );
  return t.dark ? [looks, syntaxHighlighting(darkHighlightStyle(t.bg))] : looks;
}
