/**
 * A loaded sheet: what its YAML says, parsed and cross-checked, with spans into the file so every
 * later stage can point at the line a problem came from.
 */
import type { SourceText, Span } from "../core/errors.js";
import type { Preset } from "./preset.js";
import type { Conventions } from "./conventions.js";
import type { Written } from "./written.js";

export type { Written };
export interface Input {
  readonly name: string;
  readonly description?: string;
  /** A constant expression (`1e12`, `6.71 × 10^7`). */
  readonly default?: Written;
  readonly range?: readonly [Written, Written];
  /** Takes whole numbers only (a ZeRO stage, a count of devices): a fraction is refused, not rounded. */
  readonly whole?: boolean;
  readonly unit?: string;
  /** Where the unit is written, for a unit that is not one or does not fit the input. */
  readonly unitSpan?: Span;
  readonly latex?: string;
  readonly source?: string;
  /** An expression over vocabulary names that gives this input's value from a model preset (`n_heads × d_head`). */
  readonly bind?: Written;
  /**
   * What the input is bound to where the presets do not give what `bind` names: a routed
   * expert's width (`d_ff_expert`) is `d_ff` for a model that states no other.
   */
  readonly otherwise?: Written;
  /** For a formula a setting pinned (pinFormulas): the definition the value set replaces. */
  readonly pinned?: Written;
  /** The name's key in the file. */
  readonly span: Span;
  readonly file: SourceText;
  /** The id of the sheet that declares it (a base sheet's, for an inherited input). */
  readonly sheet: string;
}

export interface Formula {
  readonly name: string;
  readonly definition: Written;
  readonly description?: string;
  readonly source?: string;
  readonly latex?: string;
  readonly unit?: string;
  readonly unitSpan?: Span;
  /** The vocabulary quantity this formula computes (`training_flops`), for compare and audits. */
  readonly bind?: Written;
  /** What that quantity can be, once loaded with a vocabulary: a setting that pins the formula is checked against it. */
  readonly range?: readonly [Written, Written];
  /** Where the formula stands on counting conventions, as written in its file. */
  readonly stated?: Conventions;
  /**
   * Where it stands once loaded with a vocabulary: what it states, else what it takes from its
   * sheet and from the formulas it uses (resolveConventions).
   */
  readonly conventions?: Conventions;
  readonly span: Span;
  readonly file: SourceText;
  /** The id of the sheet that defines it (a base sheet's, for an inherited formula). */
  readonly sheet: string;
}

export type Declared = "holds" | "fails";

/** `lhs == rhs` for all values of the inputs, or with the inputs in `given` replaced by numbers or expressions. */
export interface IdentityCheck {
  readonly name: string;
  readonly lhs: Written;
  readonly rhs: Written;
  readonly given: ReadonlyMap<string, Written>;
  /** What the sheet declares the outcome to be; `fails` records a known inconsistency of the source. */
  readonly expected: Declared;
  readonly source?: string;
  readonly note?: string;
  readonly span: Span;
}

/** A published figure for an expression under a scenario, compared within `digits` or `rel`. */
export interface Expectation {
  readonly target: Written;
  readonly value: Written;
  /** Significant digits the published figure is given to (default 3 when neither is set). */
  readonly digits?: number;
  /** Largest accepted relative difference, a constant expression. */
  readonly rel?: Written;
  readonly expected: Declared;
  readonly source?: string;
  readonly note?: string;
  readonly span: Span;
}

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly source?: string;
  readonly set: ReadonlyMap<string, Written>;
  /** Model and hardware presets whose values reach the inputs through their bindings. */
  readonly presets: readonly Preset[];
  readonly expect: readonly Expectation[];
  readonly span: Span;
}

export interface Sheet {
  readonly id: string;
  /** Every sheet this one extends, directly or through its bases, nearest first. */
  readonly bases: readonly string[];
  readonly title?: string;
  readonly source?: string;
  readonly description?: string;
  readonly file: SourceText;
  /** In the order written: this order is also the order of factors and terms in canonical forms. */
  readonly inputs: readonly Input[];
  readonly formulas: readonly Formula[];
  readonly checks: readonly IdentityCheck[];
  readonly scenarios: readonly Scenario[];
  /**
   * What this sheet takes a quantity it does not bind to be, where that differs from the
   * vocabulary's default assumption (`ffn_matrices: 3` for a sheet of gated feed-forward blocks).
   */
  readonly assumes?: ReadonlyMap<string, Written>;
  /**
   * `general`: a formula that describes any model it fits, which other sheets may take values
   * from; `example`: one document's worked example, used only when named.
   */
  readonly role: "general" | "example";
  /** Where the sheet's formulas stand on each counting convention, unless a formula says otherwise. */
  readonly conventions: Conventions;
  /** Formula names so that each comes after every formula it uses. */
  readonly evaluationOrder: readonly string[];
  /** For each formula, the formulas and inputs its definition names directly. */
  readonly uses: ReadonlyMap<string, readonly string[]>;
}
