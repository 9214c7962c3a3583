import type { LatexOptions, ReportFormat, ReportOptions } from "../src/index.js";
export declare const EXAMPLES: {
  sheet: string;
  format: ReportFormat;
  output: string;
  options: ReportOptions & LatexOptions;
}[];
