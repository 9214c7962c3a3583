/**
 * A sweep's rows as a table, CSV or JSON, one row at a time: the header first, then each row as it
 * is computed, then the footer, so a long sweep streams.
 */
import type { Sweep, SweepRow } from "../explore/sweep.js";
import { Rational } from "../core/rational.js";
import { formatExact, formatRounded } from "./numbers.js";
import { PLAIN, type Style } from "./style.js";

export type SweepFormat = "table" | "csv" | "json";

/** A float to `digits` figures in the text style (`3.24 × 10²³`), exact where it is a modest integer. */
export function floatText(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return formatExact(Rational.of(x));
  return formatRounded(Rational.parseDecimal(Math.abs(x).toString())!.mul(Rational.of(Math.sign(x) || 1)), digits);
}

const pointText = (r: SweepRow, i: number) => {
  const v = r.point[i]!;
  return v.q.isInteger() && v.q.abs().cmp(Rational.of(10n ** 15n)) < 0 ? formatExact(v.q) : floatText(v.number, 4);
};

/** An exact value: whole where it is a modest integer, else rounded (and marked so). */
const exactText = (q: Rational, digits: number) => (q.isInteger() && q.abs().cmp(Rational.of(10n ** 18n)) < 0 ? formatExact(q) : `≈ ${formatRounded(q, digits)}`);

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export interface SweepRenderer {
  readonly header: string;
  readonly row: (r: SweepRow) => string;
  readonly footer: string;
}

export function sweepRenderer(sweep: Sweep, format: SweepFormat, options: { digits?: number; style?: Style } = {}): SweepRenderer {
  const digits = options.digits ?? 3;
  const s = options.style ?? PLAIN;
  const names = sweep.vary.map((v) => v.name);
  const targets = sweep.targets.map((t) => t.asked);
  switch (format) {
    case "csv":
      return {
        header: [...names, ...targets, "note"].map(csvCell).join(",") + "\n",
        // Full precision: the shortest decimal that reads back as the same double.
        // Numbers need no quoting, and a whole double up to 2^53 prints as its exact value.
        row: (r) => {
          let line = "";
          for (const v of r.point) line += `${Number.isSafeInteger(v.number) ? v.number : v.q.isInteger() ? v.q.toString() : v.number},`;
          for (const y of r.values) line += y === undefined ? "," : `${y},`;
          return r.reason === undefined ? `${line}\n` : `${line}${csvCell(r.reason)}\n`;
        },
        footer: "",
      };
    case "json": {
      let first = true;
      const head = { sheet: sweep.sheet.id, targets: sweep.targets, vary: sweep.vary.map((v) => ({ name: v.name, text: v.text, points: v.count })), points: sweep.points, method: sweep.method, inputs: sweep.inputs.map((p) => (p.kind === "fixed" ? { name: p.name, kind: p.kind, value: p.value.toNumber() } : p)), warnings: sweep.warnings };
      return {
        header: JSON.stringify(head, null, 2).replace(/\n}$/, ',\n  "rows": [\n'),
        row: (r) => {
          // Entries, not assignments: a name may be __proto__, which an assignment would swallow.
          const entries: [string, unknown][] = [];
          r.point.forEach((v, i) => entries.push([names[i]!, v.number]));
          r.values.forEach((y, i) => entries.push([targets[i]!, y ?? null]));
          if (r.exact) r.exact.forEach((q, i) => entries.push([`${targets[i]}_exact`, q?.toString() ?? null]));
          if (r.reason) entries.push(["reason", r.reason]);
          const line = `${first ? "" : ",\n"}    ${JSON.stringify(Object.fromEntries(entries))}`;
          first = false;
          return line;
        },
        footer: "\n  ]\n}\n",
      };
    }
    case "table": {
      const width = Math.max(18, ...[...names, ...targets].map((n) => n.length + 2));
      const cell = (t: string) => t.padStart(width);
      const units = sweep.targets.map((t) => (t.unit ? ` [${t.unit}]` : ""));
      const warn = sweep.warnings.map((w) => s.dim(`warning: ${w}`) + "\n").join("");
      return {
        header: `${s.heading(`${sweep.sheet.id}: ${targets.map((t, i) => t + units[i]).join(", ")} over ${sweep.points.toLocaleString("en-US")} point${sweep.points === 1 ? "" : "s"}`)}\n${warn}${[...names, ...targets].map((n) => cell(n)).join("")}\n`,
        row: (r) =>
          [...r.point.map((_, i) => cell(pointText(r, i))), ...(r.reason ? [`  ${s.bad(r.reason)}`] : r.values.map((y, i) => cell(y === undefined ? "—" : r.exact ? exactText(r.exact[i]!, digits) : "≈ " + floatText(y, digits))))].join("") + "\n",
        footer: "",
      };
    }
  }
}
