# How composites.jsonl was made, with the real torch 2.14.1 / transformers 5.12.1
# (`scripts/torch-chroot.sh run python3 test/engine/torch/composites.py` from the project root): the first part
# writes 400 random composites (seed 7) to cases.jsonl, the second hand-picked edge cases to edge.jsonl; composites.jsonl
# is the first 100 lines of cases.jsonl followed by edge.jsonl. Each line: the schedule, the lr at steps 0..n-1, and the
# exception torch raised at step n (null if none).
import json, random, warnings, torch
from torch.optim import SGD
from torch.optim import lr_scheduler as L
warnings.filterwarnings('ignore')
random.seed(7)
def leaf():
    k = random.choice(['StepLR','MultiStepLR','ConstantLR','LinearLR','ExponentialLR','PolynomialLR','CosineAnnealingLR','CosineAnnealingWarmRestarts','CyclicLR','OneCycleLR'])
    r = random.random
    if k=='StepLR': c={'step_size': random.choice([3,7,12.5]), 'gamma': round(0.5+r()/2,4)}
    elif k=='MultiStepLR': c={'milestones': sorted(random.sample(range(0,80),3)), 'gamma': 0.7}
    elif k=='ConstantLR': c={'factor': round(0.1+r()*0.9,3), 'total_iters': random.choice([0,4,9])}
    elif k=='LinearLR': c={'start_factor': round(0.05+r()*0.9,3), 'end_factor': random.choice([1.0,0.3,0.0]), 'total_iters': random.choice([3,10,7.5])}
    elif k=='ExponentialLR': c={'gamma': round(0.9+r()/10,4)}
    elif k=='PolynomialLR': c={'total_iters': random.choice([5,20,40]), 'power': random.choice([1.0,2.0,0.5])}
    elif k=='CosineAnnealingLR': c={'T_max': random.choice([10,25,7.5]), 'eta_min': random.choice([0.0,1e-4])}
    elif k=='CosineAnnealingWarmRestarts': c={'T_0': random.choice([3,10]), 'T_mult': random.choice([1,2]), 'eta_min': 1e-5}
    elif k=='CyclicLR': c={'base_lr': 0.001, 'max_lr': 0.01, 'step_size_up': random.choice([3,5]), 'mode': random.choice(['triangular','triangular2','exp_range']), 'gamma': 0.99}
    else: c={'max_lr': 0.02, 'total_steps': 400, 'pct_start': 0.3, 'three_phase': random.choice([False, True]), 'anneal_strategy': random.choice(['cos','linear'])}
    return {'class_name': k, 'config': c}
def comp(depth):
    n = random.randint(2,3)
    subs = []
    kind = random.choice(['SequentialLR','ChainedScheduler'])
    for i in range(n):
        # composites only first in SequentialLR (elsewhere torch raises)
        if depth < 2 and random.random() < 0.3 and (kind=='ChainedScheduler' or i==0): subs.append(comp(depth+1))
        else: subs.append(leaf())
    if kind=='SequentialLR':
        ms = sorted(random.choice([0, random.randint(1,60)]) for _ in range(n-1))
        if random.random()<0.2 and n>2: ms[1]=ms[0]
        return {'class_name': kind, 'config': {'schedulers': subs, 'milestones': ms}}
    return {'class_name': kind, 'config': {'schedulers': subs}}
def build(spec, opt):
    c = spec['config']
    if spec['class_name'] in ('SequentialLR','ChainedScheduler'):
        subs = [build(s, opt) for s in c['schedulers']]
        if spec['class_name']=='SequentialLR': return L.SequentialLR(opt, subs, c['milestones'])
        return L.ChainedScheduler(subs)
    return getattr(L, spec['class_name'])(opt, **c)
out = open('/src/cases.jsonl','w')
for i in range(400):
    spec = comp(0)
    p = torch.nn.Parameter(torch.zeros(1)); opt = SGD([p], lr=0.05, momentum=0.9)
    try:
        s = build(spec, opt)
        vals=[opt.param_groups[0]['lr']]
        for k in range(300):
            opt.step(); s.step(); vals.append(opt.param_groups[0]['lr'])
        out.write(json.dumps({'schedule': {**spec, 'base_lr': 0.05}, 'values': vals})+'\n')
    except Exception as e:
        out.write(json.dumps({'schedule': {**spec, 'base_lr': 0.05}, 'error': f'{type(e).__name__}: {e}', 'values': vals if 'vals' in dir() else []})+'\n')

# --- edge cases ---
import json, warnings, torch
from torch.optim import SGD
from torch.optim import lr_scheduler as L
from transformers import get_scheduler
warnings.filterwarnings('ignore')
def build(spec, opt):
    c = spec['config']
    if spec['class_name'] in ('SequentialLR','ChainedScheduler'):
        subs = [build(s, opt) for s in c['schedulers']]
        if spec['class_name']=='SequentialLR': return L.SequentialLR(opt, subs, c['milestones'])
        return L.ChainedScheduler(subs)
    return getattr(L, spec['class_name'])(opt, **c)
