/* libFuzzer harness: UTF-8 sanitising, normalisation (fast path against
 * the full pipeline), n-grams, weighting.
 * The first byte picks the normalisation rules, n-gram settings and the
 * lead view, the rest is the document. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "features/extract.h"
#include "features/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static st_extractor *x[4];
    static st_sparse v;
    st_feature_config c;
    st_error err;
    unsigned pick;

    if (size < 1)
        return 0;
    pick = data[0];
    st_feature_config_default(&c);
    c.hash_bits = 12;
    c.norm = pick & 0x0F;
    c.tf = (st_tf_mode)((pick >> 4) % 3);
    c.char_min = 1 + (pick >> 6);
    c.char_max = 5;
    c.word_max = 2;
    /* Two of the four extractors have the lead view, with a short lead so
     * that most inputs have a lead shorter than the whole text. */
    c.lead_chars = (pick >> 6) & 1 ? 16 : 0;
    /* One extractor per n-gram range, kept: reuse across documents is what
     * real runs do, and it is where stale state would show. */
    if (!x[pick >> 6] && !(x[pick >> 6] = st_extractor_new(&c, &err)))
        abort();
    if (st_extract(x[pick >> 6], (const char *)data + 1, size - 1, NULL, &v,
                   NULL, &err) < 0)
        return 0;
    for (size_t i = 1; i < v.n; i++)
        if (v.index[i - 1] >= v.index[i])
            abort();
    {
        /* Unit length (or empty), the lead view's two parts included. */
        double sum = 0;
        for (size_t i = 0; i < v.n; i++)
            sum += (double)v.value[i] * v.value[i];
        if (v.n > 0 && (sum < 0.999 || sum > 1.001))
            abort();
    }
    {
        /* Also the normaliser alone, with the flags this byte picks. */
        static st_normalizer n, slow;
        const int32_t *cp, *slow_cp;
        size_t len, slow_len, invalid;
        if (st_normalize(&n, (const char *)data + 1, size - 1, pick & 0x0F,
                         &cp, &len, &invalid, &err) == 0) {
            for (size_t i = 0; i < len; i++)
                if (cp[i] < 0 || cp[i] > 0x10FFFF || (cp[i] == 0x20 && (i == 0 || i + 1 == len)))
                    abort();
            /* The fast path must agree with the full pipeline. */
            if (st_normalize(&slow, (const char *)data + 1, size - 1,
                             (pick & 0x0F) | ST_NORM_NO_FAST_PATH, &slow_cp,
                             &slow_len, &invalid, &err) < 0 ||
                slow_len != len ||
                memcmp(cp, slow_cp, len * sizeof *cp) != 0)
                abort();
        }
    }
    return 0;
}
