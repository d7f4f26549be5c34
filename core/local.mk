# The host: a convenience library linked into saber-opt and the unit tests.
noinst_LTLIBRARIES += core/libsabercore.la

core_libsabercore_la_SOURCES = \
	core/arena.c core/arena.h \
	core/cli.c core/cli.h \
	core/compat.h \
	core/cwl.h core/cwl_loader.h core/cwl_load.c core/cwl_parse.c \
	core/cwl_bind.c core/cwl_bind.h \
	core/cwl_cmdline.c core/cwl_cmdline.h \
	core/cwl_collect.c core/cwl_iwd.c core/cwl_iwd.h \
	core/cwl_relocate.c core/cwl_relocate.h \
	core/cwl_secondary.c core/cwl_secondary.h \
	core/cwl_tool.c core/cwl_tool.h \
	core/cwl_expr.c core/cwl_expr.h \
	core/cwl_type.c core/cwl_type.h \
	core/cwl_wiring.c core/cwl_wiring.h \
	core/dict.c core/dict.h \
	core/error.c core/error.h \
	core/executor.c core/executor.h \
	core/fsutil.c core/fsutil.h \
	core/host.c core/host.h \
	core/json.c core/json.h \
	core/log.c core/log.h \
	core/params.c core/params.h \
	core/plugin.c core/plugin.h \
	core/point_json.c core/point_json.h \
	core/pyfloat.c core/pyfloat.h \
	core/rng.c core/rng.h \
	core/runner.c core/runner.h \
	core/sampler.c core/sampler.h \
	core/sha1.c core/sha1.h \
	core/space.c core/space.h \
	core/strbuf.c core/strbuf.h \
	core/yaml11.c core/yaml11.h \
	core/yaml12.c core/yaml12.h \
	core/yamltree.c core/yamltree.h \
	core/cmd_plugins.c \
	core/cmd_run.c \
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
