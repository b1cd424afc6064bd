/* stance train: corpus -> cross-validated, calibrated model file. */
#include <getopt.h>
#include <time.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "common/atomic_file.h"
#include "options.h"
#include "progress.h"
#include "train/trainer.h"
#include "train/transfer.h"

/* A printf format: print_usage fills in the defaults. */
static const char usage[] =
"Usage: stance train [OPTIONS] CORPUS...\n"
"Fits a linear SVM stance model (LIBLINEAR; libsvm for RBF kernels):\n"
"stratified K-fold cross-validation over a\n"
"parameter grid picks the point with the best macro-F1, Platt scaling of the\n"
"cross-validated decision values calibrates probabilities, and the final\n"
"model is refitted on all records and written atomically.\n"
"\n"
"Input\n"
"  -i, --input-format FMT  auto, jsonl, csv, tsv, fasttext, dir (default: auto)\n"
"      --field KEY=NAME    JSONL field name for id, lang, title, text or label\n"
"  -l, --labels LIST       keep only these labels, e.g. warming,cooling\n"
"      --background L      also train on label L's records, as what is none of\n"
"                          the labels (e.g. neutral), but never predict L\n"
"      --skip-bad          skip bad records (reported) instead of stopping\n"
"Features\n"
"  -s, --set KEY=VALUE     feature setting, repeatable (see stance features --help)\n"
"Model\n"
"  -o, --output FILE       model file to write (default: stance.model)\n"
"      --kernel K          linear (default) or rbf (implies --solver libsvm)\n"
"      --solver S          liblinear (default: linear machines fitted from the\n"
"                          vectors, memory linear in the corpus) or libsvm\n"
"                          (precomputed n x n kernel matrix; needed for rbf)\n"
"      --loss L            liblinear's loss: hinge (default), squared-hinge or\n"
"                          logistic (L2-regularised logistic regression)\n"
"  -C, --cost LIST         grid over C (default: %s)\n"
"      --gamma LIST        grid over RBF gamma (default: %s)\n"
"      --no-balance        do not weight classes by inverse frequency\n"
"      --class-weight L=W  multiply label L's C by W; repeatable\n"
"      --mentions FILE     keep FILE's list of the names of Russia and the US\n"
"                          in the model: predict then answers neutral for a\n"
"                          text that names neither (features/mentions.h,\n"
"                          data/mentions.txt); needs a neutral label\n"
"Cross-lingual space (train/space.h; the model card measures it)\n"
"      --parallel DIR      learn a space from the line-aligned translations in\n"
"                          DIR (one NAME.txt per language, e.g. NTREX-128) and\n"
"                          append each record's projection to its features, so\n"
"                          that what one language's labels teach carries over\n"
"                          to the others; the model file and prediction are\n"
"                          unchanged (the projection folds into the weights)\n"
"      --space-dims K      dimensions of the space (default: %d)\n"
"      --space-weight W    weight of the projection (default: %g)\n"
"      --space-power P     weigh dimension j by (s_j/s_1)^P, s the singular\n"
"                          values, at the same total weight (default: 0, all\n"
"                          alike)\n"
"      --space-method M    lsi (default): cross-language LSI of the joint\n"
"                          documents; joint or english: an aligned space, each\n"
"                          language mapped by ridge regression onto the joint\n"
"                          documents' coordinates or onto English's own\n"
"      --space-ridge R     ridge of an aligned space, in units of a sentence's\n"
"                          squared length (default: %g)\n"
"      --space-drop-languages\n"
"                          project out of the space the directions of each\n"
"                          language's mean sentence, so that a text leans to\n"
"                          no label for its language alone\n"
"      --transfer M        what --parallel learns: space (default), lexicon\n"
"                          (each language's words mapped onto the English\n"
"                          words they align with, train/lexicon.h; needs\n"
"                          word n-grams), or both\n"
"      --lexicon-weight W  weight of the mapped words (default: %g)\n"
"      --parallel-idf      also count DIR's lines (each line in every language\n"
"                          as one document) in the IDF beside the records:\n"
"                          n-grams common to all news then weigh less\n"
"Cross-validation\n"
"      --cv K              folds (default: %d)\n"
"      --repeats R         repeat CV with R different fold draws (default: %d)\n"
"      --seed N            fold seed (default: %llu); results do not depend on threads\n"
"  -j, --threads N         worker threads (default: all cores)\n"
"      --max-memory MB     refuse to start training when it would need more\n"
"                          than MB megabytes beyond the loaded corpus\n"
"                          (default: the memory available: MemAvailable,\n"
"                          and ulimit -v when set)\n"
"Output\n"
"      --progress          show progress on standard error even when it is not\n"
"                          a terminal (it is shown on a terminal unless -q)\n"
"  -q, --quiet             no progress, warnings or summary\n"
"  -h, --help              this help\n";

