#include "features/mentions.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "common/read_file.h"

typedef enum pattern_kind { WORDS, ANYWHERE, TOKENS } pattern_kind;

enum { FIRST_BITS = 4096 };

/* WORDS and ANYWHERE patterns are normalised code points (words joined by
 * one U+0020); TOKENS patterns are their bytes as written, one space
 * between tokens. */
typedef struct pattern {
    pattern_kind kind;
    int32_t *cp;
    size_t len;
    uint64_t prefix;    /* WORDS: bit i set when word i ends in '*' */
} pattern;

/* Each kind sorted by its first code point (byte for TOKENS), so that a
 * position of the text is compared only with the patterns that can start
 * there. */
struct st_mentions {
    pattern *p[3];
    size_t n[3];
    /* Bit (c mod FIRST_BITS) is set when a pattern of the kind may start
     * with code point c: most positions of a text start none, and this
     * skips their binary search. */
    uint64_t first[3][FIRST_BITS / 64];
};

enum { MAX_PATTERN_WORDS = 64, SPACE = 0x20 };

static void free_pattern(pattern *p) { free(p->cp); }

void st_mentions_free(st_mentions *m)
{
    if (!m)
        return;
    for (int k = 0; k < 3; k++) {
        for (size_t i = 0; i < m->n[k]; i++)
            free_pattern(&m->p[k][i]);
        free(m->p[k]);
    }
    free(m);
}

size_t st_mentions_count(const st_mentions *m)
{
    return m->n[WORDS] + m->n[ANYWHERE] + m->n[TOKENS];
}

/* ---- parsing ---------------------------------------------------------- */

typedef struct parser {
    st_normalizer norm;
    const char *name;
    size_t line;
    st_error *err;
} parser;

static int bad_line(parser *ps, const char *problem)
{
    return st_fail(ps->err, "%s:%zu: %s", ps->name, ps->line, problem);
}

/* Appends code points to p->cp. */
static int append(pattern *p, const int32_t *cp, size_t n, st_error *err)
{
    int32_t *grown = st_realloc(p->cp, (p->len + n + 1) * sizeof *grown, err);
    if (!grown)
        return -1;
    memcpy(grown + p->len, cp, n * sizeof *cp);
    p->cp = grown;
    p->len += n;
    return 0;
}

/* The normalised words of s[0..len) appended to p (after a space when p
 * has words already); returns how many words were added, -1 on failure. */
static int append_normalised(parser *ps, pattern *p, const char *s, size_t len)
{
    const int32_t *out;
    size_t out_len, invalid = 0;
    int words = 0;
    int32_t space = SPACE;

    if (st_normalize(&ps->norm, s, len, ST_NORM_DEFAULT, &out, &out_len,
                     &invalid, ps->err) < 0)
        return -1;
    if (invalid)
        return bad_line(ps, "not valid UTF-8");
    if (out_len == 0)
        return 0;
    if (p->len && append(p, &space, 1, ps->err) < 0)
        return -1;
    if (append(p, out, out_len, ps->err) < 0)
        return -1;
    for (size_t i = 0; i < out_len; i++)
        words += out[i] == SPACE;
    return words + 1;
}

static int count_words(const pattern *p)
{
    int words = p->len > 0;
    for (size_t i = 0; i < p->len; i++)
        words += p->cp[i] == SPACE;
    return words;
}

/* "white house*", "stan* zjednoczon*": each space-separated piece is
 * normalised; a final '*' marks the last word it yields as a prefix. */
static int parse_words(parser *ps, pattern *p, const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        size_t start, end;
        int star;
        while (i < len && s[i] == ' ')
            i++;
        start = i;
        while (i < len && s[i] != ' ')
            i++;
        end = i;
        if (end == start)
            break;
        star = s[end - 1] == '*';
        if (append_normalised(ps, p, s + start, end - start - (size_t)star) < 0)
            return -1;
        if (star) {
            int last = count_words(p) - 1;
            if (last < 0 || (end - start == 1))
                return bad_line(ps, "'*' must end a word");
            if (last >= MAX_PATTERN_WORDS)
                return bad_line(ps, "too many words in one pattern");
            p->prefix |= (uint64_t)1 << last;
        }
    }
    if (count_words(p) > MAX_PATTERN_WORDS)
        return bad_line(ps, "too many words in one pattern");
    return 0;
}

