/*
 * progress.h - progress of an optimization on standard error.
 *
 * On a terminal, one line updated in place: iterations done and the total
 * when known, failures, the best score so far, elapsed time and an
 * estimate of the time left.  Log lines clear it and draw it again below
 * themselves.  In a pipe or file, one plain log line per finished
 * iteration instead.
 */
#ifndef SABER_PROGRESS_H
#define SABER_PROGRESS_H

#include <stdint.h>
#include <time.h>

#include <saber/sampler.h>

typedef struct progress {
    int terminal;        /* stderr is a terminal: draw the updating line */
    int drawn;           /* the line is on screen */
    saber_goal goal;
    uint64_t total;      /* 0 when unknown */
    uint64_t done;       /* finished iterations, failed ones included */
    uint64_t failed;
    uint64_t resumed;    /* iterations finished before this process */
    int has_best;
    double best;
    int64_t best_iteration;
    struct timespec started;
} progress;

void progress_init(progress *p, saber_goal goal, uint64_t total);

/* Counts an iteration finished in an earlier process (resume), without
 * printing it. */
void progress_count_recorded(progress *p, int64_t iteration, int failed,
                             int has_score, double score);

/* Reports a finished iteration. */
void progress_iteration(progress *p, int64_t iteration, const char *status,
                        int has_score, double score, double cost);

/* Returns whether score is better than the best so far. */
int progress_is_better(const progress *p, double score);

/* Removes the terminal line for good. */
void progress_finish(progress *p);

#endif
