# Tests: Criterion programs, fixture plugins and shell checks.  Each test
# program finds saber-opt, the plugins and the data through the
# environment set here.
AM_TESTS_ENVIRONMENT = \
	SABER_OPT='$(abs_top_builddir)/saber-opt'; export SABER_OPT; \
	SABER_PLUGIN_DIR='$(abs_top_builddir)/plugins'; export SABER_PLUGIN_DIR; \
	SABER_TEST_PLUGIN_DIR='$(abs_top_builddir)/tests/plugins'; \
	export SABER_TEST_PLUGIN_DIR; \
	SABER_EXAMPLE_PLUGIN_DIR='$(abs_top_builddir)/doc'; \
	export SABER_EXAMPLE_PLUGIN_DIR; \
	SABER_TEST_DATA='$(abs_top_srcdir)/tests/data'; export SABER_TEST_DATA; \
	SABER_INSTALLED_PLUGIN_DIR='$(plugindir)'; \
	export SABER_INSTALLED_PLUGIN_DIR; \
	SABER_INSTALL_BINDIR='$(bindir)'; export SABER_INSTALL_BINDIR; \
	SABER_INSTALL_INCLUDEDIR='$(saberincludedir)'; \
	export SABER_INSTALL_INCLUDEDIR; \
	SABER_INSTALL_PKGCONFIGDIR='$(pkgconfigdir)'; \
	export SABER_INSTALL_PKGCONFIGDIR; \
	PACKAGE_VERSION='$(PACKAGE_VERSION)'; export PACKAGE_VERSION; \
	SABER_OPT_PLUGIN_PATH=; export SABER_OPT_PLUGIN_PATH; \
	top_srcdir='$(top_srcdir)'; export top_srcdir; \
	abs_top_builddir='$(abs_top_builddir)'; export abs_top_builddir; \
	CC='$(CC)'; export CC; CXX='$(CXX)'; export CXX; \
	MAKE='$(MAKE)'; export MAKE;

EXTRA_DIST += tests/data tests/install tests/oracle

# Shell checks: the public headers compile alone as C and C++, an
# installed saber-opt loads a plugin built out of tree, and the man pages
# format cleanly and quote the example plugin as it is.
dist_check_SCRIPTS = tests/check-headers.sh tests/check-install.sh \
	tests/check-man.sh
TESTS += $(dist_check_SCRIPTS)

if HAVE_CRITERION
check_LTLIBRARIES += tests/libtesthelpers.la
tests_libtesthelpers_la_SOURCES = tests/helpers.c tests/helpers.h
tests_libtesthelpers_la_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)

# Fixture plugins: sampler modules that misbehave in one way each, or check
# what the host feeds them.  Each exports only its descriptor; -rpath makes
# libtool build a loadable module that is never installed.
FIXTURE_LDFLAGS = -module -avoid-version -no-undefined -rpath /nowhere
check_LTLIBRARIES += tests/plugins/abi-major.la \
	tests/plugins/abi-minor.la \
	tests/plugins/abi-old.la \
	tests/plugins/no-descriptor.la \
	tests/plugins/wrong-name.la \
	tests/plugins/create-fails.la \
	tests/plugins/create-silent.la \
	tests/plugins/sample-fails.la \
	tests/plugins/missing-dim.la \
	tests/plugins/extra-key.la \
	tests/plugins/empty-batch.la \
	tests/plugins/feedback.la \
	tests/plugins/no-grid.la \
	tests/plugins/wrong-value.la \
	tests/plugins/row-log.la

tests_plugins_abi_major_la_SOURCES = tests/plugins/abi-major.c \
	tests/plugins/fixture.h
tests_plugins_abi_major_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^abi_major_LTX_saber_sampler$$'

tests_plugins_abi_minor_la_SOURCES = tests/plugins/abi-minor.c \
	tests/plugins/fixture.h
tests_plugins_abi_minor_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^abi_minor_LTX_saber_sampler$$'

tests_plugins_abi_old_la_SOURCES = tests/plugins/abi-old.c \
	tests/plugins/fixture.h
tests_plugins_abi_old_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^abi_old_LTX_saber_sampler$$'

tests_plugins_no_descriptor_la_SOURCES = tests/plugins/no-descriptor.c \
	tests/plugins/fixture.h
tests_plugins_no_descriptor_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^no_descriptor_LTX_sampler$$'

tests_plugins_wrong_name_la_SOURCES = tests/plugins/wrong-name.c \
	tests/plugins/fixture.h
tests_plugins_wrong_name_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^wrong_name_LTX_saber_sampler$$'

tests_plugins_create_fails_la_SOURCES = tests/plugins/create-fails.c \
	tests/plugins/fixture.h
tests_plugins_create_fails_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^create_fails_LTX_saber_sampler$$'

tests_plugins_create_silent_la_SOURCES = tests/plugins/create-silent.c \
	tests/plugins/fixture.h
tests_plugins_create_silent_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^create_silent_LTX_saber_sampler$$'

tests_plugins_sample_fails_la_SOURCES = tests/plugins/sample-fails.c \
	tests/plugins/fixture.h
tests_plugins_sample_fails_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^sample_fails_LTX_saber_sampler$$'

