/*
 * The lead of an article: its first sentences.  The corpus guideline
 * decides an item "by its main thrust (headline and lead weigh most)", and
 * a long article's direction is often stated there and then buried in
 * background; counting the lead's n-grams a second time, in buckets of
 * their own, lets the model weigh them apart from the whole text
 * (models/README.md: "The lead view").
 */
#ifndef STANCE_LEAD_H
#define STANCE_LEAD_H

#include <stddef.h>

/* The length in bytes of the lead of body (an article's title, a newline,
 * its text, as st_doc_body makes it): at least lead_chars code points,
 * carried on to the end of the sentence then running, i.e. through the
 * next '.', '!', '?', Arabic '؟', CJK '。' or Devanagari '।' that is
 * followed by white space or the end, or through the next newline.  A
 * sentence that does not end within 4 x lead_chars code points is cut
 * there, at a character boundary.  The whole body when it is shorter;
 * 0 when lead_chars is 0. */
size_t st_lead_length(const char *body, size_t len, int lead_chars);

#endif
