/* Small helpers shared by the cmocka tests. */
#ifndef STANCE_TEST_HELPERS_H
#define STANCE_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The temporary files' paths, one per slot; removed when the test exits,
 * so that passing runs leave nothing behind in TMPDIR. */
static inline char (*temp_paths(void))[256]
{
    static char paths[8][256];
    return paths;
}

static inline void remove_temp_files(void)
{
    char (*paths)[256] = temp_paths();
    for (int slot = 0; slot < 8; slot++)
        if (paths[slot][0])
            remove(paths[slot]);
}

/* Writes content to a fresh temporary file named with suffix; returns its
 * path (static storage, one per slot).  Files written to the path by
 * the code under test (models, outputs) are removed at exit too. */
static inline const char *temp_file(int slot, const char *suffix,
                                    const char *content, size_t len)
{
    static int cleanup_registered;
    char (*paths)[256] = temp_paths();
    FILE *f;

    if (!cleanup_registered)
        cleanup_registered = atexit(remove_temp_files) == 0;
    if (paths[slot][0])
        remove(paths[slot]);
    snprintf(paths[slot], sizeof paths[slot], "%s/stance-test-%d-%d%s",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid(), slot,
             suffix);
    f = fopen(paths[slot], "wb");
    if (!f)
        return NULL;
    fwrite(content, 1, len, f);
    fclose(f);
    return paths[slot];
}

/* Writes text to dir/name: 0, or -1 when it cannot be written. */
static inline int write_file_in(const char *dir, const char *name, const char *text)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (!(f = fopen(path, "w")))
        return -1;
    fputs(text, f);
    return fclose(f) == 0 ? 0 : -1;
}

static inline void remove_file_in(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    remove(path);
}

static inline const char *source_path(const char *relative)
{
    static char path[1024];
    const char *root = getenv("STANCE_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/%s", root ? root : ".", relative);
    return path;
}

#endif
