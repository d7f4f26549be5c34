/*
 * test-plugins.c - loading and driving sampler plugins: the fixture
 * plugins in tests/plugins each break one rule of <saber/sampler.h>, and
 * saber-opt must reject them with one exact message.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"

/* A grid of 4 x 2 points over two metaparameters. */
static const char *const params_text =
    "sampler:\n"
    "  method: %s\n"
    "x:\n"
    "  range: [1, 2, 3, 4]\n"
    "  parameters:\n"
    "    abs: x\n"
    "  steps:\n"
    "    - s\n"
    "y:\n"
    "  range: [a, b]\n"
    "  parameters:\n"
    "    abs: y\n"
    "  steps:\n"
    "    - s\n";

typedef struct run {
    char *dir;
    char *params;
    th_result result;
} run;

/* Runs `saber-opt sample` with the fixture plugins first on the search
 * path, on the 4 x 2 grid sampled by method. */
static run sample_with(const char *method)
{
    run r;
    char *text = th_format(params_text, method);

    r.dir = th_tmpdir();
    r.params = th_write_file(r.dir, "params.yml", text);
    r.result = th_saber(NULL, "sample", "--plugin-dir",
                        th_env("SABER_TEST_PLUGIN_DIR"), r.params, NULL);
    free(text);
    return r;
}

static void run_free(run *r)
{
    th_result_free(&r->result);
    th_rmtree(r->dir);
    free(r->params);
    free(r->dir);
}

/* Returns "FIXTURES/NAME.la", the file saber-opt loads for fixture name. */
static char *fixture_file(const char *name)
{
    return th_format("%s/%s.la", th_env("SABER_TEST_PLUGIN_DIR"), name);
}

Test(plugin_abi, major_mismatch_rejected)
{
    run r = sample_with("abi-major");
    char *file = fixture_file("abi-major");
    char *expected = th_format(
        "saber-opt: error: %s:2:3: %s: not loaded: it was built for sampler "
        "ABI 2.0, and this saber-opt loads ABI 1.0 to 1.1; rebuild the "
        "plugin against this saber-opt's <saber/sampler.h>\n", r.params, file);

    cr_expect_eq(r.result.status, 2);
    cr_expect_str_eq(r.result.err, expected);
    cr_expect_str_empty(r.result.out);
    free(expected);
    free(file);
    run_free(&r);
}

Test(plugin_abi, newer_minor_rejected)
{
    run r = sample_with("abi-minor");
    char *file = fixture_file("abi-minor");
    char *expected = th_format(
        "saber-opt: error: %s:2:3: %s: not loaded: it was built for sampler "
        "ABI 1.2, newer than this saber-opt's ABI 1.1; upgrade saber-opt or "
        "rebuild the plugin against its <saber/sampler.h>\n", r.params, file);

    cr_expect_eq(r.result.status, 2);
    cr_expect_str_eq(r.result.err, expected);
    free(expected);
    free(file);
    run_free(&r);
}

/* A plugin built for ABI 1.0 runs on any host of major 1; it samples the
 * grid exactly as the grid plugin does. */
Test(plugin_abi, older_minor_loads)
{
    run old = sample_with("abi-old");
    char *grid_params = th_format(params_text, "grid");
    char *dir = th_tmpdir();
    char *path = th_write_file(dir, "grid.yml", grid_params);
    th_result grid = th_saber(NULL, "sample", path, NULL);

    cr_expect_eq(old.result.status, 0, "stderr: %s", old.result.err);
    cr_expect_str_empty(old.result.err);
    cr_expect_eq(grid.status, 0, "stderr: %s", grid.err);
    cr_expect_str_eq(old.result.out, grid.out);
    th_result_free(&grid);
    th_rmtree(dir);
    free(path);
    free(dir);
    free(grid_params);
    run_free(&old);
}

/* A one-dimension space: a continuous range, or choices, sampled by a
 * fixture; %s is the method, %s the range or choices line. */
static const char *const one_dim_text =
    "sampler:\n"
    "  method: %s\n"
    "lr:\n"
    "  %s\n"
    "  parameters: {abs: lr}\n"
    "  steps: [s]\n";

