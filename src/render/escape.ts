/**
 * Text from a sheet (titles, descriptions, sources, names, notes) is untrusted: it must read the
 * same in a report and do nothing else. No `\input`, `\write18`, `\catcode`, `<script>` or
 * `javascript:` survives any of these functions.
 */
import { greekLatex } from "../syntax/names.js";

const LATEX_SPECIALS: Record<string, string> = {
  // Long runs such as d_model or /etc/passwd may break after these, rather than run off the page.
  "\\": "\\textbackslash\\allowbreak{}",
  "{": "\\{",
  "}": "\\}",
  $: "\\$",
  "&": "\\&",
  "#": "\\#",
  "^": "\\^{}",
  _: "\\_\\allowbreak{}",
  "/": "/\\allowbreak{}",
  "~": "\\~{}",
  "%": "\\%",
  // pdflatex's default OT1 encoding lacks these as text glyphs; math mode has them.
  "<": "$<$\\allowbreak{}",
  ">": "$>$\\allowbreak{}",
  "|": "$|$",
  '"': "''",
  "`": "\\textquoteleft{}",
};

// Characters the papers use, as commands that need no package beyond amsmath. Math mode where
// text mode would need the TS1 encoding, whose fonts pdflatex would have to generate as bitmaps.
const LATEX_UNICODE: Record<string, string> = {
  "×": "$\\times$", "·": "$\\cdot$", "⋅": "$\\cdot$", "−": "$-$", "≈": "$\\approx$", "≤": "$\\leq$", "≥": "$\\geq$",
  "±": "$\\pm$", "∝": "$\\propto$", "→": "$\\rightarrow$", "√": "$\\surd$", "∞": "$\\infty$", "…": "\\ldots{}",
  "²": "\\textsuperscript{2}", "³": "\\textsuperscript{3}", "¹": "\\textsuperscript{1}", "⁰": "\\textsuperscript{0}",
  "⁴": "\\textsuperscript{4}", "⁵": "\\textsuperscript{5}", "⁶": "\\textsuperscript{6}", "⁷": "\\textsuperscript{7}",
  "⁸": "\\textsuperscript{8}", "⁹": "\\textsuperscript{9}", "⁻": "\\textsuperscript{$-$}",
  "“": "``", "”": "''", "‘": "`", "’": "'", "–": "--", "—": "---", "§": "$\\S$", "\u00a0": "~", "\u2009": "\\,",
};

/** A Greek letter in running text: its math command, or the Latin letter it is drawn as. */
function greekText(c: string): string | undefined {
  const g = greekLatex(c);
  if (g === undefined) return undefined;
  const plain = /^\\mathrm\{(.)\}$|^([a-z])$/.exec(g);
  return plain ? (plain[1] ?? plain[2])! : `$${g}$`;
}

/**
 * Plain text for LaTeX. Characters pdflatex cannot set without extra packages become `?`.
 *
 * @example escapeLatexText("50% of \\input{x}") // "50\\% of \\textbackslash\\allowbreak{}input\\{x\\}"
 */
export function escapeLatexText(text: string): string {
  // `javascript:` becomes `javascript{}:`: it prints the same, and no viewer sees a live scheme.
  text = text.replace(/(javascript|vbscript|data)(\s*):/gi, "$1$2\u0000");
  let out = "";
  for (const c of text) {
    const g = greekText(c);
    if (c === "\u0000") out += "{}:";
    else if (LATEX_SPECIALS[c] !== undefined) out += LATEX_SPECIALS[c];
    else if (LATEX_UNICODE[c] !== undefined) out += LATEX_UNICODE[c];
    else if (g !== undefined) out += g;
    else if (c === "\n" || c === "\r" || c === "\t") out += " ";
    else if ("(),;:=".includes(c)) out += `${c}\\allowbreak{}`;
    else if (c >= " " && c <= "~") out += c;
    // Latin-1 letters: utf8 inputenc sets them, but for Ð ð Þ þ, which OT1 lacks (pdflatex stops).
    else if (/^[\u00c0-\u00ff]$/.test(c) && !"×÷ÐðÞþ".includes(c)) out += c;
    else out += "?";
  }
  return out;
}

/**
 * Text for a generated comment line (`% …` in LaTeX, `<!-- … -->` in HTML and Markdown): letters,
 * digits and plain punctuation only. A line break would end a LaTeX comment and start live TeX;
 * `-->` would close an HTML comment. Anything else becomes `?`.
 *
 * @example commentText("s\n\\input{x} -->") // "s ?input?x? -?"
 */
export function commentText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, " ")
    .replace(/[^A-Za-z0-9\u00c0-\u024f\u0370-\u03ff ._,:()+-]/g, "?")
    .replace(/-{2,}/g, "-");
}

/** Breaks `javascript:` (any case) so no renderer can take the text for a live link. */
function defuseSchemes(html: string): string {
  return html.replace(/(javascript|vbscript|data)(\s*):/gi, "$1$2&#58;");
}

/** A backslash as an entity: it reads the same, and no `\input`-like text survives into the file. */
const backslashEntity = (text: string) => text.replace(/\\/g, "&#92;");

/** Text for HTML elements and attribute values. */
export function escapeHtml(text: string): string {
  return backslashEntity(
    defuseSchemes(text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)),
  );
}

/**
 * Text for GitHub-flavoured Markdown, including table cells: Markdown punctuation is backslash-
 * escaped, HTML is entity-escaped, line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  // Backslashes become entities last, so the punctuation escapes do not touch the entity's `#`.
  return defuseSchemes(
    text
      .replace(/\\/g, "\u0001")
      .replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!)
      .replace(/[\r\n\t]+/g, " ")
      // `.` and `-` matter only at the start of a line, where sheet text never goes; `(` and `)`
      // only after `]`, which is escaped (and `\(` is a math delimiter to some renderers).
      .replace(/[`*_{}[\]#+!|~$]/g, (c) => `\\${c}`)
      .replace(/\u0001/g, "&#92;"),
  );
}
