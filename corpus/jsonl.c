/* JSONL records, parsed with jansson. */
#include <stdio.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/reader.h"

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

/* The record's id: a string or integer field, else the line number. */
static int record_id(json_t *obj, const char *name, size_t line_no,
                     st_jsonl_scratch *scratch, const char **id, st_error *err)
{
    json_t *v = json_object_get(obj, name);

    if (json_is_integer(v)) {
        snprintf(scratch->id_buf, sizeof scratch->id_buf, "%lld",
                 (long long)json_integer_value(v));
        *id = scratch->id_buf;
        return 0;
    }
    if (string_field(obj, name, id, NULL, err) < 0)
        return -1;
    if (!*id) {
        snprintf(scratch->id_buf, sizeof scratch->id_buf, "%zu", line_no);
        *id = scratch->id_buf;
    }
    return 0;
}

/* The fields of one parsed object; returns 1 or ST_READ_BAD. */
static int record_fields(const st_fields *fields, size_t line_no, json_t *obj,
                         st_jsonl_scratch *scratch, st_doc *doc, st_error *err)
{
    if (!json_is_object(obj))
        return st_fail_code(err, ST_READ_BAD, "expected a JSON object");
    doc->json = obj;
    if (string_field(obj, fields->text, &doc->text, &doc->text_len, err) < 0 ||
        string_field(obj, fields->title, &doc->title, &doc->title_len, err) < 0 ||
        string_field(obj, fields->label, &doc->label, NULL, err) < 0 ||
        string_field(obj, fields->lang, &doc->lang, NULL, err) < 0)
        return ST_READ_BAD;
    if (!doc->text)
        return st_fail_code(err, ST_READ_BAD, "missing field \"%s\"", fields->text);
    if (record_id(obj, fields->id, line_no, scratch, &doc->id, err) < 0)
        return ST_READ_BAD;
    return 1;
}

/* Whether a JSON number token overflows what jansson holds: an integer
 * beyond 64 bits or a real beyond a double (underflow goes to 0 and is
 * accepted). */
static int number_overflows(const char *tok, size_t n)
{
    char buf[512];
    int is_integer = !memchr(tok, '.', n) && !memchr(tok, 'e', n) && !memchr(tok, 'E', n);
    size_t digits = n - (tok[0] == '-');
    if (is_integer && digits != 19)
        return digits > 19;
    if (n >= sizeof buf)
        return 1;  /* a real of 500 characters: quoting it is harmless */
    memcpy(buf, tok, n);
    buf[n] = '\0';
    errno = 0;
    if (is_integer) {
        (void)strtoll(buf, NULL, 10);
        return errno == ERANGE;
    }
    return isinf(strtod(buf, NULL));
}

/* The length of the number token at s, at most len: the text need not
 * end with a NUL (st_utf8_sanitize's repaired copy does not), so strspn
 * would run past it. */
static size_t number_length(const char *s, size_t len)
{
    size_t n = 0;
    while (n < len && s[n] && strchr("+-0123456789.eE", s[n]))
        n++;
    return n;
}

/* jansson refuses a number it cannot hold, and with it the whole record;
 * but an ID counter or a big number in a field nobody reads must not cost
 * the article.  Such numbers are rewritten as strings of their digits
 * (lossless: passthrough output shows them quoted) and the line is parsed
 * again.  Strings are skipped by tracking quotes and backslashes. */
static const char *quote_big_numbers(const char *s, size_t len, st_utf8_buffer *out,
                                     size_t *out_len, st_error *err)
{
    size_t o = 0;
    int in_string = 0;
    if (st_reserve(&out->data, &out->cap, 3 * len + 1, 1, err) < 0)
        return NULL;
    for (size_t i = 0; i < len;) {
        char c = s[i];
        if (in_string) {
            out->data[o++] = c;
            if (c == '\\' && i + 1 < len)
                out->data[o++] = s[++i];
            else if (c == '"')
                in_string = 0;
            i++;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t n = number_length(s + i, len - i);
            int quote = number_overflows(s + i, n);
            if (quote)
                out->data[o++] = '"';
            memcpy(out->data + o, s + i, n);
            o += n;
            if (quote)
                out->data[o++] = '"';
            i += n;
        } else {
            in_string = c == '"';
            out->data[o++] = c;
            i++;
        }
    }
    out->data[o] = '\0';
    *out_len = o;
    return out->data;
}

int st_jsonl_record(const st_fields *fields, const char *file, size_t line_no,
                    const char *line, size_t len, st_jsonl_scratch *scratch,
                    st_doc *doc, st_error *err)
{
    json_error_t jerr;
    const char *clean;
    size_t clean_len;
    int rc;

    memset(doc, 0, sizeof *doc);
    doc->file = file;
    doc->line = line_no;
    if (scratch->json) {
        json_decref(scratch->json);
        scratch->json = NULL;
    }
    clean = line;
    clean_len = len;
    /* JSON_ALLOW_NUL keeps a "\u0000" inside a string instead of refusing
     * the whole line; the features treat it as a word boundary. */
    scratch->json = json_loadb(clean, clean_len, JSON_ALLOW_NUL, &jerr);
    /* jansson refuses a line with any ill-formed UTF-8; a scraped article
     * with one bad byte is still an article, so replace, count and parse
     * again.  (Checking every line first would read it twice.) */
    if (!scratch->json && json_error_code(&jerr) == json_error_invalid_utf8) {
        clean = st_utf8_sanitize(line, len, &scratch->clean, &clean_len,
                                 &doc->invalid_bytes, err);
        if (!clean)
            return ST_READ_FATAL;
        scratch->json = json_loadb(clean, clean_len, JSON_ALLOW_NUL, &jerr);
    }
    if (!scratch->json && json_error_code(&jerr) == json_error_numeric_overflow) {
        size_t quoted_len;
        const char *quoted = quote_big_numbers(clean, clean_len, &scratch->quoted,
                                               &quoted_len, err);
        if (!quoted)
            return ST_READ_FATAL;
        scratch->json = json_loadb(quoted, quoted_len, JSON_ALLOW_NUL, &jerr);
    }
    if (scratch->json) {
        rc = record_fields(fields, line_no, scratch->json, scratch, doc, err);
    } else {
        st_fail(err, "bad JSON at column %d: %s", jerr.column, jerr.text);
        rc = ST_READ_BAD;
    }
    if (rc == ST_READ_BAD)
        st_fail_prefix(err, "%s:%zu", file, line_no);
    return rc;
}

void st_jsonl_scratch_free(st_jsonl_scratch *scratch)
{
    if (scratch->json)
        json_decref(scratch->json);
    st_utf8_buffer_free(&scratch->clean);
    st_utf8_buffer_free(&scratch->quoted);
    memset(scratch, 0, sizeof *scratch);
}
