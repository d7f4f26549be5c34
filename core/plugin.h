/*
 * plugin.h - finding and loading sampler plugins (libltdl).
 *
 * Every libltdl call of saber-opt lives in plugin.c.  Plugins are searched
 * in order: each --plugin-dir, then SABER_OPT_PLUGIN_PATH (colon-separated),
 * then the installed plugin folder, and, for a saber-opt run from its build
 * tree, that tree's plugins folder.  Method M is the module M.la (or
 * M.so) in the first folder that has one.
 */
#ifndef SABER_PLUGIN_H
#define SABER_PLUGIN_H

#include <stddef.h>

#include <saber/sampler.h>

typedef struct plugin_dirs {
    char **dirs;
    size_t count;
} plugin_dirs;

typedef struct plugin {
    void *handle; /* lt_dlhandle */
    const saber_sampler_descriptor *descriptor;
    char *file;   /* the module file loaded */
} plugin;

/* Builds the search path from the --plugin-dir folders (copied), the
 * environment and the installed folder. */
int plugin_dirs_init(plugin_dirs *dirs, char *const *cli_dirs, size_t count);
void plugin_dirs_release(plugin_dirs *dirs);

/*
 * Loads the plugin of method.  Returns 0, or -1 with an error message: an
 * unknown method lists the methods found and where; a module that fails to
 * load, lacks the descriptor or has an incompatible ABI version is named
 * with the reason.
 */
int plugin_open(const plugin_dirs *dirs, const char *method, plugin *out);

void plugin_close(plugin *p);

/* One module found by plugin_list(). */
typedef struct plugin_info {
    const char *method;
    const char *file;
    const saber_sampler_descriptor *descriptor; /* NULL when it failed */
    const char *error;     /* why it failed to load, or NULL */
    const char *shadowed_by; /* the file an earlier folder gives method, or NULL */
} plugin_info;

typedef void (*plugin_visit_fn)(const plugin_info *info, void *data);

/* Loads every module on the search path in turn, in search order and by
 * name within a folder, and reports each one.  Returns 0, or -1 when
 * libltdl cannot start. */
int plugin_list(const plugin_dirs *dirs, plugin_visit_fn visit, void *data);

#endif
