#!/bin/sh
# Times `saber-opt sample` against a Python reference that builds the grid
# the way SABER did, on a 10^4-point and a 10^6-point grid.  Prints the
# results as Markdown: wall, user and system seconds, peak resident memory
# (/usr/bin/time -f %M) and microseconds per point, then the two ratios
# the benchmark targets (speed-up per point, memory of 10^6 against 10^4).
#
# Usage: bench/sample/run.sh [SABER_OPT] > bench/sample/RESULTS.md
#   SABER_OPT  the saber-opt to time (default: ./saber-opt, run from the
#              top of a build tree).  REPEAT (default 3) sets the runs per
#              tool and grid; the median run is reported.
#
# Both tools write their lines to a file in $TMPDIR; the outputs must be
# identical byte for byte, or the script stops.  Needs /usr/bin/time (the
# Debian package `time`) and /usr/bin/python3 with numpy and PyYAML.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
saber=${1:-./saber-opt}
repeat=${REPEAT:-3}
python=/usr/bin/python3

[ -x "$saber" ] || { echo "run.sh: $saber is not executable; build saber-opt first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time is missing; apt-get install time" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/saber-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

# Runs one timed command with stdout to $work/LABEL.jsonl and appends
# "wall user sys maxrss_kb" to $2.  The wall time comes from date, in
# nanoseconds, because /usr/bin/time rounds to 10 ms.  sync runs first, so
# that writing back an earlier run's output does not slow this one down.
timed() {
    label=$1
    results=$2
    shift 2
    sync
    start=$(date +%s%N)
    /usr/bin/time -f '%U %S %M' -o "$work/time" "$@" >"$work/$label.jsonl"
    end=$(date +%s%N)
    awk -v ns=$((end - start)) '{ printf "%.4f %s %s %s\n", ns / 1e9, $1, $2, $3 }' \
        "$work/time" >>"$results"
}

# Prints the median line (by wall time) of a results file.
median() {
    sort -n "$1" | awk '{ line[NR] = $0 } END { print line[int((NR + 1) / 2)] }'
}

for grid in 1e4 1e6; do
    : >"$work/saber-$grid.runs"
    : >"$work/python-$grid.runs"
    for run in $(seq "$repeat"); do
        timed "saber-$grid" "$work/saber-$grid.runs" \
            "$saber" sample "$here/grid-$grid.yml"
        timed "python-$grid" "$work/python-$grid.runs" \
            "$python" "$here/reference.py" "$here/grid-$grid.yml"
        if ! cmp -s "$work/saber-$grid.jsonl" "$work/python-$grid.jsonl"; then
            echo "run.sh: the outputs for grid-$grid.yml differ" >&2
            exit 1
        fi
        rm -f "$work/saber-$grid.jsonl" "$work/python-$grid.jsonl"
    done
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
cores=$(nproc)
memory=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
versions=$("$python" -c 'import sys, numpy, yaml; print("Python %s, numpy %s, PyYAML %s" % (sys.version.split()[0], numpy.__version__, yaml.__version__))')

cat <<HEADER
# saber-opt sample: grid throughput and memory

- Date: $(date -u '+%Y-%m-%d %H:%M UTC')
- Machine: $cpu, $cores cores, $memory, $(uname -sr)
- saber-opt: $("$saber" --version)
- Reference: bench/sample/reference.py ($versions)
- Command: \`bench/sample/run.sh $(basename "$saber") > bench/sample/RESULTS.md\` (median of $repeat runs)

Each tool prints every point of the grid, one JSON line per point, to a
file; both outputs are identical byte for byte.  The reference builds the
grid as SABER's parameterize() did: numpy.arange ranges, a list
materialized from itertools.product, str() of every value.  The grids
(grid-1e4.yml, grid-1e6.yml) have four metaparameters (an integer range,
a float range, an integer range with min/max blocking and a mixed list)
set on four steps.

User and system seconds come from /usr/bin/time, rounded to 10 ms; wall
seconds from the clock around it.

| grid | points | tool | wall s | user s | system s | peak RSS KiB | µs per point |
|---|---|---|---|---|---|---|---|
HEADER

for grid in 1e4 1e6; do
    points=$(awk -v g="$grid" 'BEGIN { printf "%d", g + 0 }')
    for tool in saber python; do
        name=saber-opt
        [ "$tool" = python ] && name=reference.py
        median "$work/$tool-$grid.runs" | awk -v g="$grid" -v p="$points" -v n="$name" \
            '{ printf "| %s | %d | %s | %.3f | %.2f | %.2f | %d | %.3f |\n", g, p, n, $1, $2, $3, $4, $1 / p * 1e6 }'
    done
done

saber_1e6=$(median "$work/saber-1e6.runs")
python_1e6=$(median "$work/python-1e6.runs")
saber_1e4=$(median "$work/saber-1e4.runs")
python_1e4=$(median "$work/python-1e4.runs")

echo
echo "$saber_1e6 $python_1e6 $saber_1e4 $python_1e4" | awk '{
    speedup = $5 / $1
    memory = ($4 / $12 - 1) * 100
    printf "- Speed-up per point on the 10^6 grid: %.0f times (target: at least 50).\n", speedup
    printf "- Speed-up per point on the 10^4 grid: %.0f times; start-up (loading PyYAML and numpy, or saber-opt and its plugin) is most of that run.\n", $13 / $9
    printf "- saber-opt peak memory on the 10^6 grid against the 10^4 grid: %+.1f%% (target: at most +10%%); the reference needs %.0f times as much on the 10^6 grid as on the 10^4 grid.\n", memory, $8 / $16
}'
