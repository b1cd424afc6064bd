/* The public API (lib/stance.h), used as a program outside the library
 * would use it: nothing but stance.h is included. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/stance.h"
#include "tests/helpers.h"

static stance_model *shipped(void)
{
    stance_error err;
    stance_model *m = stance_model_load(source_path("models/stance.model"), &err);
    if (!m)
        fail_msg("%s", err.message);
    return m;
}

static void test_model_describes_itself(void **state)
{
    stance_model *m = shipped();
    (void)state;
    assert_int_equal(stance_model_label_count(m), 3);
    assert_string_equal(stance_model_label(m, 0), "warming");
    assert_string_equal(stance_model_label(m, 2), "neutral");
    assert_null(stance_model_label(m, 3));
    assert_null(stance_model_label(m, -1));
    assert_non_null(strstr(stance_model_settings(m), "char=1-5"));
    assert_non_null(strstr(stance_model_info(m), "train"));
    assert_non_null(strchr(stance_version(), '.'));
    stance_model_free(m);
}

static void test_load_errors_name_the_file(void **state)
{
    stance_error err;
    const char *junk = temp_file(0, ".model", "not a model at all", 18);
    (void)state;
    assert_null(stance_model_load("/nonexistent/x.model", &err));
    assert_non_null(strstr(err.message, "/nonexistent/x.model"));
    assert_null(stance_model_load(junk, &err));
    assert_non_null(strstr(err.message, junk));
    assert_null(stance_model_load(junk, NULL));  /* err may be NULL */
}

static void test_label_is_the_most_probable(void **state)
{
    stance_error err;
    stance_model *m = shipped();
    stance_labeller *l = stance_labeller_new(m, &err);
    const char *texts[] = {
        "Moscow and Washington agree to exchange prisoners and reopen consulates",
        "Washington imposes new sanctions on Russian banks",
        "The cup final ended 2-1 after extra time",
    };
    (void)state;
    assert_non_null(l);
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        double prob[STANCE_MAX_LABELS], again[STANCE_MAX_LABELS], score, sum = 0;
        int label = stance_label(l, NULL, texts[t], prob, &score, &err);
        assert_in_range(label, 0, 2);
        for (int c = 0; c < 3; c++) {
            sum += prob[c];
            assert_true(prob[c] <= prob[label]);
        }
        assert_true(fabs(sum - 1) < 1e-9);
        /* For three labels, the pair (label, runner-up)'s decision value,
         * oriented toward the label: a confident label's machine agrees with
         * it; in a close call calibration can tip the other way. */
        assert_true(isfinite(score));
        if (prob[label] > 0.7)
            assert_true(score > 0);
        /* Scratch reuse changes nothing. */
        assert_int_equal(stance_label(l, NULL, texts[t], again, NULL, &err), label);
        assert_memory_equal(prob, again, 3 * sizeof *prob);
    }
    /* The unrelated item is neutral (it names neither country: the
     * shipped model's mention gate leaves its directions a tenth); the
     * two others are not. */
    {
        double prob[STANCE_MAX_LABELS];
        assert_string_equal(stance_model_label(m, stance_label(l, NULL, texts[2], prob, NULL, &err)),
                            "neutral");
        assert_true(prob[2] >= 0.9);
    }
    stance_labeller_free(l);
    stance_model_free(m);
}

static void test_title_is_read_before_the_text(void **state)
{
    stance_error err;
    stance_model *m = shipped();
    stance_labeller *l = stance_labeller_new(m, &err);
    double a[STANCE_MAX_LABELS], b[STANCE_MAX_LABELS];
    (void)state;
    stance_label(l, "Talks resume", "The delegations met in Geneva.", a, NULL, &err);
    stance_label(l, NULL, "Talks resume\nThe delegations met in Geneva.", b, NULL, &err);
    assert_memory_equal(a, b, 3 * sizeof *a);
    stance_label(l, "", "The delegations met in Geneva.", a, NULL, &err);
    stance_label(l, NULL, "The delegations met in Geneva.", b, NULL, &err);
    assert_memory_equal(a, b, 3 * sizeof *a);
    assert_int_equal(stance_label(l, "title only", NULL, a, NULL, &err), -1);
    assert_true(err.message[0] != '\0');
    stance_labeller_free(l);
    stance_model_free(m);
}

