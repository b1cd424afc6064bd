/* stance info: what a model file holds, without labelling anything. */
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "lib/stance.h"
#include "options.h"
#include "svm/model.h"

static const char usage[] =
"Usage: stance info [--format text|json] [MODEL]\n"
"Describes a model file: its format version, labels, feature settings,\n"
"decision functions and training settings, the fingerprint and size of the\n"
"corpus it was trained on, its cross-validated scores per label and per\n"
"language, and how it was built.  MODEL defaults to $STANCE_MODEL, else the\n"
"shipped model.\n"
"\n"
"      --format F          text (default) or json\n"
"  -h, --help              this help\n"
"\n"
"Two models trained on the same records have the same corpus fingerprint,\n"
"whatever the files were called; any change to a record's label, language,\n"
"title or text changes it.\n";

/* The cross-validated scores as a table: overall, per label, per
 * language. */
static void print_cv(const json_t *cv)
{
    json_t *overall = json_object_get(cv, "overall"), *labels, *score, *langs, *l;
    const char *name;
    if (!overall)
        return;
    json_int_t repeats = json_integer_value(json_object_get(cv, "repeats"));
    printf("training: %s, %s loss, C=%g; scores from %" JSON_INTEGER_FORMAT
           "-fold cross-validation, %" JSON_INTEGER_FORMAT " repeat%s:\n",
           json_string_value(json_object_get(cv, "solver")),
           json_string_value(json_object_get(cv, "loss")),
           json_number_value(json_object_get(cv, "C")),
           json_integer_value(json_object_get(cv, "folds")), repeats,
           repeats == 1 ? "" : "s");
    printf("  accuracy %.4f, macro-F1 %.4f over %" JSON_INTEGER_FORMAT " records\n",
           json_number_value(json_object_get(overall, "accuracy")),
           json_number_value(json_object_get(overall, "macro_f1")),
           json_integer_value(json_object_get(overall, "records")));
    printf("  %-12s %9s %9s %9s %9s\n", "label", "precision", "recall", "f1", "support");
    labels = json_object_get(overall, "labels");
    json_object_foreach(labels, name, score)
        printf("  %-12s %9.4f %9.4f %9.4f %9" JSON_INTEGER_FORMAT "\n", name,
               json_number_value(json_object_get(score, "precision")),
               json_number_value(json_object_get(score, "recall")),
               json_number_value(json_object_get(score, "f1")),
               json_integer_value(json_object_get(score, "support")));
    printf("  %-12s %9s %9s %9s\n", "language", "records", "accuracy", "macro-F1");
    langs = json_object_get(cv, "languages");
    json_object_foreach(langs, name, l)
        printf("  %-12s %9" JSON_INTEGER_FORMAT " %9.4f %9.4f\n", name,
               json_integer_value(json_object_get(l, "records")),
               json_number_value(json_object_get(l, "accuracy")),
               json_number_value(json_object_get(l, "macro_f1")));
}

static void print_info(const char *path, const st_model *m, json_t *cv)
{
    char desc[256];

    printf("model: %s (format %u)\nlabels:", path, m->format_version);
    for (int c = 0; c < m->labels.n; c++)
        printf("%s%s", c ? ", " : " ", m->labels.names[c]);
    st_feature_config_describe(&m->features, desc, sizeof desc);
    printf("\nfeatures: %s\n", desc);
    printf("svm: %s kernel, %d decision function%s\n",
           m->kernel == ST_KERNEL_RBF ? "rbf" : "linear", m->npairs,
           m->npairs == 1 ? "" : "s");
    if (m->corpus_records)
        printf("corpus: %" PRIu64 " records, fingerprint %016" PRIx64 "%s\n",
               m->corpus_records, m->corpus_fingerprint,
               m->item_hashes ? "; their texts are recorded (eval warns on them)" : "");
    else
        printf("corpus: unknown (a model file of format 1)\n");
    if (m->mentions)
        printf("mention gate: %zu name patterns; a text that names neither "
               "Russia nor the US is neutral (predict --no-gate turns it off)\n",
               st_mentions_count(m->mentions));
    else
        printf("mention gate: none\n");
    if (cv)
        print_cv(cv);
    if (m->info && *m->info)
        printf("%s\n", m->info);
}

static int print_info_json(const char *path, const st_model *m, json_t *cv)
{
    char desc[256], fingerprint[17];
    json_t *labels = json_array(), *o;
    int rc;
    for (int c = 0; c < m->labels.n; c++)
        json_array_append_new(labels, json_string(m->labels.names[c]));
    st_feature_config_describe(&m->features, desc, sizeof desc);
    snprintf(fingerprint, sizeof fingerprint, "%016" PRIx64, m->corpus_fingerprint);
    o = json_pack("{s:s, s:i, s:o, s:s, s:{s:s, s:i}, s:o, s:I, s:O, s:s?}",
                  "model", path, "format", (int)m->format_version, "labels", labels,
                  "features", desc,
                  "svm", "kernel", m->kernel == ST_KERNEL_RBF ? "rbf" : "linear",
                  "decision_functions", m->npairs,
                  "corpus", m->corpus_records
                      ? json_pack("{s:I, s:s, s:b}", "records", (json_int_t)m->corpus_records,
                                  "fingerprint", fingerprint, "texts_recorded",
                                  m->item_hashes != NULL)
                      : json_null(),
                  "mention_patterns",
                  (json_int_t)(m->mentions ? st_mentions_count(m->mentions) : 0),
                  "cross_validation", cv ? cv : json_null(),
                  "built_with", m->info && *m->info ? m->info : NULL);
    if (!o)
        return -1;
    rc = json_dumpf(o, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
    putchar('\n');
    json_decref(o);
    return rc;
}

int st_cmd_info(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, 'F' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    const char *path;
    st_error err;
    st_model *m;
    json_t *cv = NULL;
    int c, json = 0;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            return 0;
        }
        if (c == 'F' && (!strcmp(optarg, "text") || !strcmp(optarg, "json"))) {
            json = !strcmp(optarg, "json");
            continue;
        }
        if (c == 'F')
            return st_usage_error("info", "--format: expected text or json, got '%s'", optarg);
        st_option_error(c, argv, longopts, &err);
        return st_usage_error("info", "%s", err.msg);
    }
    if (argc - optind > 1)
        return st_usage_error("info", "one model at a time");
    path = optind < argc ? argv[optind] : stance_default_model();
    if (!(m = st_model_load(path, &err)))
        return st_print_error(&err);
    if (m->cv_summary)
        cv = json_loads(m->cv_summary, 0, NULL);
    if (json)
        print_info_json(path, m, cv);
    else
        print_info(path, m, cv);
    json_decref(cv);
    st_model_free(m);
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
