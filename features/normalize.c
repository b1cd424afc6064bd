#include "features/normalize.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
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

/* The fast path's table entries: see normalize_text(). */
enum {
    FAST_STARTER = 1u << 31, /* decomposes to a kept non-mark starter first */
    FAST_SINGLE = 1u << 30,  /* normalises alone to one code point */
    FAST_WORD = 1u << 29,    /* is a letter or mark (not a boundary) */
    FAST_VALUE = 0x1FFFFF,
    FAST_TABLE_SIZE = 0x2070
};

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
 * ends; returns the new length.  `word` is the fast path's table, whose
 * FAST_WORD bits spare utf8proc lookups for the code points it covers. */
static size_t collapse_boundaries(int32_t *cp, size_t n, const uint32_t *word)
{
    size_t o = 0;
    bool pending_separator = false;

    for (size_t i = 0; i < n; i++) {
        int32_t c = cp[i];
        bool is_word = word && c < FAST_TABLE_SIZE ? (word[c] & FAST_WORD)
                                                   : is_word_char(c);
        if (!is_word) {
            pending_separator = o > 0;
            continue;
        }
        if (pending_separator) {
            cp[o++] = WORD_SEPARATOR;
            pending_separator = false;
        }
        cp[o++] = c;
    }
    return o;
}

