/* stance eval: a model's accuracy report on a labelled corpus. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "lib/stance.h"
#include "common/atomic_file.h"
#include "common/parallel.h"
#include "options.h"
#include "lib/evaluate_input.h"
#include "eval_cv.h"
#include "progress.h"
#include "report.h"

static const char usage[] =
"Usage: stance eval [-m MODEL] [OPTIONS] CORPUS...\n"
"Labels a labelled corpus and reports accuracy; per-label precision, recall,\n"
"F1 and support; macro and weighted averages; the confusion matrix; the same\n"
"per language when records have a language; log-loss and a reliability\n"
"table of the probabilities; and the most confident mistakes.  Records whose\n"
"label the model does not know are counted and reported, not scored.\n"
"\n"
"  -m, --model FILE        model (default: $STANCE_MODEL, else the installed\n"
"                          stance.model, or models/stance.model in a build tree)\n"
"      --cv K              without a separate test set: split CORPUS into K\n"
"                          folds and score each with a model trained, with\n"
"                          MODEL's settings, on the other folds (honest, slower)\n"
"      --no-gate           do not apply the model's mention gate (stance info\n"
"                          shows it); with it the report counts the records\n"
"                          that name neither country and were answered neutral\n"
"      --format F          text (default), json or markdown\n"
"      --html FILE         also write a self-contained HTML report with charts\n"
"  -o, --output FILE       write the report to FILE (default: standard output)\n"
"  -i, --input-format FMT  auto, jsonl, csv, tsv, fasttext, dir\n"
"      --field KEY=NAME    JSONL field name for id, lang, title, text or label\n"
"  -j, --threads N         worker threads (default: all cores)\n"
"      --skip-bad          report bad records (file:line) and go on\n"
"      --progress          show progress on standard error even when it is not\n"
"                          a terminal (it is shown on a terminal unless -q)\n"
"  -v, --verbose           say which model is used (path, labels, training data)\n"
"  -q, --quiet             no progress or warnings on standard error\n"
"  -h, --help              this help\n";

typedef enum { REPORT_TEXT, REPORT_JSON, REPORT_MARKDOWN } report_format;

typedef struct eval_cli {
    const char *model_path, *output, *html;
    report_format format;
    st_format input_format;
    st_fields fields;
    int threads, skip_bad, quiet, progress, verbose, cv, no_gate;
} eval_cli;

static int parse_args(eval_cli *cli, int argc, char **argv, st_error *err)
{
    static const struct option longopts[] = {
        { "model", required_argument, NULL, 'm' },
        { "format", required_argument, NULL, 'F' },
        { "html", required_argument, NULL, 'H' },
        { "output", required_argument, NULL, 'o' },
        { "input-format", required_argument, NULL, 'i' },
        { "field", required_argument, NULL, 'D' },
        { "threads", required_argument, NULL, 'j' },
        { "skip-bad", no_argument, NULL, 'B' },
        { "quiet", no_argument, NULL, 'q' },
        { "progress", no_argument, NULL, 'P' },
        { "verbose", no_argument, NULL, 'v' },
        { "cv", required_argument, NULL, 'K' },
        { "no-gate", no_argument, NULL, 'G' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    int c;
    long v;

    optind = 1;
    opterr = 0;
    if (st_check_single_dash(argc, argv, longopts, err) < 0)
        return -1;
    while ((c = getopt_long(argc, argv, ":m:o:i:j:qvh", longopts, NULL)) != -1) {
        int rc = 0;
        switch (c) {
        case 'm': cli->model_path = optarg; break;
        case 'F':
            if (!strcmp(optarg, "text")) cli->format = REPORT_TEXT;
            else if (!strcmp(optarg, "json")) cli->format = REPORT_JSON;
            else if (!strcmp(optarg, "markdown")) cli->format = REPORT_MARKDOWN;
            else rc = st_fail(err, "--format: expected text, json or markdown, got '%s'", optarg);
            break;
        case 'H': cli->html = optarg; break;
        case 'o': cli->output = optarg; break;
        case 'i': rc = st_format_parse(optarg, &cli->input_format, err); break;
        case 'D': rc = st_option_field(&cli->fields, optarg, err); break;
        case 'j':
            rc = st_option_int("--threads", optarg, 1, 256, &v, err);
            cli->threads = (int)v;
            break;
        case 'B': cli->skip_bad = 1; break;
        case 'q': cli->quiet = 1; break;
        case 'P': cli->progress = 1; break;
        case 'v': cli->verbose = 1; break;
        case 'G': cli->no_gate = 1; break;
        case 'K': {
            long k;
            rc = st_option_int("--cv", optarg, 2, 50, &k, err);
            cli->cv = (int)k;
            break;
        }
        case 'h': fputs(usage, stdout); exit(0);
        default: return st_option_error(c, argv, longopts, err);
        }
        if (rc < 0)
            return -1;
    }
    if (optind >= argc)
        return st_fail(err, "no corpus given");
    return 0;
}

static void show_progress(void *ctx, size_t records, unsigned long long bytes)
{
    st_progress_update(ctx, records, bytes);
}

static int evaluate_input(const eval_cli *cli, const st_model *m, st_scorer *scorer,
                          const char *path,
                          st_evaluation *e, size_t *bad, st_progress *progress,
                          st_error *err)
{
    st_batch_source src = { 0 };
    int rc;

    src.reader = st_reader_open(path, cli->input_format, &cli->fields, err);
    if (!src.reader)
        return -1;
    src.threads = cli->threads;
    src.skip_bad = cli->skip_bad;
    src.warn = cli->quiet ? NULL : st_print_warning;
    rc = st_evaluate_input(e, m, scorer, &src, show_progress, progress, err);
    st_progress_next_input(progress);
    *bad += src.bad;
    st_reader_close(src.reader);
    return rc;
}

/* Writes the report into an output opened before the evaluation. */
/* Joins words with spaces into buf. */
static const char *join(char *buf, size_t size, int n, char **words)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && o < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? " " : "", words[i]);
    return buf;
}

