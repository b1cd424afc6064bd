/*
 * Word-level explanations (predict --explain-words): which words of an
 * article pushed its prediction most.
 *
 * A linear model's decision is a sum over buckets, x_b * w_b.  A bucket's
 * value x_b is shared by every occurrence of the n-grams hashed into it,
 * so each occurrence gets x_b * w_b / (its bucket's occurrences), and a
 * word gets the sum over its character n-grams and its word unigram; the
 * occurrences of one word add up.  Word bigrams, which span two words,
 * are left out.  Summed over all words this is the decision value (less
 * the bigrams and the bias), so the words explain the score rather than
 * fragments of it.
 */
#ifndef STANCE_EXPLAIN_WORDS_H
#define STANCE_EXPLAIN_WORDS_H

#include "predict/batch.h"

/* Fills r->explained with the (at most nmax) words of text whose pushes
 * toward the prediction are largest, given the document's vector v, the
 * deciding pair's weights w and its orientation sign.  pad: scratch of at
 * least len + 2 code points. */
int st_explain_words(const st_model *m, const st_sparse *v, const float *w, int sign,
                     const int32_t *text, size_t len, int32_t *pad, int nmax,
                     st_result *r, st_error *err);

#endif
