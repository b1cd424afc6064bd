#define _DEFAULT_SOURCE  /* random_r, initstate_r */
#include "train/thread_rand.h"

#include <stdlib.h>

static __thread struct random_data state;
static __thread char state_bytes[128];  /* TYPE_3: glibc rand's own size */
static __thread int seeded;

void st_thread_rand_seed(unsigned seed)
{
    state.state = NULL;  /* initstate_r requires a zeroed descriptor */
    initstate_r(seed, state_bytes, sizeof state_bytes, &state);
    seeded = 1;
}

/* Default visibility, though the library hides everything else: liblinear.so
 * calls rand() through the dynamic linker, which can bind that call to this
 * definition only if it is exported, from the program or libstance.so. */
__attribute__((visibility("default"))) int rand(void)
{
    int32_t r;
    if (!seeded)
        st_thread_rand_seed(1);  /* rand() before any srand() is srand(1) */
    random_r(&state, &r);
    return r;
}

__attribute__((visibility("default"))) void srand(unsigned seed)
{
    st_thread_rand_seed(seed);
}
