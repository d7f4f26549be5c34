#!/bin/sh
# The tpe benchmark: saber-opt's tpe and random samplers, run by
# `saber-opt optimize` on a one-step workflow (testfn.cwl), against
# Optuna's TPESampler evaluating the same functions in-process, on Branin,
# Hartmann6 and Rosenbrock (5 dimensions): ITERATIONS iterations (default
# 100) for each of SEEDS seeds (default 20).  Then times one suggestion
# after 1000 completed iterations for both.  Prints RESULTS.md and writes
# the convergence plot next to this script.
#
# Usage: bench/tpe/run.sh [BUILD_DIR] > bench/tpe/RESULTS.md
#   BUILD_DIR  the built tree (default: this script's tree), with
#              saber-opt, plugins/ and bench/tpe/testfn and tpe-driver.
# Needs Debian's /usr/bin/python3 with python3-optuna and
# python3-matplotlib.  Each optimize run gets a fresh database and runs
# with -j 1.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../..}" && pwd)
seeds=${SEEDS:-20}
iterations=${ITERATIONS:-100}
python=/usr/bin/python3

work=$(mktemp -d "${TMPDIR:-/tmp}/saber-tpe-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

# The workflow's step runs testfn from PATH.
PATH=$build/bench/tpe:$PATH
export PATH

# Writes the parameterize file of function $1 for sampler $2 and seed $3.
write_params() {
    printf 'sampler:\n  method: %s\n  seed: %s\n  max_iterations: %s\n' \
        "$2" "$3" "$iterations"
    case $1 in
    branin) bounds='-5 10
0 15' ;;
    hartmann6) bounds='0 1
0 1
0 1
0 1
0 1
0 1' ;;
    rosenbrock) bounds='-5 10
-5 10
-5 10
-5 10
-5 10' ;;
    esac
    echo "$bounds" | awk '{
        printf "x%d:\n  range: {low: %s, high: %s}\n", NR - 1, $1, $2
        printf "  parameters: {abs: x%d}\n  steps: [evaluate]\n", NR - 1 }'
}

# Other work on the machine slows the timings down: record its load.
SABER_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
export SABER_LOAD

echo "function,sampler,seed,iteration,value" > "$work/saber.csv"
start=$(date +%s)
for function in branin hartmann6 rosenbrock; do
    for sampler in tpe random; do
        for seed in $(seq 1 "$seeds"); do
            run=$work/$function-$sampler-$seed
            mkdir "$run"
            write_params "$function" "$sampler" "$seed" > "$run/params.yml"
            "$build/saber-opt" optimize -j 1 --log-level warning \
                --plugin-dir "$build/plugins" --db "$run/run.db" \
                --output "$run/out.csv" --workdir "$run/steps" \
                "$here/workflow.cwl" "$here/jobs/$function.yml" \
                "$run/params.yml" > /dev/null
            $python "$here/summarize.py" --scores "$run/out.csv" \
                "$function" "saber-opt-$sampler" "$seed" >> "$work/saber.csv"
            rm -rf "$run"
        done
    done
done
saber_seconds=$(($(date +%s) - start))

start=$(date +%s)
(cd "$here" && $python optuna_runs.py "$work/optuna.csv" "$iterations" \
    "$seeds") > "$work/optuna-times.txt" 2>/dev/null
optuna_seconds=$(($(date +%s) - start))

driver=$build/bench/tpe/tpe-driver
{
    "$driver" time "$build/plugins/.libs/tpe.so" 1000 50 n_startup=10
    "$driver" time "$build/plugins/.libs/tpe.so" 1000 50 n_startup=10 \
        multivariate=false | sed 's/^tpe /tpe-univariate /'
} > "$work/saber-times.txt"

SABER_VERSION=$("$build/saber-opt" --version)
export SABER_VERSION
$python "$here/summarize.py" --report "$work/saber.csv" "$work/optuna.csv" \
    "$work/saber-times.txt" "$work/optuna-times.txt" "$here/convergence.png" \
    "$seeds" "$iterations" "$saber_seconds" "$optuna_seconds"
