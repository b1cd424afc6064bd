/*
 * Text normalisation: UTF-8 in, a sequence of code points out, in which
 * words (runs of letters and combining marks) are separated by exactly one
 * U+0020 and nothing else appears.  Everything that is not a letter or a
 * mark (digits, punctuation, symbols, controls, U+FFFD) is a boundary.
 *
 * Always applied: NFKC with Unicode case folding and removal of default
 * ignorable code points (soft hyphen, zero-width space...).  Because the
 * output is composed, NFC and NFD input give identical output; this is
 * what makes precomposed and combining Vietnamese agree.
 *
 * Switchable script rules (ST_NORM_*), applied to the decomposed text
 * before recomposition, which is what lets one mark filter do the work of
 * many character tables:
 *
 *   ARABIC    drop harakat and Quranic marks (U+064B..U+065F, U+0670,
 *             U+06D6..U+06ED) and tatweel (U+0640).  Since hamza and
 *             madda above/below are decomposed marks here, this also
 *             unifies alef forms (أ إ آ -> ا) and hamza carriers
 *             (ؤ -> و, ئ -> ي).  Alef wasla ٱ -> ا, ta marbuta ة -> ه,
 *             alef maqsura ى -> ي, Farsi yeh ی -> ي, keheh ک -> ك.
 *   YO        Cyrillic ё -> е (its diaeresis is dropped after е only,
 *             so Ukrainian ї is left alone).
 *   VI_TONES  drop the five Vietnamese tone marks (grave, acute, tilde,
 *             hook above, dot below) after a Latin letter, keeping vowel
 *             quality marks: "việt" -> "viêt".  Off by default: tones
 *             carry meaning.  It applies to all Latin text (é -> e too).
 *   ACCENTS   drop every combining mark after a Latin letter: "Müller"
 *             -> "muller".  On in the library's default configuration
 *             (features/config.c; the shipped models keep accents, see
 *             models/build).  Letters with no
 *             decomposition (đ, ø, ß after folding to "ss") are kept.
 */
#ifndef STANCE_NORMALIZE_H
#define STANCE_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "features/utf8.h"

enum {
    ST_NORM_ARABIC = 1u << 0,
    ST_NORM_YO = 1u << 1,
    ST_NORM_VI_TONES = 1u << 2,
    ST_NORM_ACCENTS = 1u << 3,
    ST_NORM_DEFAULT = ST_NORM_ARABIC | ST_NORM_YO,
    /* Not a rule: forces the slow path everywhere, for tests that check
     * the per-code-point fast path gives identical output. */
    ST_NORM_NO_FAST_PATH = 1u << 8
};

/* Reusable buffers and the fast path's table: one per thread, zero
 * initialised. */
typedef struct st_normalizer {
    st_utf8_buffer utf8;
    int32_t *cp, *seg;
    size_t cap, seg_cap;
    uint32_t *fast;
    unsigned fast_flags;
} st_normalizer;

/* Normalises text[0..len).  On success *out points into n's buffer (valid
 * until the next call) and holds *out_len code points; *invalid counts the
 * ill-formed UTF-8 bytes that were replaced.  Returns 0 or -1. */
int st_normalize(st_normalizer *n, const char *text, size_t len,
                 unsigned flags, const int32_t **out, size_t *out_len,
                 size_t *invalid, st_error *err);

void st_normalizer_free(st_normalizer *n);

#endif
