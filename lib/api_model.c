/* The public API: models, errors, the version, the default model. */
#define _GNU_SOURCE  /* dladdr */
#include "lib/api.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void st_api_error(stance_error *out, const st_error *err)
{
    if (out)
        snprintf(out->message, sizeof out->message, "%s", err->msg);
}

void st_api_fail(stance_error *out, const char *fmt, ...)
{
    va_list ap;
    if (!out)
        return;
    va_start(ap, fmt);
    vsnprintf(out->message, sizeof out->message, fmt, ap);
    va_end(ap);
}

stance_model *st_api_wrap_model(st_model *m, stance_error *err)
{
    stance_model *model = calloc(1, sizeof *model);
    if (!model) {
        st_model_free(m);
        st_api_fail(err, "out of memory");
        return NULL;
    }
    model->impl = m;
    st_feature_config_describe(&m->features, model->settings,
                               sizeof model->settings);
    return model;
}

const char *stance_version(void)
{
    return STANCE_VERSION_STRING;
}

/* path, when it names a readable file, copied into buf. */
static const char *readable(const char *path, char *buf, size_t size)
{
    if (access(path, R_OK) != 0 || strlen(path) >= size)
        return NULL;
    memcpy(buf, path, strlen(path) + 1);
    return buf;
}

/* The model beside the file this code was loaded from (libstance.so, or the
 * program it is linked into), where an install puts it: relative, so that
 * an install tree moved or installed with `cmake --install --prefix`
 * still finds its model. */
static const char *installed_beside_me(char *buf, size_t size)
{
    static const char *const relative[] = { STANCE_LIB_TO_MODEL, STANCE_BIN_TO_MODEL };
    Dl_info info;
    char path[PATH_MAX];
    const char *slash;

    if (!dladdr((void *)stance_default_model, &info) || !info.dli_fname ||
        !(slash = strrchr(info.dli_fname, '/')))
        return NULL;
    for (size_t i = 0; i < sizeof relative / sizeof *relative; i++) {
        int n = snprintf(path, sizeof path, "%.*s/%s",
                         (int)(slash - info.dli_fname), info.dli_fname, relative[i]);
        if (n > 0 && (size_t)n < sizeof path && readable(path, buf, size))
            return buf;
    }
    return NULL;
}

/* In order: $STANCE_MODEL; the installed model beside this library or
 * program; the source tree's (a build tree in use); the install prefix's
 * chosen at configuration. */
const char *stance_default_model(void)
{
    static __thread char buf[PATH_MAX];
    const char *env = getenv("STANCE_MODEL");
    if (env && *env)
        return env;
    if (installed_beside_me(buf, sizeof buf) ||
        readable(STANCE_SOURCE_MODEL, buf, sizeof buf))
        return buf;
    return STANCE_INSTALLED_MODEL;
}

stance_model *stance_model_load(const char *path, stance_error *err)
{
    st_error e;
    st_model *m = st_model_load(path, &e);
    if (!m) {
        st_api_error(err, &e);
        return NULL;
    }
    return st_api_wrap_model(m, err);
}

int stance_model_save(const stance_model *model, const char *path,
                      stance_error *err)
{
    st_error e;
    if (st_model_save(model->impl, path, &e) < 0) {
        st_api_error(err, &e);
        return -1;
    }
    return 0;
}

void stance_model_free(stance_model *model)
{
    if (!model)
        return;
    st_model_free(model->impl);
    free(model);
}

int stance_model_label_count(const stance_model *model)
{
    return model->impl->labels.n;
}

const char *stance_model_label(const stance_model *model, int label)
{
    if (label < 0 || label >= model->impl->labels.n)
        return NULL;
    return model->impl->labels.names[label];
}

const char *stance_model_settings(const stance_model *model)
{
    return model->settings;
}

const char *stance_model_info(const stance_model *model)
{
    return model->impl->info ? model->impl->info : "";
}
