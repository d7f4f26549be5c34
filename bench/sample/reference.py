#!/usr/bin/python3
"""Print the grid of a parameterize file the way SABER built it.

Usage: reference.py PARAMS.yml > OUT.jsonl

SABER's parameterize() read the file with PyYAML, made each range with
numpy.arange, materialized the Cartesian product with itertools.product
into a list of per-iteration dictionaries (str() of every value), and
its grid sampler then handed them out one per batch.  This script does
the same, then writes each iteration as one JSON line in the layout of
`saber-opt sample`, so the two outputs can be compared byte for byte.
Only the grid method is supported.
"""
import itertools
import json
import sys

import numpy as np
import yaml


def parameterize(metaparameters):
    ranges = []
    for meta in metaparameters.values():
        r = meta['range']
        ranges.append(np.arange(**r) if isinstance(r, dict) else r)
    iterations = []
    for point in itertools.product(*ranges):
        iteration = {}
        for value, meta in zip(point, metaparameters.values()):
            parameters = meta['parameters']
            if set(parameters) == {'min', 'max'}:
                r = meta['range']
                job = {parameters['min']: str(value),
                       parameters['max']: str(min(value + r['step'], r['stop']))}
            else:
                job = {parameters['abs']: str(value)}
            for step in meta['steps']:
                if step in iteration:
                    iteration[step].update(job)
                else:
                    iteration[step] = job
        iterations.append(iteration)
    return iterations


def main():
    with open(sys.argv[1]) as f:
        document = yaml.safe_load(f)
    if document.pop('sampler')['method'] != 'grid':
        raise SystemExit('reference.py supports the grid method only')
    iterations = parameterize(document)
    out = sys.stdout
    for batch, iteration in enumerate(iterations):
        line = {'batch': batch, 'index': 0, 'steps': iteration}
        out.write(json.dumps(line, sort_keys=True, ensure_ascii=False) + '\n')


main()