typedef struct train_cli {
    st_feature_config features;
    st_fields fields;
    st_load_options load;
    st_train_options train;
    st_dataset data;
    const char *output;
    int quiet, progress;
    char *class_weight_args[ST_MAX_CLASSES];
    int nclass_weights;
    const char *background;
    int solver_given;
    long max_memory_mb;      /* 0: what the machine has available */
    st_transfer_options transfer;   /* --parallel and what it learns */
    int space_power_given;
    int space_method_given;
    st_transfer learnt;
    const char *mentions_path;      /* --mentions */
    char *mentions;                 /* its text, checked before training */
    size_t mentions_len;
} train_cli;

/* "0.1,0.3,1" */
static void format_list(char *out, size_t size, const double *v, int n)
{
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < n && o < size; i++)
        o += (size_t)snprintf(out + o, size - o, "%s%g", i ? "," : "", v[i]);
}

/* The help, with the defaults taken from where they are set, so that the
 * two cannot drift apart. */
static void print_usage(FILE *out)
{
    st_train_options o;
    char c_grid[512], gamma_grid[512];

    st_train_options_default(&o);
    format_list(c_grid, sizeof c_grid, o.c_grid, o.nc);
    format_list(gamma_grid, sizeof gamma_grid, o.gamma_grid, o.ngamma);
    fprintf(out, usage, c_grid, gamma_grid, ST_SPACE_DEFAULT_DIMS,
            ST_SPACE_DEFAULT_WEIGHT, ST_SPACE_DEFAULT_RIDGE, ST_LEXICON_DEFAULT_WEIGHT,
            o.folds, o.repeats,
            (unsigned long long)o.seed);
}

static int parse_list(const char *name, const char *arg, double *out, int *n,
                      st_error *err)
{
    char buf[1024], *tok, *save = NULL;
    size_t len = strlen(arg);
    /* strtok_r would skip an empty item silently: "1,,2" is a typo. */
    if (len == 0 || arg[0] == ',' || arg[len - 1] == ',' || strstr(arg, ",,"))
        return st_fail(err, "%s: empty value in '%s'", name, arg);
    snprintf(buf, sizeof buf, "%s", arg);
    *n = 0;
    for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (*n >= ST_MAX_GRID)
            return st_fail(err, "%s: at most %d values", name, ST_MAX_GRID);
        if (st_option_double(name, tok, 1e-9, 1e9, &out[(*n)++], err) < 0)
            return -1;
    }
    return *n ? 0 : st_fail(err, "%s: no values in '%s'", name, arg);
}

/* The form of LABEL=WEIGHT, checked with the other options (a usage
 * error); whether the label exists waits for the corpus. */
static int check_class_weight(const char *arg, st_error *err)
{
    const char *eq = strchr(arg, '=');
    double w;
    if (!eq || eq == arg)
        return st_fail(err, "--class-weight: expected LABEL=WEIGHT, got '%s'", arg);
    return st_option_double("--class-weight", eq + 1, 1e-6, 1e6, &w, err);
}

static int apply_class_weights(train_cli *cli, st_error *err)
{
    for (int t = 0; t < cli->nclass_weights; t++) {
        char *arg = cli->class_weight_args[t], *eq = strchr(arg, '=');
        double w;
        int k;
        if (!eq)
            return st_fail(err, "--class-weight: expected LABEL=WEIGHT, got '%s'", arg);
        *eq = '\0';
        k = st_labels_find(&cli->data.labels, arg);
        if (k < 0)
            return st_fail(err, "--class-weight: label '%s' is not in the corpus", arg);
        if (st_option_double("--class-weight", eq + 1, 1e-6, 1e6, &w, err) < 0)
            return -1;
        if (k == cli->train.background)
            return st_fail(err, "--class-weight: '%s' is the background label, "
                           "which is weighted as part of each label's rest", arg);
        cli->train.class_weight[k] = w;
    }
    return 0;
}

