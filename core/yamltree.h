/*
 * yamltree.h - a YAML (or JSON) document read into a tree of nodes.
 *
 * libyaml reports events; this builds the node tree with the position of
 * every node, resolves aliases to their anchored node, and applies merge
 * keys ("<<") as PyYAML does.  Scalars stay text: yaml11.h resolves them.
 */
#ifndef SABER_YAMLTREE_H
#define SABER_YAMLTREE_H

#include <stddef.h>

typedef enum ynode_kind {
    YNODE_SCALAR,
    YNODE_SEQUENCE,
    YNODE_MAPPING
} ynode_kind;

typedef struct ynode {
    ynode_kind kind;
    const char *tag;   /* explicit tag, expanded ("tag:yaml.org,2002:str"); NULL if none */
    int plain;         /* scalar written without quotes or block style */
    const char *value; /* scalar text, NUL-terminated; "" for other kinds */
    size_t length;     /* scalar text length in bytes (it may hold NUL) */
    size_t line;       /* 1-based position of the node's first character */
    size_t column;
    /* Sequence: count items.  Mapping: count pairs, items[2i] the key and
     * items[2i + 1] the value, in document order. */
    struct ynode **items;
    size_t count;
} ynode;

typedef struct ydoc ydoc;

/*
 * Reads the single document in file path.  Returns NULL with an error
 * message "PATH:LINE:COL: ..." when the file cannot be read or is not
 * valid YAML.  An empty file gives a document whose root is NULL.
 */
ydoc *ydoc_load_file(const char *path);

/* As ydoc_load_file(), from memory; name appears in messages. */
ydoc *ydoc_load_string(const char *name, const char *text, size_t length);

void ydoc_free(ydoc *doc);

/* Returns the root node, NULL for an empty document. */
const ynode *ydoc_root(const ydoc *doc);

/* Returns the file name the document was read from. */
const char *ydoc_name(const ydoc *doc);

/* Returns the value of the last pair whose key is the scalar key, or NULL
 * (also when node is not a mapping). */
const ynode *ynode_get(const ynode *node, const char *key);

/* Returns whether node is a scalar equal to text. */
int ynode_is(const ynode *node, const char *text);

/* Returns the kind as a noun for messages: "scalar", "list", "mapping". */
const char *ynode_kind_name(const ynode *node);

#endif