/* What the HTML report says it was made from. */
typedef struct provenance_text {
    char trained_on[128], inputs[2048], command[4096], date[32];
    st_report_provenance from;
} provenance_text;

static void make_provenance(provenance_text *p, const char *model_path, const st_model *m,
                            int argc, char **argv)
{
    time_t now = time(NULL);
    char *command[256];
    int n = argc < 255 ? argc : 255;
    command[0] = "stance";
    for (int i = 0; i < n; i++)
        command[i + 1] = argv[i];
    if (m->corpus_records)
        snprintf(p->trained_on, sizeof p->trained_on, "%llu records, fingerprint %016llx",
                 (unsigned long long)m->corpus_records, (unsigned long long)m->corpus_fingerprint);
    else
        snprintf(p->trained_on, sizeof p->trained_on, "unknown (an older model file)");
    join(p->inputs, sizeof p->inputs, argc - optind, argv + optind);
    join(p->command, sizeof p->command, n + 1, command);
    strftime(p->date, sizeof p->date, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    p->from = (st_report_provenance){ model_path, p->trained_on, p->inputs, p->command,
                                      p->date };
}

static int write_report(st_atomic_file *out, const char *path, const st_evaluation *e,
                        report_format format, const st_report_provenance *html,
                        st_error *err)
{
    int rc;
    errno = 0;
    if (html)
        rc = st_report_html(out->f, e, "stance evaluation", html);
    else if (format == REPORT_JSON)
        rc = st_report_json(out->f, e);
    else if (format == REPORT_MARKDOWN)
        rc = st_report_markdown(out->f, e);
    else
        rc = st_report_text(out->f, e);
    if (rc < 0)
        return st_fail(err, "%s: write error: %s", path, strerror(errno ? errno : EIO));
    return 0;
}

/* Names both sides' labels, so that a model trained for other labels (or
 * a corpus without labels) is recognised at once. */
static void fail_no_known_labels(const st_evaluation *e, st_error *err)
{
    char model[512] = "", corpus[512] = "";
    size_t m = 0, c = 0;
    for (int k = 0; k < e->labels.n; k++)
        m += (size_t)snprintf(model + m, m < sizeof model ? sizeof model - m : 0, "%s%s",
                              k ? ", " : "", e->labels.names[k]);
    for (int k = 0; k < e->nunknown; k++)
        c += (size_t)snprintf(corpus + c, c < sizeof corpus ? sizeof corpus - c : 0, "%s%s",
                              k ? ", " : "", e->unknown[k].name);
    st_fail(err, "no record has a label the model knows: nothing to evaluate (the model's "
            "labels: %s; the corpus's: %s%s)", model, e->nunknown ? corpus : "none",
            e->unlabelled ? ", and records without a label" : "");
}

static void print_fold(int fold, int k)
{
    fprintf(stderr, "%s: --cv: training for fold %d of %d\n", st_program, fold + 1, k);
}

int st_cmd_eval(int argc, char **argv)
{
    eval_cli cli = { .output = "-" };
    st_evaluation e = { 0 };
    st_model *m = NULL;
    st_scorer *scorer = NULL;
    size_t bad = 0;
    int status = 1;
    st_atomic_file out = { 0 }, html = { 0 };
    st_progress progress = { 0 };
    static provenance_text prov;
    st_error err;

    cli.threads = st_cpu_count();
    if (parse_args(&cli, argc, argv, &err) < 0)
        return st_usage_error("eval", "%s", err.msg);
    if (!cli.model_path)
        cli.model_path = stance_default_model();
    /* Both outputs are opened first and committed last, so that a bad
     * --html path fails before the work and leaves no report either. */
    if (!(m = st_model_load(cli.model_path, &err)) ||
        !(scorer = st_scorer_new(m, cli.threads, 0, &err)) ||
        (st_scorer_use_gate(scorer, !cli.no_gate), 0) ||
        (cli.verbose && (st_print_model_used(cli.model_path, m), 0)) ||
        st_atomic_open(&out, cli.output, &err) < 0 ||
        (cli.html && st_atomic_open(&html, cli.html, &err) < 0))
        goto done;
    if (st_evaluation_init(&e, &m->labels, &err) < 0)
        goto done;
    if (cli.cv) {
        st_load_options load = { .format = cli.input_format, .fields = &cli.fields,
                                 .skip_bad = cli.skip_bad, .require_label = 1,
                                 .mentions = cli.no_gate ? NULL : m->mentions,
                                 .warn = cli.quiet ? NULL : st_print_warning };
        e.cv_folds = cli.cv;
        if (st_eval_cv(m, argv + optind, argc - optind, cli.cv, &load, cli.threads,
                       cli.quiet ? NULL : print_fold, &e, &err) < 0)
            goto done;
    } else {
        st_progress_start(&progress, cli.quiet ? -1 : cli.progress, "records", argv + optind,
                          argc - optind);
        for (int i = optind; i < argc; i++)
            if (evaluate_input(&cli, m, scorer, argv[i], &e, &bad, &progress, &err) < 0)
                goto done;
        st_progress_finish(&progress);
    }
    if (st_evaluation_finish(&e, &err) < 0)
        goto done;
    if (e.all.scores.total == 0) {
        fail_no_known_labels(&e, &err);
        goto done;
    }
    make_provenance(&prov, cli.model_path, m, argc, argv);
    if (write_report(&out, cli.output, &e, cli.format, NULL, &err) < 0 ||
        (cli.html && write_report(&html, cli.html, &e, cli.format, &prov.from, &err) < 0) ||
        (cli.html && (st_atomic_sync(&html, &err) < 0 || st_atomic_sync(&out, &err) < 0 ||
                      st_atomic_commit(&html, &err) < 0)) ||
        st_atomic_commit(&out, &err) < 0)
        goto done;
    if (!cli.quiet && e.in_training)
        fprintf(stderr, "%s: warning: %zu of %zu records were in the model's training "
                "data: the report measures fit, not accuracy on new articles\n",
                st_program, e.in_training, e.training_checked);
    if (!cli.quiet && bad)
        fprintf(stderr, "%s: %zu bad %s skipped\n", st_program, bad,
                st_plural(bad, "record", "records"));
    status = 0;
done:
    if (status) {
        st_atomic_abort(&out);
        st_atomic_abort(&html);
        st_print_error(&err);
    }
    st_evaluation_free(&e);
    st_scorer_free(scorer);
    st_model_free(m);
    return status;
}
