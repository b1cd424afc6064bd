/* stance features: corpus -> libsvm-format feature vectors. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "common/atomic_file.h"
#include "features/idf.h"
#include "features/libsvm_format.h"
#include "options.h"
#include "progress.h"
#include "train/dataset.h"

static const char usage[] =
"Usage: stance features [OPTIONS] CORPUS...\n"
"Writes the feature vector of every labelled article in libsvm's sparse\n"
"format (\"label index:value ...\", indices from 1), so it can be checked\n"
"with svm-train or liblinear-train.  Labels are numbered 1, 2, ... in the\n"
"order of --labels or of first appearance (0: no label); the numbering is\n"
"printed on standard error.  IDF is learned from the same corpus.\n"
"\n"
"  -o, --output FILE     write to FILE, atomically (default: standard output)\n"
"  -i, --input-format FMT  auto, jsonl, csv, tsv, fasttext, lines, text, dir\n"
"      --field KEY=NAME  JSONL field name for id, lang, title, text or label\n"
"  -l, --labels LIST     keep only these labels, e.g. warming,cooling\n"
"  -s, --set KEY=VALUE   feature setting; repeatable:\n"
"                          char=1-5|off  word=0|1|2  bits=10..26  signed=0|1\n"
"                          tf=raw|binary|sublinear  idf=0|1  arabic=0|1\n"
"                          yo=0|1  vi-tones=keep|strip  accents=keep|strip\n"
"                          lead=N (0 off; the first N code points counted\n"
"                          again, to a sentence end)  lead-weight=0.5\n"
"      --skip-bad        skip bad records (reported) instead of stopping\n"
"      --progress        show progress on standard error even when it is not\n"
"                        a terminal (it is shown on a terminal unless -q)\n"
"  -q, --quiet           no progress, summary or warnings on standard error\n"
"  -h, --help            this help\n";

/* Writes the vectors into an output opened before the corpus was read. */
static int write_vectors(st_dataset *d, const st_feature_config *cfg,
                         st_atomic_file *out, st_error *err)
{
    float *idf = NULL;

    if (cfg->idf) {
        st_df_counter df;
        if (st_df_init(&df, cfg->hash_bits, err) < 0)
            return -1;
        for (size_t i = 0; i < d->n; i++)
            st_df_add(&df, &d->counts[i]);
        idf = st_df_to_idf(&df, err);
        st_df_free(&df);
        if (!idf)
            return -1;
    }
    for (size_t i = 0; i < d->n; i++) {
        st_weigh(cfg, idf, &d->counts[i]);
        if (st_write_libsvm_line(out->f, d->y[i] + 1, &d->counts[i]) < 0)
            break;
    }
    free(idf);
    return st_atomic_commit(out, err);
}

static void print_summary(const st_dataset *d)
{
    fprintf(stderr, "%s: %zu %s from %zu %s", st_program, d->n,
            st_plural(d->n, "vector", "vectors"), d->records,
            st_plural(d->records, "record", "records"));
    if (d->filtered)
        fprintf(stderr, ", %zu with other labels left out", d->filtered);
    if (d->bad)
        fprintf(stderr, ", %zu bad %s skipped", d->bad, st_plural(d->bad, "record", "records"));
    fprintf(stderr, "; labels:");
    for (int k = 0; k < d->labels.n; k++)
        fprintf(stderr, " %d=%s", k + 1, d->labels.names[k]);
    fprintf(stderr, "\n");
}

int st_cmd_features(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'o' },
        { "input-format", required_argument, NULL, 'f' },
        { "format", required_argument, NULL, 'f' },
        { "field", required_argument, NULL, 'F' },
        { "labels", required_argument, NULL, 'l' },
        { "set", required_argument, NULL, 's' },
        { "skip-bad", no_argument, NULL, 'B' },
        { "quiet", no_argument, NULL, 'q' },
        { "progress", no_argument, NULL, 'P' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    st_feature_config cfg;
    st_fields fields = { 0 };
    st_load_options load = { .fields = &fields, .warn = st_print_warning };
    st_dataset data = { 0 };
    st_extractor *x = NULL;
    const char *output = "-";
    st_atomic_file out = { 0 };
    int quiet = 0, force_progress = 0, c, status = 1;
    st_progress progress;
    st_error err;

    st_feature_config_default(&cfg);
    optind = 1;
    opterr = 0;
    if (st_check_single_dash(argc, argv, longopts, &err) < 0)
        return st_usage_error("features", "%s", err.msg);
    while ((c = getopt_long(argc, argv, ":o:f:i:l:s:qh", longopts, NULL)) != -1) {
        int rc = 0;
        switch (c) {
        case 'o': output = optarg; break;
        case 'i': rc = st_format_parse(optarg, &load.format, &err); break;
        case 'f': rc = st_fail(&err, "--format names an output format in predict and eval; "
                               "the input format is -i/--input-format"); break;
        case 'F': rc = st_option_field(&fields, optarg, &err); break;
        case 'l':
            rc = st_labels_parse(&data.labels, optarg, &err) < 0
                 ? st_fail_prefix(&err, "--labels") : 0;
            break;
        case 's': rc = st_option_feature(&cfg, optarg, &err); break;
        case 'B': load.skip_bad = 1; break;
        case 'q': quiet = 1; break;
        case 'P': force_progress = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default:
            st_option_error(c, argv, longopts, &err);
            return st_usage_error("features", "%s", err.msg);
        }
        if (rc < 0)
            return st_usage_error("features", "%s", err.msg);
    }
    if (optind >= argc)
        return st_usage_error("features", "no corpus given");
    if (quiet)
        load.warn = NULL;
    if (st_atomic_open(&out, output, &err) < 0 || !(x = st_extractor_new(&cfg, &err)))
        goto done;
    st_progress_start(&progress, quiet ? -1 : force_progress, "records", argv + optind,
                      argc - optind);
    load.progress = st_progress_load_callback;
    load.progress_ctx = &progress;
    for (int i = optind; i < argc; i++) {
        if (st_dataset_load(&data, argv[i], &load, x, &err) < 0)
            goto done;
        st_progress_next_input(&progress);
    }
    st_progress_finish(&progress);
    /* With --labels, records with other labels are left out; when that
     * leaves nothing, the labels were most likely mistyped. */
    if (data.n == 0) {
        if (data.records && data.labels.fixed)
            st_fail(&err, "no vectors: none of the %zu records has a label given by "
                    "--labels", data.records);
        else
            st_fail(&err, "no vectors: the input holds no records");
        goto done;
    }
    if (write_vectors(&data, &cfg, &out, &err) < 0)
        goto done;
    if (!quiet)
        print_summary(&data);
    status = 0;
done:
    if (status) {
        st_atomic_abort(&out);
        st_print_error(&err);
    }
    st_extractor_free(x);
    st_dataset_free(&data);
    return status;
}
