// briefdeck's public API, for scripts that build decks without the command line.
export {
  type Builder,
  buildBriefs,
  createBuilder,
  type BriefReport,
  type BuildCollaborators,
  type BuildOptions,
} from './build.ts';
export { importArticle, type ImportedBrief, type ImportOptions } from './import/import.ts';
export { renderBook } from './book/book.ts';
export { supplyBrowser } from './browser/find.ts';
export { defaultCollaborators } from './defaults.ts';
export { BriefError, BriefErrors, formatBriefError, type BriefErrorCode } from './errors.ts';
export { OUTPUT_FORMATS, type OutputFormat } from './export/formats.ts';
export { loadBrief, type LoadedBrief } from './brief/load.ts';
export { planDeck, type Deck } from './deck/plan.ts';
export { renderDeck } from './deck/render.ts';
export type { Brief } from './brief/schema.ts';
export { validateBrief } from './brief/validate.ts';
