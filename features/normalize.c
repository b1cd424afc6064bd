#include "features/normalize.h"

#include <stdbool.h>
#include <stdlib.h>
#include <utf8proc.h>

#define WORD_SEPARATOR 0x20

static bool is_arabic_mark(int32_t c)
{
    return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 ||
           (c >= 0x06D6 && c <= 0x06ED && c != 0x06DD && c != 0x06DE &&
            c != 0x06E5 && c != 0x06E6 && c != 0x06E9);
}

static int32_t arabic_letter_variant(int32_t c)
{
    switch (c) {
    case 0x0671: return 0x0627; /* alef wasla -> alef */
    case 0x0629: return 0x0647; /* ta marbuta -> ha */
    case 0x0649: return 0x064A; /* alef maqsura -> ya */
    case 0x06CC: return 0x064A; /* farsi yeh -> ya */
    case 0x06A9: return 0x0643; /* keheh -> kaf */
    default: return c;
    }
}

static bool is_latin_letter(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F) ||
           (c >= 0x1E00 && c <= 0x1EFF);
}

static bool is_vietnamese_tone(int32_t c)
{
    return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 ||
           c == 0x0323;
}

static bool is_mark(int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
           cat == UTF8PROC_CATEGORY_ME;
}

static bool is_word_char(int32_t c)
{
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return true;
    default:
        return false;
    }
}

/* Applies the script rules to decomposed text in place; returns the new
 * length.  `base` is the last non-mark code point, which decides whether
 * a mark belongs to a Latin or a Cyrillic letter. */
static size_t apply_script_rules(int32_t *cp, size_t n, unsigned flags)
{
    int32_t base = 0;
    size_t o = 0;

    for (size_t i = 0; i < n; i++) {
        int32_t c = cp[i];
        if (c < 0x80) {
            base = c;
            cp[o++] = c;
            continue;
        }
        if (flags & ST_NORM_ARABIC) {
            if (is_arabic_mark(c))
                continue;
            c = arabic_letter_variant(c);
        }
        if (c >= 0x0300 && c <= 0x036F) {
            if ((flags & ST_NORM_YO) && c == 0x0308 && base == 0x0435)
                continue;
            if ((flags & ST_NORM_VI_TONES) && is_latin_letter(base) &&
                is_vietnamese_tone(c))
                continue;
        }
        if ((flags & ST_NORM_ACCENTS) && is_latin_letter(base) && is_mark(c))
            continue;
        if (!is_mark(c))
            base = c;
        cp[o++] = c;
    }
    return o;
}

/* Maps every non-word code point to a single separator, trimming both
 * ends; returns the new length. */
static size_t collapse_boundaries(int32_t *cp, size_t n)
{
    size_t o = 0;
    bool pending_separator = false;

    for (size_t i = 0; i < n; i++) {
        if (!is_word_char(cp[i])) {
            pending_separator = o > 0;
            continue;
        }
        if (pending_separator) {
            cp[o++] = WORD_SEPARATOR;
            pending_separator = false;
        }
        cp[o++] = cp[i];
    }
    return o;
}

static int decompose(st_normalizer *n, const char *text, size_t len,
                     size_t *out_len, st_error *err)
{
    const utf8proc_option_t options = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                      UTF8PROC_CASEFOLD | UTF8PROC_IGNORE |
                                      UTF8PROC_STABLE;
    for (;;) {
        utf8proc_ssize_t k = utf8proc_decompose_custom(
            (const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, n->cp,
            (utf8proc_ssize_t)n->cap, options, NULL, NULL);
        if (k < 0)
            return st_fail(err, "unicode normalisation failed: %s",
                           utf8proc_errmsg(k));
        if ((size_t)k <= n->cap) {
            *out_len = (size_t)k;
            return 0;
        }
        if (st_reserve(&n->cp, &n->cap, (size_t)k, sizeof *n->cp, err) < 0)
            return -1;
    }
}

int st_normalize(st_normalizer *n, const char *text, size_t len,
                 unsigned flags, const int32_t **out, size_t *out_len,
                 size_t *invalid, st_error *err)
{
    size_t clean_len, count = 0;
    utf8proc_ssize_t composed;
    const char *clean =
        st_utf8_sanitize(text, len, &n->utf8, &clean_len, invalid, err);

    if (!clean)
        return -1;
    if (st_reserve(&n->cp, &n->cap, clean_len + 16, sizeof *n->cp, err) < 0)
        return -1;
    if (decompose(n, clean, clean_len, &count, err) < 0)
        return -1;
    count = apply_script_rules(n->cp, count, flags);
    composed = utf8proc_normalize_utf32(n->cp, (utf8proc_ssize_t)count,
                                        UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (composed < 0)
        return st_fail(err, "unicode composition failed: %s",
                       utf8proc_errmsg(composed));
    *out = n->cp;
    *out_len = collapse_boundaries(n->cp, (size_t)composed);
    return 0;
}

void st_normalizer_free(st_normalizer *n)
{
    st_utf8_buffer_free(&n->utf8);
    free(n->cp);
    n->cp = NULL;
    n->cap = 0;
}
