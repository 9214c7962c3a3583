/**
 * Charts, apart from the core API because drawing them loads vega (in Node or a browser alike, but
 * most of a megabyte): `import { sweepSvg } from "flopsheet/plot"`.
 */
export { sweepSvg, breakdownSvg, sharesSvg, MAX_PLOT_POINTS } from "./render/plot.js";
