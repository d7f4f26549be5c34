# The host: a convenience library linked into saber-opt and the unit tests.
noinst_LTLIBRARIES += core/libsabercore.la

core_libsabercore_la_SOURCES = \
	core/arena.c core/arena.h \
	core/bytes.h \
	core/cli.c core/cli.h \
	core/compat.h \
	core/dict.c core/dict.h \
	core/error.c core/error.h \
	core/host.c core/host.h \
	core/log.c core/log.h \
	core/params.c core/params.h \
	core/plugin.c core/plugin.h \
	core/point_json.c core/point_json.h \
	core/pyfloat.c core/pyfloat.h \
	core/rng.c core/rng.h \
	core/sampler.c core/sampler.h \
	core/space.c core/space.h \
	core/strbuf.c core/strbuf.h \
	core/yaml11.c core/yaml11.h \
	core/yamltree.c core/yamltree.h \
	core/cmd_plugins.c \
	core/cmd_sample.c

core_libsabercore_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-DPLUGINDIR='"$(plugindir)"' \
	-DBUILD_TOPDIR='"$(abs_top_builddir)"' \
	$(YAML_CFLAGS) $(SQLITE_CFLAGS) $(PCRE2_CFLAGS)
core_libsabercore_la_LIBADD = $(YAML_LIBS) $(SQLITE_LIBS) $(PCRE2_LIBS) \
	$(LTDL_LIBS) $(CSV_LIBS) $(LIBS)

bin_PROGRAMS += saber-opt
saber_opt_SOURCES = core/main.c
saber_opt_LDADD = core/libsabercore.la
