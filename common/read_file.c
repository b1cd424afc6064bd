#include "common/read_file.h"

#include <errno.h>
#include <string.h>

int st_read_stream(FILE *f, const char *path, char **buf, size_t *cap,
                   size_t *len, st_error *err)
{
    size_t n = 0;

    for (;;) {
        size_t got;
        if (st_reserve(buf, cap, n + 65536 + 1, 1, err) < 0)
            return st_fail_prefix(err, "%s", path);
        got = fread(*buf + n, 1, *cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f))
        return st_fail(err, "%s: read error: %s", path, strerror(errno));
    (*buf)[n] = '\0';
    *len = n;
    return 0;
}
