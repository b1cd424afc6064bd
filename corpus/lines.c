/* Line formats with a label column: TSV and fastText. */
#include <string.h>

#include "corpus/reader_impl.h"

int st_column_role(const st_reader *r, const char *cell)
{
    const st_fields *f = &r->fields;
    const char *names[TSV_ROLES] = {
        [TSV_ID] = f->id ? f->id : "id", [TSV_LABEL] = f->label ? f->label : "label",
        [TSV_TEXT] = f->text ? f->text : "text", [TSV_TITLE] = f->title ? f->title : "title",
        [TSV_LANG] = f->lang ? f->lang : "lang",
    };
    for (int role = TSV_ID; role < TSV_ROLES; role++)
        if (!strcmp(cell, names[role]))
            return role;
    return TSV_OTHER;
}

int st_tsv_header(st_reader *r)
{
    char *line = r->line, *cell;
    int ncols = 0, roles[ST_TSV_MAX_COLUMNS], has_text = 0, has_other_known = 0;
    if (!memchr(line, '\t', r->line_len))
        return 0;
    for (cell = line;; ncols++) {
        size_t len = strcspn(cell, "\t");
        char saved = cell[len];
        if (ncols == ST_TSV_MAX_COLUMNS)
            return 0;
        cell[len] = '\0';
        roles[ncols] = st_column_role(r, cell);
        cell[len] = saved;
        has_text |= roles[ncols] == TSV_TEXT;
        has_other_known |= roles[ncols] != TSV_TEXT && roles[ncols] != TSV_OTHER;
        if (!saved)
            break;
        cell += len + 1;
    }
    ncols++;
    if (!has_text || !has_other_known)
        return 0;
    memcpy(r->tsv_roles, roles, sizeof roles);
    r->tsv_columns = ncols;
    return 1;
}

/* A record under a header: one cell per column. */
static int parse_with_header(st_reader *r, st_doc *doc, st_error *err)
{
    char *cell = r->line;
    for (int col = 0; col < r->tsv_columns; col++) {
        size_t len = strcspn(cell, "\t");
        int last = cell[len] == '\0';
        if (last != (col == r->tsv_columns - 1))
            return st_fail_code(err, ST_READ_BAD, "%s fields, but the header names %d columns",
                                last ? "fewer" : "more", r->tsv_columns);
        cell[len] = '\0';
        switch (r->tsv_roles[col]) {
        case TSV_ID: doc->id = cell; break;
        case TSV_LABEL: doc->label = *cell ? cell : NULL; break;
        case TSV_TEXT: doc->text = cell; doc->text_len = len; break;
        case TSV_TITLE: doc->title = cell; doc->title_len = len; break;
        case TSV_LANG: doc->lang = *cell ? cell : NULL; break;
        }
        cell += len + 1;
    }
    return 1;
}

int st_tsv_parse(st_reader *r, st_doc *doc, st_error *err)
{
    char *tab = memchr(r->line, '\t', r->line_len);

    if (r->tsv_columns)
        return parse_with_header(r, doc, err);
    if (!tab) {
        doc->text = r->line;
        doc->text_len = r->line_len;
        return 1;
    }
    /* id<TAB>label<TAB>text would otherwise read as label "id": columns
     * beyond two need a header naming them. */
    if (memchr(tab + 1, '\t', r->line_len - (size_t)(tab + 1 - r->line)))
        return st_fail_code(err, ST_READ_BAD, "more than two fields: without a header line naming "
                            "the columns (id, label, text, title, lang), a TSV line is "
                            "label<TAB>text or text");
    *tab = '\0';
    doc->label = r->line;
    doc->text = tab + 1;
    doc->text_len = r->line_len - (size_t)(tab + 1 - r->line);
    if (doc->label[0] == '\0')
        return st_fail_code(err, ST_READ_BAD, "empty label before the tab");
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
            return st_fail_code(err, ST_READ_BAD, "empty __label__");
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
