/* plugin.c - finding and loading sampler plugins; all libltdl calls. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <dlfcn.h>
#include <ltdl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "plugin.h"
#include "strbuf.h"

#ifndef LT_MODULE_EXT
#define LT_MODULE_EXT ".so"
#endif

#define DESCRIPTOR_SYMBOL "saber_sampler"

/* libltdl keeps global state; one lock serializes every call into it. */
static pthread_mutex_t ltdl_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- the search path ---- */

/* Appends a folder to the search path unless it is empty or already on it. */
static int add_dir(plugin_dirs *dirs, const char *dir, size_t length)
{
    char **grown;

    if (length == 0)
        return 0;
    for (size_t i = 0; i < dirs->count; i++) {
        if (strlen(dirs->dirs[i]) == length &&
            memcmp(dirs->dirs[i], dir, length) == 0)
            return 0;
    }
    grown = realloc(dirs->dirs, (dirs->count + 1) * sizeof *grown);
    if (!grown)
        return error_nomem();
    dirs->dirs = grown;
    dirs->dirs[dirs->count] = strndup(dir, length);
    if (!dirs->dirs[dirs->count])
        return error_nomem();
    dirs->count++;
    return 0;
}

/* Returns whether this executable is the one in its build tree, so that
 * an uninstalled saber-opt finds the plugins built beside it. */
static int running_from_build_tree(void)
{
#ifdef BUILD_TOPDIR
    char self[4096];
    char *slash;
    ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);

    if (length <= 0)
        return 0;
    self[length] = '\0';
    slash = strrchr(self, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    return strcmp(self, BUILD_TOPDIR) == 0;
#else
    return 0;
#endif
}

int plugin_dirs_init(plugin_dirs *dirs, char *const *cli_dirs, size_t count)
{
    const char *env = getenv("SABER_OPT_PLUGIN_PATH");

    dirs->dirs = NULL;
    dirs->count = 0;
    for (size_t i = 0; i < count; i++) {
        if (add_dir(dirs, cli_dirs[i], strlen(cli_dirs[i])) < 0)
            goto fail;
    }
    while (env && *env) {
        const char *colon = strchr(env, ':');
        size_t length = colon ? (size_t)(colon - env) : strlen(env);

        if (add_dir(dirs, env, length) < 0)
            goto fail;
        env = colon ? colon + 1 : NULL;
    }
    if (add_dir(dirs, PLUGINDIR, strlen(PLUGINDIR)) < 0)
        goto fail;
#ifdef BUILD_TOPDIR
    if (running_from_build_tree() &&
        add_dir(dirs, BUILD_TOPDIR "/plugins", strlen(BUILD_TOPDIR "/plugins")) < 0)
        goto fail;
#endif
    return 0;

fail:
    plugin_dirs_release(dirs);
    return -1;
}

void plugin_dirs_release(plugin_dirs *dirs)
{
    for (size_t i = 0; i < dirs->count; i++)
        free(dirs->dirs[i]);
    free(dirs->dirs);
    dirs->dirs = NULL;
    dirs->count = 0;
}

/* ---- finding module files ---- */

