/*
 * stance.h -- the public interface of libstance.
 *
 * libstance says whether a news article signals warming or cooling of
 * Russia-United States relations, or neither, in any language: UTF-8 text
 * is normalised, cut into character n-grams, hashed and weighted (TF-IDF),
 * and scored by linear SVMs (LIBLINEAR or libsvm) whose decision values
 * are calibrated into probabilities.  This header is the whole API; every
 * other header of the source tree is internal and may change.
 *
 * Conventions, the same for every function:
 *   - A function that can fail returns -1 (or NULL) and, when err is not
 *     NULL, fills err->message with one sentence naming the file, line and
 *     problem where there is one.  Nothing is ever printed, and the library
 *     never exits.
 *   - Text is UTF-8; ill-formed bytes are replaced by U+FFFD, never refused.
 *   - Objects are opaque and freed by their own *_free function (NULL is
 *     accepted).  A model may be shared by any number of threads; a
 *     labeller, corpus or evaluation belongs to one thread at a time.
 *   - Labels are numbered 0 .. stance_model_label_count() - 1, in the
 *     model's order.
 *
 * Labelling one article:
 *
 *     stance_model *m = stance_model_load(stance_default_model(), &err);
 *     stance_labeller *l = stance_labeller_new(m, &err);
 *     int label = stance_label(l, title, text, prob, NULL, &err);
 *     puts(stance_model_label(m, label));
 */
#ifndef STANCE_H
#define STANCE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define STANCE_API __attribute__((visibility("default")))
#else
#define STANCE_API
#endif

#define STANCE_VERSION_MAJOR 0
#define STANCE_VERSION_MINOR 2
#define STANCE_VERSION_PATCH 0

/* The largest number of labels a model can have. */
#define STANCE_MAX_LABELS 64

typedef struct stance_error {
    char message[1024];
} stance_error;

typedef struct stance_model stance_model;
typedef struct stance_labeller stance_labeller;
typedef struct stance_corpus stance_corpus;
typedef struct stance_evaluation stance_evaluation;

/* The library's version, "MAJOR.MINOR.PATCH". */
STANCE_API const char *stance_version(void);

/* ---- models -------------------------------------------------------------- */

/* Where the default model (warming, cooling or neutral) is installed, or,
 * when the environment variable STANCE_MODEL is set, its value.  The file
 * is not checked: stance_model_load says what is wrong with it. */
STANCE_API const char *stance_default_model(void);

/* Loads a model file, checking its format, version, sizes and checksum;
 * models written by every earlier version of stance load. */
STANCE_API stance_model *stance_model_load(const char *path, stance_error *err);

/* Writes the model atomically: path is either the complete new file or
 * left as it was. */
STANCE_API int stance_model_save(const stance_model *model, const char *path,
                                 stance_error *err);

STANCE_API void stance_model_free(stance_model *model);

/* The number of labels the model chooses among (2 or more). */
STANCE_API int stance_model_label_count(const stance_model *model);

/* The name of label number `label`, or NULL when there is no such label. */
STANCE_API const char *stance_model_label(const stance_model *model, int label);

/* The model's feature settings as one line, e.g. "char=1-5 word=0 bits=20
 * ...", and how it was built (the training command, the corpus, the
 * cross-validated scores): text owned by the model. */
STANCE_API const char *stance_model_settings(const stance_model *model);
STANCE_API const char *stance_model_info(const stance_model *model);

/* ---- labelling ----------------------------------------------------------- */

/* A labeller keeps the scratch memory of feature extraction, so that
 * labelling many articles allocates nothing once its buffers have grown.
 * The model must outlive it.  Use one labeller per thread. */
STANCE_API stance_labeller *stance_labeller_new(const stance_model *model,
                                                stance_error *err);
STANCE_API void stance_labeller_free(stance_labeller *labeller);

/* Labels one article (title may be NULL or empty; text may not be NULL)
 * and returns its label number: the most probable label.  probabilities,
 * when not NULL, receives stance_model_label_count() calibrated
 * probabilities summing to 1; score, when not NULL, the SVM decision value
 * behind the label (for two labels positive for label 0; for more, of the
 * pair (label, next most probable), oriented so that positive favours the
 * label: in a close call Platt calibration can make a label the more
 * probable while its machine leans slightly the other way, and the score
 * is then a small negative number).  A model built with a mention list
 * (stance_train_params.mentions) labels a text that names neither Russia
 * nor the US neutral, its directions' probabilities scaled by 0.1.  The
 * result is exactly what `stance predict` prints for the same title and
 * text. */
STANCE_API int stance_label(stance_labeller *labeller, const char *title,
                            const char *text, double *probabilities,
                            double *score, stance_error *err);

/* The label under an abstention threshold: the most probable label when a
 * direction (any label but "neutral") reaches probability `threshold`,
 * otherwise the model's "neutral" label, or -1 ("uncertain") for a model
 * without one.  probabilities as stance_label gives them. */
STANCE_API int stance_label_at_threshold(const stance_model *model,
                                         const double *probabilities,
                                         double threshold);

/* One n-gram's contribution to a label: "<sanc" is a character n-gram at
 * the start of a word, "[word]" a word; weight > 0 pushes toward the label
 * explained. */