static void test_threshold_abstains(void **state)
{
    stance_model *m = shipped();
    double prob[3] = { 0.5, 0.3, 0.2 };
    (void)state;
    assert_int_equal(stance_label_at_threshold(m, prob, 0.4), 0);
    assert_int_equal(stance_label_at_threshold(m, prob, 0.6), 2);  /* neutral */
    stance_model_free(m);
}

static void test_explain_names_the_strongest_pushes(void **state)
{
    stance_error err;
    stance_model *m = shipped();
    stance_labeller *l = stance_labeller_new(m, &err);
    stance_feature f[8], g[3];
    const char *text = "Russia and the United States announce a prisoner swap";
    int n = stance_explain(l, NULL, text, f, 8, &err);
    (void)state;
    assert_int_equal(n, 8);
    for (int i = 0; i < n; i++) {
        assert_true(f[i].weight > 0);
        assert_true(f[i].text[0] != '\0');
        if (i)
            assert_true(f[i].weight <= f[i - 1].weight);
    }
    /* A shorter list is the head of the longer one. */
    assert_int_equal(stance_explain(l, NULL, text, g, 3, &err), 3);
    assert_memory_equal(f, g, sizeof g);
    assert_int_equal(stance_explain(l, NULL, text, f, 65, &err), -1);
    assert_non_null(strstr(err.message, "64"));
    stance_labeller_free(l);
    stance_model_free(m);
}

static void test_corpus_reads_records_and_names_bad_ones(void **state)
{
    stance_error err;
    stance_record r;
    size_t n = 0;
    stance_corpus *c = stance_corpus_open(source_path("data/samples/articles.jsonl"),
                                          NULL, &err);
    const char bad[] = "{\"id\":\"a\",\"label\":\"warming\",\"text\":\"one\"}\n"
                       "not json\n"
                       "{\"id\":\"b\",\"text\":\"two\",\"title\":\"T\"}\n";
    const char *path = temp_file(1, ".jsonl", bad, sizeof bad - 1);
    (void)state;
    assert_non_null(c);
    while (stance_corpus_next(c, &r, &err) == 1) {
        assert_non_null(r.id);
        assert_non_null(r.label);
        assert_int_equal(strlen(r.text), r.text_len);
        n++;
    }
    assert_int_equal(n, 12);
    stance_corpus_close(c);

    c = stance_corpus_open(path, "jsonl", &err);
    assert_int_equal(stance_corpus_next(c, &r, &err), 1);
    assert_string_equal(r.id, "a");
    assert_string_equal(r.label, "warming");
    assert_null(r.title);
    assert_int_equal(stance_corpus_next(c, &r, &err), -1);
    assert_non_null(strstr(err.message, ":2"));
    assert_int_equal(stance_corpus_next(c, &r, &err), 1);  /* goes on */
    assert_string_equal(r.id, "b");
    assert_string_equal(r.title, "T");
    assert_null(r.label);
    assert_int_equal(r.line, 3);
    assert_int_equal(stance_corpus_next(c, &r, &err), 0);
    stance_corpus_close(c);

    assert_null(stance_corpus_open(path, "yaml", &err));
    assert_non_null(strstr(err.message, "yaml"));
}

/* Two labels told apart by their words, in many phrasings. */
static const char *toy_corpus(void)
{
    static char buf[8192];
    size_t o = 0;
    const char *up[] = { "talks", "agreement", "summit", "treaty", "swap" };
    const char *down[] = { "sanctions", "expulsion", "threats", "ban", "tariffs" };
    for (int i = 0; i < 30; i++) {
        int warm = i % 2;
        o += (size_t)snprintf(buf + o, sizeof buf - o,
                              "{\"id\":\"t%d\",\"label\":\"%s\",\"text\":\"news of %s and %s %d\"}\n",
                              i, warm ? "warming" : "cooling",
                              warm ? up[i % 5] : down[i % 5], warm ? up[(i + 2) % 5] : down[(i + 2) % 5], i);
    }
    return temp_file(2, ".jsonl", buf, o);
}

/* Training parameters that make the toy corpus quick: one C, 3 folds,
 * one thread, small features. */
static void quick_params(stance_train_params *p)
{
    static const double one[] = { 1 };
    stance_train_params_default(p);
    p->C = one;
    p->nC = 1;
    p->folds = 3;
    p->threads = 1;
    p->features = "char=2-4 bits=16";
}

