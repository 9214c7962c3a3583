/**
 * SVG charts of sweeps and breakdowns, from a declarative vega-lite spec rendered by vega's own SVG
 * renderer: no browser, no canvas. vega is loaded only when a plot is asked for (it is most of a
 * megabyte), so every other command starts as fast as before.
 *
 * Axes are logarithmic where the values span a decade or more, labelled with the unit, and each
 * target (or part) has its own colour and an entry in the legend.
 */
import type { Breakdown } from "../explore/breakdown.js";
import type { Sweep, SweepRow } from "../explore/sweep.js";

/** Plots past this many points say nothing a smaller sweep would not, and take long to draw. */
export const MAX_PLOT_POINTS = 20_000;

const spans = (xs: readonly number[]) => {
  const pos = xs.filter((x) => x > 0);
  return pos.length === xs.length && pos.length > 1 && Math.max(...pos) / Math.min(...pos) >= 10;
};

async function toSvg(spec: object): Promise<string> {
  const [vega, vl] = await Promise.all([import("vega"), import("vega-lite")]);
  const compiled = vl.compile(spec as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return svg.endsWith("\n") ? svg : svg + "\n";
}

const axisTitle = (name: string, unit?: string) => (unit ? `${name} [${unit}]` : name);

/** A line per target (and per value of any other varied name) against the first varied name. */
export async function sweepSvg(sweep: Sweep, rows: readonly SweepRow[]): Promise<string> {
  // A varied name's unit is the unit of the input it reaches.
  const units = new Map<string, string>();
  for (const v of sweep.vary) {
    const input = sweep.sheet.inputs.find((i) => i.name === v.name || (i.bind?.expr.kind === "symbol" && i.bind.expr.name === v.name));
    if (input?.unit) units.set(v.name, input.unit);
  }
  const x = sweep.vary[0]!.name;
  const others = sweep.vary.slice(1).map((v) => v.name);
  const data = rows.flatMap((r) =>
    r.values.flatMap((y, i) => {
      if (y === undefined) return [];
      const label = [sweep.targets[i]!.asked, ...others.map((n, k) => `${n} = ${r.point[k + 1]!.number}`)].join(", ");
      return [{ x: r.point[0]!.number, y, series: label, target: sweep.targets[i]!.asked }];
    }),
  );
  const xLog = spans(data.map((d) => d.x));
  const yLog = spans(data.map((d) => d.y));
  const targetUnits = [...new Set(sweep.targets.map((t) => t.unit ?? ""))];
  const yTitle = targetUnits.length === 1 ? axisTitle(sweep.targets.map((t) => t.asked).join(", "), targetUnits[0] || undefined) : "value";
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: { text: `${sweep.sheet.id}: ${sweep.targets.map((t) => t.asked).join(", ")} against ${x}`, anchor: "start" },
    width: 560,
    height: 320,
    background: "white",
    data: { values: data },
    mark: { type: "line", point: data.length <= 200, strokeWidth: 2 },
    encoding: {
      x: { field: "x", type: "quantitative", title: axisTitle(x, units.get(x)), scale: xLog ? { type: "log", nice: false } : { zero: false, nice: false }, axis: { format: "~s" } },
      y: { field: "y", type: "quantitative", title: yTitle, scale: yLog ? { type: "log" } : { zero: false }, axis: { format: "~s" } },
      color: { field: "series", type: "nominal", title: null, legend: { orient: "bottom", direction: "vertical", labelLimit: 520 } },
    },
  };
  return toSvg(spec);
}

/** Horizontal bars: each part's share of the target, largest first, by formula. */
export async function breakdownSvg(b: Breakdown, unit?: string): Promise<string> {
  const data = b.byFormula.filter((p) => !p.value.isZero()).map((p) => ({ part: p.label, share: p.share.toNumber(), value: p.value.toNumber() }));
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: { text: `${b.sheet.id}: the parts of ${b.target}${b.derivation.presets.length ? ` for ${b.derivation.presets.join(" + ")}` : ""}`, anchor: "start" },
    width: 480,
    height: { step: 22 },
    background: "white",
    data: { values: data },
    mark: { type: "bar" },
    encoding: {
      y: { field: "part", type: "nominal", sort: "-x", title: null, axis: { labelLimit: 260 } },
      x: { field: "share", type: "quantitative", title: `share of ${b.target}${unit ? ` (${unit})` : ""}`, axis: { format: "%" } },
      color: { field: "part", type: "nominal", legend: null },
      tooltip: [{ field: "part" }, { field: "value", format: ".3s" }, { field: "share", format: ".1%" }],
    },
  };
  return toSvg(spec);
}

/** Each part's share of the target along one input: where the lines cross, so do the parts. */
export async function sharesSvg(title: string, input: string, unit: string | undefined, series: readonly { readonly part: string; readonly points: readonly (readonly [number, number])[] }[]): Promise<string> {
  const data = series.flatMap((s) => s.points.map(([x, share]) => ({ x, share, part: s.part })));
  const xLog = spans(data.map((d) => d.x));
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: { text: title, anchor: "start" },
    width: 560,
    height: 320,
    background: "white",
    data: { values: data },
    mark: { type: "line", strokeWidth: 2 },
    encoding: {
      x: { field: "x", type: "quantitative", title: axisTitle(input, unit), scale: xLog ? { type: "log", nice: false } : { zero: false, nice: false }, axis: { format: "~s" } },
      y: { field: "share", type: "quantitative", title: "share of the total", axis: { format: "%" } },
      color: { field: "part", type: "nominal", title: null, legend: { orient: "bottom", direction: "vertical", labelLimit: 520 } },
    },
  };
  return toSvg(spec);
}