/* Before loading: with --labels, the background label is kept too. */
static int admit_background(train_cli *cli, st_error *err)
{
    st_labels *l = &cli->data.labels;

    if (!cli->background || !l->fixed)
        return 0;
    if (st_labels_find(l, cli->background) >= 0)
        return st_fail(err, "--background: '%s' is also in --labels",
                       cli->background);
    l->fixed = 0;
    if (st_labels_intern(l, cli->background, err) < 0)
        return -1;
    l->fixed = 1;
    return 0;
}

/* After loading: the background becomes the last class. */
static int place_background(train_cli *cli, st_error *err)
{
    st_dataset *d = &cli->data;
    int k;

    if (!cli->background)
        return 0;
    k = st_labels_find(&d->labels, cli->background);
    if (k < 0 || st_dataset_class_count(d, k) == 0)
        return st_fail(err, "--background: label '%s' occurs in no record",
                       cli->background);
    st_dataset_move_class_last(d, k);
    cli->train.background = d->labels.n - 1;
    return 0;
}

/* Where the current phase began, so that its remaining time is projected
 * from its own pace, not from the phases before it. */
typedef struct progress_state {
    const char *phase;
    double phase_start;
} progress_state;

static void print_progress(void *ctx, const st_train_progress *p)
{
    progress_state *st = ctx;
    double fraction = p->total ? (double)p->done / (double)p->total : 0;
    double in_phase;

    if (!st->phase || strcmp(st->phase, p->phase) != 0) {
        st->phase = p->phase;
        st->phase_start = p->elapsed;
    }
    in_phase = p->elapsed - st->phase_start;
    fprintf(stderr, "\r%-17s %4zu/%-4zu  elapsed %5.1fs", p->phase, p->done,
            p->total, p->elapsed);
    if (fraction > 0 && fraction < 1)
        fprintf(stderr, "  phase remaining ~%4.0fs",
                in_phase * (1 - fraction) / fraction);
    else
        fprintf(stderr, "%25s", "");
    if (p->done == p->total && !strcmp(p->phase, "final model"))
        fputc('\n', stderr);
    fflush(stderr);
}

static int parse_transfer(train_cli *cli, const char *arg, st_error *err)
{
    cli->transfer.use_space = strcmp(arg, "space") == 0 || strcmp(arg, "both") == 0;
    cli->transfer.use_lexicon = strcmp(arg, "lexicon") == 0 || strcmp(arg, "both") == 0;
    if (!cli->transfer.use_space && !cli->transfer.use_lexicon)
        return st_fail(err, "--transfer: expected space, lexicon or both, got '%s'",
                       arg);
    return 0;
}

static int parse_space_method(train_cli *cli, const char *arg, st_error *err)
{
    st_transfer_options *t = &cli->transfer;

    t->space_aligned = strcmp(arg, "lsi") != 0;
    t->space_target = strcmp(arg, "english") == 0 ? ST_SPACE_TARGET_ENGLISH
                                                  : ST_SPACE_TARGET_JOINT;
    cli->space_method_given = 1;
    if (strcmp(arg, "lsi") && strcmp(arg, "joint") && strcmp(arg, "english"))
        return st_fail(err, "--space-method: expected lsi, joint or english, "
                       "got '%s'", arg);
    return 0;
}

/* The options of --parallel go together: each needs it, and the method
 * it belongs to. */
