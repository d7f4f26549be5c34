# Sampler plugins: one libtool module per method, exporting only its
# descriptor, MODULE_LTX_saber_sampler.
PLUGIN_LDFLAGS = -module -avoid-version -no-undefined

plugin_LTLIBRARIES += plugins/random.la plugins/grid.la plugins/batch-grid.la

plugins_random_la_SOURCES = plugins/random/random.c plugins/common/options.h
plugins_random_la_LDFLAGS = $(PLUGIN_LDFLAGS) \
	-export-symbols-regex '^random_LTX_saber_sampler$$'

plugins_grid_la_SOURCES = plugins/grid/grid.c plugins/common/options.h
plugins_grid_la_LDFLAGS = $(PLUGIN_LDFLAGS) \
	-export-symbols-regex '^grid_LTX_saber_sampler$$'

plugins_batch_grid_la_SOURCES = plugins/batch-grid/batch-grid.c \
	plugins/common/options.h
plugins_batch_grid_la_LDFLAGS = $(PLUGIN_LDFLAGS) \
	-export-symbols-regex '^batch_grid_LTX_saber_sampler$$'

plugin_LTLIBRARIES += plugins/tpe.la
plugins_tpe_la_SOURCES = plugins/tpe/tpe.c plugins/tpe/tpe.h \
	plugins/tpe/suggest.c \
	plugins/tpe/axes.c plugins/tpe/axes.h \
	plugins/tpe/history.c plugins/tpe/history.h \
	plugins/tpe/parzen.c plugins/tpe/parzen.h \
	plugins/common/options.h
plugins_tpe_la_LDFLAGS = $(PLUGIN_LDFLAGS) \
	-export-symbols-regex '^tpe_LTX_saber_sampler$$'
