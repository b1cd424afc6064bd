/* stance predict: label articles with a model, in input order. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "common/atomic_file.h"
#include "common/parallel.h"
#include "options.h"
#include "lib/stance.h"
#include "predict/stream.h"
#include "progress.h"

static const char usage[] =
"Usage: stance predict [-m MODEL] [OPTIONS] [INPUT...]\n"
"Labels every article of the inputs, one output line per article in input\n"
"order.  An INPUT is a file, a directory (walked recursively, one article per\n"
"file) or - for standard input (JSONL, fastText, or one article per line);\n"
"none means -.  Files by extension (or -i):\n"
"  .jsonl  one object per line: \"text\", and \"id\", \"title\", \"lang\", \"label\"\n"
"  .csv    RFC 4180, a header row naming the columns: text, and id, title,\n"
"          lang, label; other columns are passed through\n"
"  .tsv    label<TAB>text or text per line, or a header row as for CSV\n"
"  .ft     __label__LABEL text (fastText)\n"
"  .txt    one article\n"
"  other names: JSONL if the first line starts with {, fastText if with\n"
"          __label__, else refused (give -i FORMAT: nothing is guessed)\n"
"\n"
"  -m, --model FILE        model (default: $STANCE_MODEL, else the installed\n"
"                          stance.model, or models/stance.model in a build tree)\n"
"      --format F          output: tsv (default: id, predicted, one probability\n"
"                          per label, score) or jsonl (every input field plus\n"
"                          \"predicted\", \"probability\" and \"score\")\n"
"      --show-label        TSV: a column 'label' with each record's own label\n"
"                          (empty when it has none), beside the prediction\n"
"      --no-header         TSV without its header line (for output that is\n"
"                          joined from several runs, e.g. GNU parallel --pipe)\n"
"  -o, --output FILE       write to FILE, atomically (default: standard output)\n"
"  -i, --input-format FMT  auto, jsonl, csv, tsv, fasttext, lines, text, dir\n"
"      --field KEY=NAME    JSONL field name for id, lang, title, text or label\n"
"      --threshold P       abstain unless a direction (a label other than\n"
"                          neutral) has probability >= P: answer neutral, or\n"
"                          uncertain for a model without a neutral label\n"
"      --no-gate           do not apply the model's mention gate: a model built\n"
"                          with a list of the names of Russia and the US\n"
"                          (stance info shows it) otherwise answers neutral,\n"
"                          p(neutral) >= 0.9, for a text that names neither,\n"
"                          and JSONL says \"off_topic\": true\n"
"      --explain-words N   also name the N words that pushed each decision most\n"
"                          (each word's n-grams summed; see the README)\n"
"      --explain N         also name the N n-grams that pushed each decision most\n"
"                          toward the predicted label: < and > mark a word's\n"
"                          start and end (<oil> is the word oil, <oi its start),\n"
"                          [word] and [two words] are word features; the number\n"
"                          is the push (n-gram weight x model weight, against\n"
"                          the runner-up label), always toward the prediction\n"
"  -j, --threads N         worker threads (default: all cores); the output is\n"
"                          the same for any N\n"
"      --batch N           articles per batch (default: 1024); memory is\n"
"                          bounded by it, not by the input size\n"
"      --skip-bad          report bad records (file:line) and go on\n"
"      --progress          show progress on standard error even when it is not\n"
"                          a terminal (it is shown on a terminal unless -q)\n"
"  -v, --verbose           say which model is used (path, labels, training data)\n"
"  -q, --quiet             no progress, warnings or summary on standard error\n"
"  -h, --help              this help\n"
"\n"
"The score is the SVM decision value: for two labels, positive means the\n"
"first label; for more, the margin of the predicted label over the next.\n";

typedef struct predict_cli {
    const char *model_path, *output;
    int jsonl, explain, threads, quiet, skip_bad, no_header, progress, verbose;
    int show_label, by_word, no_gate;
    double threshold;       /* 0: always the most probable label */
    long batch;
    st_format input_format;
    st_fields fields;
} predict_cli;

