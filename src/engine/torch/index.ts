/** The torch.optim.lr_scheduler family: load a request, answer steps as a training loop's optimizer holds them. */
export { loadTorchSchedule } from './load.js';
export { TORCH_MODULE, torchCatalogue, REFUSED_TORCH_CLASSES } from './catalogue.js';
export type { FamilySchedule, FamilyLoadOptions, CatalogueEntry } from '../stepped/family.js';
export { MAX_RECURSION_STEPS, FIRST_CHECKPOINT_INTERVAL, MAX_CHECKPOINTS } from '../stepped/runner.js';
