#!/usr/bin/python3
"""Run Optuna's TPESampler on the bench/tpe functions and time ask().

Usage: optuna_runs.py OUT.csv [ITERATIONS [SEEDS]]
  writes one CSV row per function, configuration, seed and iteration:
  function,sampler,seed,iteration,value (the value of that iteration).
  Then prints, per configuration, the seconds one study.ask() takes after
  1000 completed trials (median of 20 asks, each reported back with
  study.tell() before the next).

Configurations: optuna-tpe (TPESampler(seed=S), Optuna's defaults) and
optuna-tpe-mv (the same with multivariate=True).  The function is
evaluated in Python, in-process.  Needs Debian's /usr/bin/python3 with
python3-optuna (3.1).
"""
import csv
import statistics
import sys
import time

import optuna

from functions import FUNCTIONS

CONFIGS = {
    'optuna-tpe': {},
    'optuna-tpe-mv': {'multivariate': True},
}


def run(name, config, seed, iterations, writer):
    bounds, function = FUNCTIONS[name]
    sampler = optuna.samplers.TPESampler(seed=seed, **CONFIGS[config])
    study = optuna.create_study(sampler=sampler, direction='minimize')
    for i in range(iterations):
        trial = study.ask()
        x = [trial.suggest_float(f'x{j}', low, high)
             for j, (low, high) in enumerate(bounds)]
        value = function(x)
        study.tell(trial, value)
        writer.writerow([name, config, seed, i + 1, repr(value)])


def time_ask(config, completed=1000, asks=20):
    """Returns the median seconds of study.ask() plus the suggestions of
    one trial after `completed` trials, on Hartmann6."""
    bounds, function = FUNCTIONS['hartmann6']
    sampler = optuna.samplers.TPESampler(seed=1, **CONFIGS[config])
    study = optuna.create_study(sampler=sampler)
    seconds = []
    for i in range(completed + asks):
        start = time.perf_counter()
        trial = study.ask()
        x = [trial.suggest_float(f'x{j}', low, high)
             for j, (low, high) in enumerate(bounds)]
        elapsed = time.perf_counter() - start
        if i >= completed:
            seconds.append(elapsed)
        study.tell(trial, function(x))
    return statistics.median(seconds)


def main():
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    out = sys.argv[1]
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    seeds = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    with open(out, 'w', newline='') as f:
        writer = csv.writer(f)
        writer.writerow(['function', 'sampler', 'seed', 'iteration', 'value'])
        for name in FUNCTIONS:
            for config in CONFIGS:
                for seed in range(1, seeds + 1):
                    run(name, config, seed, iterations, writer)
    for config in CONFIGS:
        print(f'{config} ask_seconds_after_1000 {time_ask(config):.6f}')


if __name__ == '__main__':
    main()
