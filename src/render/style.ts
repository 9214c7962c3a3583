/**
 * Text styling for terminal output. Renderers take a Style and stay pure; the CLI passes one
 * built on chalk when colour is wanted, PLAIN otherwise.
 */
export interface Style {
  readonly heading: (s: string) => string;
  readonly name: (s: string) => string;
  readonly value: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly ok: (s: string) => string;
  readonly bad: (s: string) => string;
}

const same = (s: string) => s;

export const PLAIN: Style = { heading: same, name: same, value: same, dim: same, ok: same, bad: same };