static int is_ascii_letter(int c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* "^US", "^EE UU": ASCII letters and dots, tokens one space apart. */
static int parse_tokens(parser *ps, pattern *p, const char *s, size_t len)
{
    int32_t space = SPACE;

    for (size_t i = 0; i < len;) {
        size_t start;
        while (i < len && s[i] == ' ')
            i++;
        start = i;
        while (i < len && s[i] != ' ') {
            if (!is_ascii_letter((unsigned char)s[i]) && s[i] != '.')
                return bad_line(ps, "a ^ pattern takes ASCII letters and dots only");
            i++;
        }
        while (i > start && s[i - 1] == '.')
            i--;    /* tokens are compared without their final dots */
        if (i == start)
            continue;
        if (p->len && append(p, &space, 1, ps->err) < 0)
            return -1;
        for (size_t k = start; k < i; k++) {
            int32_t c = (unsigned char)s[k];
            if (append(p, &c, 1, ps->err) < 0)
                return -1;
        }
        while (i < len && s[i] == '.')
            i++;
    }
    return 0;
}

static int parse_line(parser *ps, const char *s, size_t len, pattern *p)
{
    int rc;

    memset(p, 0, sizeof *p);
    if (s[0] == '^') {
        p->kind = TOKENS;
        rc = parse_tokens(ps, p, s + 1, len - 1);
    } else if (s[0] == '=') {
        p->kind = ANYWHERE;
        rc = append_normalised(ps, p, s + 1, len - 1) < 0 ? -1 : 0;
        if (rc == 0 && memchr(s + 1, '*', len - 1))
            rc = bad_line(ps, "'*' has no meaning in an = pattern");
    } else {
        p->kind = WORDS;
        rc = parse_words(ps, p, s, len);
    }
    if (rc == 0 && p->len == 0)
        rc = bad_line(ps, "the pattern has no letters");
    if (rc < 0)
        free_pattern(p);
    return rc;
}

static int add_pattern(st_mentions *m, const pattern *p, size_t *cap,
                       st_error *err)
{
    pattern **list = &m->p[p->kind];
    size_t *n = &m->n[p->kind];
    if (st_reserve(list, &cap[p->kind], *n + 1, sizeof **list, err) < 0)
        return -1;
    (*list)[(*n)++] = *p;
    return 0;
}

static int by_first(const void *a, const void *b)
{
    int32_t x = ((const pattern *)a)->cp[0], y = ((const pattern *)b)->cp[0];
    return (x > y) - (x < y);
}

static void set_first(st_mentions *m, int kind, int32_t c)
{
    uint32_t bit = (uint32_t)c % FIRST_BITS;
    m->first[kind][bit / 64] |= (uint64_t)1 << (bit % 64);
}

static int may_start(const st_mentions *m, int kind, int32_t c)
{
    uint32_t bit = (uint32_t)c % FIRST_BITS;
    return (int)(m->first[kind][bit / 64] >> (bit % 64) & 1);
}

/* The line [s, end) without its newline, carriage return and the white
 * space around it. */
static void trim(const char **s, const char **end)
{
    while (*s < *end && (**s == ' ' || **s == '\t'))
        (*s)++;
    while (*end > *s && ((*end)[-1] == ' ' || (*end)[-1] == '\t' ||
                         (*end)[-1] == '\r'))
        (*end)--;
}

st_mentions *st_mentions_parse(const char *text, size_t len, const char *name,
                               st_error *err)
{
    parser ps = { .name = name, .err = err };
    size_t cap[3] = { 0, 0, 0 };
    const char *at = text, *stop = text + len;
    st_mentions *m = st_calloc(1, sizeof *m, err);

    if (!m)
        return NULL;
    while (at < stop) {
        const char *nl = memchr(at, '\n', (size_t)(stop - at));
        const char *end = nl ? nl : stop, *s = at;
        pattern p;
        ps.line++;
        at = nl ? nl + 1 : stop;
        trim(&s, &end);
        if (s == end || *s == '#')
            continue;
        if (memchr(s, '\0', (size_t)(end - s))) {
            bad_line(&ps, "a NUL byte");
            goto fail;
        }
        if (parse_line(&ps, s, (size_t)(end - s), &p) < 0)
            goto fail;
        if (add_pattern(m, &p, cap, err) < 0) {
            free_pattern(&p);
            goto fail;
        }
    }
    if (st_mentions_count(m) == 0) {
        st_fail(err, "%s: no patterns (a list that names nothing would take "
                "every text for one about something else)", name);
        goto fail;
    }
    for (int k = 0; k < 3; k++) {
        if (m->n[k])
            qsort(m->p[k], m->n[k], sizeof *m->p[k], by_first);
        for (size_t i = 0; i < m->n[k]; i++)
            set_first(m, k, m->p[k][i].cp[0]);
    }
    st_normalizer_free(&ps.norm);
    return m;
fail:
    st_normalizer_free(&ps.norm);
    st_mentions_free(m);
    return NULL;
}

/* ---- matching --------------------------------------------------------- */

/* The first pattern of list[0..n) that starts with c, or n. */
static size_t first_starting(const pattern *list, size_t n, int32_t c)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (list[mid].cp[0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Does WORDS pattern p match the words of t[0..n) from word start at? */
static int words_match(const pattern *p, const int32_t *t, size_t n, size_t at)
{
    size_t i = 0;
    int word = 0;

    while (i < p->len) {
        size_t w = i, q;
        while (w < p->len && p->cp[w] != SPACE)
            w++;
        if (at + (w - i) > n || memcmp(t + at, p->cp + i, (w - i) * sizeof *t))
            return 0;
        q = at + (w - i);
        if (p->prefix >> word & 1)
            while (q < n && t[q] != SPACE)
                q++;
        else if (q < n && t[q] != SPACE)
            return 0;
        if (w == p->len)
            return 1;
        if (q == n)
            return 0;
        at = q + 1;
        i = w + 1;
        word++;
    }
    return 1;
}

static int normalised_match(const st_mentions *m, const int32_t *t, size_t n)
{
    const pattern *words = m->p[WORDS], *any = m->p[ANYWHERE];

    for (size_t at = 0; at < n; at++) {
        int32_t c = t[at];
        if (c == SPACE)
            continue;
        if ((at == 0 || t[at - 1] == SPACE) && may_start(m, WORDS, c))
            for (size_t i = first_starting(words, m->n[WORDS], c);
                 i < m->n[WORDS] && words[i].cp[0] == c; i++)
                if (words_match(&words[i], t, n, at))
                    return 1;
        if (!may_start(m, ANYWHERE, c))
            continue;
        for (size_t i = first_starting(any, m->n[ANYWHERE], c);
             i < m->n[ANYWHERE] && any[i].cp[0] == c; i++)
            if (at + any[i].len <= n &&
                !memcmp(t + at, any[i].cp, any[i].len * sizeof *t))
                return 1;
    }
    return 0;
}

/* The length of the character at s[i] (at most len - i bytes) when it
 * belongs to a token: an ASCII letter or a dot, or any other letter or
 * mark (so that "USÁ" is one token and no "US"); 0 when it separates
 * tokens (white space, punctuation, digits, ill-formed bytes). */
static size_t token_char(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    utf8proc_int32_t cp;
    utf8proc_ssize_t n;

    if (c < 0x80)
        return is_ascii_letter(c) || c == '.';
    n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                         (utf8proc_ssize_t)(len - i), &cp);
    if (n <= 0)
        return 0;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return (size_t)n;
    default:
        return 0;
    }
}

/* The token of s[0..len) starting at i: its end, and in *core the end
 * without final dots. */
static size_t token_end(const char *s, size_t len, size_t i, size_t *core)
{
    size_t end = i, n;
    while (end < len && (n = token_char(s, len, end)) > 0)
        end += n;
    *core = end;
    while (*core > i && s[*core - 1] == '.')
        (*core)--;
    return end;
}

/* The start of the next token at or after i, or len. */
static size_t next_token(const char *s, size_t len, size_t i)
{
    while (i < len && !token_char(s, len, i))
        i++;
    return i;
}

/* Does TOKENS pattern p match the tokens of s from token start i? */
static int tokens_match(const pattern *p, const char *s, size_t len, size_t i)
{
    size_t k = 0;

    for (;;) {
        size_t core, end = token_end(s, len, i, &core), w = k;
        while (w < p->len && p->cp[w] != SPACE)
            w++;
        if (core - i != w - k)
            return 0;
        for (size_t j = 0; j < w - k; j++)
            if ((unsigned char)s[i + j] != p->cp[k + j])
                return 0;
        if (w == p->len)
            return 1;
        k = w + 1;
        i = next_token(s, len, end);
        if (i == len)
            return 0;
    }
}

/* Does a TOKENS pattern match from a token that starts in [*at, to)?
 * *at is where the previous call stopped (0 at first), always a token's
 * start or a separator, so that each token is tried once and whole. */
static int token_match(const st_mentions *m, const char *s, size_t len,
                       size_t *at, size_t to)
{
    const pattern *list = m->p[TOKENS];
    size_t i;

    for (i = next_token(s, len, *at); i < to; i = next_token(s, len, i)) {
        size_t core, end = token_end(s, len, i, &core);
        if (!may_start(m, TOKENS, (unsigned char)s[i])) {
            i = end;
            continue;
        }
        for (size_t k = first_starting(list, m->n[TOKENS], (unsigned char)s[i]);
             k < m->n[TOKENS] && list[k].cp[0] == (unsigned char)s[i]; k++)
            if (tokens_match(&list[k], s, len, i))
                return 1;
        i = end;
    }
    *at = i;
    return 0;
}

int st_mentions_find_normalised(const st_mentions *m, const int32_t *cp, size_t n)
{
    return normalised_match(m, cp, n);
}

int st_mentions_find_tokens(const st_mentions *m, const char *text, size_t len)
{
    size_t at = 0;
    return m->n[TOKENS] > 0 && token_match(m, text, len, &at, len);
}

/* Texts are normalised in pieces: the first of about FIRST_PIECE_BYTES,
 * each next one twice as long, up to PIECE_BYTES.  An article that is
 * about the two countries nearly always names one in its title or first
 * lines, so the search usually ends after normalising a kilobyte instead
 * of the whole text (normalising is most of the gate's cost); the cap
 * keeps the scratch bounded whatever the text's size. */
#define FIRST_PIECE_BYTES (1u << 10)
#define PIECE_BYTES (64u << 10)

/* Each piece after the first starts this many bytes before the end of the
 * one before it, so that a name cut by that end is found whole in the
 * next piece: the longest of data/mentions.txt is under 40 bytes. */
#define OVERLAP_BYTES 128u

static int is_space(char c) { return c == ' ' || c == '\n' || c == '\t'; }

/* Where a piece of at most limit bytes starting at s ends: at the last
 * white space before the limit, failing that before a UTF-8 lead byte. */
static size_t piece_end(const char *s, size_t len, size_t limit)
{
    size_t end;
    if (len <= limit)
        return len;
    for (end = limit; end > limit / 2; end--)
        if (is_space(s[end]))
            return end;
    for (end = limit; end > limit - 4; end--)
        if (((unsigned char)s[end] & 0xC0) != 0x80)
            return end;
    return limit;
}

/* Where the piece after the one ending at end starts: at the first white
 * space of its last OVERLAP_BYTES, failing that (a script written without
 * spaces) at the first character that begins there. */
static size_t next_piece(const char *s, size_t end)
{
    size_t from = end - OVERLAP_BYTES, at = from;
    while (at < end && !is_space(s[at]))
        at++;
    if (at < end)
        return at;
    for (at = from; at < end && ((unsigned char)s[at] & 0xC0) == 0x80; at++)
        ;
    return at;
}

int st_mentions_find(const st_mentions *m, st_normalizer *norm,
                     const char *text, size_t len, st_error *err)
{
    size_t start = 0, limit = FIRST_PIECE_BYTES, token_at = 0;

    while (start < len) {
        size_t end = start + piece_end(text + start, len - start, limit);
        if (m->n[TOKENS] && token_match(m, text, len, &token_at, end))
            return 1;
        if (m->n[WORDS] || m->n[ANYWHERE]) {
            size_t cp_len, invalid = 0;
            const int32_t *cp;
            if (st_normalize(norm, text + start, end - start, ST_NORM_DEFAULT,
                             &cp, &cp_len, &invalid, err) < 0)
                return -1;
            if (normalised_match(m, cp, cp_len))
                return 1;
        }
        if (end == len)
            break;
        start += next_piece(text + start, end - start);
        limit = limit < PIECE_BYTES ? 2 * limit : PIECE_BYTES;
    }
    return 0;
}

int st_mentions_find_extracted(const st_mentions *m, const st_extractor *x,
                               const st_text_stats *stats, st_normalizer *norm,
                               const char *text, size_t len, st_error *err)
{
    size_t cp_len;
    const int32_t *cp = st_extractor_text(x, &cp_len);

    if (st_extractor_norm(x) == ST_NORM_DEFAULT && stats->code_points == cp_len)
        return st_mentions_find_normalised(m, cp, cp_len) ||
               st_mentions_find_tokens(m, text, len);
    return st_mentions_find(m, norm, text, len, err);
}

int st_mentions_read_file(const char *path, char **text, size_t *len, st_error *err)
{
    size_t cap = 0;
    st_mentions *parsed;
    FILE *f = fopen(path, "rb");
    int rc;

    *text = NULL;
    if (!f)
        return st_fail(err, "%s: cannot open mention list: %s", path, strerror(errno));
    rc = st_read_stream(f, path, text, &cap, len, err);
    fclose(f);
    if (rc == 0 && !(parsed = st_mentions_parse(*text, *len, path, err)))
        rc = -1;
    else if (rc == 0)
        st_mentions_free(parsed);
    if (rc < 0) {
        free(*text);
        *text = NULL;
    }
    return rc;
}
