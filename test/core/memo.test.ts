import { expect, test } from "vitest";
import { forgetMemos, keyedMemo, listMemo, memo, onForget } from "../../src/core/memo.js";
import { closure } from "../../src/algebra/sheet-forms.js";
import { shipped } from "../helpers/sheets.js";

test("a memo makes each value once; forgetMemos empties every table, and what was kept is worked out again, the same", () => {
  let made = 0;
  const table = memo<object, number>();
  const key = {};
  expect(table.of(key, () => ++made)).toBe(1);
  expect(table.of(key, () => ++made)).toBe(1);
  const keyed = keyedMemo<object, string | object, number>();
  const second = {};
  expect(keyed.of(key, "a", () => 10)).toBe(10);
  expect(keyed.of(key, "a", () => 11)).toBe(10);
  expect(keyed.of(key, second, () => 12)).toBe(12);
  expect(keyed.of(key, {}, () => 13)).toBe(13);
  let other = 1;
  onForget(() => (other = 0));
  const sheet = shipped("basu-2024");
  const before = closure(sheet, ["Total_FLOPs"]);
  forgetMemos();
  expect(table.of(key, () => ++made)).toBe(2);
  expect(keyed.of(key, "a", () => 14)).toBe(14);
  expect(other).toBe(0);
  const after = closure(sheet, ["Total_FLOPs"]);
  expect(after).not.toBe(before);
  expect([...after].sort()).toEqual([...before].sort());
  expect(after.has("Total_FLOPs")).toBe(true);
});

test("a memo by a list is made again when what the list holds has changed", () => {
  let made = 0;
  const table = listMemo<object, number>();
  const [a, b] = [{}, {}];
  const list: object[] = [a];
  expect(table.of(list, () => ++made)).toBe(1);
  expect(table.of(list, () => ++made)).toBe(1);
  list.push(b);
  expect(table.of(list, () => ++made)).toBe(2);
  expect(table.of(list, () => ++made)).toBe(2);
  list[1] = a;
  expect(table.of(list, () => ++made)).toBe(3);
});

test("an estimate's fit warnings follow a list of presets its caller changed", async () => {
  const { fitWarnings } = await import("../../src/model/fit.js");
  const { shippedCatalogue } = await import("../../src/model/shipped.js");
  const { preset } = await import("../helpers/sheets.js");
  const catalogue = shippedCatalogue();
  const kaplan = catalogue.sheet("kaplan-2020");
  const presets = [preset("gpt3-175b")];
  // GPT-3 has a key-value head per query head, as Kaplan's counts assume: nothing to say.
  expect(fitWarnings(catalogue, kaplan, presets).filter((w) => w.quantity === "n_kv_heads")).toEqual([]);
  // Llama 2 70B shares each key-value head among 8 query heads: Kaplan's count does not fit it.
  presets.push(preset("llama-2-70b"));
  expect(fitWarnings(catalogue, kaplan, presets).filter((w) => w.quantity === "n_kv_heads").map((w) => w.code)).toEqual(["ASSUMES"]);
});
