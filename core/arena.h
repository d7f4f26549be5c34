/*
 * arena.h - memory freed all at once.
 *
 * Documents and search spaces allocate many small pieces that live exactly
 * as long as their owner; an arena frees them in one call.
 */
#ifndef SABER_ARENA_H
#define SABER_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *blocks;
} arena;

#define ARENA_INIT {NULL}

/* Returns size bytes aligned for any type, zeroed; NULL when out of memory
 * (with the error message set). */
void *arena_alloc(arena *a, size_t size);

/* Returns a copy of length bytes plus a NUL. */
char *arena_strndup(arena *a, const char *text, size_t length);
char *arena_strdup(arena *a, const char *text);

void arena_release(arena *a);

#endif
