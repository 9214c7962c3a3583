/**
 * What the model layer composes: a vocabulary, the sheets it may take values from, by id. The
 * model layer receives one as an argument and never reaches for the shipped one itself, so a
 * library user with a vocabulary of their own has warnings judged by it; only `src/index.ts`, the
 * command line and the page default to the shipped catalogue (shippedCatalogue).
 */
import type { Sheet } from "../sheet/model.js";
import type { Vocabulary } from "../sheet/vocabulary.js";

export interface Catalogue {
  readonly vocabulary: Vocabulary;
  /** The sheets that may give a value to another, in order of preference after `decoder`. */
  readonly sheetIds: readonly string[];
  /** A sheet by id; throws a FlopsheetError for an id not in sheetIds. */
  readonly sheet: (id: string) => Sheet;
}

/** The catalogue's sheets that model a quantity (bind it), in the order the catalogue gives. */
export function sheetsBinding(catalogue: Catalogue, has: (sheet: Sheet) => boolean): string[] {
  return catalogue.sheetIds.filter((id) => has(catalogue.sheet(id)));
}