static int check_transfer(train_cli *cli, st_error *err)
{
    st_transfer_options *t = &cli->transfer;
    int shapes_space = t->space_dims || t->space_weight || cli->space_power_given ||
                       cli->space_method_given || t->space_ridge ||
                       t->space_drop_languages;

    if (!t->parallel && (shapes_space || t->use_lexicon || t->lexicon_weight ||
                         t->use_idf))
        return st_fail(err, "--space-dims, --space-weight, --space-power, "
                       "--space-method, --space-ridge, --space-drop-languages, "
                       "--transfer, --lexicon-weight and --parallel-idf shape what "
                       "--parallel DIR learns; give --parallel");
    if (t->parallel && !t->use_lexicon && !t->use_space)
        t->use_space = 1;     /* --parallel alone: the space */
    if (t->lexicon_weight && !t->use_lexicon)
        return st_fail(err, "--lexicon-weight needs --transfer lexicon or both");
    if (shapes_space && !t->use_space)
        return st_fail(err, "--space-dims, --space-weight, --space-power, "
                       "--space-method, --space-ridge and --space-drop-languages "
                       "need --transfer space or both");
    if (t->space_ridge && !t->space_aligned)
        return st_fail(err, "--space-ridge shapes an aligned space: give "
                       "--space-method joint or english");
    if (t->parallel && cli->train.solver != ST_SOLVER_LIBLINEAR)
        return st_fail(err, "--parallel needs the liblinear solver");
    return 0;
}

