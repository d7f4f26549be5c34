#!/usr/bin/python3
"""Collect and report the results of bench/tpe/run.sh.

summarize.py --scores OUT.csv FUNCTION SAMPLER SEED
    prints the rows function,sampler,seed,iteration,value of one
    `saber-opt optimize` results CSV, one row per iteration.  A failed
    iteration has no score and counts as +inf.

summarize.py --report SABER.csv OPTUNA.csv SABER_TIMES OPTUNA_TIMES PLOT.png
                      SEEDS ITERATIONS SABER_SECONDS OPTUNA_SECONDS
    prints RESULTS.md.  It gives, per function and sampler, the median and
    quartiles of the best value found after 25, 50 and 100 iterations, and
    the time of one suggestion after 1000 completed iterations.  It also
    writes the plot of the median best value per iteration.
"""
import collections
import csv
import datetime
import math
import os
import platform
import statistics
import sys

CHECKPOINTS = (25, 50, 100)
SAMPLERS = ('saber-opt-tpe', 'optuna-tpe', 'optuna-tpe-mv', 'saber-opt-random')
LABELS = {
    'saber-opt-tpe': 'saber-opt tpe',
    'saber-opt-random': 'saber-opt random',
    'optuna-tpe': 'Optuna TPESampler()',
    'optuna-tpe-mv': 'Optuna TPESampler(multivariate=True)',
}
MINIMA = {'branin': 0.397887, 'hartmann6': -3.32237, 'rosenbrock': 0.0}


def print_scores(path, function, sampler, seed):
    writer = csv.writer(sys.stdout, lineterminator='\n')
    with open(path, newline='') as f:
        for row in csv.DictReader(f):
            score = row['score']
            value = float(score) if score else math.inf
            writer.writerow([function, sampler, seed,
                             int(row['iteration']) + 1, repr(value)])


def read_values(paths):
    """Returns {(function, sampler): {seed: [value per iteration]}}."""
    runs = collections.defaultdict(dict)
    for path in paths:
        with open(path, newline='') as f:
            for row in csv.DictReader(f):
                key = (row['function'], row['sampler'])
                values = runs[key].setdefault(int(row['seed']), [])
                values.append((int(row['iteration']), float(row['value'])))
    for seeds in runs.values():
        for seed, pairs in seeds.items():
            seeds[seed] = [value for _, value in sorted(pairs)]
    return runs


def best_so_far(values):
    best, out = math.inf, []
    for value in values:
        best = min(best, value)
        out.append(best)
    return out


def quartiles(values):
    q1, median, q3 = statistics.quantiles(values, n=4, method='inclusive')
    return q1, median, q3


def format_value(value):
    """Writes 4 decimals below 10, 2 below 1000, none above."""
    if abs(value) < 10:
        return f'{value:.4f}'
    return f'{value:.2f}' if abs(value) < 1000 else f'{value:.0f}'


def machine():
    model = 'unknown CPU'
    with open('/proc/cpuinfo') as f:
        for line in f:
            if line.startswith('model name'):
                model = line.split(':', 1)[1].strip()
                break
    with open('/proc/meminfo') as f:
        memory = int(f.readline().split()[1]) / 1024 / 1024
    return (f'{model}, {os.cpu_count()} CPUs, {memory:.0f} GiB, '
            f'{platform.system()} {platform.release()}')


def read_times(path):
    """Returns {name: seconds} from lines 'NAME ... median S ...' or
    'NAME ask_seconds_after_1000 S'."""
    times = {}
    with open(path) as f:
        for line in f:
            words = line.split()
            if 'median' in words:
                times[words[0]] = float(words[words.index('median') + 1])
            elif len(words) == 3:
                times[words[0]] = float(words[2])
    return times


def plot(runs, functions, iterations, path):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    figure, axes = plt.subplots(1, len(functions), figsize=(15, 4.2))
    for axis, function in zip(axes, functions):
        for sampler in SAMPLERS:
            seeds = runs.get((function, sampler))
            if not seeds:
                continue
            curves = [best_so_far(v) for v in seeds.values()]
            median = [statistics.median(c[i] for c in curves)
                      for i in range(iterations)]
            gap = [m - MINIMA[function] for m in median]
            axis.plot(range(1, iterations + 1), gap, label=LABELS[sampler])
        axis.set_yscale('log')
        axis.set_title(function)
        axis.set_xlabel('iteration')
        axis.set_ylabel('median best value - minimum')
        axis.grid(True, which='both', alpha=0.3)
    axes[0].legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=90)