typedef struct stance_feature {
    char text[96];
    double weight;
} stance_feature;

/* Labels the article as stance_label does and names the n-grams that
 * pushed hardest toward that label, strongest first, at most max of them
 * (max <= 64; linear models only).  Returns how many were written to out,
 * or -1. */
STANCE_API int stance_explain(stance_labeller *labeller, const char *title,
                              const char *text, stance_feature *out, int max,
                              stance_error *err);

/* ---- corpora ------------------------------------------------------------- */

/* One record of a corpus.  Strings belong to the corpus and stay valid
 * until the next stance_corpus_next; absent ones are NULL (id is then the
 * record's line number, or the file's path for a whole-file record). */
typedef struct stance_record {
    const char *id, *lang, *label, *title, *text;
    size_t title_len, text_len;
    const char *file;   /* the input path */
    size_t line;        /* 1-based line, 0 for a whole-file record */
} stance_record;

/* Opens a corpus: a JSONL, TSV, CSV, fastText or text file, or a directory
 * tree of text files whose first sub-directory names the label.  format is
 * one of "jsonl", "tsv", "csv", "fasttext", "lines", "text", "dir", or
 * NULL to tell by the name and first line (as `stance` does). */
STANCE_API stance_corpus *stance_corpus_open(const char *path,
                                             const char *format,
                                             stance_error *err);

/* Reads the next record: returns 1 with *record filled, 0 at the end, or
 * -1 with err naming file, line and problem.  After a bad record (a line
 * that is not JSON, a record without text) the next call goes on with the
 * following record; after an I/O error (err says so) reading cannot go
 * on. */
STANCE_API int stance_corpus_next(stance_corpus *corpus, stance_record *record,
                                  stance_error *err);
STANCE_API void stance_corpus_close(stance_corpus *corpus);

/* ---- training ------------------------------------------------------------ */

typedef struct stance_train_params {
    const char *labels;   /* "warming,cooling,neutral": which labels to learn,
                             in this order; NULL: every label, in the order
                             they first appear */
    const char *features; /* settings as stance_model_settings writes them
                             (any subset, e.g. "char=1-5 word=0"); NULL:
                             the defaults */
    const double *C;      /* the cost values to choose among by cross-
                             validation (at most 64); NULL: 0.1 .. 100 */
    int nC;
    int folds;            /* cross-validation folds, >= 2 */
    int repeats;          /* cross-validation repeated with seeds seed, seed+1.. */
    unsigned long seed;
    int threads;          /* 0: one per CPU; the model is the same at any count */
    int squared_hinge;    /* 1: squared hinge loss (LinearSVC's); 0: hinge */
    int skip_bad;         /* 1: leave bad records out instead of failing */
    /* Cross-lingual transfer, as the shipped models are built (the model
     * card, "Cross-lingual space"): a directory of line-aligned
     * translations, one <language>.txt per language with the same number
     * of lines (e.g. NTREX-128).  A space shared by its languages is learnt
     * from it (with these feature settings) and added to every record, so
     * that what one language's labels teach reaches the others, even
     * languages with no labelled record.  It folds into the weights: the
     * model predicts as fast as one without it.  NULL: none. */
    const char *parallel;
    int space_dims;       /* dimensions of the space; 0: 600 */
    double space_weight;  /* weight of its features beside the n-grams; 0: 3 */
    /* A list of the names of Russia and the US (data/mentions.txt; its
     * format in features/mentions.h), kept in the model: labelling then
     * answers neutral, with probability >= 0.9, for a text that names
     * neither country.  Needs a "neutral" label.  NULL: none. */
    const char *mentions;
} stance_train_params;

/* The defaults: every label, default features, C in 0.1 .. 100, 5 folds,
 * 1 repeat, seed 1, every CPU, hinge loss, bad records fatal, no
 * cross-lingual transfer. */
STANCE_API void stance_train_params_default(stance_train_params *params);

/* Trains a model on the labelled records of the npaths corpora (formats
 * told as stance_corpus_open does): cross-validation chooses C, Platt's
 * sigmoids are fitted on the cross-validated decision values, and the
 * final model is fitted on every record.  Records whose label is not in
 * params->labels are left out. */
STANCE_API stance_model *stance_train(const char *const *paths, int npaths,
                                      const stance_train_params *params,
                                      stance_error *err);

/* ---- evaluation ---------------------------------------------------------- */

/* Labels every record of the npaths corpora with the model and compares
 * with their labels.  Records without a label, or with one the model does
 * not know, are counted but not scored. */
STANCE_API stance_evaluation *stance_evaluate(const stance_model *model,
                                              const char *const *paths,
                                              int npaths, stance_error *err);

/* Records scored, their accuracy, and the macro-averaged F1 over the
 * labels that occur in the truth or the predictions. */
STANCE_API size_t stance_evaluation_records(const stance_evaluation *eval);
STANCE_API double stance_evaluation_accuracy(const stance_evaluation *eval);
STANCE_API double stance_evaluation_macro_f1(const stance_evaluation *eval);

/* F1 of one label number, or -1 when there is no such label. */
STANCE_API double stance_evaluation_f1(const stance_evaluation *eval, int label);

STANCE_API void stance_evaluation_free(stance_evaluation *eval);

#ifdef __cplusplus
}
#endif

#endif
