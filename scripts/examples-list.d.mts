import type { LatexOptions, ReportFormat, ReportOptions } from "../src/index.js";
export declare const EXAMPLES: {
  sheet: string;
  format: ReportFormat;
  output: string;
  options: ReportOptions & LatexOptions;
}[];
export declare const FIT_TABLE: string;
export declare function fitTable(api: typeof import("../src/index.js")): string;
export declare const AUDIT_TABLE: string;
export declare function auditTable(api: typeof import("../src/index.js")): string;
export declare const PLOTS: {
  output: string;
  command: string;
  make: (api: typeof import("../src/index.js"), plot: typeof import("../src/plot.js")) => Promise<string>;
}[];
