/* JSONL records, parsed with jansson. */
#include <stdio.h>
#include <string.h>

#include "corpus/reader_impl.h"

/* Fetches an optional string field; a present field of another type is an
 * error, since silently ignoring it would train on the wrong text. */
static int string_field(json_t *obj, const char *name, const char **out,
                        size_t *len, st_error *err)
{
    json_t *v = json_object_get(obj, name);

    *out = NULL;
    if (len)
        *len = 0;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return st_fail(err, "field \"%s\" must be a string", name);
    *out = json_string_value(v);
    if (len)
        *len = json_string_length(v);
    return 0;
}

int st_jsonl_parse(st_reader *r, st_doc *doc, st_error *err)
{
    json_error_t jerr;
    json_t *obj;
    const char *line;
    size_t len;

    if (r->json) {
        json_decref(r->json);
        r->json = NULL;
    }
    /* jansson refuses a line with any ill-formed UTF-8; a scraped article
     * with one bad byte is still an article, so replace and count. */
    line = st_utf8_sanitize(r->line, r->line_len, &r->clean, &len,
                            &doc->invalid_bytes, err);
    if (!line)
        return ST_READ_FATAL;
    /* JSON_ALLOW_NUL keeps a "\u0000" inside a string instead of refusing
     * the whole line; the features treat it as a word boundary. */
    obj = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    if (!obj)
        return st_fail(err, "bad JSON at column %d: %s", jerr.column,
                       jerr.text), ST_READ_BAD;
    r->json = obj;
    if (!json_is_object(obj))
        return st_fail(err, "expected a JSON object"), ST_READ_BAD;
    doc->json = obj;
    if (string_field(obj, r->fields.text, &doc->text, &doc->text_len, err) < 0 ||
        string_field(obj, r->fields.title, &doc->title, &doc->title_len, err) < 0 ||
        string_field(obj, r->fields.label, &doc->label, NULL, err) < 0 ||
        string_field(obj, r->fields.lang, &doc->lang, NULL, err) < 0)
        return ST_READ_BAD;
    if (!doc->text)
        return st_fail(err, "missing field \"%s\"", r->fields.text), ST_READ_BAD;
    {
        const char *id;
        json_t *v = json_object_get(obj, r->fields.id);
        if (json_is_integer(v)) {
            snprintf(r->id_buf, sizeof r->id_buf, "%lld",
                     (long long)json_integer_value(v));
            doc->id = r->id_buf;
        } else if (string_field(obj, r->fields.id, &id, NULL, err) < 0) {
            return ST_READ_BAD;
        } else if (id) {
            doc->id = id;
        }
    }
    return 1;
}
