/*
 * UTF-8 validation with replacement.
 *
 * Text from the wild is not always valid UTF-8: scraped pages mix
 * encodings, files get truncated mid-sequence.  utf8proc refuses such
 * input outright, so before normalising we turn every ill-formed byte
 * into U+FFFD (one replacement per offending byte, as utf8proc_iterate
 * rejects it) and count how many there were.  Well-formed text, the
 * common case, is passed through without a copy.
 */
#ifndef STANCE_UTF8_H
#define STANCE_UTF8_H

#include <stddef.h>

#include <stdint.h>

#include "common/error.h"

typedef struct st_utf8_buffer {
    char *data;
    size_t cap;
} st_utf8_buffer;

/* Returns a pointer to well-formed UTF-8 equivalent to text[0..len):
 * text itself when it is already well-formed, else scratch->data.
 * *out_len receives its length and *invalid the number of ill-formed
 * bytes replaced (overlong forms, surrogates, truncated sequences, lone
 * continuation bytes, 0xC0/0xC1/0xF5..0xFF).  NUL bytes are valid
 * UTF-8 and are kept.  Returns NULL only when out of memory. */
const char *st_utf8_sanitize(const char *text, size_t len,
                             st_utf8_buffer *scratch, size_t *out_len,
                             size_t *invalid, st_error *err);

void st_utf8_buffer_free(st_utf8_buffer *b);

/* Writes code point c (at most U+10FFFF) as UTF-8 into out (room for
 * four bytes); returns the bytes written. */
size_t st_utf8_encode(char *out, int32_t c);

#endif
