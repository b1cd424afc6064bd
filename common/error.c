#include "common/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int st_fail(st_error *err, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int st_fail_code(st_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

int st_fail_prefix(st_error *err, const char *fmt, ...)
{
    if (err) {
        char prefix[512];
        char old[sizeof err->msg];
        char joined[sizeof prefix + sizeof old + 2];
        size_t n;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(prefix, sizeof prefix, fmt, ap);
        va_end(ap);
        memcpy(old, err->msg, sizeof old);
        /* Joined at full length, then cut to fit: the start of a message
         * (file and line) matters more than its tail. */
        snprintf(joined, sizeof joined, "%s: %s", prefix, old);
        n = strlen(joined);
        if (n >= sizeof err->msg)
            n = sizeof err->msg - 1;
        memcpy(err->msg, joined, n);
        err->msg[n] = '\0';
    }
    return -1;
}

void *st_malloc(size_t size, st_error *err)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        st_fail(err, "out of memory allocating %zu bytes", size);
    return p;
}

void *st_calloc(size_t count, size_t size, st_error *err)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        st_fail(err, "out of memory allocating %zu x %zu bytes", count, size);
    return p;
}

void *st_realloc(void *ptr, size_t size, st_error *err)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        st_fail(err, "out of memory allocating %zu bytes", size);
    return p;
}

int st_reserve(void *ptr, size_t *cap, size_t need, size_t elem_size,
               st_error *err)
{
    void **slot = ptr;
    size_t new_cap;
    void *grown;

    if (need <= *cap)
        return 0;
    new_cap = *cap ? *cap : 16;
    while (new_cap < need) {
        if (new_cap > ((size_t)-1) / 2 / elem_size)
            return st_fail(err, "buffer of %zu elements is too large", need);
        new_cap *= 2;
    }
    grown = st_realloc(*slot, new_cap * elem_size, err);
    if (!grown)
        return -1;
    *slot = grown;
    *cap = new_cap;
    return 0;
}
