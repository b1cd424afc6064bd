#define _DEFAULT_SOURCE  /* madvise, MADV_HUGEPAGE */
#include "common/huge_pages.h"

#include <stdint.h>
#include <sys/mman.h>

#define HUGE_PAGE ((uintptr_t)2 << 20)

void st_advise_huge_pages(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    uintptr_t start = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    uintptr_t end = ((uintptr_t)p + bytes) & ~(HUGE_PAGE - 1);
    if (end > start)
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)p, (void)bytes;
#endif
}

void *st_malloc_large(size_t size, st_error *err)
{
    void *p = st_malloc(size, err);
    if (p)
        st_advise_huge_pages(p, size);
    return p;
}
