/*
 * What the files of the public API share: the opaque types' contents and
 * the passage of internal errors into the public error struct.  Internal:
 * never installed.
 */
#ifndef STANCE_API_INTERNAL_H
#define STANCE_API_INTERNAL_H

#include "lib/stance.h"
#include "svm/model.h"

struct stance_model {
    st_model *impl;
    char settings[256];  /* st_feature_config_describe of impl->features */
};

/* Copies an internal error into the caller's (which may be NULL). */
void st_api_error(stance_error *out, const st_error *err);

/* The same, for a message of the API's own. */
void st_api_fail(stance_error *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Wraps a model built or loaded inside the library; frees it on failure. */
stance_model *st_api_wrap_model(st_model *m, stance_error *err);

#endif
