/* Line formats with a label column: TSV and fastText. */
#include <string.h>

#include "corpus/reader_impl.h"

int st_tsv_parse(st_reader *r, st_doc *doc, st_error *err)
{
    char *tab = memchr(r->line, '\t', r->line_len);
    (void)err;

    if (!tab) {
        doc->text = r->line;
        doc->text_len = r->line_len;
        return 1;
    }
    *tab = '\0';
    doc->label = r->line;
    doc->text = tab + 1;
    doc->text_len = r->line_len - (size_t)(tab + 1 - r->line);
    if (doc->label[0] == '\0')
        return st_fail(err, "empty label before the tab"), ST_READ_BAD;
    return 1;
}

/* "__label__cooling __label__x text": the first label is the record's;
 * further labels are skipped, since a stance has one direction. */
int st_fasttext_parse(st_reader *r, st_doc *doc, st_error *err)
{
    static const char prefix[] = "__label__";
    char *p = r->line, *end = r->line + r->line_len;

    while (*p == ' ' || *p == '\t')
        p++;
    while (!strncmp(p, prefix, sizeof prefix - 1)) {
        char *label = p + sizeof prefix - 1;
        char *stop = label + strcspn(label, " \t");
        if (stop == label)
            return st_fail(err, "empty __label__"), ST_READ_BAD;
        p = stop;
        if (*p)
            *p++ = '\0';
        if (!doc->label)
            doc->label = label;
        while (*p == ' ' || *p == '\t')
            p++;
    }
    doc->text = p;
    doc->text_len = (size_t)(end - p);
    return 1;
}