cases = [
 {'class_name':'OneCycleLR','config':{'max_lr':0.1,'total_steps':50,'pct_start':0.0}},
 {'class_name':'OneCycleLR','config':{'max_lr':0.1,'total_steps':50,'pct_start':0.6,'three_phase':True}},
 {'class_name':'OneCycleLR','config':{'max_lr':0.1,'total_steps':50,'pct_start':0.99,'anneal_strategy':'linear'}},
 {'class_name':'CyclicLR','config':{'base_lr':0.001,'max_lr':0.01,'step_size_up':4,'step_size_down':0}},
 {'class_name':'CyclicLR','config':{'base_lr':0.001,'max_lr':0.01,'step_size_up':2.5,'step_size_down':1.5,'mode':'exp_range','gamma':0.97}},
 {'class_name':'ConstantLR','config':{'factor':0.5,'total_iters':3.5}},
 {'class_name':'SequentialLR','config':{'schedulers':[{'class_name':'SequentialLR','config':{'schedulers':[{'class_name':'ConstantLR','config':{'factor':0.5,'total_iters':2}},{'class_name':'ExponentialLR','config':{'gamma':0.9}}],'milestones':[1]}},{'class_name':'CosineAnnealingWarmRestarts','config':{'T_0':3,'T_mult':2}}],'milestones':[6]}},
 {'class_name':'SequentialLR','config':{'schedulers':[{'class_name':'ChainedScheduler','config':{'schedulers':[{'class_name':'ExponentialLR','config':{'gamma':0.9}},{'class_name':'CosineAnnealingLR','config':{'T_max':1}}]}},{'class_name':'OneCycleLR','config':{'max_lr':0.2,'total_steps':10}},{'class_name':'CyclicLR','config':{'base_lr':0.001,'max_lr':0.01,'step_size_up':2}}],'milestones':[4,9]}},
 {'class_name':'ChainedScheduler','config':{'schedulers':[{'class_name':'CyclicLR','config':{'base_lr':0.002,'max_lr':0.01,'step_size_up':2}},{'class_name':'ExponentialLR','config':{'gamma':0.9}},{'class_name':'OneCycleLR','config':{'max_lr':0.2,'total_steps':100}}, {'class_name':'LinearLR','config':{}}]}},
 {'class_name':'CyclicLR','config':{'base_lr':0.001,'max_lr':0.01,'step_size_up':1,'mode':'triangular2'}},
]
out = open('/src/edge.jsonl','w')
for spec in cases:
    p = torch.nn.Parameter(torch.zeros(1)); opt = SGD([p], lr=0.05, momentum=0.9)
    vals=[]; err=None
    try:
        s = build(spec, opt); vals.append(opt.param_groups[0]['lr'])
        for k in range(2100 if spec['config'].get('mode')=='triangular2' else 120):
            opt.step(); s.step(); vals.append(opt.param_groups[0]['lr'])
    except Exception as e: err=f'{type(e).__name__}: {e} at {len(vals)}'
    out.write(json.dumps({'family':'torch','schedule': {**spec, 'base_lr': 0.05}, 'values': vals, 'error': err})+'\n')
hf = [
 ('warmup_stable_decay', 2.5, 30.5, {'num_decay_steps': 7.5, 'warmup_type':'1-sqrt','decay_type':'linear','min_lr_ratio':0.1}),
 ('inverse_sqrt', 0, None, {}),
 ('inverse_sqrt', 0.5, None, {'timescale': 3.5}),
 ('constant_with_warmup', 0.5, None, {}),
 ('cosine_warmup_with_min_lr', 1, 20, {'min_lr': 1e-5}),
 ('cosine_warmup_with_min_lr', 0, 20, {'min_lr_rate': 0.1, 'warmup_lr_rate': 0.5}),
 ('polynomial', 30, 10, {'power': 2.0}),
 ('cosine_with_restarts', 5, 3, {'num_cycles': 2}),
 ('linear', 0, 0, {}),
]
for name, w, t, kw in hf:
    p = torch.nn.Parameter(torch.zeros(1)); opt = SGD([p], lr=3e-4, momentum=0.9)
    s = get_scheduler(name, opt, num_warmup_steps=w, num_training_steps=t, scheduler_specific_kwargs=kw)
    vals=[opt.param_groups[0]['lr']]
    for k in range(120): opt.step(); s.step(); vals.append(opt.param_groups[0]['lr'])
    cfg = {'num_warmup_steps': w, **({'num_training_steps': t} if t is not None else {}), **kw}
    out.write(json.dumps({'family':'hf','schedule': {'class_name': name, 'config': cfg, 'base_lr': 3e-4}, 'values': vals, 'error': None})+'\n')
