/* Metrics against values computed by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "eval/evaluation.h"

static void test_hand_computed_three_classes(void **state)
{
    /* truth:     a a a a b b c c
     * predicted: a a b a b a a a   -> c never predicted */
    const int truth[] = { 0, 0, 0, 0, 1, 1, 2, 2 };
    const int pred[] = { 0, 0, 1, 0, 1, 0, 0, 0 };
    st_confusion c;
    st_scores s = { 0 };
    st_error err;
    (void)state;
    assert_int_equal(st_confusion_init(&c, 3, &err), 0);
    for (int i = 0; i < 8; i++)
        st_confusion_add(&c, truth[i], pred[i]);
    assert_int_equal(st_confusion_at(&c, 0, 1), 1);
    assert_int_equal(st_confusion_at(&c, 2, 0), 2);
    assert_int_equal(st_scores_compute(&c, &s, &err), 0);
    assert_int_equal(s.total, 8);
    assert_float_equal(s.accuracy, 4.0 / 8, 1e-12);
    /* a: predicted 6 times, 3 right; 4 true. */
    assert_float_equal(s.cls[0].precision, 3.0 / 6, 1e-12);
    assert_float_equal(s.cls[0].recall, 3.0 / 4, 1e-12);
    assert_float_equal(s.cls[0].f1, 2 * 0.5 * 0.75 / 1.25, 1e-12);
    /* b: predicted 2, 1 right; 2 true. */
    assert_float_equal(s.cls[1].precision, 0.5, 1e-12);
    assert_float_equal(s.cls[1].recall, 0.5, 1e-12);
    /* c: never predicted: precision, recall and F1 are 0, not NaN. */
    assert_float_equal(s.cls[2].precision, 0, 0);
    assert_float_equal(s.cls[2].recall, 0, 0);
    assert_float_equal(s.cls[2].f1, 0, 0);
    assert_float_equal(s.macro.f1, (0.6 + 0.5 + 0) / 3, 1e-12);
    assert_float_equal(s.weighted.f1, (0.6 * 4 + 0.5 * 2 + 0) / 8, 1e-12);
    assert_float_equal(s.macro.precision, (0.5 + 0.5 + 0) / 3, 1e-12);
    assert_int_equal(s.nmacro, 3);
    st_scores_free(&s);
    st_confusion_free(&c);
}

/* A label neither true nor predicted (neutral, evaluating a three-label
 * model on warming/cooling items) is left out of the macro average. */
static void test_macro_leaves_out_absent_labels(void **state)
{
    st_confusion c;
    st_scores s = { 0 };
    st_error err;
    (void)state;
    assert_int_equal(st_confusion_init(&c, 3, &err), 0);
    st_confusion_add(&c, 0, 0);
    st_confusion_add(&c, 0, 1);
    st_confusion_add(&c, 1, 1);
    st_confusion_add(&c, 1, 1);
    assert_int_equal(st_scores_compute(&c, &s, &err), 0);
    assert_int_equal(s.nmacro, 2);
    /* class 0: p 1, r 0.5, f1 2/3; class 1: p 2/3, r 1, f1 0.8. */
    assert_float_equal(s.macro.f1, (2.0 / 3 + 0.8) / 2, 1e-12);
    assert_float_equal(s.macro.precision, (1 + 2.0 / 3) / 2, 1e-12);
    /* Predicted but never true: it counts (a wrong answer is information). */
    st_confusion_add(&c, 1, 2);
    assert_int_equal(st_scores_compute(&c, &s, &err), 0);   /* recomputed */
    assert_int_equal(s.nmacro, 3);
    st_scores_free(&s);
    st_confusion_free(&c);
}