def print_targets(runs, functions, iterations):
    """Prints whether saber-opt's median best after the last iteration is
    at or below each Optuna configuration's, per function."""
    print(f'## Target: median best after {iterations} iterations at or '
          'below Optuna\'s\n')
    print('| function | saber-opt tpe | best Optuna | met |')
    print('|---|---|---|---|')
    for function in functions:
        medians = {}
        for sampler in ('saber-opt-tpe', 'optuna-tpe', 'optuna-tpe-mv'):
            seeds = runs.get((function, sampler), {})
            medians[sampler] = statistics.median(
                min(v[:iterations]) for v in seeds.values())
        optuna = min(medians['optuna-tpe'], medians['optuna-tpe-mv'])
        met = 'yes' if medians['saber-opt-tpe'] <= optuna else 'no'
        print(f'| {function} | {format_value(medians["saber-opt-tpe"])} | '
              f'{format_value(optuna)} | {met} |')
    print()


def report(args):
    saber_csv, optuna_csv, saber_times, optuna_times, plot_path = args[:5]
    seeds, iterations, saber_seconds, optuna_seconds = map(int, args[5:9])
    runs = read_values([saber_csv, optuna_csv])
    functions = ['branin', 'hartmann6', 'rosenbrock']
    times = read_times(saber_times)
    times.update(read_times(optuna_times))
    saber_version = os.environ.get('SABER_VERSION', 'saber-opt')
    import optuna

    print('# tpe sampler: saber-opt against Optuna\n')
    print(f'- Date: {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC')
    print(f'- Machine: {machine()}; load average when the script started: '
          f'{os.environ.get("SABER_LOAD", "not recorded")}')
    print(f'- saber-opt: {saber_version}; Optuna '
          f'{optuna.__version__} (Debian python3-optuna, Python '
          f'{platform.python_version()})')
    print('- Command: `bench/tpe/run.sh > bench/tpe/RESULTS.md` '
          f'({seeds} seeds, {iterations} iterations; saber-opt runs took '
          f'{saber_seconds} s, Optuna runs {optuna_seconds} s)\n')
    print('saber-opt runs each iteration as a workflow: `saber-opt optimize -j 1` '
          'with a fresh database per run, seeds 1 to '
          f'{seeds} (`seed:` in the sampler: block), on `workflow.cwl`, whose '
          'one step runs `testfn` (bench/tpe/testfn.c) and prints the value. '
          'Optuna evaluates the same functions in Python, in-process '
          '(functions.py), with `TPESampler(seed=S)` and '
          '`TPESampler(seed=S, multivariate=True)`, otherwise at its '
          'defaults. The search spaces are continuous: Branin on '
          '[-5, 10] x [0, 15], Hartmann6 on [0, 1]^6, Rosenbrock on '
          '[-5, 10]^5. saber-opt\'s tpe runs at its defaults '
          '(multivariate, 10 random points first, 24 candidates).\n')
    print('Each cell: median [first quartile, third quartile] over the seeds '
          'of the best value found after that many iterations; lower is '
          'better. Global minima: Branin 0.397887, Hartmann6 -3.32237, '
          'Rosenbrock 0.\n')
    for function in functions:
        print(f'## {function}\n')
        header = ' | '.join(f'after {n}' for n in CHECKPOINTS
                            if n <= iterations)
        print(f'| sampler | {header} |')
        print('|---' * (1 + len([n for n in CHECKPOINTS if n <= iterations]))
              + '|')
        for sampler in SAMPLERS:
            seeds_values = runs.get((function, sampler), {})
            cells = []
            for n in CHECKPOINTS:
                if n > iterations:
                    continue
                bests = [min(v[:n]) for v in seeds_values.values()]
                q1, median, q3 = quartiles(bests)
                cells.append(f'{format_value(median)} [{format_value(q1)}, '
                             f'{format_value(q3)}]')
            print(f'| {LABELS[sampler]} | ' + ' | '.join(cells) + ' |')
        print()
    print_targets(runs, functions, iterations)
    print('## Time of one suggestion after 1000 completed iterations\n')
    print('On Hartmann6, after 1000 iterations of the sampler itself (10 '
          'random, then model-based), median of the next 50 (saber-opt) '
          'or 20 (Optuna) suggestions, each reported back before the next. '
          'saber-opt: `tpe-driver time` runs the plugin in-process through '
          'the mock host of tests/mock-host.c and times sample(). Optuna: '
          '`study.ask()` plus the six `suggest_float()` calls, in memory.\n')
    print('| sampler | seconds per suggestion |')
    print('|---|---|')
    names = {
        'tpe': 'saber-opt tpe',
        'tpe-univariate': 'saber-opt tpe, multivariate: false',
        'optuna-tpe': LABELS['optuna-tpe'],
        'optuna-tpe-mv': LABELS['optuna-tpe-mv'],
    }
    for key, label in names.items():
        if key in times:
            print(f'| {label} | {times[key]:.6f} |')
    print()
    plot(runs, functions, iterations, plot_path)
    print(f'![median best value minus the minimum, per iteration]'
          f'({os.path.basename(plot_path)})')


def main():
    if sys.argv[1] == '--scores':
        print_scores(*sys.argv[2:6])
    elif sys.argv[1] == '--report':
        report(sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
