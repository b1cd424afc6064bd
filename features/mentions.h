/*
 * The mention gate: does a text name Russia or the United States at all?
 *
 * An article that names neither (a football result, a gold price, works
 * on a railway line) is not about their relations, whatever its n-grams
 * resemble, but an SVM that has only seen texts naming the two cannot
 * know that: it gives such items a confident direction.  A model that
 * carries a mention list answers neutral for them instead
 * (predict/batch.c).  Every record of the labelled corpus names one of
 * the two countries, so the gate changes nothing there; the list is
 * data/mentions.txt, and the model file keeps a copy of it.
 *
 * The list is UTF-8 text, one pattern per line:
 *
 *   # ...          a comment; blank lines are skipped
 *   kremlin        that whole word
 *   putin*         a word beginning with "putin" (Putins, Putinem)
 *   white house    words in a row; each may end in * (stan* zjednoczon*)
 *   =ロシア        the text anywhere, inside words too: for scripts written
 *                  without spaces, and for Arabic and Hebrew, whose
 *                  articles and prepositions join the word they precede
 *   ^US            whole tokens of the raw text, case as written: for
 *                  acronyms that are common words once case-folded
 *                  (US / us, AS / as).  ASCII letters and dots only; a
 *                  token is a run of ASCII letters and dots, its final
 *                  dots dropped (so ^U.S matches "U.S." and "U.S.-led").
 *
 * All but ^ patterns are normalised as the text is (normalize.h, with
 * ST_NORM_DEFAULT): "РОССИЯ" and "Россия" are one word, أمريكا and
 * امريكا one pattern, and punctuation inside a pattern separates words
 * as it does in the text (ארה"ב is the two words ארה ב).
 */
#ifndef STANCE_MENTIONS_H
#define STANCE_MENTIONS_H

#include <stddef.h>

#include "common/error.h"
#include "features/extract.h"
#include "features/normalize.h"

typedef struct st_mentions st_mentions;

/* Parses a mention list; name is for messages ("NAME:LINE: problem").
 * An empty list (comments only) is refused: it would gate everything. */
st_mentions *st_mentions_parse(const char *text, size_t len, const char *name,
                               st_error *err);
void st_mentions_free(st_mentions *m);

/* The number of patterns. */
size_t st_mentions_count(const st_mentions *m);

/* 1 when text (UTF-8, ill-formed bytes allowed) matches a pattern, 0 when
 * none does, -1 on failure (out of memory).  The text is searched in
 * pieces from its start (the first about a kilobyte, each next one twice
 * as long up to 64 KB), each cut at white space and overlapping the one
 * before by 128 bytes, and the search stops at the first match: a text
 * that names a country early costs little whatever its length.  A name
 * longer than the overlap can be missed where it spans a cut.  norm is
 * the caller's scratch (one per thread). */
int st_mentions_find(const st_mentions *m, st_normalizer *norm,
                     const char *text, size_t len, st_error *err);

/* The two halves of st_mentions_find, for a caller that holds the text
 * normalised with ST_NORM_DEFAULT already (feature extraction does, with
 * the shipped models' settings), so that it is not normalised twice:
 * whether the patterns other than ^ ones match normalised cp[0..n), and
 * whether the ^ ones match the raw text.  A text names a country when
 * either does. */
int st_mentions_find_normalised(const st_mentions *m, const int32_t *cp, size_t n);
int st_mentions_find_tokens(const st_mentions *m, const char *text, size_t len);

/* st_mentions_find for text[0..len), which x has just extracted (stats
 * from that extraction): from x's normalised text when that is the whole
 * text normalised as the list is (one chunk, ST_NORM_DEFAULT: the shipped
 * models'), instead of normalising it a second time; with norm
 * otherwise.  Prediction and loading a corpus for eval --cv both ask. */
int st_mentions_find_extracted(const st_mentions *m, const st_extractor *x,
                               const st_text_stats *stats, st_normalizer *norm,
                               const char *text, size_t len, st_error *err);

/* Reads the mention list file at path into *text (NUL-terminated, *len
 * bytes, the caller frees it) and checks that it parses, so that a bad
 * line is reported before any training; the text is what
 * st_model_set_mentions takes after it. */
int st_mentions_read_file(const char *path, char **text, size_t *len, st_error *err);

#endif
