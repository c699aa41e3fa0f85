/** The transformers family: `get_scheduler(name, ...)` schedules, answered as LambdaLR sets them. */
export { loadTransformersSchedule } from './load.js';
export { TRANSFORMERS_MODULE, transformersCatalogue, REFUSED_TRANSFORMERS_TYPES } from './catalogue.js';
export type { FamilySchedule, FamilyLoadOptions, CatalogueEntry } from '../stepped/family.js';
