#include "features/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "features/normalize.h"

/* The defaults are the settings of the shipped model, chosen by repeated
 * cross-validated macro-F1 on the training corpus (models/README.md has the
 * table): every other setting tried scored within noise of these, and
 * these are the cheapest to compute and store. */
void st_feature_config_default(st_feature_config *c)
{
    c->char_min = 3;
    c->char_max = 5;
    c->word_max = 1;
    c->hash_bits = 18;
    c->signed_hash = 1;
    c->tf = ST_TF_SUBLINEAR;
    c->idf = 1;
    c->norm = ST_NORM_DEFAULT | ST_NORM_ACCENTS;
    c->lead_chars = 0;
    c->lead_weight = 1.0f;
}

int st_feature_config_check(const st_feature_config *c, st_error *err)
{
    if (c->hash_bits < ST_HASH_BITS_MIN || c->hash_bits > ST_HASH_BITS_MAX)
        return st_fail(err, "hash bits must be between %d and %d, not %d",
                       ST_HASH_BITS_MIN, ST_HASH_BITS_MAX, c->hash_bits);
    if (c->char_min < 0 || c->char_max > ST_NGRAM_MAX ||
        c->char_min > c->char_max || (c->char_min == 0) != (c->char_max == 0))
        return st_fail(err, "character n-gram range %d-%d is invalid "
                       "(use 1..%d, low <= high, or off)",
                       c->char_min, c->char_max, ST_NGRAM_MAX);
    if (c->word_max < 0 || c->word_max > 2)
        return st_fail(err, "word n-grams must be 0, 1 or 2, not %d",
                       c->word_max);
    if (c->char_max == 0 && c->word_max == 0)
        return st_fail(err, "no features: both character and word n-grams "
                       "are off");
    if (c->tf != ST_TF_RAW && c->tf != ST_TF_BINARY && c->tf != ST_TF_SUBLINEAR)
        return st_fail(err, "unknown term-frequency mode %d", (int)c->tf);
    if (c->norm & ~(unsigned)(ST_NORM_ARABIC | ST_NORM_YO | ST_NORM_VI_TONES |
                              ST_NORM_ACCENTS))
        return st_fail(err, "unknown normalisation flags 0x%x", c->norm);
    if (c->lead_chars < 0 || c->lead_chars > ST_LEAD_CHARS_MAX)
        return st_fail(err, "lead must be from 0 (off) to %d code points, not %d",
                       ST_LEAD_CHARS_MAX, c->lead_chars);
    /* !(x > 0) also refuses NaN. */
    if (!(c->lead_weight > 0) || c->lead_weight > ST_LEAD_WEIGHT_MAX)
        return st_fail(err, "lead-weight must be above 0 and at most %g, not %g",
                       (double)ST_LEAD_WEIGHT_MAX, (double)c->lead_weight);
    return 0;
}

static int parse_int(const char *key, const char *s, int lo, int hi, int *out,
                     st_error *err)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi)
        return st_fail(err, "%s: expected a whole number from %d to %d, "
                       "got '%s'", key, lo, hi, s);
    *out = (int)v;
    return 0;
}

static int parse_weight(const char *key, const char *s, float *out, st_error *err)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v > 0) || v > ST_LEAD_WEIGHT_MAX)
        return st_fail(err, "%s: expected a number above 0 and at most %g, "
                       "got '%s'", key, (double)ST_LEAD_WEIGHT_MAX, s);
    *out = (float)v;
    return 0;
}

static int parse_flag(const char *key, const char *s, const char *on,
                      const char *off, unsigned bit, unsigned *flags,
                      st_error *err)
{
    if (!strcmp(s, on) || !strcmp(s, "1"))
        *flags |= bit;
    else if (!strcmp(s, off) || !strcmp(s, "0"))
        *flags &= ~bit;
    else
        return st_fail(err, "%s: expected %s or %s, got '%s'", key, on, off, s);
    return 0;
}