static run sample_one_dim(const char *method, const char *range)
{
    run r;
    char *text = th_format(one_dim_text, method, range);

    r.dir = th_tmpdir();
    r.params = th_write_file(r.dir, "params.yml", text);
    r.result = th_saber(NULL, "sample", "--plugin-dir",
                        th_env("SABER_TEST_PLUGIN_DIR"), r.params, NULL);
    free(text);
    return r;
}

/* A plugin built for ABI 1.0 cannot sample a continuous dimension, so the
 * host rejects the space before create().  The fixture's create() asks for
 * the grid size and would fail with another message. */
Test(plugin_abi, older_minor_continuous_rejected)
{
    run r = sample_one_dim("abi-old", "range: {low: 0.001, high: 0.1}");
    char *expected = th_format(
        "saber-opt: error: %s:3:1: metaparameter 'lr' is a continuous range, "
        "which method 'abi-old' cannot sample because its plugin was built "
        "for sampler ABI 1.0; use a method such as random or tpe, or rebuild "
        "the plugin against ABI 1.1\n", r.params);

    cr_expect_eq(r.result.status, 2);
    cr_expect_str_eq(r.result.err, expected);
    cr_expect_str_empty(r.result.out);
    free(expected);
    run_free(&r);
}

/* Choices are discrete: a plugin built for ABI 1.0 samples them as it
 * samples a list. */
Test(plugin_abi, older_minor_samples_choices)
{
    run r = sample_one_dim("abi-old", "choices: [adam, sgd]");

    cr_expect_eq(r.result.status, 0, "stderr: %s", r.result.err);
    cr_expect_str_eq(r.result.out,
                     "{\"batch\": 0, \"index\": 0, \"steps\": {\"s\": "
                     "{\"lr\": \"adam\"}}}\n"
                     "{\"batch\": 1, \"index\": 0, \"steps\": {\"s\": "
                     "{\"lr\": \"sgd\"}}}\n");
    run_free(&r);
}

/* space_grid_size() fails on a continuous dimension with a message of the
 * host's, placed at the dimension, which a plugin may pass on. */
Test(plugin_calls, grid_size_continuous_message)
{
    run r = sample_one_dim("no-grid", "range: {low: 1, high: 9, type: int}");
    char *expected = th_format(
        "saber-opt: error: %s:3:1: no-grid: metaparameter 'lr' is a "
        "continuous range, so the search space has no grid; give it start, "
        "stop and step, or use a method such as random or tpe\n", r.params);

    cr_expect_eq(r.result.status, 2);
    cr_expect_str_eq(r.result.err, expected);
    free(expected);
    run_free(&r);
}

/* The host checks a continuous value's type and bounds in every point. */
Test(plugin_calls, continuous_value_checked)
{
    run r = sample_one_dim("wrong-value", "range: {low: 1, high: 9, type: int}");

    cr_expect_eq(r.result.status, 1);
    cr_expect_str_eq(r.result.err, "saber-opt: error: wrong-value: invalid "
                     "point: the point sets metaparameter 'lr' to '1000.0', "
                     "which is not an int within [1, 9]; set it with "
                     "space_set_continuous()\n");
    cr_expect_str_empty(r.result.out);
    run_free(&r);
}

Test(plugin_load, missing_descriptor)
{
    run r = sample_with("no-descriptor");
    char *file = fixture_file("no-descriptor");
    char *expected = th_format(
        "saber-opt: error: %s:2:3: %s: not loaded: it exports neither "
        "'no_descriptor_LTX_saber_sampler' nor 'saber_sampler'; a sampler "
        "plugin exports its descriptor under one of them\n", r.params, file);

    cr_expect_eq(r.result.status, 2);
    cr_expect_str_eq(r.result.err, expected);
    free(expected);
    free(file);
    run_free(&r);
}

Test(plugin_load, method_name_mismatch)
{
    run r = sample_with("wrong-name");
    char *file = fixture_file("wrong-name");
    char *expected = th_format(
        "saber-opt: error: %s:2:3: %s: not loaded: its descriptor names "
        "method 'right-name', but the file is named for 'wrong-name'; rename "
        "one to match the other\n", r.params, file);

    cr_expect_eq(r.result.status, 2);
    cr_expect_str_eq(r.result.err, expected);
    free(expected);
    free(file);
    run_free(&r);
}

