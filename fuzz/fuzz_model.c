/* libFuzzer harness: the model loader.  For inputs whose first byte is odd
 * the harness rewrites the header's length and checksum to match, so that
 * mutations reach the payload parser instead of all stopping at the
 * checksum; even inputs test the header checks themselves.  A model that
 * loads is used: scored, and its mention list (format 5) matched. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "svm/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy;
    st_model *m;
    st_error err;

    if (size < 1)
        return 0;
    copy = malloc(size);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    if ((data[0] & 1) && size >= 32) {
        uint64_t length = size - 32, sum;
        memcpy(copy, "STANCE\0M", 8);
        sum = XXH3_64bits(copy + 32, (size_t)length);
        memcpy(copy + 16, &length, 8);
        memcpy(copy + 24, &sum, 8);
    }
    m = st_model_parse(copy, size, "fuzz-model", &err);
    if (m) {
        /* A model that loads must score without faults. */
        uint32_t index[2] = { 0, (uint32_t)st_model_buckets(m) - 1 };
        float value[2] = { 0.5f, -0.5f };
        st_sparse x = { index, value, 2, 2 };
        double dec[ST_MAX_CLASSES * (ST_MAX_CLASSES - 1) / 2], prob[ST_MAX_CLASSES];
        st_model_decisions(m, &x, dec);
        st_model_probabilities(m, dec, prob);
        if (m->mentions) {
            /* And its mention list, parsed from the file, must match. */
            static const char text[] = "Putin, the US and \xd0\xa0\xd0\xbe\xd1\x81\xd1\x81\xd0\xb8\xd1\x8f";
            st_normalizer norm = { 0 };
            st_mentions_find(m->mentions, &norm, text, sizeof text - 1, &err);
            st_normalizer_free(&norm);
        }
        st_model_free(m);
    }
    free(copy);
    return 0;
}
