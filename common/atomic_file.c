#include "common/atomic_file.h"

#include <errno.h>
#include <pthread.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files now open, for st_atomic_remove_temporaries, which
 * a signal handler calls: fixed storage (no malloc), and a slot is marked
 * used only once its path is complete, so the handler never reads a half
 * written one.  Slots are claimed and released by the thread that opens
 * and commits outputs. */
#define MAX_TEMPORARIES 16
static char temporaries[MAX_TEMPORARIES][PATH_MAX];
static volatile sig_atomic_t temporary_used[MAX_TEMPORARIES];

static void remember_temporary(const char *path)
{
    size_t len = strlen(path);
    if (len >= PATH_MAX)
        return;
    for (int i = 0; i < MAX_TEMPORARIES; i++)
        if (!temporary_used[i]) {
            memcpy(temporaries[i], path, len + 1);
            temporary_used[i] = 1;
            return;
        }
}

static void forget_temporary(const char *path)
{
    for (int i = 0; i < MAX_TEMPORARIES; i++)
        if (temporary_used[i] && !strcmp(temporaries[i], path)) {
            temporary_used[i] = 0;
            return;
        }
}

void st_atomic_remove_temporaries(void)
{
    for (int i = 0; i < MAX_TEMPORARIES; i++)
        if (temporary_used[i]) {
            unlink(temporaries[i]);
            temporary_used[i] = 0;
        }
}

/* Devices, pipes and sockets (/dev/null, /dev/stdout, a FIFO) cannot be
 * replaced by a rename, and must not be: renaming a temporary file over
 * /dev/null would turn it into a regular file for the whole machine.  They
 * are written in place. */
static int open_in_place(st_atomic_file *a, const char *path, st_error *err)
{
    a->path = strdup(path);
    if (!a->path)
        return st_fail(err, "out of memory");
    a->f = fopen(path, "wb");
    if (!a->f) {
        int e = errno;
        free(a->path);
        a->path = NULL;
        return st_fail(err, "%s: cannot open: %s", path, strerror(e));
    }
    a->in_place = 1;
    return 0;
}

/* The process's umask, which can only be read by setting it: read once
 * per process (pthread_once, so that two threads opening files never race
 * on it) and restored at once. */
static mode_t process_umask;

static void read_umask(void)
{
    process_umask = umask(022);
    umask(process_umask);
}

static mode_t current_umask(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, read_umask);
    return process_umask;
}

int st_atomic_open(st_atomic_file *a, const char *path, st_error *err)
{
    struct stat st;
    int fd;

    memset(a, 0, sizeof *a);
    if (!strcmp(path, "-")) {
        a->f = stdout;
        a->path = strdup("standard output");
        return a->path ? 0 : st_fail(err, "out of memory");
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            return st_fail(err, "%s: is a directory", path);
        return open_in_place(a, path, err);
    }
    a->path = strdup(path);
    a->tmp_path = malloc(strlen(path) + sizeof ".tmp.XXXXXX");
    if (!a->path || !a->tmp_path) {
        st_atomic_abort(a);
        return st_fail(err, "out of memory");
    }
    sprintf(a->tmp_path, "%s.tmp.XXXXXX", path);
    fd = mkstemp(a->tmp_path);
    if (fd < 0) {
        int e = errno;
        free(a->tmp_path);
        a->tmp_path = NULL;
        st_atomic_abort(a);
        return st_fail(err, "%s: cannot create: %s", path, strerror(e));
    }
    remember_temporary(a->tmp_path);
    /* mkstemp creates the file 0600; the output should have the mode any
     * new file gets (0644 under the usual umask 022). */
    fchmod(fd, 0666 & ~current_umask());
    a->f = fdopen(fd, "wb");
    if (!a->f) {
        close(fd);
        st_atomic_abort(a);
        return st_fail(err, "%s: cannot open: %s", path, strerror(errno));
    }
    return 0;
}

int st_atomic_sync(st_atomic_file *a, st_error *err)
{
    if (fflush(a->f) != 0 || ferror(a->f) ||
        (a->tmp_path && fsync(fileno(a->f)) != 0))
        return st_fail(err, "%s: write error: %s (nothing was written)", a->path,
                       strerror(errno ? errno : EIO));
    return 0;
}

int st_atomic_commit(st_atomic_file *a, st_error *err)
{
    int failed = fflush(a->f) != 0 || ferror(a->f);
    int e = errno;

    if (!a->tmp_path) {
        if (a->in_place && fclose(a->f) != 0 && !failed)
            failed = 1, e = errno;
        a->f = NULL;
        if (failed) {
            st_fail(err, "%s: write error: %s", a->path, strerror(e));
            st_atomic_abort(a);
            return -1;
        }
        free(a->path);
        a->path = NULL;
        return 0;
    }
    if (!failed && fsync(fileno(a->f)) != 0)
        failed = 1, e = errno;
    if (fclose(a->f) != 0 && !failed)
        failed = 1, e = errno;
    a->f = NULL;
    if (!failed && rename(a->tmp_path, a->path) != 0)
        failed = 1, e = errno;
    if (!failed)
        forget_temporary(a->tmp_path);
    if (failed) {
        st_fail(err, "%s: write error: %s (nothing was written)", a->path,
                strerror(e));
        st_atomic_abort(a);
        return -1;
    }
    free(a->tmp_path);
    free(a->path);
    memset(a, 0, sizeof *a);
    return 0;
}

void st_atomic_abort(st_atomic_file *a)
{
    if (a->f && a->f != stdout)
        fclose(a->f);
    if (a->tmp_path) {
        unlink(a->tmp_path);
        forget_temporary(a->tmp_path);
    }
    free(a->tmp_path);
    free(a->path);
    memset(a, 0, sizeof *a);
}
