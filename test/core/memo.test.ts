import { expect, test } from "vitest";
import { forgetMemos, memo, onForget } from "../../src/core/memo.js";
import { closure } from "../../src/algebra/sheet-forms.js";
import { shipped } from "../helpers/sheets.js";

test("forgetMemos empties every memo table; what was kept is worked out again, the same", () => {
  const table = memo<object, number>();
  const key = {};
  table.set(key, 7);
  let other = 1;
  onForget(() => (other = 0));
  expect(table.get(key)).toBe(7);
  const sheet = shipped("basu-2024");
  const before = closure(sheet, ["Total_FLOPs"]);
  forgetMemos();
  expect(table.get(key)).toBeUndefined();
  expect(other).toBe(0);
  const after = closure(sheet, ["Total_FLOPs"]);
  expect(after).not.toBe(before);
  expect([...after].sort()).toEqual([...before].sort());
  expect(after.has("Total_FLOPs")).toBe(true);
});
