/* stance trend: the warming index per period, language and source. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "lib/stance.h"
#include "common/atomic_file.h"
#include "common/parallel.h"
#include "options.h"
#include "predict/batch.h"
#include "progress.h"
#include "trend_output.h"

static const char usage[] =
"Usage: stance trend [-m MODEL] [OPTIONS] [INPUT...]\n"
"Groups articles by the period of their date (and by language or source)\n"
"and reports per group the number of articles, the number predicted per\n"
"label, and the warming index with a bootstrap interval.  The index is the\n"
"mean over the articles of p(warming) - p(cooling): from -1 (all surely\n"
"cooling) through 0 (balanced, or neutral) to +1 (all surely warming).\n"
"\n"
"INPUTs are read as by stance predict; records that already carry predict's\n"
"\"probability\" object (stance predict --format jsonl) are not scored again,\n"
"so a labelled archive can be summarised many ways without a model.  Dates\n"
"are read from the JSONL field \"date\": ISO 8601 (2025, 2025-06, 2025-06-12,\n"
"2025-06-12T14:03:00+03:00), RFC 2822 (Thu, 12 Jun 2025 14:03:00 GMT) or\n"
"Unix seconds; times are converted to UTC days.  Records without a date,\n"
"with one that cannot be read, or with one coarser than the period (a year\n"
"alone, by month) are left out, counted and named (see --left-out).\n"
"\n"
"  -m, --model FILE        model (default: $STANCE_MODEL, else the installed\n"
"                          stance.model, or models/stance.model in a build\n"
"                          tree); it needs warming and cooling\n"
"      --by UNIT           day, week (ISO), month (default) or year\n"
"      --per KEYS          also group by lang, source, or lang,source\n"
"      --field KEY=NAME    JSONL field name for date, source, id, lang, title,\n"
"                          text or label\n"
"      --format F          tsv (default) or json\n"
"  -o, --output FILE       write the table to FILE (default: standard output)\n"
"      --html FILE         also write a chart: the index per group over time\n"
"                          with its interval, and article counts below\n"
"      --events FILE       annotate the chart: lines of DATE<TAB>LABEL\n"
"      --title TEXT        the chart's title\n"
"      --from DATE, --until DATE  only periods from the one holding DATE, up to\n"
"                          the one holding DATE (inclusive)\n"
"      --left-out FILE     list every record left out (where, id, why) as TSV\n"
"      --bootstrap B       bootstrap replicates (default 1000; 0: no interval)\n"
"      --seed N            bootstrap seed (default 1)\n"
"      --min-articles N    mark periods with fewer articles 'few' (default 10)\n"
"  -i, --input-format FMT  auto, jsonl, csv, tsv, fasttext, lines, text, dir\n"
"  -j, --threads N         worker threads (default: all cores)\n"
"      --skip-bad          report bad records (file:line) and go on\n"
"      --progress          show progress on standard error even when it is not\n"
"                          a terminal (it is shown on a terminal unless -q)\n"
"  -v, --verbose           say which model is used (path, labels, training data)\n"
"  -q, --quiet             no progress, warnings or summary on standard error\n"
"  -h, --help              this help\n"
"\n"
"Every period from the first to the last is a row, empty ones included\n"
"(note \"empty\"); the table is the same for any thread count.  Memory grows\n"
"with the number of (group, period) cells, about 12 bytes per cell and\n"
"bootstrap replicate, not with the number of articles.\n";

/* How many records left out of each kind are named on standard error;
 * --left-out lists them all. */
#define WARN_LIMIT 5

typedef enum { LEFT_UNDATED, LEFT_UNPARSEABLE, LEFT_TOO_COARSE, LEFT_OUTSIDE } left_kind;

typedef struct trend_cli {
    const char *model_path, *output, *html, *events, *left_out, *title;
    const char *date_field, *source_field;
    const char *from, *until;   /* dates as given */
    st_period_unit unit;
    int per_lang, per_source, json, threads, skip_bad, quiet, progress, verbose;
    long replicates, min_articles, seed;
    st_format input_format;
    st_fields fields;
} trend_cli;

typedef struct trend_run {
    const trend_cli *cli;
    st_model *model;
    st_scorer *scorer;
    int warming, cooling;       /* the model's label numbers */
    st_labels labels;           /* predicted labels, as counted */
    st_trend *trend;
    uint64_t ordinal;
    long from, until;           /* periods; articles outside are left out */
    size_t articles, left[4], bad;
    st_atomic_file left_out;
    st_progress progress;
} trend_run;

