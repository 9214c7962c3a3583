/**
 * The sheet's editor: CodeMirror 6 with YAML highlighting, and the engine's own located issues
 * drawn inline (underlined at their line and column, a marker in the gutter, the message on
 * hover). Colours come from the page's CSS variables, so the editor follows light and dark too.
 * Tab is left to move focus (CodeMirror's default without indentWithTab), so the page works from
 * the keyboard; Escape then Tab leaves the editor in any case.
 */
import { basicSetup } from "codemirror";
import { EditorView } from "@codemirror/view";
import { EditorState, type Text } from "@codemirror/state";
import { yaml } from "@codemirror/lang-yaml";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { tags } from "@lezer/highlight";
import type { Issue } from "../../src/index.js";

const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: "var(--key)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--fg)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--number)" },
  { tag: [tags.comment, tags.lineComment], color: "var(--muted)", fontStyle: "italic" },
  { tag: [tags.punctuation, tags.separator, tags.squareBracket, tags.brace], color: "var(--muted)" },
]);

const theme = EditorView.theme({
  "&": { backgroundColor: "var(--panel)", color: "var(--fg)", border: "1px solid var(--rule)", borderRadius: "6px", fontSize: "13px" },
  "&.cm-focused": { outline: "2px solid var(--focus)" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", maxHeight: "32rem" },
  ".cm-gutters": { backgroundColor: "var(--panel)", color: "var(--muted)", borderRight: "1px solid var(--rule)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--active)" },
  ".cm-cursor": { borderLeftColor: "var(--fg)" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection": { backgroundColor: "var(--selection) !important" },
  ".cm-tooltip": { backgroundColor: "var(--bg)", color: "var(--fg)", border: "1px solid var(--rule)" },
});

export interface SheetEditor {
  readonly view: EditorView;
  /** Replaces the whole text (a sheet chosen, a link opened) without reporting it as an edit. */
  setText(text: string): void;
  /** Shows the issues located in `file` inline; others belong to another file (a base sheet). */
  showIssues(issues: readonly Issue[], file: string): void;
}

/** A CodeMirror position from the engine's 1-based line and column (both count UTF-16 units). */
export function offsetOf(doc: Text, line: number, column: number): number {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.from + Math.max(0, column - 1), l.to);
}

export function createEditor(parent: HTMLElement, text: string, onEdit: (text: string) => void): SheetEditor {
  let quiet = false;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        yaml(),
        syntaxHighlighting(highlight),
        theme,
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": "The sheet's YAML", "aria-describedby": "sheet-issues" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !quiet) onEdit(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    setText(next) {
      if (view.state.doc.toString() === next) return;
      quiet = true;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
      } finally {
        quiet = false;
      }
    },
    showIssues(issues, file) {
      const doc = view.state.doc;
      const diagnostics: Diagnostic[] = issues.flatMap((i) => {
        const loc = i.location;
        if (!loc || loc.file !== file) return [];
        const from = offsetOf(doc, loc.line, loc.column);
        return [{ from, to: Math.min(doc.length, Math.max(from + loc.length, from + 1)), severity: "error", message: `${i.message} [${i.code}]` }];
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
  };
}