static int parse_args(train_cli *cli, int argc, char **argv, st_error *err)
{
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'o' },
        { "input-format", required_argument, NULL, 'f' },
        { "format", required_argument, NULL, 'f' },
        { "field", required_argument, NULL, 'F' },
        { "labels", required_argument, NULL, 'l' },
        { "set", required_argument, NULL, 's' },
        { "skip-bad", no_argument, NULL, 'B' },
        { "kernel", required_argument, NULL, 'K' },
        { "solver", required_argument, NULL, 'P' },
        { "loss", required_argument, NULL, 'L' },
        { "cost", required_argument, NULL, 'C' },
        { "gamma", required_argument, NULL, 'G' },
        { "no-balance", no_argument, NULL, 'N' },
        { "class-weight", required_argument, NULL, 'W' },
        { "background", required_argument, NULL, 'g' },
        { "cv", required_argument, NULL, 'v' },
        { "repeats", required_argument, NULL, 'r' },
        { "seed", required_argument, NULL, 'S' },
        { "threads", required_argument, NULL, 'j' },
        { "max-memory", required_argument, NULL, 'M' },
        { "parallel", required_argument, NULL, 1002 },
        { "space-dims", required_argument, NULL, 1003 },
        { "space-weight", required_argument, NULL, 1004 },
        { "transfer", required_argument, NULL, 1005 },
        { "space-power", required_argument, NULL, 1007 },
        { "space-method", required_argument, NULL, 1008 },
        { "space-ridge", required_argument, NULL, 1009 },
        { "lexicon-weight", required_argument, NULL, 1006 },
        { "mentions", required_argument, NULL, 1010 },
        { "parallel-idf", no_argument, NULL, 1011 },
        { "space-drop-languages", no_argument, NULL, 1012 },
        { "quiet", no_argument, NULL, 'q' },
        { "progress", no_argument, NULL, 1001 },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    int c;
    long v;

    optind = 1;
    opterr = 0;
    if (st_check_single_dash(argc, argv, longopts, err) < 0)
        return -1;
    while ((c = getopt_long(argc, argv, ":o:f:i:l:s:C:j:qh", longopts, NULL)) != -1) {
        int rc = 0;
        switch (c) {
        case 'o': cli->output = optarg; break;
        case 'i': rc = st_format_parse(optarg, &cli->load.format, err); break;
        case 'f': rc = st_fail(err, "--format names an output format in predict and eval; "
                               "the input format is -i/--input-format"); break;
        case 'F': rc = st_option_field(&cli->fields, optarg, err); break;
        case 'l':
            rc = st_labels_parse(&cli->data.labels, optarg, err) < 0
                 ? st_fail_prefix(err, "--labels") : 0;
            break;
        case 's': rc = st_option_feature(&cli->features, optarg, err); break;
        case 'B': cli->load.skip_bad = 1; break;
        case 'K':
            if (!strcmp(optarg, "linear")) cli->train.kernel = ST_KERNEL_LINEAR;
            else if (!strcmp(optarg, "rbf")) cli->train.kernel = ST_KERNEL_RBF;
            else rc = st_fail(err, "--kernel: expected linear or rbf, got '%s'", optarg);
            break;
        case 'P':
            cli->solver_given = 1;
            if (!strcmp(optarg, "liblinear")) cli->train.solver = ST_SOLVER_LIBLINEAR;
            else if (!strcmp(optarg, "libsvm")) cli->train.solver = ST_SOLVER_LIBSVM;
            else rc = st_fail(err, "--solver: expected liblinear or libsvm, got '%s'", optarg);
            break;
        case 'L':
            if (st_loss_parse(optarg, &cli->train.loss) < 0)
                rc = st_fail(err, "--loss: expected hinge, squared-hinge or logistic, got '%s'",
                             optarg);
            break;
        case 'C': rc = parse_list("--cost", optarg, cli->train.c_grid, &cli->train.nc, err); break;
        case 'G': rc = parse_list("--gamma", optarg, cli->train.gamma_grid, &cli->train.ngamma, err); break;
        case 'N': cli->train.balanced = 0; break;
        case 'W':
            if (cli->nclass_weights >= ST_MAX_CLASSES)
                rc = st_fail(err, "--class-weight: too many");
            else if ((rc = check_class_weight(optarg, err)) == 0)
                cli->class_weight_args[cli->nclass_weights++] = optarg;
            break;
        case 'v':
            rc = st_option_int("--cv", optarg, 2, 100, &v, err);
            cli->train.folds = (int)v;
            break;
        case 'r':
            rc = st_option_int("--repeats", optarg, 1, 100, &v, err);
            cli->train.repeats = (int)v;
            break;
        case 'S':
            rc = st_option_int("--seed", optarg, 0, 0x7fffffffL, &v, err);
            cli->train.seed = (uint64_t)v;
            break;
        case 'j':
            rc = st_option_int("--threads", optarg, 1, 256, &v, err);
            cli->train.threads = (int)v;
            break;
        case 'g': cli->background = optarg; break;
        case 'M':
            rc = st_option_int("--max-memory", optarg, 1, 1L << 40, &cli->max_memory_mb, err);
            break;
        case 'q': cli->quiet = 1; break;
        case 1001: cli->progress = 1; break;
        case 1002: cli->transfer.parallel = optarg; break;
        case 1003:
            rc = st_option_int("--space-dims", optarg, 1, ST_SPACE_MAX_DIMS, &v, err);
            cli->transfer.space_dims = (int)v;
            break;
        case 1004:
            rc = st_option_double("--space-weight", optarg, 1e-6, 1e6,
                                  &cli->transfer.space_weight, err);
            break;
        case 1005: rc = parse_transfer(cli, optarg, err); break;
        case 1007:
            rc = st_option_double("--space-power", optarg, -4, 4, &cli->transfer.space_power, err);
            cli->space_power_given = 1;
            break;
        case 1008: rc = parse_space_method(cli, optarg, err); break;
        case 1009:
            rc = st_option_double("--space-ridge", optarg, 1e-9, 1e9,
                                  &cli->transfer.space_ridge, err);
            break;
        case 1006:
            rc = st_option_double("--lexicon-weight", optarg, 1e-6, 1e6,
                                  &cli->transfer.lexicon_weight, err);
            break;
        case 1010: cli->mentions_path = optarg; break;
        case 1011: cli->transfer.use_idf = 1; break;
        case 1012: cli->transfer.space_drop_languages = 1; break;
        case 'h': print_usage(stdout); exit(0);
        default: return st_option_error(c, argv, longopts, err);
        }
        if (rc < 0)
            return -1;
    }
    if (optind >= argc)
        return st_fail(err, "no corpus given");
    if (cli->train.kernel == ST_KERNEL_RBF && !cli->solver_given)
        cli->train.solver = ST_SOLVER_LIBSVM;
    return check_transfer(cli, err);
}

/* What --parallel learns (the space, the lexicon or both), learnt before
 * the corpus is read so that a bad directory fails at once. */