Test(plugin_load, not_a_shared_object)
{
    char *dir = th_tmpdir();
    char *module = th_write_file(dir, "broken.so", "not an ELF file\n");
    char *params = th_write_file(dir, "p.yml", "sampler: {method: broken}\n"
                                 "x: {range: [1], parameters: {abs: x}, "
                                 "steps: [s]}\n");
    char *expected = th_format("saber-opt: error: %s:1:11: %s: cannot load: "
                               "file too short\n", params, module);
    th_result r = th_saber(NULL, "sample", "--plugin-dir", dir, params, NULL);

    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, expected);
    th_result_free(&r);
    th_rmtree(dir);
    free(expected);
    free(params);
    free(module);
    free(dir);
}

Test(plugin_calls, create_error_message)
{
    run r = sample_with("create-fails");

    cr_expect_eq(r.result.status, 2);
    cr_expect_str_eq(r.result.err, "saber-opt: error: create-fails: cannot "
                     "read the model file 'model.bin'\n");
    run_free(&r);
}

Test(plugin_calls, create_error_without_message)
{
    run r = sample_with("create-silent");

    cr_expect_eq(r.result.status, 2);
    cr_expect_str_eq(r.result.err, "saber-opt: error: create-silent: create() "
                     "returned SABER_ERROR_INVALID without a message; report "
                     "this to the plugin's authors\n");
    run_free(&r);
}

/* The point yielded before the failure is printed, then the error. */
Test(plugin_calls, sample_error_message)
{
    run r = sample_with("sample-fails");

    cr_expect_eq(r.result.status, 1);
    cr_expect_str_eq(r.result.err, "saber-opt: error: sample-fails: the model "
                     "diverged at point 1\n");
    cr_expect_str_eq(r.result.out, "{\"batch\": 0, \"index\": 0, \"steps\": "
                     "{\"s\": {\"x\": \"1\", \"y\": \"a\"}}}\n");
    run_free(&r);
}

Test(plugin_calls, point_missing_dimension)
{
    run r = sample_with("missing-dim");

    cr_expect_eq(r.result.status, 1);
    cr_expect_str_eq(r.result.err, "saber-opt: error: missing-dim: invalid "
                     "point: the point has no value for metaparameter 'y'\n");
    cr_expect_str_empty(r.result.out);
    run_free(&r);
}

Test(plugin_calls, point_extra_key)
{
    run r = sample_with("extra-key");

    cr_expect_eq(r.result.status, 1);
    cr_expect_str_eq(r.result.err, "saber-opt: error: extra-key: invalid point: "
                     "the point sets 'bogus', which is not a metaparameter\n");
    run_free(&r);
}

Test(plugin_calls, empty_batch)
{
    run r = sample_with("empty-batch");

    cr_expect_eq(r.result.status, 1);
    cr_expect_str_eq(r.result.err, "saber-opt: error: empty-batch: sample() "
                     "ended a batch that holds no point\n");
    run_free(&r);
}

/* The feedback fixture fails unless each batch comes back as one row per
 * point, in order, before it samples again: 8 points in batches of 3. */
