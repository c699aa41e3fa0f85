/** The transformers family: `get_scheduler(name, ...)` schedules, answered as LambdaLR sets them. */
import { moduleFamily, type Family } from '../family.js';
import { TRANSFORMERS_MODULE, transformersCatalogue } from './catalogue.js';
import { loadTransformersSchedule } from './load.js';

export { loadTransformersSchedule } from './load.js';
export { TRANSFORMERS_MODULE, transformersCatalogue, REFUSED_TRANSFORMERS_TYPES } from './catalogue.js';

export const transformersFamily: Family = moduleFamily('Hugging Face', TRANSFORMERS_MODULE, transformersCatalogue, loadTransformersSchedule);