static int file_exists(const char *path)
{
    struct stat info;

    return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

/* Returns the module file of method in dir, or NULL; transferred. */
static char *module_file(const char *dir, const char *method)
{
    static const char *const extensions[] = {".la", LT_MODULE_EXT};
    strbuf path = STRBUF_INIT;

    for (size_t i = 0; i < 2; i++) {
        strbuf_reset(&path);
        if (strbuf_printf(&path, "%s/%s%s", dir, method, extensions[i]) < 0)
            break;
        if (file_exists(strbuf_str(&path)))
            return strbuf_detach(&path);
    }
    strbuf_release(&path);
    return NULL;
}

/* Returns the method a file name stands for (its name without a module
 * extension), or NULL when it is not a module; transferred. */
static char *method_of_file(const char *name)
{
    size_t length = strlen(name);
    size_t ext = strlen(LT_MODULE_EXT);

    if (name[0] == '.')
        return NULL;
    if (length > 3 && strcmp(name + length - 3, ".la") == 0)
        return strndup(name, length - 3);
    if (length > ext && strcmp(name + length - ext, LT_MODULE_EXT) == 0)
        return strndup(name, length - ext);
    return NULL;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists the methods in dir, sorted and without duplicates. */
static int methods_in_dir(const char *dir, char ***methods, size_t *count)
{
    DIR *handle = opendir(dir);
    struct dirent *item;
    size_t kept = 0;

    *methods = NULL;
    *count = 0;
    if (!handle)
        return 0;
    while ((item = readdir(handle))) {
        char *method = method_of_file(item->d_name);
        char **grown;

        if (!method)
            continue;
        grown = realloc(*methods, (*count + 1) * sizeof *grown);
        if (!grown) {
            free(method);
            closedir(handle);
            return error_nomem();
        }
        *methods = grown;
        (*methods)[(*count)++] = method;
    }
    closedir(handle);
    if (*count == 0)
        return 0;

    qsort(*methods, *count, sizeof **methods, compare_names);
    for (size_t i = 0; i < *count; i++) {
        if (kept && strcmp((*methods)[kept - 1], (*methods)[i]) == 0)
            free((*methods)[i]);
        else
            (*methods)[kept++] = (*methods)[i];
    }
    *count = kept;
    return 0;
}

static void free_names(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

/* ---- loading ---- */

/* Writes the module's descriptor symbol, MODULE_LTX_saber_sampler, where
 * MODULE is the file name without extension, non-alphanumerics as '_'. */
static void entry_symbol(const char *file, strbuf *out)
{
    const char *base = strrchr(file, '/');
    const char *dot;

    base = base ? base + 1 : file;
    dot = strrchr(base, '.');
    for (const char *p = base; *p && p != dot; p++)
        strbuf_putc(out, isalnum((unsigned char)*p) ? *p : '_');
    strbuf_puts(out, "_LTX_" DESCRIPTOR_SYMBOL);
}

static int check_version(const char *file, const saber_sampler_descriptor *d)
{
    uint32_t major = d->abi_major;
    uint32_t minor = d->abi_minor;

    if (major != SABER_ABI_MAJOR) {
        error_set("%s: not loaded: it was built for sampler ABI %u.%u, and "
                  "this saber-opt loads ABI %u.0 to %u.%u; rebuild the plugin "
                  "against this saber-opt's <saber/sampler.h>", file,
                  (unsigned)major, (unsigned)minor, SABER_ABI_MAJOR,
                  SABER_ABI_MAJOR, SABER_ABI_MINOR);
        return -1;
    }
    if (minor > SABER_ABI_MINOR) {
        error_set("%s: not loaded: it was built for sampler ABI %u.%u, newer "
                  "than this saber-opt's ABI %u.%u; upgrade saber-opt or "
                  "rebuild the plugin against its <saber/sampler.h>", file,
                  (unsigned)major, (unsigned)minor, SABER_ABI_MAJOR,
                  SABER_ABI_MINOR);
        return -1;
    }
    return 0;
}

static int check_descriptor(const char *file, const char *method,
                            const saber_sampler_descriptor *d)
{
    if (check_version(file, d) < 0)
        return -1;
    if (!d->method || !d->create || !d->sample || !d->update || !d->destroy) {
        error_set("%s: not loaded: its descriptor lacks the method name or an "
                  "entry point (create, sample, update and destroy are all "
                  "required)", file);
        return -1;
    }
    if (method && strcmp(d->method, method) != 0) {
        error_set("%s: not loaded: its descriptor names method '%s', but the "
                  "file is named for '%s'; rename one to match the other",
                  file, d->method, method);
        return -1;
    }
    return 0;
}

static lt_dlhandle open_module(const char *file)
{
    lt_dladvise advise;
    lt_dlhandle handle = NULL;

    if (lt_dladvise_init(&advise) != 0)
        return NULL;
    if (lt_dladvise_local(&advise) == 0)
        handle = lt_dlopenadvise(file, advise);
    lt_dladvise_destroy(&advise);
    return handle;
}

static const saber_sampler_descriptor *find_descriptor(const char *file,
                                                       lt_dlhandle handle)
{
    const saber_sampler_descriptor *d;
    strbuf symbol = STRBUF_INIT;

    /* lt_dlsym tries MODULE_LTX_saber_sampler, then saber_sampler. */
    d = lt_dlsym(handle, DESCRIPTOR_SYMBOL);
    if (!d) {
        entry_symbol(file, &symbol);
        error_set("%s: not loaded: it exports neither '%s' nor '%s'; a "
                  "sampler plugin exports its descriptor under one of them",
                  file, strbuf_str(&symbol), DESCRIPTOR_SYMBOL);
        strbuf_release(&symbol);
    }
    return d;
}

/*
 * Sets the message for a module that libltdl could not open.  libltdl 2.4
 * reports "file not found" for a module file that exists but fails to
 * load, so for a shared object the system loader is asked for the real
 * reason (an invalid ELF header, an undefined symbol).  A .la file names
 * its shared object indirectly, so libltdl's reason is kept for it.
 */
static void report_load_failure(const char *file, const char *reason)
{
    size_t length = strlen(file);

    if (length < 3 || strcmp(file + length - 3, ".la") != 0) {
        void *handle = dlopen(file, RTLD_LAZY | RTLD_LOCAL);

        if (handle)
            dlclose(handle);
        else
            reason = dlerror();
    }
    if (!reason)
        reason = "unknown error";

    /* The system loader starts its message with the file name. */
    if (strncmp(reason, file, length) == 0 &&
        strncmp(reason + length, ": ", 2) == 0)
        reason += length + 2;
    error_set("%s: cannot load: %s", file, reason);
}

/* Loads file and checks its descriptor against method (NULL: any). */
static int load_file(const char *file, const char *method, plugin *out)
{
    lt_dlhandle handle;
    const saber_sampler_descriptor *d;

    pthread_mutex_lock(&ltdl_lock);
    if (lt_dlinit() != 0) {
        error_set("cannot start libltdl: %s", lt_dlerror());
        pthread_mutex_unlock(&ltdl_lock);
        return -1;
    }
    handle = open_module(file);
    if (!handle) {
        report_load_failure(file, lt_dlerror());
        goto fail;
    }
    d = find_descriptor(file, handle);
    if (!d || check_descriptor(file, method, d) < 0)
        goto fail;
    pthread_mutex_unlock(&ltdl_lock);

    out->handle = handle;
    out->descriptor = d;
    out->file = strdup(file);
    if (!out->file) {
        plugin_close(out);
        return error_nomem();
    }
    return 0;

fail:
    if (handle)
        lt_dlclose(handle);
    lt_dlexit();
    pthread_mutex_unlock(&ltdl_lock);
    return -1;
}

static void describe_known_methods(const plugin_dirs *dirs, strbuf *out)
{
    size_t found = 0;

    for (size_t i = 0; i < dirs->count; i++) {
        char **methods;
        size_t count;

        if (methods_in_dir(dirs->dirs[i], &methods, &count) < 0)
            continue;
        for (size_t m = 0; m < count; m++) {
            strbuf_printf(out, "%s%s (%s)", found ? ", " : "", methods[m],
                          dirs->dirs[i]);
            found++;
        }
        free_names(methods, count);
    }
    if (!found)
        strbuf_puts(out, "none");
    strbuf_puts(out, "; searched ");
    for (size_t i = 0; i < dirs->count; i++)
        strbuf_printf(out, "%s%s", i ? ":" : "", dirs->dirs[i]);
}

int plugin_open(const plugin_dirs *dirs, const char *method, plugin *out)
{
    strbuf known = STRBUF_INIT;

    memset(out, 0, sizeof *out);
    if (strchr(method, '/') == NULL) {
        for (size_t i = 0; i < dirs->count; i++) {
            char *file = module_file(dirs->dirs[i], method);
            int status;

            if (!file)
                continue;
            status = load_file(file, method, out);
            free(file);
            return status;
        }
    }

    describe_known_methods(dirs, &known);
    error_set("unknown sampler method '%s'; methods found: %s; add a folder "
              "with --plugin-dir or SABER_OPT_PLUGIN_PATH", method,
              strbuf_str(&known));
    strbuf_release(&known);
    return -1;
}

void plugin_close(plugin *p)
{
    if (p->handle) {
        pthread_mutex_lock(&ltdl_lock);
        lt_dlclose((lt_dlhandle)p->handle);
        lt_dlexit();
        pthread_mutex_unlock(&ltdl_lock);
    }
    free(p->file);
    memset(p, 0, sizeof *p);
}

/* ---- listing ---- */

/* Returns the file that an earlier folder gives method, or NULL. */
static char *earlier_file(const plugin_dirs *dirs, size_t before,
                          const char *method)
{
    for (size_t i = 0; i < before; i++) {
        char *file = module_file(dirs->dirs[i], method);

        if (file)
            return file;
    }
    return NULL;
}

static void visit_module(const plugin_dirs *dirs, size_t dir,
                         const char *method, plugin_visit_fn visit, void *data)
{
    char *file = module_file(dirs->dirs[dir], method);
    char *shadow = earlier_file(dirs, dir, method);
    plugin_info info = {method, file, NULL, NULL, shadow};
    plugin loaded;

    if (!file)
        goto done;
    if (load_file(file, method, &loaded) == 0)
        info.descriptor = loaded.descriptor;
    else
        info.error = error_message();
    visit(&info, data);
    if (info.descriptor)
        plugin_close(&loaded);

done:
    free(file);
    free(shadow);
}

int plugin_list(const plugin_dirs *dirs, plugin_visit_fn visit, void *data)
{
    for (size_t i = 0; i < dirs->count; i++) {
        char **methods;
        size_t count;

        if (methods_in_dir(dirs->dirs[i], &methods, &count) < 0)
            return -1;
        for (size_t m = 0; m < count; m++)
            visit_module(dirs, i, methods[m], visit, data);
        free_names(methods, count);
    }
    return 0;
}
