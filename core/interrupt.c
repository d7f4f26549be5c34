/* interrupt.c - SIGINT and SIGTERM as events of the optimize loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "interrupt.h"

static int pipe_fds[2] = {-1, -1};
static volatile sig_atomic_t signal_count;
static volatile sig_atomic_t first_signal;
static struct sigaction previous_int, previous_term;

static void on_signal(int number)
{
    int saved = errno;
    char byte = 1;

    if (!first_signal)
        first_signal = number;
    if (signal_count < 1000)
        signal_count++;
    if (write(pipe_fds[1], &byte, 1) < 0) {
        /* The pipe is full: a wake-up is already pending. */
    }
    errno = saved;
}

int interrupt_install(void)
{
    struct sigaction action;

    if (pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) < 0) {
        error_set("cannot create the interrupt pipe: %s", strerror(errno));
        return -1;
    }
    signal_count = 0;
    first_signal = 0;

    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_int);
    sigaction(SIGTERM, &action, &previous_term);
    return 0;
}

void interrupt_restore(void)
{
    if (pipe_fds[0] < 0)
        return;
    sigaction(SIGINT, &previous_int, NULL);
    sigaction(SIGTERM, &previous_term, NULL);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    pipe_fds[0] = pipe_fds[1] = -1;
}

int interrupt_fd(void)
{
    return pipe_fds[0];
}

int interrupt_count(void)
{
    return signal_count;
}

int interrupt_signal(void)
{
    return first_signal;
}

void interrupt_drain(void)
{
    char buffer[64];

    while (pipe_fds[0] >= 0 && read(pipe_fds[0], buffer, sizeof buffer) > 0)
        ;
}
