#!/usr/bin/python3
"""Time the score scan of saber-opt against Python's parse package.

Usage: bench/score/run.py [SABER_OPT]   (default: saber-opt of the build
tree, two folders up from this script)

Writes a 100 MB log of 1,000,000 lines of 100 bytes, one line in 1000 a
score line, then times the same scan three ways, each as its own process
reading the whole log.  It does so for two logs.  In the first, the other
lines lack the format's literal text " Average OOB: ", so saber-opt
rejects them before running the regular expression.  In the second,
every other line ends in " Average OOB: n/a", so the regular expression
runs on every line.  The scans:
  saber-opt score-test '{} Average OOB: {score}' LOG
  Python, parse.parse(FORMAT, line) per line, as SABER called it
  Python, one parse.compile(FORMAT) and its .parse(line) per line
Each reports the score of the last matching line; the run stops if they
disagree.  Results go to RESULTS.md next to this script.  Needs Debian's
python3-parse; run it with /usr/bin/python3.
"""
import datetime
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time

import parse

FORMAT = "{} Average OOB: {score}"
LINES = 1_000_000
LINE_BYTES = 100
SCORE_EVERY = 1000
SABER_RUNS = 5
PYTHON_RUNS = 3

HERE = os.path.dirname(os.path.abspath(__file__))

# The Python scans print the last score as repr(), as score-test does.
PARSE_PER_LINE = """
import sys, parse
score = None
with open(sys.argv[2], encoding="utf-8") as log:
    for line in log:
        result = parse.parse(sys.argv[1], line.rstrip("\\r\\n"))
        if result is not None:
            try:
                score = float(result["score"])
            except ValueError:
                pass
print("score\\t%s" % ("none" if score is None else repr(score)))
"""

PARSE_COMPILED = PARSE_PER_LINE.replace(
    "score = None", "score = None\nparser = parse.compile(sys.argv[1])").replace(
    "parse.parse(sys.argv[1], ", "parser.parse(")


def write_log(path, literal_everywhere):
    """Write LINES lines of exactly LINE_BYTES bytes each."""
    rng = random.Random(20240501)
    width = LINE_BYTES - 1
    with open(path, "w", encoding="ascii", newline="\n") as log:
        for number in range(1, LINES + 1):
            stamp = "2024-05-01 12:%02d:%02d" % (number // 60 % 60, number % 60)
            if number % SCORE_EVERY == 0:
                tail = " Average OOB: %.15f" % rng.random()
                head = ("%s INFO lazyflow.classifiers: Training complete, "
                        "iteration %d." % (stamp, number // SCORE_EVERY))
                line = head.ljust(width - len(tail))[:width - len(tail)] + tail
            else:
                line = ("%s DEBUG worker[%d]: block %d read, mean %.6f, %d "
                        "voxels" % (stamp, number % 8, number, rng.random(),
                                    rng.randrange(10**6)))
                tail = " Average OOB: n/a" if literal_everywhere else ""
                line = line.ljust(width - len(tail))[:width - len(tail)] + tail
            log.write(line + "\n")


def time_command(argv, runs):
    """Run argv runs times; return the median wall time and its output."""
    times = []
    output = None
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.PIPE, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit("%s failed with status %d" % (argv[0], done.returncode))
        output = done.stdout.decode().splitlines()[-1]
    return statistics.median(times), times, output


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def pcre2_version():
    try:
        done = subprocess.run(["pkg-config", "--modversion", "libpcre2-8"],
                              stdout=subprocess.PIPE, check=True)
        return done.stdout.decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run_scans(saber, folder, literal_everywhere):
    """Write one log and time the three scans of it."""
    log = os.path.join(folder, "bench.log")
    write_log(log, literal_everywhere)
    size = os.path.getsize(log)
    # Read the log once so that every measured run finds it cached.
    with open(log, "rb") as cached:
        while cached.read(1 << 20):
            pass

    rows = [
        ("saber-opt score-test", [saber, "score-test", FORMAT, log],
         SABER_RUNS),
        ("Python parse.parse per line", [sys.executable, "-c",
                                         PARSE_PER_LINE, FORMAT, log],
         PYTHON_RUNS),
        ("Python parse.compile once, .parse per line",
         [sys.executable, "-c", PARSE_COMPILED, FORMAT, log], PYTHON_RUNS),
    ]
    results = []
    for name, argv, runs in rows:
        median, times, output = time_command(argv, runs)
        print("%-45s %8.3f s  %s" % (name, median, output), flush=True)
        results.append((name, median, times, output))

    scores = {output for _, _, _, output in results}
    if len(scores) != 1:
        sys.exit("the scans disagree: %s" % sorted(scores))
    os.remove(log)
    return results, size


def main():
    saber = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        HERE, "..", "..", "saber-opt")
    saber = os.path.abspath(saber)
    with tempfile.TemporaryDirectory() as folder:
        rare = run_scans(saber, folder, False)
        everywhere = run_scans(saber, folder, True)
    write_results(rare, everywhere)


def result_table(title, results, size):
    baseline = results[1][1]
    megabytes = size / 1e6
    lines = [
        "## " + title,
        "",
        "| scan | median s | MB/s | speed-up over parse.parse |",
        "|---|---|---|---|",
    ]
    for name, median, _, _ in results:
        lines.append("| %s | %.3f | %.1f | %.1fx |" % (
            name, median, megabytes / median, baseline / median))
    lines += [
        "",
        "Every scan printed `%s`.  All runs (s): " % results[0][3] + "; ".join(
            "%s: %s" % (name, ", ".join("%.3f" % t for t in times))
            for name, _, times, _ in results),
        "",
    ]
    return lines


def write_results(rare, everywhere):
    now = datetime.datetime.now(datetime.timezone.utc)
    size = rare[1]
    lines = [
        "# Score scan: saber-opt against Python's parse",
        "",
        "Scanning a %d-byte log (%d lines of %d bytes, a score line every "
        "%d lines) for `%s` and keeping the last match.  Each scan is a "
        "fresh process, the log is in the page cache, and the tables give "
        "the median of %d runs for saber-opt and of %d runs for Python."
        % (size, LINES, LINE_BYTES, SCORE_EVERY, FORMAT, SABER_RUNS,
           PYTHON_RUNS),
        "",
    ]
    lines += result_table("Other lines without the literal text", rare[0],
                          rare[1])
    lines += result_table("Every line ends in \" Average OOB: n/a\" (the "
                          "regular expression runs on every line)",
                          everywhere[0], everywhere[1])
    lines += [
        "- Machine: %s, %d logical CPUs, %s %s" % (
            cpu_model(), os.cpu_count(), platform.system(), platform.release()),
        "- Software: Python %s, parse %s, PCRE2 %s" % (
            platform.python_version(), parse.__version__, pcre2_version()),
        "- Date: %s" % now.strftime("%Y-%m-%d %H:%M UTC"),
        "- Script: `bench/score/run.py` (run as `/usr/bin/python3 "
        "bench/score/run.py` from the top of the build tree)",
        "- The machine was shared with other jobs, so single runs vary; "
        "compare the medians.",
        "",
    ]
    with open(os.path.join(HERE, "RESULTS.md"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines))

main()
