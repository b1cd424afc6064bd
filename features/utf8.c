#include "features/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const char replacement[3] = { (char)0xEF, (char)0xBF, (char)0xBD };

/* Length of the well-formed sequence at s (at most n bytes), or 0 when the
 * byte at s starts no well-formed sequence.  ASCII is checked inline since
 * it dominates most text; the rest is utf8proc's own validator. */
static size_t valid_sequence_length(const unsigned char *s, size_t n)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k;

    if (s[0] < 0x80)
        return 1;
    k = utf8proc_iterate(s, (utf8proc_ssize_t)(n < 4 ? n : 4), &cp);
    return k > 0 ? (size_t)k : 0;
}

const char *st_utf8_sanitize(const char *text, size_t len,
                             st_utf8_buffer *scratch, size_t *out_len,
                             size_t *invalid, st_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, o = 0, bad = 0;

    while (i < len) {
        size_t k = valid_sequence_length(s + i, len - i);
        if (k == 0)
            break;
        i += k;
    }
    *invalid = 0;
    if (i == len) {
        *out_len = len;
        return text;
    }

    /* Worst case every remaining byte becomes a 3-byte U+FFFD. */
    if (st_reserve(&scratch->data, &scratch->cap, i + 3 * (len - i) + 1, 1,
                   err) < 0)
        return NULL;
    memcpy(scratch->data, text, i);
    o = i;
    while (i < len) {
        size_t k = valid_sequence_length(s + i, len - i);
        if (k == 0) {
            memcpy(scratch->data + o, replacement, 3);
            o += 3;
            bad++;
            i++;
        } else {
            memcpy(scratch->data + o, s + i, k);
            o += k;
            i += k;
        }
    }
    *invalid = bad;
    *out_len = o;
    return scratch->data;
}

void st_utf8_buffer_free(st_utf8_buffer *b)
{
    free(b->data);
    b->data = NULL;
    b->cap = 0;
}
