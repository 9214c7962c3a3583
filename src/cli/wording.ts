/** How the command line words what the core gives as data: a remedy is the flag to type. */
import type { Wording } from "../index.js";

export const CLI_WORDING: Wording = { set: (name) => `--set ${name}=…` };