static int parse_per(trend_cli *cli, const char *arg, st_error *err)
{
    cli->per_lang = cli->per_source = 0;
    if (!strcmp(arg, "lang")) cli->per_lang = 1;
    else if (!strcmp(arg, "source")) cli->per_source = 1;
    else if (!strcmp(arg, "lang,source") || !strcmp(arg, "source,lang"))
        cli->per_lang = cli->per_source = 1;
    else
        return st_fail(err, "--per: expected lang, source or lang,source, got '%s'", arg);
    return 0;
}

/* --field date=NAME and source=NAME are trend's own; the rest go to the
 * reader. */
static int parse_field(trend_cli *cli, const char *arg, st_error *err)
{
    if (!strncmp(arg, "date=", 5) || !strncmp(arg, "source=", 7)) {
        const char *value = strchr(arg, '=') + 1;
        if (!*value)
            return st_fail(err, "--field %.*s: empty field name",
                           (int)(value - arg - 1), arg);
        if (arg[0] == 'd')
            cli->date_field = value;
        else
            cli->source_field = value;
        return 0;
    }
    return st_option_field(&cli->fields, arg, err);
}

static int parse_args(trend_cli *cli, int argc, char **argv, st_error *err)
{
    static const struct option longopts[] = {
        { "model", required_argument, NULL, 'm' },
        { "by", required_argument, NULL, 'Y' },
        { "per", required_argument, NULL, 'P' },
        { "field", required_argument, NULL, 'D' },
        { "format", required_argument, NULL, 'F' },
        { "output", required_argument, NULL, 'o' },
        { "html", required_argument, NULL, 'H' },
        { "events", required_argument, NULL, 'E' },
        { "title", required_argument, NULL, 'T' },
        { "left-out", required_argument, NULL, 'L' },
        { "from", required_argument, NULL, 'f' },
        { "until", required_argument, NULL, 'u' },
        { "bootstrap", required_argument, NULL, 'R' },
        { "seed", required_argument, NULL, 'S' },
        { "min-articles", required_argument, NULL, 'N' },
        { "input-format", required_argument, NULL, 'i' },
        { "threads", required_argument, NULL, 'j' },
        { "skip-bad", no_argument, NULL, 'B' },
        { "quiet", no_argument, NULL, 'q' },
        { "progress", no_argument, NULL, 'p' },
        { "verbose", no_argument, NULL, 'v' },
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
        case 'Y':
            if (st_period_unit_parse(optarg, &cli->unit, err) < 0)
                rc = st_fail_prefix(err, "--by");
            break;
        case 'P': rc = parse_per(cli, optarg, err); break;
        case 'D': rc = parse_field(cli, optarg, err); break;
        case 'F':
            if (!strcmp(optarg, "tsv")) cli->json = 0;
            else if (!strcmp(optarg, "json")) cli->json = 1;
            else rc = st_fail(err, "--format: expected tsv or json, got '%s'", optarg);
            break;
        case 'o': cli->output = optarg; break;
        case 'H': cli->html = optarg; break;
        case 'E': cli->events = optarg; break;
        case 'T': cli->title = optarg; break;
        case 'L': cli->left_out = optarg; break;
        case 'f': cli->from = optarg; break;
        case 'u': cli->until = optarg; break;
        case 'R': rc = st_option_int("--bootstrap", optarg, 0, 100000, &cli->replicates, err); break;
        case 'S': rc = st_option_int("--seed", optarg, 0, 2147483647, &cli->seed, err); break;
        case 'N': rc = st_option_int("--min-articles", optarg, 1, 1000000000, &cli->min_articles, err); break;
        case 'i': rc = st_format_parse(optarg, &cli->input_format, err); break;
        case 'j':
            rc = st_option_int("--threads", optarg, 1, 256, &v, err);
            cli->threads = (int)v;
            break;
        case 'B': cli->skip_bad = 1; break;
        case 'q': cli->quiet = 1; break;
        case 'p': cli->progress = 1; break;
        case 'v': cli->verbose = 1; break;
        case 'h': fputs(usage, stdout); exit(0);
        default: return st_option_error(c, argv, longopts, err);
        }
        if (rc < 0)
            return -1;
    }
    if (cli->events && !cli->html)
        return st_fail(err, "--events annotates the chart: give --html FILE too");
    return 0;
}

