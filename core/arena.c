/* arena.c - memory freed all at once. */
#include "config.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "error.h"

#define ARENA_BLOCK_SIZE 16384

struct arena_block {
    arena_block *next;
    size_t used;
    size_t capacity;
    alignas(max_align_t) unsigned char data[];
};

static arena_block *block_new(size_t capacity, arena_block *next)
{
    arena_block *block = malloc(sizeof *block + capacity);

    if (!block)
        return NULL;
    block->next = next;
    block->used = 0;
    block->capacity = capacity;
    return block;
}

void *arena_alloc(arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    arena_block *block = a->blocks;
    void *memory;

    size = (size + align - 1) & ~(align - 1);
    if (!block || block->capacity - block->used < size) {
        size_t capacity = size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE;

        block = block_new(capacity, a->blocks);
        if (!block) {
            error_nomem();
            return NULL;
        }
        a->blocks = block;
    }

    memory = block->data + block->used;
    block->used += size;
    memset(memory, 0, size);
    return memory;
}

char *arena_strndup(arena *a, const char *text, size_t length)
{
    char *copy = arena_alloc(a, length + 1);

    if (!copy)
        return NULL;
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

char *arena_strdup(arena *a, const char *text)
{
    return arena_strndup(a, text, strlen(text));
}

void arena_release(arena *a)
{
    arena_block *block = a->blocks;

    while (block) {
        arena_block *next = block->next;

        free(block);
        block = next;
    }
    a->blocks = NULL;
}
