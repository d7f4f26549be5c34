# Tests: Criterion programs, fixture plugins and shell checks.  Each test
# program finds saber-opt, the plugins and the data through the
# environment set here.
AM_TESTS_ENVIRONMENT = \
	SABER_OPT='$(abs_top_builddir)/saber-opt'; export SABER_OPT; \
	SABER_PLUGIN_DIR='$(abs_top_builddir)/plugins'; export SABER_PLUGIN_DIR; \
	SABER_TEST_PLUGIN_DIR='$(abs_top_builddir)/tests/plugins'; \
	export SABER_TEST_PLUGIN_DIR; \
	SABER_TEST_DATA='$(abs_top_srcdir)/tests/data'; export SABER_TEST_DATA; \
	SABER_INSTALLED_PLUGIN_DIR='$(plugindir)'; \
	export SABER_INSTALLED_PLUGIN_DIR; \
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

check_PROGRAMS += tests/test-params
tests_test_params_SOURCES = tests/test-params.c
tests_test_params_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_params_LDADD = $(TEST_LDADD)

check_PROGRAMS += tests/test-errors
tests_test_errors_SOURCES = tests/test-errors.c
tests_test_errors_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_errors_LDADD = $(TEST_LDADD)

check_PROGRAMS += tests/test-pyfloat
tests_test_pyfloat_SOURCES = tests/test-pyfloat.c
tests_test_pyfloat_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_pyfloat_LDADD = $(TEST_LDADD)

check_PROGRAMS += tests/test-yaml11
tests_test_yaml11_SOURCES = tests/test-yaml11.c
tests_test_yaml11_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_yaml11_LDADD = $(TEST_LDADD)

TESTS += $(check_PROGRAMS)
endif
