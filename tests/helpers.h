/* Small helpers shared by the cmocka tests. */
#ifndef STANCE_TEST_HELPERS_H
#define STANCE_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes content to a fresh temporary file named with suffix; returns its
 * path (static storage, one per slot). */
static inline const char *temp_file(int slot, const char *suffix,
                                    const char *content, size_t len)
{
    static char paths[8][256];
    FILE *f;
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

static inline const char *source_path(const char *relative)
{
    static char path[1024];
    const char *root = getenv("STANCE_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/%s", root ? root : ".", relative);
    return path;
}

#endif