static int decompose(int32_t **buf, size_t *cap, const char *text,
                     size_t len, size_t *out_len, st_error *err)
{
    const utf8proc_option_t options = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                      UTF8PROC_CASEFOLD | UTF8PROC_IGNORE |
                                      UTF8PROC_STABLE;
    for (;;) {
        utf8proc_ssize_t k = utf8proc_decompose_custom(
            (const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, *buf,
            (utf8proc_ssize_t)*cap, options, NULL, NULL);
        if (k < 0)
            return st_fail(err, "unicode normalisation failed: %s",
                           utf8proc_errmsg(k));
        if ((size_t)k <= *cap) {
            *out_len = (size_t)k;
            return 0;
        }
        if (st_reserve(buf, cap, (size_t)k, sizeof **buf, err) < 0)
            return -1;
    }
}

/* The full pipeline (decompose, script rules, recompose) over well-formed
 * text[0..len), leaving the result in n->seg; returns its length or -1. */
static utf8proc_ssize_t normalize_segment(st_normalizer *n, const char *text,
                                          size_t len, unsigned flags,
                                          st_error *err)
{
    size_t count = 0;
    utf8proc_ssize_t composed;

    if (st_reserve(&n->seg, &n->seg_cap, len + 16, sizeof *n->seg, err) < 0)
        return -1;
    if (decompose(&n->seg, &n->seg_cap, text, len, &count, err) < 0)
        return -1;
    count = apply_script_rules(n->seg, count, flags);
    composed = utf8proc_normalize_utf32(n->seg, (utf8proc_ssize_t)count,
                                        UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (composed < 0)
        return st_fail(err, "unicode composition failed: %s",
                       utf8proc_errmsg(composed));
    return composed;
}

/*
 * The fast path.  Almost all news text is letters, spaces and punctuation
 * of a few scripts whose code points normalise one at a time: the result
 * for the code point alone is its result in context, provided it starts
 * with a starter that the script rules keep (so their "last base letter"
 * and canonical composition restart there: tatweel, which the Arabic
 * rule drops, does not qualify) and the code point after it does too (so no
 * combining mark follows that could compose with it or be dropped because
 * of it).  For such code points a table built by running the full pipeline
 * on each one alone replaces utf8proc's per-character work; everything
 * else (combining sequences, compatibility expansions, ignorables, other
 * scripts) goes through the full pipeline in segments that start and end
 * at starters, which is where normalisation can be cut without changing
 * its result.  The table covers Latin, Greek, Cyrillic and Arabic and the
 * Latin Extended Additional block of Vietnamese; it leaves out Hangul and
 * the Indic scripts, whose starters compose with following starters.
 * fuzz_text and the unit tests compare both paths.
 */

static bool in_fast_range(int32_t c)
{
    return c < 0x0590 || (c >= 0x0600 && c < 0x0700) ||
           (c >= 0x1E00 && c < FAST_TABLE_SIZE);
}

static int fast_entry(st_normalizer *n, int32_t c, unsigned flags,
                      uint32_t *entry, st_error *err)
{
    utf8proc_uint8_t bytes[4];
    utf8proc_int32_t first[32];
    utf8proc_ssize_t k = utf8proc_encode_char(c, bytes), out;

    if (k <= 0 ||
        utf8proc_decompose_char(c, first, 32,
                                UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                    UTF8PROC_CASEFOLD | UTF8PROC_IGNORE |
                                    UTF8PROC_STABLE,
                                NULL) <= 0 ||
        utf8proc_get_property(first[0])->combining_class != 0 ||
        is_mark(first[0]) || apply_script_rules(first, 1, flags) == 0)
        return 0;
    *entry |= FAST_STARTER;
    if ((out = normalize_segment(n, (const char *)bytes, (size_t)k, flags,
                                 err)) < 0)
        return -1;
    if (out == 1)
        *entry |= FAST_SINGLE | (uint32_t)n->seg[0];
    return 0;
}

static int build_fast_table(st_normalizer *n, unsigned flags, st_error *err)
{
    if (n->fast && n->fast_flags == flags)
        return 0;
    if (!n->fast && !(n->fast = calloc(FAST_TABLE_SIZE, sizeof *n->fast)))
        return st_fail(err, "out of memory");
    for (int32_t c = 0; c < FAST_TABLE_SIZE; c++) {
        n->fast[c] = is_word_char(c) ? FAST_WORD : 0;
        if (in_fast_range(c) && fast_entry(n, c, flags, &n->fast[c], err) < 0) {
            free(n->fast);
            n->fast = NULL;
            return -1;
        }
    }
    n->fast_flags = flags;
    return 0;
}

/* Decodes the well-formed UTF-8 sequence at s and returns its table entry
 * (0 outside the table), storing the sequence length in *len. */
static inline uint32_t entry_at(const uint32_t *table, const unsigned char *s,
                                size_t *len)
{
    int32_t c;

    if (s[0] < 0x80) {
        *len = 1;
        return table[s[0]];
    }
    if (s[0] < 0xE0) {
        *len = 2;
        c = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    } else if (s[0] < 0xF0) {
        *len = 3;
        c = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    } else {
        *len = 4;
        return 0;
    }
    return c < FAST_TABLE_SIZE ? table[c] : 0;
}

/* Appends the full pipeline's result for text[0..len) to n->cp at *o,
 * keeping room for `ahead` more code points. */
static int append_segment(st_normalizer *n, const char *text, size_t len,
                          unsigned flags, size_t *o, size_t ahead,
                          st_error *err)
{
    utf8proc_ssize_t k = normalize_segment(n, text, len, flags, err);

    if (k < 0 ||
        st_reserve(&n->cp, &n->cap, *o + (size_t)k + ahead, sizeof *n->cp,
                   err) < 0)
        return -1;
    memcpy(n->cp + *o, n->seg, (size_t)k * sizeof *n->seg);
    *o += (size_t)k;
    return 0;
}

/* Normalises well-formed text into n->cp (before boundary collapsing),
 * returning the number of code points or -1.  n->cp has room for one
 * code point per remaining byte at every step, which is all the fast
 * path ever needs. */
static int normalize_text(st_normalizer *n, const char *text, size_t len,
                          unsigned flags, size_t *out_len, st_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t o = 0, p = 0, here, next = 0;
    uint32_t e, e_next;

    if (st_reserve(&n->cp, &n->cap, len + 16, sizeof *n->cp, err) < 0)
        return -1;
    if (flags & ST_NORM_NO_FAST_PATH || len == 0) {
        *out_len = 0;
        return len ? append_segment(n, text, len, flags, out_len, 16, err) : 0;
    }
    if (build_fast_table(n, flags, err) < 0)
        return -1;
    e = entry_at(n->fast, s, &here);
    while (p < len) {
        e_next = p + here < len ? entry_at(n->fast, s + p + here, &next)
                                : FAST_STARTER;
        if ((e & FAST_SINGLE) && (e_next & FAST_STARTER)) {
            n->cp[o++] = (int32_t)(e & FAST_VALUE);
        } else {
            size_t end = p + here;
            while (end < len && !(e_next & FAST_STARTER)) {
                end += next;
                e_next = end < len ? entry_at(n->fast, s + end, &next)
                                   : FAST_STARTER;
            }
            if (append_segment(n, text + p, end - p, flags, &o,
                               len - end + 16, err) < 0)
                return -1;
            here = end - p;
        }
        p += here;
        e = e_next;
        here = next;
    }
    *out_len = o;
    return 0;
}

int st_normalize(st_normalizer *n, const char *text, size_t len,
                 unsigned flags, const int32_t **out, size_t *out_len,
                 size_t *invalid, st_error *err)
{
    size_t clean_len, count = 0;
    const char *clean =
        st_utf8_sanitize(text, len, &n->utf8, &clean_len, invalid, err);

    if (!clean || normalize_text(n, clean, clean_len, flags, &count, err) < 0)
        return -1;
    *out = n->cp;
    *out_len = collapse_boundaries(
        n->cp, count, flags & ST_NORM_NO_FAST_PATH ? NULL : n->fast);
    return 0;
}

void st_normalizer_free(st_normalizer *n)
{
    st_utf8_buffer_free(&n->utf8);
    free(n->cp);
    free(n->seg);
    free(n->fast);
    *n = (st_normalizer){ 0 };
}
