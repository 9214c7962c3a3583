/** The model layer's functions, each taking the catalogue it composes first (see src/index.ts for the shipped defaults). */
export { fitWarnings } from "./fit.js";
export { chainFrom, chainedWarnings, splitSettings, unusedChainedSettings, sourceFor, settingsFor } from "./chain.js";
export { estimate } from "./estimate.js";
export { configPreset, deriveForModel, reportForModel, unreadSettings } from "./for-model.js";
export { compareModels } from "./compare-models.js";
