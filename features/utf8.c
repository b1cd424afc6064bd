#include "features/utf8.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const char replacement[3] = { (char)0xEF, (char)0xBF, (char)0xBD };

static inline bool is_continuation(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

/* Length of the well-formed sequence at s (at most n bytes), or 0 when the
 * byte at s starts no well-formed sequence.  One- to three-byte sequences,
 * which is all of Latin, Cyrillic, Arabic and Vietnamese, are checked
 * inline (Unicode table 3-7: no overlong forms, no surrogates); four-byte
 * ones go to utf8proc's own validator. */
static size_t valid_sequence_length(const unsigned char *s, size_t n)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        return n >= 2 && is_continuation(s[1]) ? 2 : 0;
    if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        unsigned char lo = s[0] == 0xE0 ? 0xA0 : 0x80;
        unsigned char hi = s[0] == 0xED ? 0x9F : 0xBF;
        return n >= 3 && s[1] >= lo && s[1] <= hi && is_continuation(s[2])
                   ? 3
                   : 0;
    }
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

size_t st_utf8_encode(char *out, int32_t c)
{
    if (c < 0x80) { out[0] = (char)c; return 1; }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6)); out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12)); out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18)); out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F)); out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}
