#!/bin/sh
# Runs every benchmark against its reference tools and writes
# bench/RESULTS.md: each benchmark's own results page, then all of them
# gathered on one page.  Run it from the top of a built tree on an idle
# machine; the timings of a loaded machine spread widely.
#
# Usage: bench/run.sh [--tpe | --gather]
#   --tpe     also runs the tpe benchmark (about an hour: 20 seeds of three
#             functions, through saber-opt optimize and through Optuna);
#             without it, bench/tpe/RESULTS.md is kept as it is.
#   --gather  runs nothing and only gathers the pages into RESULTS.md.
# Needs hyperfine, cwltool, sqlite3, /usr/bin/time, and Debian's
# /usr/bin/python3 with python3-numpy, python3-yaml, python3-parse (and
# python3-optuna and python3-matplotlib for --tpe).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
saber=$top/saber-opt

if [ "${1:-}" != --gather ]; then
    echo "== sample" >&2
    "$here/sample/run.sh" "$saber" > "$here/sample/RESULTS.md"
    echo "== score" >&2
    /usr/bin/python3 "$here/score/run.py" "$saber" > /dev/null
    echo "== run" >&2
    SABER_OPT=$saber "$here/cwl-3step.sh" > "$here/cwl-3step/RESULTS.md"
    echo "== optimize" >&2
    "$here/optimize/run.sh" "$saber" > "$here/optimize/RESULTS.md"
fi
if [ "${1:-}" = --tpe ]; then
    echo "== tpe" >&2
    "$here/tpe/run.sh" "$top" > "$here/tpe/RESULTS.md"
fi

# Gather the pages, each heading one level down.
{
    echo "# Benchmarks"
    echo
    echo "Written by \`bench/run.sh\`, which runs each benchmark below side by side"
    echo "with its reference tool; each section is also a page of its own in the"
    echo "benchmark's folder.  The machine, date and command are in each section."
    echo
    echo "| benchmark | compared with | target |"
    echo "|---|---|---|"
    echo "| sample | a Python reference that builds the grid as SABER did | 50 times faster per point; peak memory of a 10^6 grid within 10% of a 10^4 grid |"
    echo "| score | Python's parse.parse per line | 30 times faster |"
    echo "| run | cwltool --no-container, and a shell script | 100 times faster than cwltool; at most 1.5 times the shell script |"
    echo "| optimize | the steps' own time | under 2 ms of overhead per iteration |"
    echo "| tpe | Optuna 3.1's TPESampler, and random | median best after 100 iterations at or below Optuna's; a suggestion in under 1 ms |"
    for page in sample/RESULTS.md score/RESULTS.md cwl-3step/RESULTS.md \
                optimize/RESULTS.md tpe/RESULTS.md; do
        echo
        sed -e 's/^#/##/' -e 's/](convergence.png)/](tpe\/convergence.png)/' \
            "$here/$page"
    done
} > "$here/RESULTS.md"
echo "wrote $here/RESULTS.md" >&2