/* TSV fields cannot hold tabs or line breaks. */
static void put_tsv_field(FILE *out, const char *s)
{
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static void write_tsv_header(FILE *out, const st_model *m, int explain, int show_label)
{
    fputs(show_label ? "id\tlabel\tpredicted" : "id\tpredicted", out);
    for (int c = 0; c < m->labels.n; c++)
        fprintf(out, "\tp_%s", m->labels.names[c]);
    fputs("\tscore", out);
    if (explain)
        fputs("\texplain", out);
    fputc('\n', out);
}

/* The label printed for it: the most probable, unless --threshold says
 * to abstain. */
static const char *label_of(const predict_cli *cli, const st_model *m,
                            const st_item *it)
{
    int c = cli->threshold > 0
                ? st_model_label_at_threshold(m, it->result.prob, cli->threshold)
                : it->result.predicted;
    return c >= 0 ? m->labels.names[c] : "uncertain";
}

static void write_tsv(FILE *out, const predict_cli *cli, const st_model *m,
                      const st_item *it)
{
    int explain = cli->explain;
    put_tsv_field(out, it->id);
    if (cli->show_label) {
        fputc('\t', out);
        put_tsv_field(out, it->label);
    }
    fprintf(out, "\t%s", label_of(cli, m, it));
    for (int c = 0; c < m->labels.n; c++)
        fprintf(out, "\t%.4f", it->result.prob[c]);
    fprintf(out, "\t%.6f", it->result.score);
    if (explain) {
        fputc('\t', out);
        for (int t = 0; t < it->result.nexplained; t++) {
            if (t)
                fputs("; ", out);
            put_tsv_field(out, it->result.explained[t].text);
            fprintf(out, " %+.4f", it->result.explained[t].weight);
        }
    }
    fputc('\n', out);
}

static int write_jsonl(FILE *out, const predict_cli *cli, const st_model *m,
                       const st_item *it)
{
    int explain = cli->explain;
    json_t *obj = it->json ? json_incref(it->json) : json_object();
    json_t *prob = json_object();
    int rc;

    if (!it->json) {
        json_object_set_new(obj, "id", json_string(it->id));
        if (it->lang)
            json_object_set_new(obj, "lang", json_string(it->lang));
    }
    for (int c = 0; c < m->labels.n; c++)
        json_object_set_new(prob, m->labels.names[c], json_real(it->result.prob[c]));
    json_object_set_new(obj, "predicted", json_string(label_of(cli, m, it)));
    json_object_set_new(obj, "probability", prob);
    json_object_set_new(obj, "score", json_real(it->result.score));
    if (m->mentions && !cli->no_gate)
        json_object_set_new(obj, "off_topic", json_boolean(it->result.off_topic));
    if (explain) {
        json_t *list = json_array();
        for (int t = 0; t < it->result.nexplained; t++)
            json_array_append_new(list, json_pack("{s:s, s:f}",
                                                  cli->by_word ? "word" : "ngram",
                                                  it->result.explained[t].text, "weight",
                                                  it->result.explained[t].weight));
        json_object_set_new(obj, "explain", list);
    }
    rc = json_dumpf(obj, out, JSON_COMPACT | JSON_REAL_PRECISION(6));
    json_decref(obj);
    fputc('\n', out);
    return rc;
}

static int parse_args(predict_cli *cli, int argc, char **argv, st_error *err)
{
    static const struct option longopts[] = {
        { "model", required_argument, NULL, 'm' },
        { "format", required_argument, NULL, 'F' },
        { "output", required_argument, NULL, 'o' },
        { "input-format", required_argument, NULL, 'i' },
        { "field", required_argument, NULL, 'D' },
        { "explain", required_argument, NULL, 'E' },
        { "explain-words", required_argument, NULL, 'W' },
        { "threshold", required_argument, NULL, 'T' },
        { "no-header", no_argument, NULL, 'H' },
        { "threads", required_argument, NULL, 'j' },
        { "batch", required_argument, NULL, 'b' },
        { "skip-bad", no_argument, NULL, 'B' },
        { "quiet", no_argument, NULL, 'q' },
        { "progress", no_argument, NULL, 'P' },
        { "verbose", no_argument, NULL, 'v' },
        { "show-label", no_argument, NULL, 'L' },
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
            if (!strcmp(optarg, "tsv")) cli->jsonl = 0;
            else if (!strcmp(optarg, "jsonl")) cli->jsonl = 1;
            else rc = st_fail(err, "--format: expected tsv or jsonl, got '%s'", optarg);
            break;
        case 'o': cli->output = optarg; break;
        case 'i': rc = st_format_parse(optarg, &cli->input_format, err); break;
        case 'D': rc = st_option_field(&cli->fields, optarg, err); break;
        case 'E':
        case 'W':
            rc = st_option_int(c == 'E' ? "--explain" : "--explain-words", optarg, 1,
                               ST_EXPLAIN_MAX, &v, err);
            cli->explain = (int)v;
            cli->by_word = c == 'W';
            break;
        case 'H': cli->no_header = 1; break;
        case 'T':
            rc = st_option_double("--threshold", optarg, 0, 1, &cli->threshold, err);
            break;
        case 'j':
            rc = st_option_int("--threads", optarg, 1, 256, &v, err);
            cli->threads = (int)v;
            break;
        case 'b': rc = st_option_int("--batch", optarg, 1, 1000000, &cli->batch, err); break;
        case 'B': cli->skip_bad = 1; break;
        case 'q': cli->quiet = 1; break;
        case 'P': cli->progress = 1; break;
        case 'v': cli->verbose = 1; break;
        case 'L': cli->show_label = 1; break;
        case 'G': cli->no_gate = 1; break;
        case 'h': fputs(usage, stdout); exit(0);
        default: return st_option_error(c, argv, longopts, err);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* Where predict_input's batches go. */
typedef struct output_sink {
    const predict_cli *cli;
    const st_model *m;
    FILE *out;
    size_t *count;
} output_sink;

static int write_batch(void *ctx, const st_batch *b, st_error *err)
{
    output_sink *sink = ctx;
    for (size_t i = 0; i < b->n; i++) {
        if (sink->cli->jsonl)
            write_jsonl(sink->out, sink->cli, sink->m, &b->items[i]);
        else
            write_tsv(sink->out, sink->cli, sink->m, &b->items[i]);
    }
    *sink->count += b->n;
    if (ferror(sink->out))
        return st_fail(err, "%s: write error: %s",
                       strcmp(sink->cli->output, "-") ? sink->cli->output : "standard output",
                       strerror(errno ? errno : EIO));
    return 0;
}

static void show_progress(void *ctx, size_t records, unsigned long long bytes)
{
    st_progress_update(ctx, records, bytes);
}

/* Labels one input, appending to out. */
static int predict_input(const predict_cli *cli, const st_model *m,
                         st_scorer *scorer, const char *path,
                         FILE *out, size_t *count, size_t *bad, st_progress *progress,
                         st_error *err)
{
    st_batch_source src = { 0 };
    output_sink sink = { cli, m, out, count };
    st_stream s = { &src, scorer, (size_t)cli->batch, write_batch, &sink,
                    show_progress, progress };
    int rc;

    src.reader = st_reader_open(path, cli->input_format, &cli->fields, err);
    if (!src.reader)
        return -1;
    src.threads = cli->threads;
    src.skip_bad = cli->skip_bad;
    src.warn = cli->quiet ? NULL : st_print_warning;
    rc = st_stream_run(&s, err);
    st_progress_next_input(progress);
    *bad += src.bad;
    st_reader_close(src.reader);
    return rc;
}

int st_cmd_predict(int argc, char **argv)
{
    predict_cli cli = { .output = "-", .batch = 1024 };
    st_model *m = NULL;
    st_scorer *scorer = NULL;
    st_atomic_file out = { 0 };
    char *stdin_only[] = { "-" };
    char **inputs;
    int ninputs, status = 1;
    size_t count = 0, bad = 0;
    st_progress progress = { 0 };
    st_error err;

    cli.threads = st_cpu_count();
    if (parse_args(&cli, argc, argv, &err) < 0)
        return st_usage_error("predict", "%s", err.msg);
    inputs = optind < argc ? argv + optind : stdin_only;
    ninputs = optind < argc ? argc - optind : 1;
    if (!cli.model_path)
        cli.model_path = stance_default_model();
    if (st_check_inputs(inputs, ninputs, &err) < 0 ||
        !(m = st_model_load(cli.model_path, &err)) ||
        !(scorer = st_scorer_new(m, cli.threads, cli.explain, &err)) ||
        (st_scorer_explain_by_word(scorer, cli.by_word), 0) ||
        (st_scorer_use_gate(scorer, !cli.no_gate), 0) ||
        (cli.verbose && (st_print_model_used(cli.model_path, m), 0)) ||
        st_atomic_open(&out, cli.output, &err) < 0)
        goto done;
    st_progress_start(&progress, cli.quiet ? -1 : cli.progress, "articles", inputs, ninputs);
    if (!cli.jsonl && !cli.no_header)
        write_tsv_header(out.f, m, cli.explain, cli.show_label);
    for (int i = 0; i < ninputs; i++)
        if (predict_input(&cli, m, scorer, inputs[i], out.f, &count,
                          &bad, &progress, &err) < 0)
            goto done;
    st_progress_finish(&progress);
    if (st_atomic_commit(&out, &err) < 0)
        goto done;
    if (!cli.quiet && count == 0)
        fprintf(stderr, "%s: warning: no articles in the input\n", st_program);
    if (!cli.quiet && bad)
        fprintf(stderr, "%s: %zu %s labelled, %zu bad %s skipped\n", st_program,
                count, st_plural(count, "article", "articles"), bad,
                st_plural(bad, "record", "records"));
    status = 0;
done:
    if (status) {
        st_atomic_abort(&out);
        st_print_error(&err);
    }
    st_scorer_free(scorer);
    st_model_free(m);
    return status;
}
