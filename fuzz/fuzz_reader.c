/* libFuzzer harness: a corpus reader (READER_FORMAT, set by the build:
 * jsonl, tsv or fasttext) over arbitrary bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f;
    st_reader *r;
    st_error err;
    st_doc doc;
    char *buf = NULL;
    size_t cap = 0, len;
    int rc;

    if (size == 0)
        return 0;
    f = fmemopen((void *)data, size, "rb");
    if (!f)
        return 0;
    r = st_reader_open_stream(f, "fuzz-input", READER_FORMAT, NULL, &err);
    if (r) {
        while ((rc = st_reader_next(r, &doc, &err)) != 0 && rc != ST_READ_FATAL) {
            if (rc != 1)
                continue;
            /* Each invalid byte may become a 3-byte U+FFFD. */
            if (!doc.id || !doc.text || strlen(doc.id) > 3 * size + 64)
                abort();
            if (!st_doc_body(&doc, &buf, &cap, &len, &err))
                abort();
        }
        st_reader_close(r);
    }
    free(buf);
    fclose(f);
    return 0;
}