static int learn_transfer(train_cli *cli, st_error *err)
{
    if (!cli->transfer.parallel)
        return 0;
    if (st_transfer_learn(&cli->learnt, &cli->transfer, &cli->features, err) < 0)
        return st_fail_prefix(err, "--parallel");
    cli->train.space = st_transfer_space(&cli->learnt);
    cli->train.lexicon = st_transfer_lexicon(&cli->learnt);
    cli->train.idf_documents = st_transfer_idf_documents(&cli->learnt);
    return 0;
}

static const char *space_method_name(const st_transfer_options *t)
{
    if (!t->space_aligned)
        return "LSI";
    return t->space_target == ST_SPACE_TARGET_ENGLISH ? "aligned onto English"
                                                      : "aligned onto the joint documents";
}

/* The summary goes to out: standard output, or standard error when the
 * model itself is written to standard output (-o -). */
static void print_summary(FILE *out, const train_cli *cli,
                          const st_train_report *rep, const st_model *m)
{
    const st_dataset *d = &cli->data;
    const st_space *sp = cli->train.space;
    const st_lexicon *lx = cli->train.lexicon;
    int predicted = m->labels.n;
    char desc[256];
    struct stat st;

    fprintf(out, "corpus: %zu %s", d->n, st_plural(d->n, "record", "records"));
    for (int c = 0; c < d->labels.n; c++)
        fprintf(out, "%s%s %zu", c ? ", " : " (", d->labels.names[c],
               st_dataset_class_count(d, c));
    fprintf(out, ")");
    if (d->filtered)
        fprintf(out, "; %zu with other labels left out", d->filtered);
    if (d->bad)
        fprintf(out, "; %zu bad %s skipped", d->bad, st_plural(d->bad, "record", "records"));
    if (d->invalid_docs)
        fprintf(out, "; %zu %s invalid UTF-8", d->invalid_docs,
                st_plural(d->invalid_docs, "record had", "records had"));
    st_feature_config_describe(&cli->features, desc, sizeof desc);
    fprintf(out, "\nfeatures: %s\n", desc);
    if (sp)
        fprintf(out, "cross-lingual space (%s): %d dimensions from %zu languages x "
                "%zu sentences (%s), weight %g, power %g, %zu buckets; learnt in "
                "%.1f s\n", space_method_name(&cli->transfer),
                sp->dims, sp->languages, sp->sentences, cli->transfer.parallel,
                sp->weight, sp->power, sp->rows, cli->learnt.seconds);
    if (sp && sp->languages_removed)
        fprintf(out, "cross-lingual space: %zu directions of the languages' mean "
                "sentences projected out\n", sp->languages_removed);
    if (lx)
        fprintf(out, "cross-lingual lexicon: %zu words of %zu languages (the "
                "pivot's own included) mapped onto %s words (%zu entries, %s, "
                "%zu sentences), weight %g\n",
                lx->sources, lx->languages, lx->pivot, lx->entries,
                cli->transfer.parallel, lx->sentences, lx->weight);
    if (cli->train.idf_documents)
        fprintf(out, "IDF: the records and %llu joint documents of %s\n",
                (unsigned long long)cli->train.idf_documents->ndocs,
                cli->transfer.parallel);
    fprintf(out, "class weights:");
    for (int c = 0; c < d->labels.n; c++)
        if (c < predicted)
            fprintf(out, " %s=%.3f", d->labels.names[c], rep->class_weight[c]);
        else
            fprintf(out, " %s=background (one-vs-rest machines)", d->labels.names[c]);
    fprintf(out, "\n%d-fold cross-validation, %d repeat%s, seed %llu, %s kernel (%s):\n",
           cli->train.folds, cli->train.repeats, cli->train.repeats == 1 ? "" : "s",
           (unsigned long long)cli->train.seed,
           cli->train.kernel == ST_KERNEL_RBF ? "rbf" : "linear",
           cli->train.solver == ST_SOLVER_LIBSVM ? "libsvm"
           : cli->train.loss == ST_LOSS_HINGE ? "LIBLINEAR, hinge loss"
           : cli->train.loss == ST_LOSS_SQUARED_HINGE ? "LIBLINEAR, squared hinge loss"
                                                      : "LIBLINEAR, logistic loss");
    fprintf(out, "  %10s %8s %9s %9s\n", "C", "gamma", "macro-F1", "accuracy");
    for (int g = 0; g < rep->ngrid; g++) {
        fprintf(out, "%s %10g ", g == rep->best ? "*" : " ", rep->grid[g].C);
        if (cli->train.kernel == ST_KERNEL_RBF)
            fprintf(out, "%8g", rep->grid[g].gamma);
        else
            fprintf(out, "%8s", "-");
        fprintf(out, " %9.4f %9.4f\n", rep->grid[g].macro_f1, rep->grid[g].accuracy);
    }
    fprintf(out, "cross-validated at the chosen point (* above)%s:\n",
           cli->train.repeats > 1 ? ", supports are per repeat" : "");
    fprintf(out, "  %-12s %9s %9s %9s %8s\n", "label", "precision", "recall", "F1", "support");
    for (int c = 0; c < predicted; c++)
        fprintf(out, "  %-12s %9.4f %9.4f %9.4f %8zu\n", d->labels.names[c],
               rep->scores.cls[c].precision, rep->scores.cls[c].recall,
               rep->scores.cls[c].f1,
               rep->scores.cls[c].support / (size_t)cli->train.repeats);
    fprintf(out, "  %-12s %9.4f %9.4f %9.4f %8zu\n", "macro avg",
           rep->scores.macro.precision, rep->scores.macro.recall,
           rep->scores.macro.f1, rep->scores.total / (size_t)cli->train.repeats);
    if (rep->nlang) {
        fprintf(out, "  %-12s %9s %9s %8s\n", "language", "macro-F1", "accuracy", "records");
        for (int t = 0; t < rep->nlang; t++)
            fprintf(out, "  %-12s %9.4f %9.4f %8zu\n", rep->lang[t].lang,
                   rep->lang[t].scores.macro.f1, rep->lang[t].scores.accuracy,
                   rep->lang[t].scores.total / (size_t)cli->train.repeats);
    }
    fprintf(out, "model: %s, %s, %d decision function%s", cli->output,
           m->kernel == ST_KERNEL_RBF ? "rbf" : "linear", m->npairs,
           m->npairs == 1 ? "" : "s");
    if (stat(cli->output, &st) == 0)
        fprintf(out, ", %.2f MB", (double)st.st_size / 1e6);
    fprintf(out, "; trained in %.1f s\n", rep->seconds);
}