tests_plugins_missing_dim_la_SOURCES = tests/plugins/missing-dim.c \
	tests/plugins/fixture.h
tests_plugins_missing_dim_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^missing_dim_LTX_saber_sampler$$'

tests_plugins_extra_key_la_SOURCES = tests/plugins/extra-key.c \
	tests/plugins/fixture.h
tests_plugins_extra_key_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^extra_key_LTX_saber_sampler$$'

tests_plugins_empty_batch_la_SOURCES = tests/plugins/empty-batch.c \
	tests/plugins/fixture.h
tests_plugins_empty_batch_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^empty_batch_LTX_saber_sampler$$'

tests_plugins_feedback_la_SOURCES = tests/plugins/feedback.c \
	tests/plugins/fixture.h
tests_plugins_feedback_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^feedback_LTX_saber_sampler$$'

tests_plugins_no_grid_la_SOURCES = tests/plugins/no-grid.c \
	tests/plugins/fixture.h
tests_plugins_no_grid_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^no_grid_LTX_saber_sampler$$'

tests_plugins_wrong_value_la_SOURCES = tests/plugins/wrong-value.c \
	tests/plugins/fixture.h
tests_plugins_wrong_value_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^wrong_value_LTX_saber_sampler$$'

tests_plugins_row_log_la_SOURCES = tests/plugins/row-log.c \
	tests/plugins/fixture.h
tests_plugins_row_log_la_LDFLAGS = $(FIXTURE_LDFLAGS) \
	-export-symbols-regex '^row_log_LTX_saber_sampler$$'

TEST_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests $(CRITERION_CFLAGS) \
	$(YAML_CFLAGS) $(SQLITE_CFLAGS) $(PCRE2_CFLAGS)
TEST_LDADD = tests/libtesthelpers.la core/libsabercore.la $(CRITERION_LIBS)

# Criterion test programs, one per module or command.
unit_tests = \
	tests/test-params \
	tests/test-cli \
	tests/test-dict \
	tests/test-errors \
	tests/test-plugins \
	tests/test-samplers \
	tests/test-yaml11 \
	tests/test-pyfloat \
	tests/test-runner \
	tests/test-yaml12 \
	tests/test-cwl-expr \
	tests/test-cwl-load \
	tests/test-cwl-cmdline \
	tests/test-cwl-bind \
	tests/test-executor \
	tests/test-run \
	tests/test-results \
	tests/test-store \
	tests/test-csv-out \
	tests/test-score \
	tests/test-score-test \
	tests/test-tpe \
	tests/test-optimize \
	tests/test-example-plugin \
	tests/test-fsutil
check_PROGRAMS += $(unit_tests)

tests_test_fsutil_SOURCES = tests/test-fsutil.c
tests_test_fsutil_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_fsutil_LDADD = $(TEST_LDADD)
tests_test_params_SOURCES = tests/test-params.c
tests_test_params_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_params_LDADD = $(TEST_LDADD)
tests_test_cli_SOURCES = tests/test-cli.c
tests_test_cli_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_cli_LDADD = $(TEST_LDADD)
tests_test_dict_SOURCES = tests/test-dict.c
tests_test_dict_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_dict_LDADD = $(TEST_LDADD)
tests_test_errors_SOURCES = tests/test-errors.c
tests_test_errors_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_errors_LDADD = $(TEST_LDADD)
tests_test_plugins_SOURCES = tests/test-plugins.c
tests_test_plugins_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_plugins_LDADD = $(TEST_LDADD)
tests_test_samplers_SOURCES = tests/test-samplers.c
tests_test_samplers_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_samplers_LDADD = $(TEST_LDADD)
tests_test_yaml11_SOURCES = tests/test-yaml11.c
tests_test_yaml11_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_yaml11_LDADD = $(TEST_LDADD)
tests_test_pyfloat_SOURCES = tests/test-pyfloat.c
tests_test_pyfloat_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_pyfloat_LDADD = $(TEST_LDADD)
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
tests_test_results_SOURCES = tests/test-results.c
tests_test_results_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_results_LDADD = $(TEST_LDADD)
tests_test_store_SOURCES = tests/test-store.c
tests_test_store_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_store_LDADD = $(TEST_LDADD)
tests_test_csv_out_SOURCES = tests/test-csv-out.c
tests_test_csv_out_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_csv_out_LDADD = $(TEST_LDADD)
tests_test_score_SOURCES = tests/test-score.c
tests_test_score_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_score_LDADD = $(TEST_LDADD)
tests_test_score_test_SOURCES = tests/test-score-test.c
tests_test_score_test_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_score_test_LDADD = $(TEST_LDADD)
# The tpe plugin through the mock host: no saber-opt code.
tests_test_tpe_SOURCES = tests/test-tpe.c tests/mock-host.c tests/mock-host.h
tests_test_tpe_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests \
	$(CRITERION_CFLAGS)
tests_test_tpe_LDADD = tests/libtesthelpers.la $(CRITERION_LIBS)
tests_test_optimize_SOURCES = tests/test-optimize.c
tests_test_optimize_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_optimize_LDADD = $(TEST_LDADD)
tests_test_example_plugin_SOURCES = tests/test-example-plugin.c
tests_test_example_plugin_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_example_plugin_LDADD = $(TEST_LDADD)

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