static void test_evaluation_groups_unknown_and_mistakes(void **state)
{
    st_evaluation e;
    st_labels labels;
    st_error err;
    double prob[2];
    st_scored_record it = { .prob = prob };
    (void)state;
    assert_int_equal(st_labels_parse(&labels, "warming,cooling", &err), 0);
    assert_int_equal(st_evaluation_init(&e, &labels, &err), 0);
    it.id = "x1"; it.lang = "en"; it.label = "warming"; it.predicted = 0;
    prob[0] = 0.9; prob[1] = 0.1;
    assert_int_equal(st_evaluation_add(&e, &it, &err), 0);
    it.id = "x2"; it.lang = "ru"; it.label = "cooling"; it.predicted = 0;
    prob[0] = 0.8; prob[1] = 0.2;
    assert_int_equal(st_evaluation_add(&e, &it, &err), 0);
    it.id = "x3"; it.label = "neutral";
    assert_int_equal(st_evaluation_add(&e, &it, &err), 0);
    it.id = "x4"; it.label = NULL;
    assert_int_equal(st_evaluation_add(&e, &it, &err), 0);
    assert_int_equal(st_evaluation_finish(&e, &err), 0);
    assert_int_equal(e.all.scores.total, 2);
    assert_int_equal(e.ngroups, 2);
    assert_string_equal(e.lang[1].name, "ru");
    assert_float_equal(e.lang[1].scores.accuracy, 0, 0);
    assert_int_equal(e.nunknown, 1);
    assert_string_equal(e.unknown[0].name, "neutral");
    assert_int_equal(e.unknown[0].count, 1);
    assert_int_equal(e.unlabelled, 1);
    assert_int_equal(e.nmistakes, 1);
    assert_string_equal(e.mistakes[0].id, "x2");
    assert_float_equal(e.logloss, (-log(0.9) - log(0.2)) / 2, 1e-12);
    /* Bins 0.8-0.9 and 0.9-1.0, one record each. */
    assert_int_equal(e.bin_count[8], 1);
    assert_int_equal(e.bin_count[9], 1);
    assert_float_equal(e.ece, (0.1 + 0.8) / 2, 1e-12);
    st_evaluation_free(&e);
}

/* Languages and unknown labels are counted however many there are (the
 * arrays grow); past ST_EVAL_UNKNOWN distinct unknown labels, the rest are
 * counted together. */
static void test_evaluation_grows_with_languages(void **state)
{
    st_evaluation e;
    st_labels labels;
    st_error err;
    double prob[2] = { 0.7, 0.3 };
    st_scored_record it = { .prob = prob, .label = "warming" };
    char lang[16], label[16];
    (void)state;
    assert_int_equal(st_labels_parse(&labels, "warming,cooling", &err), 0);
    assert_int_equal(st_evaluation_init(&e, &labels, &err), 0);
    for (int i = 0; i < 100; i++) {
        snprintf(lang, sizeof lang, "l%d", i);
        snprintf(label, sizeof label, "other%d", i);
        it.id = lang; it.lang = lang; it.label = "warming";
        assert_int_equal(st_evaluation_add(&e, &it, &err), 0);
        it.label = label;
        assert_int_equal(st_evaluation_add(&e, &it, &err), 0);
    }
    assert_int_equal(st_evaluation_finish(&e, &err), 0);
    assert_int_equal(e.ngroups, 100);
    assert_string_equal(e.lang[99].name, "l99");
    assert_int_equal(e.lang[99].scores.total, 1);
    assert_int_equal(e.all.scores.total, 100);
    assert_int_equal(e.nunknown, ST_EVAL_UNKNOWN);
    assert_int_equal(e.unknown_other, 100 - ST_EVAL_UNKNOWN);
    st_evaluation_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_computed_three_classes),
        cmocka_unit_test(test_macro_leaves_out_absent_labels),
        cmocka_unit_test(test_evaluation_groups_unknown_and_mistakes),
        cmocka_unit_test(test_evaluation_grows_with_languages),
    };
    return cmocka_run_group_tests_name("metrics", tests, NULL, NULL);
}
