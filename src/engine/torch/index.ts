/** The torch.optim.lr_scheduler family: load a request, answer steps as a training loop's optimizer holds them. */
import { moduleFamily, type Family } from '../family.js';
import { TORCH_MODULE, torchCatalogue } from './catalogue.js';
import { loadTorchSchedule } from './load.js';

export { loadTorchSchedule } from './load.js';
export { TORCH_MODULE, torchCatalogue, REFUSED_TORCH_CLASSES } from './catalogue.js';
export { MAX_RECURSION_STEPS, FIRST_CHECKPOINT_INTERVAL, MAX_CHECKPOINTS } from '../stepped/runner.js';

export const torchFamily: Family = moduleFamily('PyTorch', TORCH_MODULE, torchCatalogue, loadTorchSchedule);
