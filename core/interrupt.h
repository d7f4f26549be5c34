/*
 * interrupt.h - SIGINT and SIGTERM as events of the optimize loop.
 *
 * The handlers only count the signal and write one byte to a pipe, so the
 * loop's wait on running steps wakes up and stops the run in an orderly
 * way: running steps are cancelled, their state recorded and the CSV
 * written.  A second signal asks for the steps to be killed at once.
 */
#ifndef SABER_INTERRUPT_H
#define SABER_INTERRUPT_H

/* Installs the handlers.  Returns 0, or -1 with an error message. */
int interrupt_install(void);

/* Restores the previous handlers and closes the pipe. */
void interrupt_restore(void);

/* Returns the pipe's read end, readable once a signal arrived. */
int interrupt_fd(void);

/* Returns how many signals arrived (0 when none). */
int interrupt_count(void);

/* Returns the number of the first signal that arrived, 0 when none. */
int interrupt_signal(void);

/* Empties the pipe, so that a wait on it blocks until the next signal. */
void interrupt_drain(void);

#endif
