// The reports kept in examples/: the founding document's section-4.2 example in every format.
const base = { sheet: "basu-2024", options: { scenario: "section-4.2" } };
export const EXAMPLES = [
  { ...base, format: "latex", output: "examples/basu-2024-section-4.2.tex", options: { scenario: "section-4.2", macros: true } },
  { ...base, format: "markdown", output: "examples/basu-2024-section-4.2.md" },
  { ...base, format: "html", output: "examples/basu-2024-section-4.2.html" },
];
