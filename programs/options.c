#include "options.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *st_program = "stance";

int st_report(const st_error *err)
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
    char key[32];
    const char *value = NULL;
    if (split_pair(arg, key, sizeof key, &value, err) < 0)
        return st_fail_prefix(err, "--set");
    if (st_feature_config_set(c, key, value, err) < 0)
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