static void test_train_save_load_evaluate(void **state)
{
    stance_error err;
    stance_train_params p;
    const char *corpus = toy_corpus();
    const char *paths[] = { corpus };
    const char *saved = temp_file(3, ".model", "", 0);
    stance_model *m, *again;
    stance_labeller *l1, *l2;
    stance_evaluation *e;
    double a[STANCE_MAX_LABELS], b[STANCE_MAX_LABELS];
    (void)state;

    quick_params(&p);
    m = stance_train(paths, 1, &p, &err);
    if (!m)
        fail_msg("%s", err.message);
    assert_int_equal(stance_model_label_count(m), 2);
    assert_string_equal(stance_model_label(m, 0), "cooling");  /* first seen */
    assert_non_null(strstr(stance_model_settings(m), "char=2-4"));
    assert_non_null(strstr(stance_model_settings(m), "bits=16"));
    assert_int_equal(stance_model_save(m, saved, &err), 0);
    again = stance_model_load(saved, &err);
    assert_non_null(again);
    l1 = stance_labeller_new(m, &err);
    l2 = stance_labeller_new(again, &err);
    assert_int_equal(stance_label(l1, NULL, "new sanctions and threats", a, NULL, &err),
                     stance_label(l2, NULL, "new sanctions and threats", b, NULL, &err));
    assert_memory_equal(a, b, 2 * sizeof *a);

    e = stance_evaluate(again, paths, 1, &err);
    assert_non_null(e);
    assert_int_equal(stance_evaluation_records(e), 30);
    assert_true(stance_evaluation_accuracy(e) > 0.9);
    assert_true(stance_evaluation_macro_f1(e) > 0.9);
    assert_true(stance_evaluation_f1(e, 1) > 0.9);
    assert_true(stance_evaluation_f1(e, 2) < 0);
    stance_evaluation_free(e);

    /* Labels fixed by the caller come in the caller's order. */
    p.labels = "warming,cooling";
    stance_model_free(m);
    m = stance_train(paths, 1, &p, &err);
    assert_non_null(m);
    assert_string_equal(stance_model_label(m, 0), "warming");

    stance_labeller_free(l1);
    stance_labeller_free(l2);
    stance_model_free(m);
    stance_model_free(again);
}

static void test_train_refuses_bad_parameters(void **state)
{
    stance_error err;
    stance_train_params p;
    const char *paths[] = { toy_corpus() };
    const char *missing[] = { "/nonexistent/corpus.jsonl" };
    (void)state;
    stance_train_params_default(&p);
    p.folds = 1;
    assert_null(stance_train(paths, 1, &p, &err));
    assert_non_null(strstr(err.message, "folds"));
    stance_train_params_default(&p);
    p.features = "char=9-2";
    assert_null(stance_train(paths, 1, &p, &err));
    assert_true(err.message[0] != '\0');
    p.features = "nonsense";
    assert_null(stance_train(paths, 1, &p, &err));
    assert_non_null(strstr(err.message, "nonsense"));
    stance_train_params_default(&p);
    p.labels = "warming,neutral";  /* no record is neutral */
    assert_null(stance_train(paths, 1, &p, &err));
    assert_non_null(strstr(err.message, "neutral"));
    stance_train_params_default(&p);
    p.mentions = "/nonexistent/names.txt";
    assert_null(stance_train(paths, 1, &p, &err));
    assert_non_null(strstr(err.message, "/nonexistent/names.txt"));
    {
        /* A gate answers neutral, which a warming/cooling corpus cannot. */
        char dir[] = "/tmp/stance-api-mentions-XXXXXX", list[64];
        if (!mkdtemp(dir) || write_file_in(dir, "names.txt", "russia*\n") < 0)
            fail_msg("cannot write a mention list into %s", dir);
        snprintf(list, sizeof list, "%s/names.txt", dir);
        stance_train_params_default(&p);
        p.mentions = list;
        assert_null(stance_train(paths, 1, &p, &err));
        assert_non_null(strstr(err.message, list));
        assert_non_null(strstr(err.message, "neutral label"));
        remove(list);
        rmdir(dir);
    }
    stance_train_params_default(&p);
    assert_null(stance_train(missing, 1, &p, &err));
    assert_non_null(strstr(err.message, "/nonexistent/corpus.jsonl"));
    {
        stance_model *m = shipped();
        assert_null(stance_evaluate(m, missing, 0, &err));
        stance_model_free(m);
    }
}

