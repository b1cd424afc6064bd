#include "options.h"

#include "svm/model.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <getopt.h>
#include <unistd.h>

const char *st_program = "stance";

int st_print_error(const st_error *err)
{
    fprintf(stderr, "%s: %s\n", st_program, err->msg);
    return 1;
}

void st_print_warning(void *ctx, const char *message)
{
    (void)ctx;
    fprintf(stderr, "%s: %s\n", st_program, message);
}

int st_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s %s: ", st_program, command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s %s --help'.\n", st_program, command);
    return 2;
}

static int split_pair(const char *arg, char *key, size_t size,
                      const char **value, st_error *err)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || (size_t)(eq - arg) >= size)
        return st_fail(err, "expected KEY=VALUE, got '%s'", arg);
    memcpy(key, arg, (size_t)(eq - arg));
    key[eq - arg] = '\0';
    *value = eq + 1;
    return 0;
}

int st_option_feature(st_feature_config *c, const char *arg, st_error *err)
{
    if (st_feature_config_parse(c, arg, err) < 0)
        return st_fail_prefix(err, "--set");
    return 0;
}

int st_option_field(st_fields *f, const char *arg, st_error *err)
{
    char key[16];
    const char *value = NULL;
    if (split_pair(arg, key, sizeof key, &value, err) < 0)
        return st_fail_prefix(err, "--field");
    if (!*value)
        return st_fail(err, "--field %s: empty field name", key);
    if (!strcmp(key, "id")) f->id = value;
    else if (!strcmp(key, "lang")) f->lang = value;
    else if (!strcmp(key, "title")) f->title = value;
    else if (!strcmp(key, "text")) f->text = value;
    else if (!strcmp(key, "label")) f->label = value;
    else
        return st_fail(err, "--field: unknown field '%s' (known: id, lang, "
                       "title, text, label)", key);
    return 0;
}

int st_option_int(const char *name, const char *arg, long lo, long hi,
                  long *out, st_error *err)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(arg, &end, 10);
    if (errno || end == arg || *end || v < lo || v > hi)
        return st_fail(err, "%s: expected a whole number from %ld to %ld, "
                       "got '%s'", name, lo, hi, arg);
    *out = v;
    return 0;
}

int st_option_double(const char *name, const char *arg, double lo, double hi,
                     double *out, st_error *err)
{
    char *end;
    double v;
    errno = 0;
    v = strtod(arg, &end);
    if (errno || end == arg || *end || !isfinite(v) || v < lo || v > hi)
        return st_fail(err, "%s: expected a number from %g to %g, got '%s'",
                       name, lo, hi, arg);
    *out = v;
    return 0;
}

int st_check_inputs(char **inputs, int ninputs, st_error *err)
{
    for (int i = 0; i < ninputs; i++)
        if (strcmp(inputs[i], "-") != 0 && access(inputs[i], R_OK) != 0)
            return st_fail(err, "%s: cannot open: %s", inputs[i], strerror(errno));
    return 0;
}

const char *st_plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* Levenshtein distance of a and b (short strings: option names). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t n = strlen(b), row[64], prev;
    if (n >= sizeof row / sizeof *row)
        return (size_t)-1;
    for (size_t j = 0; j <= n; j++)
        row[j] = j;
    for (size_t i = 1; a[i - 1]; i++) {
        prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= n; j++) {
            size_t sub = prev + (a[i - 1] != b[j - 1]);
            size_t del = row[j] + 1, ins = row[j - 1] + 1;
            prev = row[j];
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
    }
    return row[n];
}

const char *st_closest(const char *word, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1, len = strlen(word);
    for (size_t i = 0; i < n; i++) {
        /* A slip at the start of a long name ("--tresh" for "--threshold")
         * is as close as the same slip in a short one. */
        char prefix[64];
        size_t d = edit_distance(word, names[i]), dp;
        snprintf(prefix, sizeof prefix, "%.*s", (int)(len < 63 ? len : 63), names[i]);
        dp = edit_distance(word, prefix);
        if (dp < d && len >= 4)
            d = dp;
        if (d < best_d) {
            best_d = d;
            best = names[i];
        }
    }
    /* Close enough to be a slip: two edits, or one for short words. */
    return best && best_d <= (len > 4 ? 2u : 1u) ? best : NULL;
}

static const char *closest_option(const char *name, const struct option *longopts)
{
    const char *names[128];
    size_t n = 0;
    for (; longopts[n].name && n < 128; n++)
        names[n] = longopts[n].name;
    return st_closest(name, names, n);
}

int st_check_single_dash(int argc, char **argv, const struct option *longopts,
                         st_error *err)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--"))
            break;
        size_t word;
        if (a[0] != '-' || a[1] == '-')
            continue;
        /* Letters and dashes only, three or more: a word, not "-j4" or
         * "-qh" (short options) or "-mx.model" (-m with its value). */
        word = strspn(a + 1, "abcdefghijklmnopqrstuvwxyz-");
        if (word < 3 || (a[1 + word] && a[1 + word] != '='))
            continue;
        for (const struct option *o = longopts; o->name; o++)
            if (!strncmp(a + 1, o->name, word))
                return st_fail(err, "'%s' is read as short options; long options take "
                               "two dashes: --%s", a, o->name);
    }
    return 0;
}

int st_option_error(int c, char **argv, const struct option *longopts, st_error *err)
{
    const char *arg = argv[optind - 1];
    if (c == ':')
        return st_fail(err, "option '%s' needs a value", arg);
    if (!strncmp(arg, "--", 2)) {
        char name[64];
        const char *suggestion;
        size_t len = strcspn(arg + 2, "=");
        snprintf(name, sizeof name, "%.*s", (int)(len < 63 ? len : 63), arg + 2);
        suggestion = closest_option(name, longopts);
        if (suggestion)
            return st_fail(err, "unknown option '--%s'; did you mean '--%s'?", name, suggestion);
        return st_fail(err, "unknown option '--%s'", name);
    }
    return st_fail(err, "unknown option '-%c'", optopt ? optopt : '?');
}

void st_print_model_used(const char *path, const st_model *m)
{
    fprintf(stderr, "%s: model %s: labels", st_program, path);
    for (int c = 0; c < m->labels.n; c++)
        fprintf(stderr, "%s %s", c ? "," : "", m->labels.names[c]);
    if (m->corpus_records)
        fprintf(stderr, "; trained on %llu records (fingerprint %016llx)",
                (unsigned long long)m->corpus_records,
                (unsigned long long)m->corpus_fingerprint);
    fputc('\n', stderr);
}
