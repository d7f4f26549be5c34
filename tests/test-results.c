/* test-results.c - the results CSV, written from a real database file. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "helpers.h"
#include "results.h"
#include "store.h"

static char *dir;
static store *db;

static void setup(void)
{
    char *path;

    dir = th_tmpdir();
    path = th_format("%s/runs.db", dir);
    cr_assert_eq(store_open(path, &db), 0, "%s", error_message());
    free(path);
}

static void teardown(void)
{
    store_close(db);
    th_rmtree(dir);
    free(dir);
}

TestSuite(results, .init = setup, .fini = teardown);

static void create_run(const char *const *columns, size_t column_count,
                       const char *const *steps, size_t step_count)
{
    store_run run = {.id = "wf_data", .workflow = "wf.cwl",
                     .workflow_sha256 = "0", .job = "job.yml",
                     .job_sha256 = "0", .params = "p.yml", .params_sha256 = "0",
                     .method = "grid", .options = "{}", .goal = "minimize"};

    cr_assert_eq(store_run_create(db, &run, columns, column_count, steps,
                                  step_count), 0, "%s", error_message());
}

static void add_step(int64_t iteration, const char *name, int position,
                     double wall, int has_score, double score,
                     const char *score_text)
{
    store_step st = {.iteration = iteration, .attempt = 1, .step = name,
                     .position = position, .status = "succeeded",
                     .wall_seconds = wall, .has_score = has_score,
                     .score = score, .score_text = score_text};

    cr_assert_eq(store_step_add(db, "wf_data", &st), 0, "%s", error_message());
}

static void finish_iteration(store_iteration *it, const char *status)
{
    it->status = status;
    cr_assert_eq(store_iteration_update(db, "wf_data", it), 0);
}

static char *write_csv(void)
{
    char *path = th_format("%s/out.csv", dir);
    char *text;

    cr_assert_eq(results_write_from_store(db, "wf_data", path), 0, "%s",
                 error_message());
    text = th_read_file(path, NULL);
    free(path);
    return text;
}

Test(results, python_csv_bytes)
{
    const char *columns[] = {"label"};
    const char *steps[] = {"train"};
    const char *inputs[] = {"a,b"};
    store_iteration it = {.iteration = 1, .batch = 0, .inputs = inputs,
                          .input_count = 1};
    char *csv;

    create_run(columns, 1, steps, 1);
    cr_assert_eq(store_batch_begin(db, "wf_data", &it, 1), 0);
    add_step(1, "train", 0, 0.5, 0, 0, NULL);
    finish_iteration(&it, "succeeded");

    csv = write_csv();
    cr_assert_str_eq(csv,
                     "workflow_id,iteration,batch,label,job_id,cost,score,status\r\n"
                     "wf_data,1,0,\"a,b\",train,0.5,,succeeded\r\n");
    free(csv);
}

Test(results, quotes_newlines_nan_and_missing_steps)
{
    const char *columns[] = {"greeting", "note"};
    const char *steps[] = {"segment", "score", "report"};
    const char *inputs[] = {"say \"hi\"", "two\nlines"};
    store_iteration it = {.iteration = 0, .batch = 0, .inputs = inputs,
                          .input_count = 2};
    char *csv;

    create_run(columns, 2, steps, 3);
    cr_assert_eq(store_batch_begin(db, "wf_data", &it, 1), 0);
    add_step(0, "segment", 0, 1.25, 1, 0.0015, "1.5e-03");
    add_step(0, "score", 1, 2.0, 0, NAN, "nan");
    finish_iteration(&it, "failed");

    csv = write_csv();
    cr_assert_str_eq(csv,
                     "workflow_id,iteration,batch,greeting,note,job_id,cost,score,status\r\n"
                     "wf_data,0,0,\"say \"\"hi\"\"\",\"two\nlines\",segment,1.25,0.0015,failed\r\n"
                     "wf_data,0,0,\"say \"\"hi\"\"\",\"two\nlines\",score,2.0,nan,failed\r\n"
                     "wf_data,0,0,\"say \"\"hi\"\"\",\"two\nlines\",report,,,failed\r\n");
    free(csv);
}

Test(results, iterations_in_order)
{
    const char *columns[] = {"x"};
    const char *steps[] = {"s"};
    const char *first[] = {"1"};
    const char *second[] = {"2"};
    store_iteration its[2] = {
        {.iteration = 0, .batch = 0, .index = 0, .inputs = first, .input_count = 1},
        {.iteration = 1, .batch = 0, .index = 1, .inputs = second, .input_count = 1},
    };
    char *csv;

    create_run(columns, 1, steps, 1);
    cr_assert_eq(store_batch_begin(db, "wf_data", its, 2), 0);
    add_step(1, "s", 0, 3.0, 1, -7.539458549707136e-05, "-7.539458549707136e-05");
    finish_iteration(&its[1], "succeeded");

    csv = write_csv();
    cr_assert_str_eq(csv,
                     "workflow_id,iteration,batch,x,job_id,cost,score,status\r\n"
                     "wf_data,0,0,1,s,,,pending\r\n"
                     "wf_data,1,0,2,s,3.0,-7.539458549707136e-05,succeeded\r\n");
    free(csv);
}
