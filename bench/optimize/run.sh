#!/bin/sh
# Measures what saber-opt optimize costs beyond the steps it runs: 1000
# iterations of a 3-step workflow whose steps do nothing, run with -j 1.
# The steps' own time is the sum of the wall seconds the database records
# for them; the rest of the total is the host's overhead.  Each run is
# made twice: with the database and step folders on the disk under the
# system's temporary folder, and on /dev/shm (tmpfs), which shows how much
# of the overhead is the file system's cost of creating the step folders.
#
# Usage: bench/optimize/run.sh [SABER_OPT] > bench/optimize/RESULTS.md
set -eu

here=$(cd "$(dirname "$0")" && pwd)
saber=${1:-$here/../../saber-opt}
disk=$(mktemp -d)
memory=$(mktemp -d -p /dev/shm)
trap 'rm -rf "$disk" "$memory"' EXIT

runs=3

measure() {
    place=$1
    label=$2
    run=$3
    # Each run gets a folder of its own; removing the last run's 10000
    # folders first would make ext4 slower to create the next ones.
    mkdir "$place/run-$run"
    start=$(date +%s.%N)
    (cd "$place/run-$run" && "$saber" optimize -j 1 --log-level warning \
        "$here/workflow.cwl" "$here/job.yml" "$here/params.yml" > /dev/null)
    end=$(date +%s.%N)
    steps=$(sqlite3 "$place/run-$run/saber-opt.db" "SELECT sum(wall_seconds) FROM steps")
    rows=$(sqlite3 "$place/run-$run/saber-opt.db" "SELECT count(*) FROM steps")
    awk -v label="$label" -v i="$run" -v s="$start" -v e="$end" \
        -v steps="$steps" -v rows="$rows" 'BEGIN {
        total = e - s; over = total - steps;
        printf "| %s | %d | %.2f | %.2f | %.2f | %.3f | %.3f |\n", label, i,
               total, steps, over, over, over / rows * 1000 }'
}

echo "# optimize overhead"
echo
echo "\`bench/optimize/run.sh\`: \`saber-opt optimize -j 1\` on bench/optimize, 1000"
echo "iterations of 3 steps each (\`true\`, \`true\`, \`echo score: X\`), $runs runs per"
echo "place.  $(date -u +%Y-%m-%d), $(nproc) CPUs"
echo "($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(uname -sr)."
echo "Overhead is the total minus the steps' own wall time; per iteration in ms"
echo "(the total divided by 1000 iterations, so seconds read as milliseconds)."
echo
echo "| place | run | total s | steps' own s | overhead s | per iteration ms | per step row ms |"
echo "|---|---|---|---|---|---|---|"
for i in $(seq 1 $runs); do
    measure "$disk" disk "$i"
done
for i in $(seq 1 $runs); do
    measure "$memory" tmpfs "$i"
done