/* The period holding --from's or --until's date; a year or a month stands
 * for its first day after --from and for its last after --until. */
static int range_period(const trend_cli *cli, const char *option, const char *text,
                        long *period, st_error *err)
{
    st_date d;
    int until = option[2] == 'u';
    if (st_date_parse(text, strlen(text), &d, err) < 0)
        return st_fail_prefix(err, "%s", option);
    if (d.precision < ST_DATE_DAY) {
        long day = until ? st_days_from_civil(d.month ? d.year : d.year + 1,
                                              d.month ? d.month + 1 : 1, 1) - 1
                         : st_days_from_civil(d.year, d.month ? d.month : 1, 1);
        if (until && d.month == 12)
            day = st_days_from_civil(d.year + 1, 1, 1) - 1;
        st_civil_from_days(day, &d.year, &d.month, &d.day);
        d.precision = ST_DATE_DAY;
    }
    st_period_of(&d, cli->unit, period);
    return 0;
}

static int parse_range(const trend_cli *cli, trend_run *run, st_error *err)
{
    run->from = LONG_MIN;
    run->until = LONG_MAX;
    if (cli->from && range_period(cli, "--from", cli->from, &run->from, err) < 0)
        return -1;
    if (cli->until && range_period(cli, "--until", cli->until, &run->until, err) < 0)
        return -1;
    if (run->from > run->until)
        return st_fail(err, "--from %s is after --until %s", cli->from, cli->until);
    return 0;
}

/* Loads the model the first time a record needs scoring. */
static int ensure_model(trend_run *run, st_error *err)
{
    const st_labels *l;
    if (run->scorer)
        return 0;
    if (!(run->model = st_model_load(run->cli->model_path, err)))
        return -1;
    if (run->cli->verbose)
        st_print_model_used(run->cli->model_path, run->model);
    l = &run->model->labels;
    run->warming = st_labels_find(l, "warming");
    run->cooling = st_labels_find(l, "cooling");
    if (run->warming < 0 || run->cooling < 0)
        return st_fail(err, "%s: the warming index needs a model with the labels "
                       "warming and cooling", run->cli->model_path);
    for (int c = 0; c < l->n; c++)
        if (st_labels_intern(&run->labels, l->names[c], err) < 0)
            return -1;
    run->scorer = st_scorer_new(run->model, run->cli->threads, 0, err);
    return run->scorer ? 0 : -1;
}

static json_t *probability_of(const st_item *it)
{
    json_t *p = it->json ? json_object_get(it->json, "probability") : NULL;
    return json_is_object(p) ? p : NULL;
}

static int batch_needs_model(const st_batch *b)
{
    for (size_t i = 0; i < b->n; i++)
        if (!probability_of(&b->items[i]))
            return 1;
    return 0;
}

static int probability_field(json_t *prob, const char *name, double *out)
{
    json_t *v = json_object_get(prob, name);
    if (!json_is_number(v))
        return -1;
    *out = json_number_value(v);
    return isfinite(*out) && *out >= 0 && *out <= 1 ? 0 : -1;
}

/* The index value and the predicted label (a number in run->labels) of a
 * record that predict already scored. */
static int scored_values(trend_run *run, const st_item *it, json_t *prob,
                         double *value, int *label, st_error *err)
{
    char where[512];
    double w, c;
    json_t *pred = json_object_get(it->json, "predicted");
    snprintf(where, sizeof where, "%s:%zu", it->file, it->line);
    if (probability_field(prob, "warming", &w) < 0 ||
        probability_field(prob, "cooling", &c) < 0)
        return st_fail(err, "%s: \"probability\" needs numbers from 0 to 1 for "
                       "warming and cooling", where);
    *value = w - c;
    /* predict writes the probabilities in the model's label order: count
     * the labels in that order, as with the model itself. */
    {
        const char *name;
        json_t *p;
        json_object_foreach(prob, name, p)
            if (st_labels_intern(&run->labels, name, err) < 0)
                return st_fail_prefix(err, "%s", where);
    }
    if (!json_is_string(pred))
        return st_fail(err, "%s: \"probability\" without a \"predicted\" label", where);
    if ((*label = st_labels_intern(&run->labels, json_string_value(pred), err)) < 0)
        return st_fail_prefix(err, "%s", where);
    return 0;
}