/* The gate answers neutral, so the model must be able to: checked once the
 * labels are known, before training. */
static int check_mentions_labels(const train_cli *cli, st_error *err)
{
    int neutral = st_labels_find(&cli->data.labels, "neutral");
    if (!cli->mentions_path)
        return 0;
    if (neutral < 0 || (cli->background && !strcmp(cli->background, "neutral")))
        return st_fail(err, "--mentions %s: the model must predict a neutral "
                       "label (the gate answers neutral for texts naming "
                       "neither country)", cli->mentions_path);
    return 0;
}

static char *describe_build(int argc, char **argv)
{
    size_t len = 64;
    char *s;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    s = malloc(len);
    if (!s)
        return NULL;
    strcpy(s, "built with: stance");
    for (int i = 0; i < argc; i++) {
        strcat(s, " ");
        strcat(s, argv[i]);
    }
    return s;
}

/* A "Key:   N kB" line of a /proc file, in bytes; 0 when absent. */
static double proc_kb(const char *path, const char *key)
{
    char line[256];
    double kb = 0;
    size_t len = strlen(key);
    FILE *f = fopen(path, "r");

    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, key, len) && line[len] == ':') {
            kb = strtod(line + len + 1, NULL);
            break;
        }
    fclose(f);
    return kb * 1024;
}

/* Bytes this process may still allocate: the system's MemAvailable, and
 * what ulimit -v leaves beside what the process maps already; 0 when
 * neither can be read. */
