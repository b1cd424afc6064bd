/* stance: the command line.  Everything real happens in libstance. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "options.h"

static const char usage[] =
"Usage: stance COMMAND [OPTIONS] [ARGS]\n"
"Labels news articles in any language as signalling warming or cooling of\n"
"Russia-United States relations.\n"
"\n"
"Commands:\n"
"  predict    label articles (files, directories, stdin, JSONL)\n"
"  eval       accuracy report of a model on a labelled corpus\n"
"  train      fit a model on a labelled corpus, with cross-validation\n"
"  features   write articles' feature vectors in libsvm format\n"
"  trend      the warming index over time, per language or source\n"
"  info       describe a model: labels, settings, training corpus\n"
"\n"
"Run 'stance COMMAND --help' for a command's options.\n";

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    { "predict", st_cmd_predict },
    { "eval", st_cmd_eval },
    { "train", st_cmd_train },
    { "features", st_cmd_features },
    { "trend", st_cmd_trend },
    { "info", st_cmd_info },
};

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "--version")) {
        puts("stance " STANCE_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "%s: unknown command '%s'\n%s", st_program, argv[1], usage);
    return 2;
}
