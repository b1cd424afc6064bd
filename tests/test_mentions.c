/* The mention gate's list format and matching (features/mentions.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "features/mentions.h"

static const char LIST[] =
    "# countries, leaders and acronyms\n"
    "\n"
    "nga\n"
    "putin*\n"
    "white house\n"
    "stan* zjednoczon*\n"
    "росси*\n"
    "  =الولايات المتحدة  \r\n"
    "=ロシア\n"
    "^US\n"
    "^U.S.\n"
    "^EE UU\n";

static st_mentions *parse(const char *list)
{
    st_error err;
    st_mentions *m = st_mentions_parse(list, strlen(list), "list.txt", &err);
    if (!m)
        fail_msg("%s", err.msg);
    return m;
}

/* st_mentions_find's answer, checked against its two halves on the text
 * normalised beforehand (as prediction calls them). */
static int finds(const st_mentions *m, const char *text)
{
    st_normalizer norm = { 0 };
    st_error err;
    const int32_t *cp;
    size_t n, invalid = 0;
    int rc = st_mentions_find(m, &norm, text, strlen(text), &err), halves;
    assert_true(rc >= 0);
    assert_int_equal(st_normalize(&norm, text, strlen(text), ST_NORM_DEFAULT, &cp, &n,
                                  &invalid, &err), 0);
    halves = st_mentions_find_normalised(m, cp, n) ||
             st_mentions_find_tokens(m, text, strlen(text));
    st_normalizer_free(&norm);
    assert_int_equal(halves, rc);
    return rc;
}

static void test_whole_words_and_prefixes(void **state)
{
    st_mentions *m = parse(LIST);
    (void)state;
    assert_int_equal(st_mentions_count(m), 10);
    assert_true(finds(m, "Nga và Mỹ nhất trí nối lại đàm phán"));
    assert_false(finds(m, "Ngay hôm nay trời mưa"));      /* "nga" is a whole word */
    assert_true(finds(m, "Putins Sprecher sagte"));      /* putin* */
    assert_true(finds(m, "The White House said so."));
    assert_false(finds(m, "white houses line the street"));
    assert_false(finds(m, "a white wall, a house"));     /* words in a row */
    assert_true(finds(m, "w Stanach Zjednoczonych"));    /* stan* zjednoczon* */
    assert_false(finds(m, "Stany Emirates"));
    assert_false(finds(m, "The cup final ended 2-1."));
    st_mentions_free(m);
}

static void test_normalised_like_the_text(void **state)
{
    st_mentions *m = parse(LIST);
    (void)state;
    assert_true(finds(m, "РОССИЯ И США"));               /* case folded */
    assert_true(finds(m, "«России»"));                    /* punctuation is a boundary */
    /* The pattern's ta marbuta and the text's prefix "و" (and): an =
     * pattern is found inside a word. */
    assert_true(finds(m, "قالت والولايات المتحدة"));
    assert_true(finds(m, "ロシア外務省は"));
    assert_false(finds(m, "モスクワ"));
    st_mentions_free(m);
}

static void test_tokens_keep_their_case(void **state)
{
    st_mentions *m = parse(LIST);
    (void)state;
    assert_true(finds(m, "Die US-Regierung"));
    assert_true(finds(m, "heavy rain in the southwest US"));
    assert_true(finds(m, "the U.S.-led talks"));
    assert_true(finds(m, "los EE. UU. y Europa"));
    assert_true(finds(m, "los EE.\u00a0UU. siguen"));    /* a no-break space */
    assert_true(finds(m, "\u201eder US\u201c, sagte er"));  /* quotes around */
    assert_false(finds(m, "let us go"));                  /* a case-folded "us" */
    assert_false(finds(m, "USB sticks"));                 /* a longer token */
    assert_false(finds(m, "USÁ"));
    st_mentions_free(m);
}

/* A long text is normalised in pieces; a name near its end, far past the
 * first piece, is still found. */
static void test_long_text(void **state)
{
    const char *tail = " Moscow and Putin.";
    size_t filler = 300000;
    char *text = malloc(filler + strlen(tail) + 1);
    st_mentions *m = parse(LIST);
    (void)state;
    for (size_t i = 0; i < filler; i++)
        text[i] = i % 8 == 7 ? ' ' : 'a';
    strcpy(text + filler, tail);
    assert_true(finds(m, text));
    text[filler] = '\0';
    assert_false(finds(m, text));
    free(text);
    st_mentions_free(m);
}

/* text: filler bytes (fill, repeated) with name written at offset at,
 * filler after it up to size bytes in all. */
static char *text_with(const char *fill, size_t size, size_t at, const char *name)
{
    size_t fill_len = strlen(fill), name_len = strlen(name);
    char *text = malloc(size + name_len + fill_len + 1);
    size_t n = 0;
    while (n < at)
        for (size_t i = 0; i < fill_len; i++)
            text[n++] = fill[i];
    memcpy(text + n, name, name_len);
    n += name_len;
    while (n < size)
        for (size_t i = 0; i < fill_len; i++)
            text[n++] = fill[i];
    text[n] = '\0';
    return text;
}

/* The search goes in pieces (1, 2, 4 ... KB) that overlap; a name is
 * found wherever the cuts fall, and no token is cut into a false one. */
static void test_names_across_cuts(void **state)
{
    static const char *const found[][2] = {
        { "abc de ", " white house " },
        { "abc de ", " stany zjednoczone " },
        { "abc de ", " EE UU " },
        { "漢字", "ロシア" },            /* no white space at all */
    };
    st_mentions *m = parse(LIST);
    (void)state;
    for (size_t f = 0; f < sizeof found / sizeof *found; f++)
        for (size_t at = 700; at < 3300; at++) {
            char *text = text_with(found[f][0], 8000, at, found[f][1]);
            if (!finds(m, text))
                fail_msg("\"%s\" at %zu not found", found[f][1], at);
            free(text);
        }
    for (size_t at = 700; at < 3300; at++) {
        char *text = text_with("abcdefghij", 8000, at, "US");   /* inside one long token */
        if (finds(m, text))
            fail_msg("a cut at %zu made a token of US", at);
        free(text);
    }
    st_mentions_free(m);
}

static void expect_error(const char *list, const char *message)
{
    st_error err;
    st_mentions *m = st_mentions_parse(list, strlen(list), "names.txt", &err);
    assert_null(m);
    if (!strstr(err.msg, message))
        fail_msg("expected \"%s\" in \"%s\"", message, err.msg);
}

static void test_bad_lists(void **state)
{
    (void)state;
    expect_error("putin*\n# ok\n^ÜS\n", "names.txt:3: a ^ pattern takes ASCII letters and dots only");
    expect_error("putin*\n123\n", "names.txt:2: the pattern has no letters");
    expect_error("*\n", "names.txt:1: '*' must end a word");
    expect_error("=ab*\n", "names.txt:1: '*' has no meaning");
    expect_error("kremlin\n=\n", "names.txt:2: the pattern has no letters");
    expect_error("ok\nbad \xff\n", "names.txt:2: not valid UTF-8");
    expect_error("# only comments\n\n", "names.txt: no patterns");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_words_and_prefixes),
        cmocka_unit_test(test_normalised_like_the_text),
        cmocka_unit_test(test_tokens_keep_their_case),
        cmocka_unit_test(test_long_text),
        cmocka_unit_test(test_names_across_cuts),
        cmocka_unit_test(test_bad_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
