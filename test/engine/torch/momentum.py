# How momentum.jsonl was made, with the real torch 2.14.1 (`scripts/torch-chroot.sh run python3
# test/engine/torch/momentum.py` from the project root; it writes momentum.jsonl beside this file).
#
# For schedulers that cycle momentum (OneCycleLR and CyclicLR with cycle_momentum=True, their default, and
# composites holding one), what torch writes into the param group each step: group["momentum"] on an optimizer
# with a momentum default (SGD) and group["betas"][0] on one with betas (AdamW). Each line: the schedule, the lr
# and the momentum at steps 0..n-1 for both optimizers, and the exception torch raised at step n (null if none).
# Hand-picked cases first, then 100 random composites (seed 11) that hold at least one momentum-cycling scheduler.
import json, random, sys, warnings
import torch
from torch.optim import SGD, AdamW
from torch.optim import lr_scheduler as L
warnings.filterwarnings('ignore')
STEPS = 320

def build(spec, opt):
    c = spec['config']
    if spec['class_name'] in ('SequentialLR', 'ChainedScheduler'):
        subs = [build(s, opt) for s in c['schedulers']]
        if spec['class_name'] == 'SequentialLR':
            return L.SequentialLR(opt, subs, c['milestones'])
        return L.ChainedScheduler(subs)
    return getattr(L, spec['class_name'])(opt, **c)

def run(spec, optimizer):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = SGD([p], lr=0.05, momentum=0.9) if optimizer == 'SGD' else AdamW([p], lr=0.05)
    read = (lambda g: g['momentum']) if optimizer == 'SGD' else (lambda g: g['betas'][0])
    lrs, momenta, error = [], [], None
    try:
        s = build(spec, opt)
        lrs.append(opt.param_groups[0]['lr']); momenta.append(read(opt.param_groups[0]))
        for _ in range(STEPS - 1):
            opt.step(); s.step()
            lrs.append(opt.param_groups[0]['lr']); momenta.append(read(opt.param_groups[0]))
    except Exception as e:
        error = f'{type(e).__name__}: {e}'
    return lrs, momenta, error

def ocl(**kw):
    return {'class_name': 'OneCycleLR', 'config': {'max_lr': 0.1, 'total_steps': 300, **kw}}

def cyc(**kw):
    return {'class_name': 'CyclicLR', 'config': {'base_lr': 0.001, 'max_lr': 0.01, 'step_size_up': 25, **kw}}

hand = [
    ocl(),
    ocl(anneal_strategy='linear'),
    ocl(three_phase=True),
    ocl(three_phase=True, anneal_strategy='linear', pct_start=0.25),
    ocl(base_momentum=0.8, max_momentum=0.99, pct_start=0.1),
    ocl(total_steps=None, epochs=7, steps_per_epoch=33, div_factor=10.0),
    ocl(cycle_momentum=False),
    cyc(),
    cyc(mode='triangular2', step_size_up=10, step_size_down=15),
    cyc(mode='exp_range', gamma=0.995),
    cyc(base_momentum=0.85, max_momentum=0.95, step_size_up=7.5),
    cyc(cycle_momentum=False),
    {'class_name': 'SequentialLR', 'config': {'schedulers': [{'class_name': 'LinearLR', 'config': {'start_factor': 0.1, 'total_iters': 20}}, ocl(total_steps=200)], 'milestones': [20]}},
    {'class_name': 'SequentialLR', 'config': {'schedulers': [ocl(total_steps=100), cyc(step_size_up=10)], 'milestones': [60]}},
    {'class_name': 'SequentialLR', 'config': {'schedulers': [cyc(step_size_up=10), ocl(total_steps=250, max_momentum=0.97)], 'milestones': [35]}},
    {'class_name': 'SequentialLR', 'config': {'schedulers': [cyc(step_size_up=10, cycle_momentum=False), {'class_name': 'CosineAnnealingLR', 'config': {'T_max': 100}}], 'milestones': [50]}},
    {'class_name': 'ChainedScheduler', 'config': {'schedulers': [ocl(), cyc(step_size_up=9)]}},
    {'class_name': 'ChainedScheduler', 'config': {'schedulers': [cyc(step_size_up=9, base_momentum=0.7), ocl(total_steps=350)]}},
    {'class_name': 'ChainedScheduler', 'config': {'schedulers': [ocl(), {'class_name': 'ExponentialLR', 'config': {'gamma': 0.99}}]}},
    {'class_name': 'SequentialLR', 'config': {'schedulers': [ocl(total_steps=40), ocl(total_steps=500, base_momentum=0.6)], 'milestones': [41]}},
]