static void values_of(const trend_run *run, const st_item *it, double *value,
                      int *label)
{
    const st_labels *l = &run->model->labels;
    *value = it->result.prob[run->warming] - it->result.prob[run->cooling];
    *label = st_labels_find(&run->labels, l->names[it->result.predicted]);
}

/* The period of a record, or the kind of reason it has none (reason
 * filled). */
static int period_of(const trend_run *run, const st_item *it, long *period,
                     char *reason, size_t size)
{
    const char *field = run->cli->date_field;
    json_t *v = it->json ? json_object_get(it->json, field) : NULL;
    st_date date;
    st_error err;
    int rc;

    if (!it->json) {
        snprintf(reason, size, "no date: the input is neither JSONL nor CSV");
        return LEFT_UNDATED;
    }
    if (!v || json_is_null(v) || (json_is_string(v) && !json_string_length(v))) {
        snprintf(reason, size, "no \"%s\"", field);
        return LEFT_UNDATED;
    }
    if (json_is_string(v))
        rc = st_date_parse(json_string_value(v), json_string_length(v), &date, &err);
    else if (json_is_integer(v) && json_integer_value(v) >= 1000 &&
             json_integer_value(v) <= 9999) {
        /* A four-digit number is a year, as the string "2015" is. */
        date = (st_date){ .year = (int)json_integer_value(v),
                          .precision = ST_DATE_YEAR };
        rc = 0;
    }
    else if (json_is_number(v))
        rc = st_date_from_unix(json_number_value(v), &date, &err);
    else
        rc = st_fail(&err, "a date must be a string or a number");
    if (rc < 0) {
        snprintf(reason, size, "\"%s\": %s", field, err.msg);
        return LEFT_UNPARSEABLE;
    }
    if (st_period_of(&date, run->cli->unit, period) < 0) {
        char text[64];
        if (json_is_string(v))
            snprintf(text, sizeof text, "%s", json_string_value(v));
        else
            snprintf(text, sizeof text, "%d", date.year);
        snprintf(reason, size, "\"%s\" %s is too coarse for --by %s", field, text,
                 st_period_unit_name(run->cli->unit));
        return LEFT_TOO_COARSE;
    }
    if (*period < run->from || *period > run->until) {
        snprintf(reason, size, "outside --from/--until");
        return LEFT_OUTSIDE;
    }
    return -1;
}

/* Copies s without the tabs and line breaks that would break a TSV row. */
static size_t copy_clean(char *dst, size_t size, const char *s)
{
    size_t n = 0;
    for (; *s && n + 1 < size; s++)
        dst[n++] = *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s;
    dst[n] = '\0';
    return n;
}

/* "lang", "source" or "lang<TAB>source", as --per says. */
static void group_of(const trend_run *run, const st_item *it, char *buf, size_t size)
{
    const char *lang = it->lang && *it->lang ? it->lang : "und";
    json_t *s = it->json ? json_object_get(it->json, run->cli->source_field) : NULL;
    const char *source = json_is_string(s) && json_string_length(s)
                             ? json_string_value(s) : "unknown";
    size_t n = 0;
    buf[0] = '\0';
    if (run->cli->per_lang)
        n = copy_clean(buf, size, lang);
    if (run->cli->per_lang && run->cli->per_source && n + 1 < size)
        buf[n++] = '\t';
    if (run->cli->per_source)
        copy_clean(buf + n, size - n, source);
}

static void leave_out(trend_run *run, const st_item *it, int kind,
                      const char *reason)
{
    char where[512];
    snprintf(where, sizeof where, "%s:%zu", it->file, it->line);
    if (!it->line)
        snprintf(where, sizeof where, "%s", it->file);
    if (!run->cli->quiet && run->left[kind] < WARN_LIMIT && kind != LEFT_OUTSIDE)
        fprintf(stderr, "%s: %s: left out: %s\n", st_program, where, reason);
    run->left[kind]++;
    if (run->left_out.f)
        fprintf(run->left_out.f, "%s\t%s\t%s\n", where, it->id ? it->id : "", reason);
}

