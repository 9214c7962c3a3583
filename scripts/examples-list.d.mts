import type { LatexOptions, ReportFormat, ReportOptions } from "../src/index.js";
export declare const EXAMPLES: {
  sheetPath: string;
  format: ReportFormat;
  output: string;
  options: ReportOptions & LatexOptions;
}[];