static double memory_available(void)
{
    struct rlimit lim;
    double avail = proc_kb("/proc/meminfo", "MemAvailable");

    if (getrlimit(RLIMIT_AS, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY) {
        double left = (double)lim.rlim_cur - proc_kb("/proc/self/status", "VmSize");
        if (left < 0)
            left = 0;
        if (avail == 0 || left < avail)
            avail = left > 0 ? left : 1;
    }
    return avail;
}

/* Refuses, before any training, a corpus whose training would not fit:
 * an out-of-memory kill halfway through loses the whole run. */
static int check_memory(const train_cli *cli, st_error *err)
{
    double need = (double)st_train_memory_estimate(&cli->data, &cli->features,
                                                   &cli->train);
    double limit = cli->max_memory_mb ? (double)cli->max_memory_mb * 1e6
                                      : memory_available();

    if (limit == 0 || need <= limit)
        return 0;
    return st_fail(err, "training %zu records would need about %.0f MB beyond "
                   "the loaded corpus, more than the %.0f MB %s; use fewer "
                   "threads (-j 1 holds one fold at a time), fewer records, or "
                   "fewer hash buckets (--set bits=N)",
                   cli->data.n, need / 1e6, limit / 1e6,
                   cli->max_memory_mb ? "allowed by --max-memory" : "available");
}

int st_cmd_train(int argc, char **argv)
{
    progress_state progress = { NULL, 0 };
    static train_cli cli;
    st_train_report rep = { 0 };
    st_extractor *x = NULL;
    st_model *m = NULL;
    char *info = describe_build(argc, argv);
    st_error err;
    int status = 1;
    st_atomic_file out = { 0 };
    st_progress reading;

    memset(&cli, 0, sizeof cli);
    st_feature_config_default(&cli.features);
    st_train_options_default(&cli.train);
    cli.load.fields = &cli.fields;
    cli.load.require_label = 1;
    cli.load.warn = st_print_warning;
    cli.output = "stance.model";
    if (!info) {
        fprintf(stderr, "%s: out of memory\n", st_program);
        return 1;
    }
    if (parse_args(&cli, argc, argv, &err) < 0) {
        free(info);
        return st_usage_error("train", "%s", err.msg);
    }
    if (cli.quiet)
        cli.load.warn = NULL;
    else if (cli.progress || isatty(STDERR_FILENO)) {
        cli.train.progress = print_progress;
        cli.train.progress_ctx = &progress;
    }
    st_progress_start(&reading, cli.quiet ? -1 : cli.progress, "records", argv + optind,
                      argc - optind);
    cli.load.progress = st_progress_load_callback;
    cli.load.progress_ctx = &reading;
    cli.train.info = info;
    /* The output is opened before the hours of training, so that a path
     * that cannot be written fails at once. */
    if (st_atomic_open(&out, cli.output, &err) < 0 ||
        !(x = st_extractor_new(&cli.features, &err)) ||
        (cli.mentions_path &&
         st_mentions_read_file(cli.mentions_path, &cli.mentions, &cli.mentions_len,
                               &err) < 0) ||
        learn_transfer(&cli, &err) < 0)
        goto done;
    if (admit_background(&cli, &err) < 0)
        goto done;
    for (int i = optind; i < argc; i++) {
        if (st_dataset_load(&cli.data, argv[i], &cli.load, x, &err) < 0)
            goto done;
        st_progress_next_input(&reading);
    }
    st_progress_finish(&reading);
    if (place_background(&cli, &err) < 0 ||
        apply_class_weights(&cli, &err) < 0 ||
        check_mentions_labels(&cli, &err) < 0 ||
        check_memory(&cli, &err) < 0 ||
        st_train(&cli.data, &cli.features, &cli.train, &m, &rep, &err) < 0 ||
        (cli.mentions_path &&
         st_model_set_mentions(m, cli.mentions, cli.mentions_len,
                               cli.mentions_path, &err) < 0) ||
        st_model_write(m, out.f, cli.output, &err) < 0 ||
        st_atomic_commit(&out, &err) < 0)
        goto done;
    if (!cli.quiet)
        print_summary(strcmp(cli.output, "-") ? stdout : stderr, &cli, &rep, m);
    status = 0;
done:
    if (status) {
        st_atomic_abort(&out);
        st_print_error(&err);
    }
    st_model_free(m);
    st_extractor_free(x);
    st_transfer_free(&cli.learnt);
    st_dataset_free(&cli.data);
    st_train_report_free(&rep);
    free(cli.mentions);
    free(info);
    return status;
}