Test(plugin_calls, rows_fed_back_per_batch)
{
    run r = sample_with("feedback");
    static const char *const expected_batches[] = {
        "{\"batch\": 0, \"index\": 0,", "{\"batch\": 0, \"index\": 1,",
        "{\"batch\": 0, \"index\": 2,", "{\"batch\": 1, \"index\": 0,",
        "{\"batch\": 1, \"index\": 1,", "{\"batch\": 1, \"index\": 2,",
        "{\"batch\": 2, \"index\": 0,", "{\"batch\": 2, \"index\": 1,",
    };
    const char *line = r.result.out;

    cr_assert_eq(r.result.status, 0, "stderr: %s", r.result.err);
    cr_expect_str_empty(r.result.err);
    for (size_t i = 0; i < 8; i++) {
        size_t prefix = strlen(expected_batches[i]);

        cr_assert_not_null(line, "only %zu lines", i);
        cr_expect_eq(strncmp(line, expected_batches[i], prefix), 0,
                     "line %zu is %.40s, expected %s", i, line,
                     expected_batches[i]);
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    cr_expect_str_empty(line, "more than 8 lines");
    run_free(&r);
}

/* ---- the search path and `saber-opt plugins` ---- */

/* Copies the shared object of module, built in from_dir, to dir/NAME.so;
 * returns that path. */
static char *copy_module(const char *from_dir, const char *module,
                         const char *dir, const char *name)
{
    char *source = th_format("%s/.libs/%s.so", from_dir, module);
    char *destination = th_format("%s/%s.so", dir, name);

    th_copy_file(source, destination);
    free(source);
    return destination;
}

/* An earlier folder's module shadows a later one of the same method; the
 * listing shows which file is unused. */
Test(plugins_command, lists_and_shadows)
{
    char *dir = th_tmpdir();
    char *copy = copy_module(th_env("SABER_PLUGIN_DIR"), "grid", dir, "grid");
    const char *plugins = th_env("SABER_PLUGIN_DIR");
    char *first = th_format("grid           %-8s every grid point in order, "
                            "one per batch\n"
                            "                        %s\n", PACKAGE_VERSION,
                            copy);
    char *shadowed = th_format("grid           %-8s every grid point in "
                               "order, one per batch\n"
                               "                        %s/grid.la (unused: "
                               "%s comes first)\n", PACKAGE_VERSION, plugins,
                               copy);
    char *random = th_format("random         %-8s max_iterations random grid "
                             "points, without replacement unless replace: "
                             "true\n"
                             "                        %s/random.la\n",
                             PACKAGE_VERSION, plugins);
    th_result r = th_saber(NULL, "plugins", "--plugin-dir", dir,
                           "--plugin-dir", plugins, NULL);

    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_expect_eq(strncmp(r.out, "METHOD         VERSION  DESCRIPTION / FILE\n",
                         43), 0, "no header line: %s", r.out);
    cr_expect_not_null(strstr(r.out, first), "missing:\n%sin:\n%s", first,
                       r.out);
    cr_expect_not_null(strstr(r.out, shadowed), "missing:\n%sin:\n%s",
                       shadowed, r.out);
    cr_expect_not_null(strstr(r.out, random), "missing:\n%sin:\n%s", random,
                       r.out);
    cr_expect_lt(strstr(r.out, first), strstr(r.out, shadowed),
                 "the earlier folder is not listed first");
    cr_expect_str_empty(r.err);
    th_result_free(&r);
    th_rmtree(dir);
    free(random);
    free(shadowed);
    free(first);
    free(copy);
    free(dir);
}

/* Modules that fail to load are listed with the reason, and the command
 * still succeeds. */
Test(plugins_command, lists_failed_modules)
{
    const char *fixtures = th_env("SABER_TEST_PLUGIN_DIR");
    char *major = th_format("abi-major      -        %s/abi-major.la: not "
                            "loaded: it was built for sampler ABI 2.0, and "
                            "this saber-opt loads ABI 1.0 to 1.1; rebuild the "
                            "plugin against this saber-opt's "
                            "<saber/sampler.h>\n"
                            "                        %s/abi-major.la\n",
                            fixtures, fixtures);
    char *old = th_format("abi-old        0.0.1    test fixture: abi-old\n"
                          "                        %s/abi-old.la\n", fixtures);
    th_result r = th_saber(NULL, "plugins", "--plugin-dir", fixtures, NULL);

    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_expect_not_null(strstr(r.out, major), "missing:\n%sin:\n%s", major,
                       r.out);
    cr_expect_not_null(strstr(r.out, old), "missing:\n%sin:\n%s", old, r.out);
    th_result_free(&r);
    free(old);
    free(major);
}

/* The search path is each --plugin-dir in order, then each folder of
 * SABER_OPT_PLUGIN_PATH in order, then the installed folder (then the
 * build tree's plugins, for a saber-opt run from its build tree). */
Test(plugin_search, order)
{
    char *top = th_tmpdir();
    char *a = th_format("%s/a", top), *b = th_format("%s/b", top);
    char *c = th_format("%s/c", top), *d = th_format("%s/d", top);
    char *env = th_format("%s:%s", c, d);
    char *params = th_write_file(top, "p.yml", "sampler: {method: nowhere}\n"
                                 "x: {range: [1], parameters: {abs: x}, "
                                 "steps: [s]}\n");
    const char *plugins = th_env("SABER_PLUGIN_DIR");
    const char *installed = th_env("SABER_INSTALLED_PLUGIN_DIR");
    char *expected;
    th_result r;

    mkdir(a, 0700);
    mkdir(b, 0700);
    mkdir(c, 0700);
    free(copy_module(plugins, "grid", a, "grid"));
    free(copy_module(plugins, "random", c, "random"));
    setenv("SABER_OPT_PLUGIN_PATH", env, 1);
    expected = th_format("saber-opt: error: %s:1:11: unknown sampler method "
                         "'nowhere'; methods found: grid (%s), random (%s), "
                         "batch-grid (%s), grid (%s), random (%s), tpe (%s); "
                         "searched %s:%s:%s:%s:%s:%s; add a folder with "
                         "--plugin-dir or SABER_OPT_PLUGIN_PATH\n", params, a,
                         c, plugins, plugins, plugins, plugins, b, a, c, d,
                         installed, plugins);
    r = th_saber(NULL, "sample", "--plugin-dir", b, "--plugin-dir", a, params,
                 NULL);

    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, expected);
    th_result_free(&r);
    th_rmtree(top);
    free(expected);
    free(params);
    free(env);
    free(a);
    free(b);
    free(c);
    free(d);
    free(top);
}

