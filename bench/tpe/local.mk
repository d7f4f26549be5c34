# The tpe benchmark: the workflow's tool and an in-process driver that
# runs a sampler plugin through the mock host (see bench/tpe/RESULTS.md).
noinst_PROGRAMS += bench/tpe/testfn bench/tpe/tpe-driver

bench_tpe_testfn_SOURCES = bench/tpe/testfn.c bench/tpe/functions.c \
	bench/tpe/functions.h

bench_tpe_tpe_driver_SOURCES = bench/tpe/driver.c bench/tpe/functions.c \
	bench/tpe/functions.h tests/mock-host.c tests/mock-host.h
bench_tpe_tpe_driver_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests

EXTRA_DIST += bench/tpe/run.sh bench/tpe/summarize.py bench/tpe/functions.py \
	bench/tpe/optuna_runs.py bench/tpe/workflow.cwl bench/tpe/testfn.cwl \
	bench/tpe/jobs bench/tpe/RESULTS.md bench/tpe/convergence.png