static int parse_range(const char *s, int *lo, int *hi, st_error *err)
{
    int a, b, used = 0;
    if (!strcmp(s, "off")) {
        *lo = *hi = 0;
        return 0;
    }
    if (!(sscanf(s, "%d-%d%n", &a, &b, &used) == 2 && s[used] == '\0') &&
        !(sscanf(s, "%d%n", &a, &used) == 1 && s[used] == '\0' && (b = a, 1)))
        return st_fail(err, "char: expected a range like 2-5, got '%s'", s);
    /* 0 is not a length: "char=0-0" meaning off would hide a typo; off is
     * spelled "off". */
    if (a < 1 || b < a || b > ST_NGRAM_MAX)
        return st_fail(err, "char: lengths run from 1 to %d, low before high, "
                       "or 'off'; got '%s'", ST_NGRAM_MAX, s);
    *lo = a;
    *hi = b;
    return 0;
}

int st_feature_config_set(st_feature_config *c, const char *key,
                          const char *value, st_error *err)
{
    if (!strcmp(key, "char"))
        return parse_range(value, &c->char_min, &c->char_max, err);
    if (!strcmp(key, "word"))
        return parse_int(key, value, 0, 2, &c->word_max, err);
    if (!strcmp(key, "bits"))
        return parse_int(key, value, ST_HASH_BITS_MIN, ST_HASH_BITS_MAX,
                         &c->hash_bits, err);
    if (!strcmp(key, "signed"))
        return parse_int(key, value, 0, 1, &c->signed_hash, err);
    if (!strcmp(key, "idf"))
        return parse_int(key, value, 0, 1, &c->idf, err);
    if (!strcmp(key, "tf")) {
        if (!strcmp(value, "raw")) c->tf = ST_TF_RAW;
        else if (!strcmp(value, "binary")) c->tf = ST_TF_BINARY;
        else if (!strcmp(value, "sublinear")) c->tf = ST_TF_SUBLINEAR;
        else return st_fail(err, "tf: expected raw, binary or sublinear, "
                            "got '%s'", value);
        return 0;
    }
    if (!strcmp(key, "arabic"))
        return parse_flag(key, value, "1", "0", ST_NORM_ARABIC, &c->norm, err);
    if (!strcmp(key, "yo"))
        return parse_flag(key, value, "1", "0", ST_NORM_YO, &c->norm, err);
    if (!strcmp(key, "vi-tones"))
        return parse_flag(key, value, "strip", "keep", ST_NORM_VI_TONES,
                          &c->norm, err);
    if (!strcmp(key, "accents"))
        return parse_flag(key, value, "strip", "keep", ST_NORM_ACCENTS,
                          &c->norm, err);
    if (!strcmp(key, "lead"))
        return parse_int(key, value, 0, ST_LEAD_CHARS_MAX, &c->lead_chars, err);
    if (!strcmp(key, "lead-weight"))
        return parse_weight(key, value, &c->lead_weight, err);
    return st_fail(err, "unknown feature setting '%s' (known: char, word, "
                   "bits, signed, tf, idf, arabic, yo, vi-tones, accents, "
                   "lead, lead-weight)", key);
}

int st_feature_config_parse(st_feature_config *c, const char *setting,
                            st_error *err)
{
    char key[32];
    const char *eq = strchr(setting, '=');
    if (!eq || eq == setting || (size_t)(eq - setting) >= sizeof key)
        return st_fail(err, "expected KEY=VALUE, got '%s'", setting);
    memcpy(key, setting, (size_t)(eq - setting));
    key[eq - setting] = '\0';
    return st_feature_config_set(c, key, eq + 1, err);
}

void st_feature_config_describe(const st_feature_config *c, char *buf,
                                size_t size)
{
    static const char *tf_names[] = { "raw", "binary", "sublinear" };
    char chars[16];
    int used;
    if (c->char_max)
        snprintf(chars, sizeof chars, "%d-%d", c->char_min, c->char_max);
    else
        snprintf(chars, sizeof chars, "off");
    used = snprintf(buf, size,
             "char=%s word=%d bits=%d signed=%d tf=%s idf=%d arabic=%d yo=%d "
             "vi-tones=%s accents=%s",
             chars, c->word_max, c->hash_bits, c->signed_hash,
             tf_names[c->tf], c->idf, !!(c->norm & ST_NORM_ARABIC),
             !!(c->norm & ST_NORM_YO),
             (c->norm & ST_NORM_VI_TONES) ? "strip" : "keep",
             (c->norm & ST_NORM_ACCENTS) ? "strip" : "keep");
    if (c->lead_chars > 0 && used > 0 && (size_t)used < size)
        snprintf(buf + used, size - (size_t)used, " lead=%d lead-weight=%g",
                 c->lead_chars, (double)c->lead_weight);
}