/* The first folder that has the method wins: a copy of the create-fails
 * fixture named grid.so in SABER_OPT_PLUGIN_PATH is tried before the build
 * tree's grid (and rejected, since it exports no grid_LTX_ symbol), and a
 * --plugin-dir with the real grid comes before both. */
Test(plugin_search, first_folder_wins)
{
    char *top = th_tmpdir();
    char *env_dir = th_format("%s/env", top);
    char *cli_dir = th_format("%s/cli", top);
    char *params = th_write_file(top, "p.yml", "sampler: {method: grid}\n"
                                 "x: {range: [1, 2], parameters: {abs: x}, "
                                 "steps: [s]}\n");
    char *decoy;
    char *expected;
    th_result from_env, from_cli;

    mkdir(env_dir, 0700);
    mkdir(cli_dir, 0700);
    decoy = copy_module(th_env("SABER_TEST_PLUGIN_DIR"), "create-fails",
                        env_dir, "grid");
    free(copy_module(th_env("SABER_PLUGIN_DIR"), "grid", cli_dir, "grid"));
    setenv("SABER_OPT_PLUGIN_PATH", env_dir, 1);
    expected = th_format("saber-opt: error: %s:1:11: %s: not loaded: it "
                         "exports neither 'grid_LTX_saber_sampler' nor "
                         "'saber_sampler'; a sampler plugin exports its "
                         "descriptor under one of them\n", params, decoy);

    from_env = th_saber(NULL, "sample", params, NULL);
    from_cli = th_saber(NULL, "sample", "--plugin-dir", cli_dir, params, NULL);

    cr_expect_eq(from_env.status, 2);
    cr_expect_str_eq(from_env.err, expected);
    cr_expect_eq(from_cli.status, 0, "stderr: %s", from_cli.err);
    cr_expect_str_eq(from_cli.out,
                     "{\"batch\": 0, \"index\": 0, \"steps\": {\"s\": "
                     "{\"x\": \"1\"}}}\n"
                     "{\"batch\": 1, \"index\": 0, \"steps\": {\"s\": "
                     "{\"x\": \"2\"}}}\n");
    th_result_free(&from_env);
    th_result_free(&from_cli);
    th_rmtree(top);
    free(expected);
    free(decoy);
    free(params);
    free(cli_dir);
    free(env_dir);
    free(top);
}
