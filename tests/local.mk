# Tests: Criterion programs, fixture plugins and shell checks.  Each test
# program finds saber-opt, the plugins and the data through the
# environment set here.
AM_TESTS_ENVIRONMENT = \
	SABER_OPT='$(abs_top_builddir)/saber-opt'; export SABER_OPT; \
	SABER_PLUGIN_DIR='$(abs_top_builddir)/plugins'; export SABER_PLUGIN_DIR; \
	SABER_TEST_PLUGIN_DIR='$(abs_top_builddir)/tests/plugins'; \
	export SABER_TEST_PLUGIN_DIR; \
	SABER_TEST_DATA='$(abs_top_srcdir)/tests/data'; export SABER_TEST_DATA; \
	SABER_OPT_PLUGIN_PATH=; export SABER_OPT_PLUGIN_PATH; \
	top_srcdir='$(top_srcdir)'; export top_srcdir; \
	abs_top_builddir='$(abs_top_builddir)'; export abs_top_builddir; \
	CC='$(CC)'; export CC; CXX='$(CXX)'; export CXX; \
	MAKE='$(MAKE)'; export MAKE;

EXTRA_DIST += tests/data

if HAVE_CRITERION
check_LTLIBRARIES += tests/libtesthelpers.la
tests_libtesthelpers_la_SOURCES = tests/helpers.c tests/helpers.h
tests_libtesthelpers_la_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)

TEST_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests $(CRITERION_CFLAGS) \
	$(YAML_CFLAGS) $(SQLITE_CFLAGS) $(PCRE2_CFLAGS)
TEST_LDADD = tests/libtesthelpers.la core/libsabercore.la $(CRITERION_LIBS)

unit_tests = tests/test-params tests/test-runner tests/test-fsutil tests/test-yaml12 tests/test-cwl-expr tests/test-cwl-load tests/test-cwl-cmdline tests/test-cwl-bind tests/test-executor tests/test-run
check_PROGRAMS += $(unit_tests)

tests_test_fsutil_SOURCES = tests/test-fsutil.c
tests_test_fsutil_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_fsutil_LDADD = $(TEST_LDADD)
tests_test_params_SOURCES = tests/test-params.c
tests_test_params_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_params_LDADD = $(TEST_LDADD)
tests_test_runner_SOURCES = tests/test-runner.c
tests_test_runner_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_runner_LDADD = $(TEST_LDADD)
tests_test_yaml12_SOURCES = tests/test-yaml12.c
tests_test_yaml12_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_yaml12_LDADD = $(TEST_LDADD)
tests_test_cwl_expr_SOURCES = tests/test-cwl-expr.c
tests_test_cwl_expr_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_cwl_expr_LDADD = $(TEST_LDADD)
tests_test_cwl_load_SOURCES = tests/test-cwl-load.c
tests_test_cwl_load_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_cwl_load_LDADD = $(TEST_LDADD)
tests_test_cwl_cmdline_SOURCES = tests/test-cwl-cmdline.c
tests_test_cwl_cmdline_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_cwl_cmdline_LDADD = $(TEST_LDADD)
tests_test_cwl_bind_SOURCES = tests/test-cwl-bind.c
tests_test_cwl_bind_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_cwl_bind_LDADD = $(TEST_LDADD)
tests_test_executor_SOURCES = tests/test-executor.c
tests_test_executor_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_executor_LDADD = $(TEST_LDADD)
tests_test_run_SOURCES = tests/test-run.c
tests_test_run_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_run_LDADD = $(TEST_LDADD)

TESTS += $(unit_tests)
endif

# The CWL conformance harness: `make check` runs the tests listed in
# tests/cwl-v1.2/saber-opt-subset.txt, `make conformance` all of them.
check_PROGRAMS += tests/cwl-conformance
tests_cwl_conformance_SOURCES = tests/cwl-conformance.c
tests_cwl_conformance_LDADD = core/libsabercore.la
TESTS += tests/cwl-subset.sh
EXTRA_DIST += tests/cwl-subset.sh tests/cwl-v1.2

conformance: saber-opt$(EXEEXT) tests/cwl-conformance$(EXEEXT)
	cd $(top_srcdir)/tests/cwl-v1.2 && \
	  $(abs_top_builddir)/tests/cwl-conformance \
	    --runner $(abs_top_builddir)/saber-opt $(CONFORMANCE_FLAGS)
.PHONY: conformance
