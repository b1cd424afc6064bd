#include "features/lead.h"

#include <string.h>

static int is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

/* The length of the sentence-ending mark at s (at most n bytes), or 0. */
static size_t sentence_mark(const char *s, size_t n)
{
    static const char *const marks[] = { ".", "!", "?", "\xD8\x9F" /* ؟ */,
                                         "\xE3\x80\x82" /* 。 */,
                                         "\xE0\xA5\xA4" /* । */ };
    for (size_t m = 0; m < sizeof marks / sizeof *marks; m++) {
        size_t k = strlen(marks[m]);
        if (k <= n && !memcmp(s, marks[m], k))
            return k;
    }
    return 0;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

size_t st_lead_length(const char *body, size_t len, int lead_chars)
{
    size_t i = 0, chars = 0, cap;

    if (lead_chars <= 0)
        return 0;
    cap = 4 * (size_t)lead_chars;
    for (; i < len && chars < (size_t)lead_chars; i++)
        chars += !is_continuation((unsigned char)body[i]);
    /* i is now just past the lead_chars-th code point's first byte: step
     * over the rest of that character. */
    while (i < len && is_continuation((unsigned char)body[i]))
        i++;
    while (i < len) {
        size_t mark;
        if (!is_continuation((unsigned char)body[i]) && chars++ == cap)
            return i;  /* cut before the character past the cap */
        if (body[i] == '\n')
            return i + 1;
        mark = sentence_mark(body + i, len - i);
        /* CJK and Devanagari marks need no space after them. */
        if (mark && (mark == 3 || i + mark == len || is_space(body[i + mark])))
            return i + mark;
        i++;
    }
    return len;
}
