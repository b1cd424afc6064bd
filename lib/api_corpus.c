/* The public API: reading corpora record by record. */
#include "lib/api.h"

#include <stdlib.h>

#include "corpus/reader.h"

struct stance_corpus {
    st_reader *reader;
};

stance_corpus *stance_corpus_open(const char *path, const char *format,
                                  stance_error *err)
{
    st_error e;
    st_format f = ST_FORMAT_AUTO;
    stance_corpus *c;
    if (format && st_format_parse(format, &f, &e) < 0) {
        st_api_error(err, &e);
        return NULL;
    }
    if (!(c = calloc(1, sizeof *c))) {
        st_api_fail(err, "out of memory");
        return NULL;
    }
    if (!(c->reader = st_reader_open(path, f, NULL, &e))) {
        st_api_error(err, &e);
        free(c);
        return NULL;
    }
    return c;
}

int stance_corpus_next(stance_corpus *corpus, stance_record *record,
                       stance_error *err)
{
    st_error e;
    st_doc doc;
    int rc = st_reader_next(corpus->reader, &doc, &e);
    if (rc < 0) {
        st_api_error(err, &e);
        return -1;
    }
    if (rc == 0)
        return 0;
    record->id = doc.id;
    record->lang = doc.lang;
    record->label = doc.label;
    record->title = doc.title;
    record->title_len = doc.title ? doc.title_len : 0;
    record->text = doc.text;
    record->text_len = doc.text_len;
    record->file = doc.file;
    record->line = doc.line;
    return 1;
}

void stance_corpus_close(stance_corpus *corpus)
{
    if (!corpus)
        return;
    st_reader_close(corpus->reader);
    free(corpus);
}
