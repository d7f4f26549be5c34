# The host: a convenience library linked into saber-opt and the unit tests.
noinst_LTLIBRARIES += core/libsabercore.la

core_libsabercore_la_SOURCES = \
	core/arena.c core/arena.h \
	core/bytes.h \
	core/cli.c core/cli.h \
	core/compat.h \
	core/csv_out.c core/csv_out.h \
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
	core/interrupt.c core/interrupt.h \
	core/json.c core/json.h \
	core/log.c core/log.h \
	core/optimize.c core/optimize.h core/optimizer.h \
	core/optimize_batch.c core/optimize_resume.c core/optimize_setup.c \
	core/params.c core/params.h \
	core/params_continuous.c core/params_continuous.h \
	core/plugin.c core/plugin.h \
	core/point_json.c core/point_json.h \
	core/progress.c core/progress.h \
	core/pyfloat.c core/pyfloat.h \
	core/results.c core/results.h \
	core/rng.c core/rng.h \
	core/score.c core/score.h \
	core/score_pattern.c core/score_pattern.h \
	core/sampler.c core/sampler.h \
	core/sha256.c core/sha256.h \
	core/store.c core/store.h core/store_schema.h \
	core/runner.c core/runner.h \
	core/sha1.c core/sha1.h \
	core/space.c core/space.h core/space_values.c \
	core/strbuf.c core/strbuf.h \
	core/yaml11.c core/yaml11.h \
	core/yaml12.c core/yaml12.h \
	core/yamltree.c core/yamltree.h \
	core/cmd_collect.c \
	core/cmd_optimize.c \
	core/cmd_plugins.c \
	core/cmd_score_test.c \
	core/cmd_run.c \
	core/cmd_sample.c

core_libsabercore_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-DPLUGINDIR='"$(plugindir)"' \
	-DBUILD_TOPDIR='"$(abs_top_builddir)"' \
	$(YAML_CFLAGS) $(SQLITE_CFLAGS) $(PCRE2_CFLAGS)
core_libsabercore_la_LIBADD = $(YAML_LIBS) $(SQLITE_LIBS) $(PCRE2_LIBS) \
	$(LTDL_LIBS) $(CSV_LIBS) $(LIBS)

# plugin.c and cmd_plugins.c have the plugin folder compiled in.  Its
# value follows prefix, which ./configure --prefix or make prefix=DIR
# changes without touching a source file, so this stamp holds the value
# and changes, rebuilding those two objects, only when the value does.
core/plugindir.stamp: FORCE
	@$(MKDIR_P) core
	@echo '$(plugindir)' > $@.tmp; \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi
core/libsabercore_la-plugin.lo core/libsabercore_la-cmd_plugins.lo: \
	core/plugindir.stamp
FORCE:
CLEANFILES += core/plugindir.stamp

bin_PROGRAMS += saber-opt
saber_opt_SOURCES = core/main.c
saber_opt_LDADD = core/libsabercore.la