static int add_item(trend_run *run, const st_item *it, st_error *err)
{
    char reason[1200], group[512];
    json_t *prob = probability_of(it);
    double value = 0;
    int label = -1, kind;
    long period = 0;

    if (prob) {
        if (scored_values(run, it, prob, &value, &label, err) < 0) {
            if (!run->cli->skip_bad)
                return -1;
            if (!run->cli->quiet)
                fprintf(stderr, "%s: skipped: %s\n", st_program, err->msg);
            run->bad++;
            return 0;
        }
    } else {
        values_of(run, it, &value, &label);
    }
    if ((kind = period_of(run, it, &period, reason, sizeof reason)) >= 0) {
        leave_out(run, it, kind, reason);
        return 0;
    }
    group_of(run, it, group, sizeof group);
    run->articles++;
    return st_trend_add(run->trend, group, period, value, label, run->ordinal++, err);
}

static int trend_input(trend_run *run, const char *path, st_error *err)
{
    const trend_cli *cli = run->cli;
    st_batch batch = { 0 };
    st_batch_source src = { 0 };
    size_t read = 0;
    long n = 0;
    int rc = 0;

    if (!(src.reader = st_reader_open(path, cli->input_format, &cli->fields, err)))
        return -1;
    src.threads = cli->threads;
    src.skip_bad = cli->skip_bad;
    src.warn = cli->quiet ? NULL : st_print_warning;
    while (rc == 0 && (n = st_batch_read(&batch, &src, 1024, err)) > 0) {
        if (batch_needs_model(&batch) &&
            (ensure_model(run, err) < 0 || st_scorer_run(run->scorer, &batch, err) < 0)) {
            rc = -1;
            break;
        }
        st_batch_warn_invalid_utf8(&batch, &src);
        for (size_t i = 0; i < batch.n && rc == 0; i++)
            rc = add_item(run, &batch.items[i], err);
        read += batch.n;
        st_progress_update(&run->progress, read, st_reader_bytes_read(src.reader));
    }
    if (n < 0)
        rc = -1;
    st_progress_next_input(&run->progress);
    run->bad += src.bad;
    st_batch_free(&batch);
    st_reader_close(src.reader);
    return rc;
}

static int open_outputs(const trend_cli *cli, st_atomic_file *out,
                        st_atomic_file *html, st_atomic_file *left_out,
                        st_error *err)
{
    if (st_atomic_open(out, cli->output, err) < 0)
        return -1;
    if (cli->html && st_atomic_open(html, cli->html, err) < 0)
        return -1;
    if (cli->left_out && st_atomic_open(left_out, cli->left_out, err) < 0)
        return -1;
    if (left_out->f)
        fputs("where\tid\treason\n", left_out->f);
    return 0;
}

static int write_outputs(const trend_cli *cli, const trend_table *table,
                         const trend_event *events, size_t nevents,
                         st_atomic_file *out, st_atomic_file *html, st_error *err)
{
    int rc;
    errno = 0;
    rc = cli->json ? trend_write_json(out->f, table) : trend_write_tsv(out->f, table);
    if (rc < 0)
        return st_fail(err, "%s: write error: %s", cli->output, strerror(errno ? errno : EIO));
    if (html->f && trend_write_html(html->f, table, events, nevents,
                                    cli->title ? cli->title : "stance trend") < 0)
        return st_fail(err, "%s: write error: %s", cli->html, strerror(errno ? errno : EIO));
    return 0;
}

static void print_summary(const trend_cli *cli, const trend_run *run, size_t nrows)
{
    size_t left = run->left[0] + run->left[1] + run->left[2];
    if (run->left[LEFT_OUTSIDE])
        fprintf(stderr, "%s: %zu %s outside --from/--until\n", st_program,
                run->left[LEFT_OUTSIDE], st_plural(run->left[LEFT_OUTSIDE], "article", "articles"));
    fprintf(stderr, "%s: %zu %s in %zu %s (by %s)", st_program, run->articles,
            st_plural(run->articles, "article", "articles"), nrows,
            st_plural(nrows, "row", "rows"), st_period_unit_name(cli->unit));
    if (left)
        fprintf(stderr, "; left out %zu: %zu undated, %zu with an unreadable date, "
                "%zu with a date too coarse for --by %s%s", left, run->left[LEFT_UNDATED],
                run->left[LEFT_UNPARSEABLE], run->left[LEFT_TOO_COARSE],
                st_period_unit_name(cli->unit),
                cli->left_out ? "" : " (--left-out FILE lists them)");
    if (run->bad)
        fprintf(stderr, "; %zu bad %s skipped", run->bad, st_plural(run->bad, "record", "records"));
    fputc('\n', stderr);
}

