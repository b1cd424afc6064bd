/* stance info: what a model file holds, without labelling anything. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "predict/model.h"

static const char usage[] =
"Usage: stance info [MODEL]\n"
"Describes a model file: its labels, feature settings, decision functions,\n"
"the fingerprint and size of the corpus it was trained on, and how it was\n"
"built.  MODEL defaults to $STANCE_MODEL, else the shipped model.\n"
"\n"
"  -h, --help              this help\n"
"\n"
"Two models trained on the same records have the same corpus fingerprint,\n"
"whatever the files were called; any change to a record's label, language,\n"
"title or text changes it.\n";

static void print_info(const char *path, const st_model *m)
{
    char desc[256];

    printf("model: %s\nlabels:", path);
    for (int c = 0; c < m->labels.n; c++)
        printf("%s%s", c ? ", " : " ", m->labels.names[c]);
    st_feature_config_describe(&m->features, desc, sizeof desc);
    printf("\nfeatures: %s\n", desc);
    printf("svm: %s kernel, %d decision function%s\n",
           m->kernel == ST_KERNEL_RBF ? "rbf" : "linear", m->npairs,
           m->npairs == 1 ? "" : "s");
    if (m->corpus_records)
        printf("corpus: %" PRIu64 " records, fingerprint %016" PRIx64 "\n",
               m->corpus_records, m->corpus_fingerprint);
    else
        printf("corpus: unknown (a model file of format 1)\n");
    if (m->info && *m->info)
        printf("%s\n", m->info);
}

int st_cmd_info(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    const char *path;
    st_error err;
    st_model *m;
    int c;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            return 0;
        }
        st_option_error(c, argv, longopts, &err);
        return st_usage_error("info", "%s", err.msg);
    }
    if (argc - optind > 1)
        return st_usage_error("info", "one model at a time");
    path = optind < argc ? argv[optind] : st_default_model_path();
    if (!(m = st_model_load(path, &err)))
        return st_report(&err);
    print_info(path, m);
    st_model_free(m);
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
