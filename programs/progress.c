#include "progress.h"

#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* nftw has no user pointer: the sum runs in a static. */
static unsigned long long tree_bytes;

static int add_file(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)path, (void)ftw;
    if (type == FTW_F && S_ISREG(st->st_mode))
        tree_bytes += (unsigned long long)st->st_size;
    return 0;
}

static unsigned long long input_bytes(const char *path)
{
    struct stat st;
    if (!strcmp(path, "-") || stat(path, &st) != 0)
        return 0;
    if (S_ISREG(st.st_mode))
        return (unsigned long long)st.st_size;
    if (!S_ISDIR(st.st_mode))
        return 0;
    tree_bytes = 0;
    nftw(path, add_file, 16, 0);
    return tree_bytes;
}

void st_progress_start(st_progress *p, int force, const char *noun,
                       char **inputs, int ninputs)
{
    memset(p, 0, sizeof *p);
    p->on = force > 0 || (force == 0 && isatty(STDERR_FILENO));
    p->noun = noun;
    if (!p->on)
        return;
    for (int i = 0; i < ninputs; i++) {
        unsigned long long b = input_bytes(inputs[i]);
        if (!b) {  /* a pipe: no time left to tell */
            p->total = 0;
            break;
        }
        p->total += b;
    }
    p->start = p->last = now();
}

static void draw(st_progress *p, size_t records, unsigned long long bytes)
{
    double elapsed = now() - p->start;
    double rate = elapsed > 0 ? (double)records / elapsed : 0;
    fprintf(stderr, "\r%zu %s, %.1f", records, p->noun, (double)bytes / 1e6);
    if (p->total)
        fprintf(stderr, "/%.1f", (double)p->total / 1e6);
    fprintf(stderr, " MB, %.0f %s/s", rate, p->noun);
    if (p->total && bytes > 0 && bytes < p->total) {
        double left = elapsed * (double)(p->total - bytes) / (double)bytes;
        fprintf(stderr, ", %d:%02d left", (int)left / 60, (int)left % 60);
    }
    fputs("   ", stderr);
    fflush(stderr);
    p->drawn = 1;
}

void st_progress_update(st_progress *p, size_t records, unsigned long long bytes)
{
    double t;
    p->current_records = records;
    p->current_bytes = bytes;
    if (!p->on || (t = now()) - p->last < 0.25)
        return;
    p->last = t;
    draw(p, p->records_done + records, p->done + bytes);
}

void st_progress_next_input(st_progress *p)
{
    p->records_done += p->current_records;
    p->done += p->current_bytes;
    p->current_records = 0;
    p->current_bytes = 0;
}

void st_progress_finish(st_progress *p)
{
    if (!p->on)
        return;
    draw(p, p->records_done, p->done);
    fputc('\n', stderr);
}

void st_progress_load_callback(void *ctx, size_t records, unsigned long long bytes)
{
    st_progress_update(ctx, records, bytes);
}
