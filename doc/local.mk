# Documentation: the man pages, the user pages, and the example sampler
# plugin that saber-opt-plugin(7) quotes.  make check builds the example
# as a module and loads it (tests/test-example-plugin.c), and compares the
# man page's copy of its source with doc/example-plugin.c
# (tests/check-man.sh).
dist_man_MANS = doc/saber-opt.1 doc/saber-opt-plugin.7

EXTRA_DIST += doc/database.md doc/parameterize.md doc/score-formats.md \
	doc/csv.md doc/conformance.md

# -rpath makes libtool build a loadable module that is never installed.
check_LTLIBRARIES += doc/coordinate.la
doc_coordinate_la_SOURCES = doc/example-plugin.c
doc_coordinate_la_LDFLAGS = -module -avoid-version -no-undefined \
	-rpath /nowhere -export-symbols-regex '^coordinate_LTX_saber_sampler$$'
