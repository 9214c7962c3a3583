import type { LatexOptions, ReportFormat, ReportOptions } from "../src/index.js";
export declare const EXAMPLES: {
  sheet: string;
  format: ReportFormat;
  output: string;
  options: ReportOptions & LatexOptions;
}[];
export declare const FIT_TABLE: string;
export declare function fitTable(api: typeof import("../src/index.js")): string;
