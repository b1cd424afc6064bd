/* Labels each argument with the default model, through libstance:
 *   cc label.c $(pkg-config --cflags --libs stance) -o label
 *   ./label "Russia and the US agree to resume talks in Geneva"      */
#include <stdio.h>
#include <stance.h>

int main(int argc, char **argv)
{
    stance_error err;
    stance_model *model = stance_model_load(stance_default_model(), &err);
    stance_labeller *labeller = model ? stance_labeller_new(model, &err) : NULL;
    double prob[STANCE_MAX_LABELS];
    int status = 0;

    if (!labeller) {
        fprintf(stderr, "label: %s\n", err.message);
        stance_model_free(model);
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        int label = stance_label(labeller, NULL, argv[i], prob, NULL, &err);
        if (label < 0) {
            fprintf(stderr, "label: %s\n", err.message);
            status = 1;
            continue;
        }
        printf("%s\t%.3f\t%s\n", stance_model_label(model, label), prob[label], argv[i]);
    }
    stance_labeller_free(labeller);
    stance_model_free(model);
    return status;
}
