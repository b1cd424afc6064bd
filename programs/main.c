/* stance: the command line.  Everything real happens in libstance. */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/atomic_file.h"

#include "commands.h"
#include "options.h"

static const char usage[] =
"Usage: stance COMMAND [OPTIONS] [ARGS]\n"
"Labels news articles in any language as signalling warming or cooling of\n"
"Russia-United States relations, or neither (neutral).\n"
"\n"
"Commands:\n"
"  predict    label articles (files, directories, stdin, JSONL)\n"
"  eval       accuracy report of a model on a labelled corpus\n"
"  train      fit a model on a labelled corpus, with cross-validation\n"
"  features   write articles' feature vectors in libsvm format\n"
"  trend      the warming index over time, per language or source\n"
"  info       describe a model: labels, settings, training corpus\n"
"\n"
"Run 'stance COMMAND --help' for a command's options.\n";

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    { "predict", st_cmd_predict },
    { "eval", st_cmd_eval },
    { "train", st_cmd_train },
    { "features", st_cmd_features },
    { "trend", st_cmd_trend },
    { "info", st_cmd_info },
};

/* An interrupted run removes its unfinished outputs, then dies of the
 * same signal, so that the caller sees how it ended (status 128 + n). */
static void on_fatal_signal(int sig)
{
    st_atomic_remove_temporaries();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void remove_temporaries_on_signals(void)
{
    static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof signals / sizeof *signals; i++) {
        struct sigaction old;
        /* A signal ignored by whoever started us (nohup) stays ignored. */
        if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(signals[i], &sa, NULL);
    }
}

/* Whether standard output took everything written to it (a full disk, a
 * closed descriptor): a summary, a report or --help that was lost must
 * not pass for success. */
static int stdout_ok(void)
{
    return fflush(stdout) == 0 && !ferror(stdout);
}

static int stdout_checked;

/* For the paths that end in exit() (--help): main checks the others. */
static void check_stdout_at_exit(void)
{
    if (!stdout_checked && !stdout_ok()) {
        fprintf(stderr, "%s: standard output: write error: %s\n", st_program,
                strerror(errno ? errno : EIO));
        _exit(1);
    }
}

static int finish(int status)
{
    stdout_checked = 1;
    if (!stdout_ok() && status == 0) {
        fprintf(stderr, "%s: standard output: write error: %s\n", st_program,
                strerror(errno ? errno : EIO));
        return 1;
    }
    return status;
}

/* glibc gives the top of the heap back to the system once 128 kB of it
 * are free, and each batch of articles frees its texts: the next batch
 * then faults the same memory in again, 4 kB at a time.  Labelling the
 * corpus five times took 9,098 page faults that way, 2,722 with the heap
 * kept (common/huge_pages.h says why faults matter).  Setting the
 * threshold also stops glibc from raising its mmap threshold each time a
 * large block is freed, so large blocks (the model file's bytes) go back
 * at once: peak RSS 70 -> 48 MB.  The program keeps up to 64 MB; the
 * library leaves the process's allocator alone. */
static void keep_freed_heap(void)
{
#ifdef __GLIBC__
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

int main(int argc, char **argv)
{
    keep_freed_heap();
    remove_temporaries_on_signals();
    atexit(check_stdout_at_exit);
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return finish(argc < 2 ? 2 : 0);
    }
    if (!strcmp(argv[1], "--version")) {
        puts("stance " STANCE_VERSION);
        return finish(0);
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name))
            return finish(commands[i].run(argc - 1, argv + 1));
    {
        const char *names[sizeof commands / sizeof *commands];
        const char *close;
        for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
            names[i] = commands[i].name;
        close = st_closest(argv[1], names, sizeof names / sizeof *names);
        if (close)
            fprintf(stderr, "%s: unknown command '%s'; did you mean '%s'?\n", st_program,
                    argv[1], close);
        else
            fprintf(stderr, "%s: unknown command '%s'\n%s", st_program, argv[1], usage);
    }
    return finish(2);
}
