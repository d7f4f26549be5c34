/* progress.c - progress of an optimization on standard error. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "log.h"
#include "progress.h"
#include "pyfloat.h"

static double seconds_since(const struct timespec *start)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) +
           (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void format_duration(double seconds, char out[48])
{
    long total = seconds > 0 ? (long)(seconds + 0.5) : 0;

    snprintf(out, 48, "%02ld:%02ld:%02ld", total / 3600, total / 60 % 60,
             total % 60);
}

static void draw(progress *p)
{
    char elapsed[48], left[48], best[PYFLOAT_REPR_SIZE] = "none";
    double seconds = seconds_since(&p->started);
    uint64_t done_here = p->done - p->resumed;

    format_duration(seconds, elapsed);
    if (p->has_best)
        pyfloat_repr(p->best, best);
    fprintf(stderr, "\r\033[K[%llu", (unsigned long long)p->done);
    if (p->total)
        fprintf(stderr, "/%llu", (unsigned long long)p->total);
    fprintf(stderr, "] failed %llu, best %s, elapsed %s",
            (unsigned long long)p->failed, best, elapsed);
    if (p->total && done_here && p->total > p->done) {
        format_duration(seconds / (double)done_here * (double)(p->total - p->done),
                        left);
        fprintf(stderr, ", left ~%s", left);
    }
    fflush(stderr);
    p->drawn = 1;
}

/* The log hook: clear the line before a log line, draw it after. */
static void redraw_hook(int redraw, void *data)
{
    progress *p = data;

    if (!redraw && p->drawn) {
        fputs("\r\033[K", stderr);
        p->drawn = 0;
    } else if (redraw) {
        draw(p);
    }
}

void progress_init(progress *p, saber_goal goal, uint64_t total)
{
    *p = (progress){0};
    p->terminal = isatty(STDERR_FILENO);
    p->goal = goal;
    p->total = total;
    clock_gettime(CLOCK_MONOTONIC, &p->started);
    if (p->terminal)
        log_set_hook(redraw_hook, p);
}

int progress_is_better(const progress *p, double score)
{
    if (isnan(score))
        return 0;
    if (!p->has_best)
        return 1;
    return p->goal == SABER_GOAL_MAXIMIZE ? score > p->best : score < p->best;
}

static void count(progress *p, int64_t iteration, int failed, int has_score,
                  double score)
{
    p->done++;
    if (failed)
        p->failed++;
    if (has_score && progress_is_better(p, score)) {
        p->has_best = 1;
        p->best = score;
        p->best_iteration = iteration;
    }
}

void progress_count_recorded(progress *p, int64_t iteration, int failed,
                             int has_score, double score)
{
    count(p, iteration, failed, has_score, score);
    p->resumed++;
}

void progress_iteration(progress *p, int64_t iteration, const char *status,
                        int has_score, double score, double cost)
{
    char score_text[PYFLOAT_REPR_SIZE] = "none";
    char total[32] = "";

    count(p, iteration, status[0] == 'f', has_score, score);
    if (p->terminal) {
        draw(p);
        return;
    }
    if (has_score)
        pyfloat_repr(score, score_text);
    if (p->total)
        snprintf(total, sizeof total, "/%llu", (unsigned long long)p->total);
    log_info("iteration %lld %s: score %s, cost %.3f s (%llu%s done)",
             (long long)iteration, status, score_text, cost,
             (unsigned long long)p->done, total);
}

void progress_finish(progress *p)
{
    if (!p->terminal)
        return;
    log_set_hook(NULL, NULL);
    if (p->drawn)
        fputs("\r\033[K", stderr);
    p->drawn = 0;
}
