#!/bin/sh
# bench/cwl-3step.sh - what running a workflow costs beyond its commands.
#
# Runs the 3-step workflow of cwl-3step/ (echo, cat, cat: steps that do
# almost nothing) RUNS times (default 20) each with saber-opt run, with
# cwltool --no-container, and as a shell script running the same three
# commands, timed by hyperfine.  The three alternate in rounds of 5 runs,
# so that a change in the load of a shared machine affects them alike.
# Prints a Markdown section with the median wall time per run and the
# ratios, for bench/RESULTS.md.
#
# Needs hyperfine, cwltool and Debian's /usr/bin/python3.  SABER_OPT
# names the saber-opt to measure (default: the build tree's).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
saber=${SABER_OPT:-$here/../saber-opt}
runs=${RUNS:-20}
round=5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

wf="$here/cwl-3step/wf.cwl"
job="$here/cwl-3step/job.yml"

# Each run starts with a fresh, empty output folder, made before the clock
# starts.
fresh="sh -c 'rm -rf $work/out && mkdir $work/out'"

measure() {
    hyperfine -N --runs "$round" --warmup 1 --style none \
        --export-json "$work/$1-$2.json" --prepare "$fresh" "$3" \
        >/dev/null 2>"$work/hyperfine.err" ||
        { cat "$work/hyperfine.err" >&2; exit 1; }
}

i=0
while [ $((i * round)) -lt "$runs" ]; do
    measure saber "$i" "$saber run --quiet --outdir $work/out $wf $job"
    measure cwltool "$i" "cwltool --quiet --no-container --outdir $work/out $wf $job"
    measure shell "$i" "$here/cwl-3step/commands.sh $work/out"
    i=$((i + 1))
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
fs=$(df -T "${TMPDIR:-/tmp}" | awk 'NR == 2 {print $2}')
/usr/bin/python3 - "$work" "$cpu" "$(nproc)" "$fs" <<'PYTHON'
import glob
import json
import platform
import statistics
import sys
import time

work, cpu, cpus, fs = sys.argv[1:]


def median(name):
    times = []
    for path in glob.glob(f"{work}/{name}-*.json"):
        times += json.load(open(path))["results"][0]["times"]
    return statistics.median(times), len(times)


(saber, runs), (cwltool, _), (shell, _) = map(median, ("saber", "cwltool", "shell"))
print("# CWL runner overhead: 3-step workflow (bench/cwl-3step.sh)")
print()
print(f"{time.strftime('%Y-%m-%d')}, {cpu}, {cpus} CPUs, {platform.system()} "
      f"{platform.release()}, temporary folders on {fs}.  Median wall time of "
      f"{runs} runs each (hyperfine, in alternating rounds of 5); the steps run "
      f"echo, cat and cat, chained by files.")
print()
print("| runner | median per run | ratio |")
print("|---|---:|---:|")
print(f"| saber-opt run | {saber * 1000:.2f} ms | 1 |")
print(f"| cwltool --no-container | {cwltool * 1000:.0f} ms | "
      f"cwltool / saber-opt = {cwltool / saber:.0f} |")
print(f"| shell script, same commands | {shell * 1000:.2f} ms | "
      f"saber-opt / shell = {saber / shell:.2f} |")
PYTHON
