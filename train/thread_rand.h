/*
 * rand() and srand() with one state per thread.
 *
 * LIBLINEAR's dual solvers shuffle their coordinates with the C library's
 * rand(), whose state is process-wide: two trainings on two threads would
 * draw from one sequence in whatever order the threads ran, and their
 * models would depend on timing.  This file defines rand and srand for the
 * whole program (the dynamic linker binds liblinear.so's calls to the
 * executable's definitions first), each thread drawing from its own
 * state with glibc's own generator (random_r, TYPE_3 with a 128-byte
 * state, which is what glibc's rand is), so a thread seeded with 1 draws
 * exactly what a single-threaded program draws after srand(1): models are
 * bit-identical to those trained one at a time under a lock, and now
 * train in parallel.
 */
#ifndef STANCE_THREAD_RAND_H
#define STANCE_THREAD_RAND_H

/* Seeds the calling thread's rand(), as srand(seed) does.  Calling it
 * is also what links this file's rand and srand into a program. */
void st_thread_rand_seed(unsigned seed);

#endif
