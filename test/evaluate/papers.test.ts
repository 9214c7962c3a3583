import { describe, expect, test } from "vitest";
import { canonicalText, canonicalForm, derive, Rational } from "../../src/index.js";
import { roundSignificant } from "../../src/core/significant.js";
import { shipped } from "../helpers/sheets.js";

/** A value to `digits` significant figures, as a string like "3.14e23". */
function rounded(q: Rational, digits: number): string {
  const r = roundSignificant(q, digits);
  return `${r.mantissa[0]}${r.mantissa.length > 1 ? `.${r.mantissa.slice(1)}` : ""}e${r.exponent}`;
}
const value = (sheet: string, target: string, scenario: string) => derive(shipped(sheet), target, { scenario }).value.q;

describe("published figures, reproduced from the papers' own formulas", () => {
  test("GPT-3 175B: 3.14 × 10²³ FLOPs and 3.64 × 10³ PF-days (Brown et al. 2020, Table D.1)", () => {
    // 6 × 174,600M × 300B = 314,280 × 10¹⁸, exactly.
    expect(value("gpt3-2020", "total_flops", "gpt3-175b").toString()).toBe("314280000000000000000000");
    expect(rounded(value("gpt3-2020", "total_flops", "gpt3-175b"), 3)).toBe("3.14e23");
    expect(rounded(value("gpt3-2020", "pf_days", "gpt3-175b"), 3)).toBe("3.64e3");
  });

  test("Megatron-LM: 34 days for GPT-3 and 84 days for the 1T model (Narayanan et al. 2021, §5.1)", () => {
    expect(rounded(value("megatron-2021", "time_days", "gpt3-175b"), 2)).toBe("3.4e1");
    expect(rounded(value("megatron-2021", "time_days", "megatron-1t"), 2)).toBe("8.4e1");
  });

  test("PaLM 540B: 46.2% MFU with attention, 45.7% without (Chowdhery et al. 2022)", () => {
    expect(rounded(value("palm-2022", "MFU", "palm-540b"), 3)).toBe("4.62e-1");
    expect(rounded(value("palm-2022", "MFU_without_attention", "palm-540b"), 3)).toBe("4.57e-1");
  });

  test("MT-NLG 530B: PaLM's 30.2% and 29.7% are the formula's 30.27% and 29.77%, truncated", () => {
    const mfu = value("palm-2022", "MFU", "mt-nlg-530b").toNumber();
    expect(Math.trunc(mfu * 1000) / 10).toBe(30.2);
    expect(Math.trunc(value("palm-2022", "MFU_without_attention", "mt-nlg-530b").toNumber() * 1000) / 10).toBe(29.7);
  });

  test("the Kaplan and Megatron identities hold symbolically", () => {
    // Megatron's eq. 3 expanded: 96Bslh² + 16Bs²lh + 6BshV (see test/algebra).
    expect(canonicalText(canonicalForm(shipped("megatron-2021"), "F_sum"))).toBe(canonicalText(canonicalForm(shipped("megatron-2021"), "F")));
    expect(canonicalText(canonicalForm(shipped("kaplan-2020"), "N"))).toBe("4·n_layer·d_attn·d_model + 2·n_layer·d_ff·d_model");
  });
});