/* The toy corpus's words and their Russian translations, one pair per
 * aligned line (twice over): all a Russian text has to go on, since no
 * labelled record shares a character with it. */
static const char *parallel_dir(void)
{
    static char dir[64];
    static const char *en[] = { "talks", "agreement", "summit", "treaty", "swap",
                                "sanctions", "expulsion", "threats", "ban", "tariffs" };
    static const char *ru[] = { "переговоры", "соглашение", "саммит", "договор", "обмен",
                                "санкции", "высылка", "угрозы", "запрет", "пошлины" };
    char eng[512] = "", rus[1024] = "";

    snprintf(dir, sizeof dir, "/tmp/stance-api-parallel-XXXXXX");
    if (!mkdtemp(dir))
        fail_msg("cannot make %s", dir);
    for (int copy = 0; copy < 2; copy++)
        for (int i = 0; i < 10; i++) {
            strcat(eng, en[i]), strcat(eng, "\n");
            strcat(rus, ru[i]), strcat(rus, "\n");
        }
    if (write_file_in(dir, "eng-US.txt", eng) < 0 || write_file_in(dir, "rus.txt", rus) < 0)
        fail_msg("cannot write into %s", dir);
    return dir;
}

static double cooling_probability(stance_model *m, const char *text)
{
    stance_error err;
    double p[STANCE_MAX_LABELS];
    stance_labeller *l = stance_labeller_new(m, &err);
    if (!l || stance_label(l, NULL, text, p, NULL, &err) < 0)
        fail_msg("%s", err.message);
    stance_labeller_free(l);
    return p[0];    /* "cooling" is seen first */
}

static void test_train_with_a_cross_lingual_space(void **state)
{
    stance_error err;
    stance_train_params p;
    const char *paths[] = { toy_corpus() };
    const char *dir = parallel_dir();
    stance_model *plain, *shared;
    (void)state;

    quick_params(&p);
    plain = stance_train(paths, 1, &p, &err);
    p.parallel = dir;
    p.space_dims = 8;
    shared = stance_train(paths, 1, &p, &err);
    if (!plain || !shared)
        fail_msg("%s", err.message);
    /* Only the space tells the Russian words apart. */
    assert_true(cooling_probability(shared, "санкции и угрозы") >
                cooling_probability(shared, "переговоры и саммит") + 0.2);
    assert_true(fabs(cooling_probability(plain, "санкции и угрозы") -
                     cooling_probability(plain, "переговоры и саммит")) <
                cooling_probability(shared, "санкции и угрозы") -
                    cooling_probability(shared, "переговоры и саммит"));
    assert_true(cooling_probability(shared, "new sanctions and threats") > 0.5);

    /* What is wrong is named. */
    p.parallel = "/nonexistent/parallel";
    assert_null(stance_train(paths, 1, &p, &err));
    assert_non_null(strstr(err.message, "/nonexistent/parallel"));
    p.parallel = NULL;
    assert_null(stance_train(paths, 1, &p, &err));
    assert_non_null(strstr(err.message, "give parallel"));
    p.parallel = dir;
    p.space_dims = 100000;
    assert_null(stance_train(paths, 1, &p, &err));
    assert_non_null(strstr(err.message, "dimensions"));

    stance_model_free(plain);
    stance_model_free(shared);
    remove_file_in(dir, "eng-US.txt");
    remove_file_in(dir, "rus.txt");
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_describes_itself),
        cmocka_unit_test(test_load_errors_name_the_file),
        cmocka_unit_test(test_label_is_the_most_probable),
        cmocka_unit_test(test_title_is_read_before_the_text),
        cmocka_unit_test(test_threshold_abstains),
        cmocka_unit_test(test_explain_names_the_strongest_pushes),
        cmocka_unit_test(test_corpus_reads_records_and_names_bad_ones),
        cmocka_unit_test(test_train_save_load_evaluate),
        cmocka_unit_test(test_train_refuses_bad_parameters),
        cmocka_unit_test(test_train_with_a_cross_lingual_space),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
