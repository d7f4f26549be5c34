/*
 * cwl_loader.h - shared by the CWL loader's files (not for other modules).
 *
 * cwl_load.c finds and reads documents (files, $graph, $import, run:) and
 * owns the cwl_workflow; cwl_parse.c turns one process's nodes into the
 * structures of cwl.h.
 */
#ifndef SABER_CWL_LOADER_H
#define SABER_CWL_LOADER_H

#include "compat.h"
#include "cwl.h"

typedef struct loaded_doc {
    char *path;            /* absolute */
    ydoc *doc;
} loaded_doc;

typedef struct parsed_process {
    const ynode *node;
    cwl_process *process;  /* NULL while it is being parsed */
} parsed_process;

struct cwl_workflow {
    arena memory;
    loaded_doc *docs;
    size_t doc_count;
    parsed_process *parsed;
    size_t parsed_count;
    cwl_process *root;
    cwl_process *runnable;     /* root, or the wrapper of a lone tool */
};

/* What the parser of one process needs to know about its surroundings. */
typedef struct parse_scope {
    cwl_workflow *workflow;
    arena *memory;             /* where the parsed structures go */
    const ydoc *doc;           /* the document the process is written in */
    const char *file;          /* its absolute path */
    const char *dir;           /* its folder */
    const char *version;       /* cwlVersion in effect */
    const ynode *graph;        /* the document's $graph, or NULL */
    const ynode *namespaces;   /* the document's $namespaces, or NULL */
    int has_schemas;           /* the document has $schemas */
    cwl_type_names names;      /* SchemaDefRequirement names in scope */
} parse_scope;

/* Sets "FILE:LINE:COL: message" for node of doc; returns status. */
int cwl_fail(const ydoc *doc, const ynode *node, int status,
             const char *format, ...) SABER_FORMAT(4, 5);

/* Parses the process at node (a mapping). */
int cwl_parse_process(parse_scope *scope, const ynode *node, cwl_process **out);

/*
 * Resolves what `run:` names, from the scope of the step that has it: an
 * inline mapping, "#id" in the same $graph, or a path relative to the
 * document (optionally with "#id").  The result is shared by every step
 * that names the same process.
 */
int cwl_load_run(parse_scope *scope, const ynode *run, cwl_process **out);

/*
 * Follows {$import: path} at *node (relative to *doc's folder): replaces
 * *doc and *node with the imported document and its root.  Nodes that are
 * not an import are left alone.  Returns 0 or CWL_ERROR.
 */
int cwl_load_import(cwl_workflow *workflow, const ydoc **doc,
                    const ynode **node);

/* Returns the text of the file {$include: path} names (relative to doc's
 * folder), allocated in the workflow's arena, or NULL when node is not an
 * include (*status 0) or the file cannot be read (*status CWL_ERROR). */
const char *cwl_load_include(cwl_workflow *workflow, const ydoc *doc,
                             const ynode *node, int *status);

/* Returns the short name of an id: what follows the last '#' and then
 * the last '/'. */
const char *cwl_short_name(const char *id);

#endif
