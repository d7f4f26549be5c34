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