random.seed(11)
def leaf():
    k = random.choice(['StepLR', 'ConstantLR', 'LinearLR', 'ExponentialLR', 'CosineAnnealingLR', 'CosineAnnealingWarmRestarts', 'CyclicLR', 'OneCycleLR', 'CyclicLR', 'OneCycleLR'])
    r = random.random
    if k == 'StepLR': c = {'step_size': random.choice([3, 7, 12.5]), 'gamma': round(0.5 + r() / 2, 4)}
    elif k == 'ConstantLR': c = {'factor': round(0.1 + r() * 0.9, 3), 'total_iters': random.choice([0, 4, 9])}
    elif k == 'LinearLR': c = {'start_factor': round(0.05 + r() * 0.9, 3), 'end_factor': random.choice([1.0, 0.3]), 'total_iters': random.choice([3, 10])}
    elif k == 'ExponentialLR': c = {'gamma': round(0.9 + r() / 10, 4)}
    elif k == 'CosineAnnealingLR': c = {'T_max': random.choice([10, 25, 7.5]), 'eta_min': random.choice([0.0, 1e-4])}
    elif k == 'CosineAnnealingWarmRestarts': c = {'T_0': random.choice([3, 10]), 'T_mult': random.choice([1, 2]), 'eta_min': 1e-5}
    elif k == 'CyclicLR':
        c = {'base_lr': 0.001, 'max_lr': 0.01, 'step_size_up': random.choice([3, 5, 12]), 'mode': random.choice(['triangular', 'triangular2', 'exp_range']), 'gamma': 0.99,
             'base_momentum': random.choice([0.8, 0.75]), 'max_momentum': random.choice([0.9, 0.95]), 'cycle_momentum': random.random() < 0.85}
    else:
        c = {'max_lr': 0.02, 'total_steps': random.choice([150, 600]), 'pct_start': random.choice([0.3, 0.45]), 'three_phase': random.choice([False, True]),
             'anneal_strategy': random.choice(['cos', 'linear']), 'base_momentum': random.choice([0.85, 0.8]), 'max_momentum': random.choice([0.95, 0.9]),
             'cycle_momentum': random.random() < 0.85}
    return {'class_name': k, 'config': c}

def comp(depth):
    n = random.randint(2, 3)
    kind = random.choice(['SequentialLR', 'ChainedScheduler'])
    subs = []
    for i in range(n):
        if depth < 1 and random.random() < 0.25 and (kind == 'ChainedScheduler' or i == 0): subs.append(comp(depth + 1))
        else: subs.append(leaf())
    if kind == 'SequentialLR':
        ms = sorted(random.choice([0, random.randint(1, 120)]) for _ in range(n - 1))
        return {'class_name': kind, 'config': {'schedulers': subs, 'milestones': ms}}
    return {'class_name': kind, 'config': {'schedulers': subs}}

def cycles(spec):
    c = spec['config']
    if 'schedulers' in c: return any(cycles(s) for s in c['schedulers'])
    return spec['class_name'] in ('OneCycleLR', 'CyclicLR') and c.get('cycle_momentum', True)

cases = list(hand)
while len(cases) < len(hand) + 100:
    spec = comp(0)
    if cycles(spec): cases.append(spec)

out = open(__file__.replace('momentum.py', 'momentum.jsonl'), 'w')
for spec in cases:
    sgd = run(spec, 'SGD')
    adamw = run(spec, 'AdamW')
    if sgd[0] != adamw[0] or sgd[2] != adamw[2]:
        sys.exit(f'lr differs between SGD and AdamW for {spec}')
    line = {'schedule': {'module': 'torch.optim.lr_scheduler', **spec, 'base_lr': 0.05}, 'lr': sgd[0],
            'momentum_sgd': sgd[1], 'beta1_adamw': adamw[1], 'error': sgd[2]}
    out.write(json.dumps(line, separators=(',', ':')) + '\n')
print(f'{len(cases)} cases; torch {torch.__version__}')
