#!/usr/bin/python3
"""Write the expected `saber-opt sample` output of parameterize files.

Usage: params.py FILE.yml...  writes FILE.expected.jsonl beside each file.

The parameter sets come from a re-implementation of SABER's
parameterize(): PyYAML's SafeLoader reads the file, numpy.arange builds
each range, itertools.product orders the grid (file order, the last
metaparameter varying fastest) and str() writes each value.  Two
departures, both on purpose: every step gets its own copy of a
metaparameter's inputs (SABER shared one dictionary between the steps, so
a later metaparameter leaked into the other steps), and start, stop and
step are all required.

Only the grid and batch-grid methods are supported: their order is fixed,
while random's depends on saber-opt's generator.  Run with Debian's
/usr/bin/python3 (PyYAML 6, numpy 1.24).  make check never runs this
script; the expected files are committed.
"""
import itertools
import json
import sys

import numpy as np
import yaml


def dimension_values(name, meta):
    r = meta['range']
    if isinstance(r, dict):
        if set(r) != {'start', 'stop', 'step'}:
            raise SystemExit(f'{name}: range needs start, stop and step')
        return list(np.arange(r['start'], r['stop'], r['step']))
    if isinstance(r, list):
        return r
    raise SystemExit(f'{name}: invalid range')


def inputs_of(meta, value):
    parameters = meta['parameters']
    if set(parameters) == {'min', 'max'}:
        r = meta['range']
        return {parameters['min']: str(value),
                parameters['max']: str(min(value + r['step'], r['stop']))}
    if set(parameters) == {'abs'}:
        return {parameters['abs']: str(value)}
    raise SystemExit(f'invalid parameters {parameters}')


def parameter_sets(metaparameters):
    ranges = [dimension_values(n, m) for n, m in metaparameters.items()]
    for point in itertools.product(*ranges):
        steps = {}
        for value, meta in zip(point, metaparameters.values()):
            job = inputs_of(meta, value)
            for step in meta['steps']:
                steps.setdefault(step, {}).update(job)
        yield steps


def batch_size(sampler):
    if sampler['method'] == 'grid':
        return 1
    if sampler['method'] == 'batch-grid':
        return sampler['batch_size']
    raise SystemExit(f"method {sampler['method']} has no fixed order")


def write_expected(path):
    with open(path) as f:
        document = yaml.safe_load(f)
    sampler = document.pop('sampler')
    size = batch_size(sampler)
    limit = sampler.get('max_iterations')
    lines = []
    for n, steps in enumerate(parameter_sets(document)):
        if limit is not None and n >= limit:
            break
        line = {'batch': n // size, 'index': n % size, 'steps': steps}
        lines.append(json.dumps(line, sort_keys=True, ensure_ascii=False)
                     + "\n")
    out = path[:-len('.yml')] + '.expected.jsonl'
    with open(out, 'w', encoding='utf-8') as f:
        f.writelines(lines)


for argument in sys.argv[1:]:
    write_expected(argument)