int st_cmd_trend(int argc, char **argv)
{
    trend_cli cli = { .output = "-", .unit = ST_PERIOD_MONTH, .replicates = 1000,
                      .min_articles = 10, .seed = 1, .date_field = "date",
                      .source_field = "source" };
    trend_run run = { .cli = &cli };
    st_trend_options topt = { .level = 0.95, .nlabels = ST_MAX_CLASSES };
    trend_table table = { 0 };
    trend_event *events = NULL;
    size_t nevents = 0;
    st_atomic_file out = { 0 }, html = { 0 };
    const st_trend_row *rows = NULL;
    char *stdin_only[] = { "-" };
    char **inputs;
    int ninputs, status = 1;
    long nrows = 0;
    st_error err;

    cli.threads = st_cpu_count();
    if (parse_args(&cli, argc, argv, &err) < 0 || parse_range(&cli, &run, &err) < 0)
        return st_usage_error("trend", "%s", err.msg);
    inputs = optind < argc ? argv + optind : stdin_only;
    ninputs = optind < argc ? argc - optind : 1;
    topt.replicates = (int)cli.replicates;
    topt.seed = (uint64_t)cli.seed;
    if (st_check_inputs(inputs, ninputs, &err) < 0 ||
        (cli.events && trend_read_events(cli.events, &events, &nevents, &err) < 0) ||
        (cli.model_path && ensure_model(&run, &err) < 0) ||
        !(run.trend = st_trend_new(&topt, &err)) ||
        open_outputs(&cli, &out, &html, &run.left_out, &err) < 0)
        goto done;
    if (!cli.model_path)
        cli.model_path = stance_default_model();
    st_progress_start(&run.progress, cli.quiet ? -1 : cli.progress, "articles", inputs,
                      ninputs);
    for (int i = 0; i < ninputs; i++)
        if (trend_input(&run, inputs[i], &err) < 0)
            goto done;
    st_progress_finish(&run.progress);
    if ((nrows = st_trend_rows(run.trend, &rows, &err)) < 0) {
        char why[sizeof err.msg];
        snprintf(why, sizeof why, "%s", err.msg);
        st_fail(&err, "%s: narrow it with --from/--until, a coarser --by or fewer --per "
                "groups", why);
        goto done;
    }
    if (!run.articles) {
        st_fail(&err, "no article has a date to place it in a period (%zu undated, "
                "%zu unreadable, %zu too coarse for --by %s)", run.left[0], run.left[1],
                run.left[2], st_period_unit_name(cli.unit));
        goto done;
    }
    table = (trend_table){ .unit = cli.unit, .per_lang = cli.per_lang,
                           .per_source = cli.per_source, .labels = &run.labels,
                           .rows = rows, .nrows = (size_t)nrows,
                           .min_articles = cli.min_articles,
                           .replicates = (int)cli.replicates, .level = topt.level,
                           .seed = (unsigned long)cli.seed, .articles = run.articles,
                           .undated = run.left[LEFT_UNDATED],
                           .unparseable = run.left[LEFT_UNPARSEABLE],
                           .too_coarse = run.left[LEFT_TOO_COARSE],
                           .outside = run.left[LEFT_OUTSIDE] };
    /* Every output is synced before any is renamed into place: a full
     * disk leaves none of them. */
    if (write_outputs(&cli, &table, events, nevents, &out, &html, &err) < 0 ||
        st_atomic_sync(&out, &err) < 0 || (html.f && st_atomic_sync(&html, &err) < 0) ||
        (run.left_out.f && st_atomic_sync(&run.left_out, &err) < 0) ||
        (run.left_out.f && st_atomic_commit(&run.left_out, &err) < 0) ||
        (html.f && st_atomic_commit(&html, &err) < 0) ||
        st_atomic_commit(&out, &err) < 0)
        goto done;
    if (!cli.quiet)
        print_summary(&cli, &run, (size_t)nrows);
    status = 0;
done:
    if (status) {
        st_atomic_abort(&out);
        st_atomic_abort(&html);
        st_atomic_abort(&run.left_out);
        st_print_error(&err);
    }
    trend_free_events(events, nevents);
    st_trend_free(run.trend);
    st_scorer_free(run.scorer);
    st_model_free(run.model);
    return status;
}
