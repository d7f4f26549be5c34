/* yamltree.c - a YAML (or JSON) document read into a tree of nodes. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "error.h"
#include "yamltree.h"

#define MERGE_TAG "tag:yaml.org,2002:merge"

struct ydoc {
    arena memory;
    char *name;
    ynode *root;
};

/* A container still being read, with its items gathered on the heap. */
typedef struct open_node {
    ynode *node;
    ynode **items;
    size_t count;
    size_t capacity;
} open_node;

typedef struct anchor {
    char *name;
    ynode *node;
} anchor;

typedef struct builder {
    ydoc *doc;
    open_node *stack;
    size_t depth;
    size_t stack_capacity;
    anchor *anchors;
    size_t anchor_count;
    size_t anchor_capacity;
    size_t documents;
} builder;

static int fail_at(const builder *b, const yaml_mark_t *mark, const char *what)
{
    error_set("%s:%zu:%zu: %s", b->doc->name, mark->line + 1, mark->column + 1,
              what);
    return -1;
}

static int push_item(open_node *open, ynode *item)
{
    if (open->count == open->capacity) {
        size_t capacity = open->capacity ? open->capacity * 2 : 8;
        ynode **items = realloc(open->items, capacity * sizeof *items);

        if (!items)
            return error_nomem();
        open->items = items;
        open->capacity = capacity;
    }
    open->items[open->count++] = item;
    return 0;
}

/* Attaches a finished node to its parent, or makes it the root. */
static int attach(builder *b, ynode *node)
{
    if (b->depth == 0) {
        b->doc->root = node;
        return 0;
    }
    return push_item(&b->stack[b->depth - 1], node);
}

static int remember_anchor(builder *b, const yaml_char_t *name, ynode *node)
{
    if (!name)
        return 0;
    if (b->anchor_count == b->anchor_capacity) {
        size_t capacity = b->anchor_capacity ? b->anchor_capacity * 2 : 8;
        anchor *anchors = realloc(b->anchors, capacity * sizeof *anchors);

        if (!anchors)
            return error_nomem();
        b->anchors = anchors;
        b->anchor_capacity = capacity;
    }
    b->anchors[b->anchor_count].name = strdup((const char *)name);
    if (!b->anchors[b->anchor_count].name)
        return error_nomem();
    b->anchors[b->anchor_count++].node = node;
    return 0;
}

static ynode *new_node(builder *b, ynode_kind kind, const yaml_char_t *tag,
                       const yaml_mark_t *mark)
{
    ynode *node = arena_alloc(&b->doc->memory, sizeof *node);

    if (!node)
        return NULL;
    node->kind = kind;
    node->value = "";
    node->line = mark->line + 1;
    node->column = mark->column + 1;
    if (tag && strcmp((const char *)tag, "!") != 0) {
        node->tag = arena_strdup(&b->doc->memory, (const char *)tag);
        if (!node->tag)
            return NULL;
    }
    return node;
}

static int on_scalar(builder *b, const yaml_event_t *event)
{
    const yaml_char_t *tag = event->data.scalar.tag;
    ynode *node = new_node(b, YNODE_SCALAR, tag, &event->start_mark);

    if (!node)
        return -1;
    node->length = event->data.scalar.length;
    node->value = arena_strndup(&b->doc->memory,
                                (const char *)event->data.scalar.value,
                                node->length);
    if (!node->value)
        return -1;
    /* PyYAML resolves a scalar tagged "!" as if it were plain, even when
     * it is quoted: `! "12"` is the integer 12. */
    node->plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ||
                  (tag && strcmp((const char *)tag, "!") == 0);

    if (remember_anchor(b, event->data.scalar.anchor, node) < 0)
        return -1;
    return attach(b, node);
}

static int on_start(builder *b, const yaml_event_t *event, ynode_kind kind)
{
    const yaml_char_t *tag = kind == YNODE_MAPPING
                                 ? event->data.mapping_start.tag
                                 : event->data.sequence_start.tag;
    const yaml_char_t *name = kind == YNODE_MAPPING
                                  ? event->data.mapping_start.anchor
                                  : event->data.sequence_start.anchor;
    ynode *node = new_node(b, kind, tag, &event->start_mark);

    if (!node || remember_anchor(b, name, node) < 0)
        return -1;

    if (b->depth == b->stack_capacity) {
        size_t capacity = b->stack_capacity ? b->stack_capacity * 2 : 16;
        open_node *stack = realloc(b->stack, capacity * sizeof *stack);

        if (!stack)
            return error_nomem();
        b->stack = stack;
        b->stack_capacity = capacity;
    }
    b->stack[b->depth++] = (open_node){node, NULL, 0, 0};
    return 0;
}

static int is_merge_key(const ynode *key)
{
    if (key->kind != YNODE_SCALAR)
        return 0;
    if (key->tag)
        return strcmp(key->tag, MERGE_TAG) == 0;
    return key->plain && strcmp(key->value, "<<") == 0;
}

/* Gathers the pairs a merge value brings: a mapping's pairs, or those of a
 * list of mappings with the earlier mappings taking precedence. */
static int gather_merge(const builder *b, const ynode *value, open_node *merged)
{
    if (value->kind == YNODE_MAPPING) {
        for (size_t i = 0; i < 2 * value->count; i++) {
            if (push_item(merged, value->items[i]) < 0)
                return -1;
        }
        return 0;
    }
    if (value->kind != YNODE_SEQUENCE)
        goto invalid;

    for (size_t j = value->count; j-- > 0;) {
        const ynode *sub = value->items[j];

        if (sub->kind != YNODE_MAPPING)
            goto invalid;
        for (size_t i = 0; i < 2 * sub->count; i++) {
            if (push_item(merged, sub->items[i]) < 0)
                return -1;
        }
    }
    return 0;

invalid:
    error_set("%s:%zu:%zu: invalid merge value; '<<' takes a mapping or a list "
              "of mappings", b->doc->name, value->line, value->column);
    return -1;
}

/* Applies merge keys: merged pairs go first so the mapping's own keys,
 * being later, take precedence. */
static int flatten_mapping(builder *b, open_node *open)
{
    open_node merged = {NULL, NULL, 0, 0};
    open_node own = {NULL, NULL, 0, 0};
    int status = -1;

    for (size_t i = 0; i + 1 < open->count; i += 2) {
        if (is_merge_key(open->items[i])) {
            if (gather_merge(b, open->items[i + 1], &merged) < 0)
                goto done;
        } else if (push_item(&own, open->items[i]) < 0 ||
                   push_item(&own, open->items[i + 1]) < 0) {
            goto done;
        }
    }
    if (merged.count == 0) {
        status = 0;
        goto done;
    }

    for (size_t i = 0; i < own.count; i++) {
        if (push_item(&merged, own.items[i]) < 0)
            goto done;
    }
    free(open->items);
    open->items = merged.items;
    open->count = merged.count;
    open->capacity = merged.capacity;
    merged.items = NULL;
    status = 0;

done:
    free(merged.items);
    free(own.items);
    return status;
}

static int on_end(builder *b)
{
    open_node *open = &b->stack[b->depth - 1];
    ynode *node = open->node;
    size_t bytes;

    if (node->kind == YNODE_MAPPING && flatten_mapping(b, open) < 0)
        return -1;

    bytes = open->count * sizeof *open->items;
    node->items = arena_alloc(&b->doc->memory, bytes ? bytes : 1);
    if (!node->items)
        return -1;
    if (bytes)
        memcpy(node->items, open->items, bytes);
    node->count = node->kind == YNODE_MAPPING ? open->count / 2 : open->count;
    free(open->items);
    b->depth--;
    return attach(b, node);
}

static int on_alias(builder *b, const yaml_event_t *event)
{
    const char *name = (const char *)event->data.alias.anchor;

    for (size_t i = b->anchor_count; i-- > 0;) {
        if (strcmp(b->anchors[i].name, name) != 0)
            continue;
        for (size_t d = 0; d < b->depth; d++) {
            if (b->stack[d].node == b->anchors[i].node)
                return fail_at(b, &event->start_mark,
                               "recursive alias is not supported");
        }
        return attach(b, b->anchors[i].node);
    }
    error_set("%s:%zu:%zu: unknown anchor '%s' in alias", b->doc->name,
              event->start_mark.line + 1, event->start_mark.column + 1, name);
    return -1;
}

static int on_event(builder *b, const yaml_event_t *event)
{
    switch (event->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++b->documents > 1)
            return fail_at(b, &event->start_mark,
                           "expected a single document, found another; "
                           "remove the extra '---' section");
        return 0;
    case YAML_SCALAR_EVENT:
        return on_scalar(b, event);
    case YAML_SEQUENCE_START_EVENT:
        return on_start(b, event, YNODE_SEQUENCE);
    case YAML_MAPPING_START_EVENT:
        return on_start(b, event, YNODE_MAPPING);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return on_end(b);
    case YAML_ALIAS_EVENT:
        return on_alias(b, event);
    default:
        return 0;
    }
}

static void builder_release(builder *b)
{
    for (size_t d = 0; d < b->depth; d++)
        free(b->stack[d].items);
    free(b->stack);
    for (size_t i = 0; i < b->anchor_count; i++)
        free(b->anchors[i].name);
    free(b->anchors);
}

static int parse_events(builder *b, yaml_parser_t *parser)
{
    for (;;) {
        yaml_event_t event;
        int status;
        int finished;

        if (!yaml_parser_parse(parser, &event)) {
            error_set("%s:%zu:%zu: invalid YAML: %s%s%s", b->doc->name,
                      parser->problem_mark.line + 1,
                      parser->problem_mark.column + 1,
                      parser->problem ? parser->problem : "syntax error",
                      parser->context ? " " : "",
                      parser->context ? parser->context : "");
            return -1;
        }
        status = on_event(b, &event);
        finished = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (status < 0)
            return -1;
        if (finished)
            return 0;
    }
}

ydoc *ydoc_load_string(const char *name, const char *text, size_t length)
{
    yaml_parser_t parser;
    builder b = {0};
    ydoc *doc = calloc(1, sizeof *doc);

    if (!doc || !(doc->name = strdup(name))) {
        free(doc);
        error_nomem();
        return NULL;
    }
    if (!yaml_parser_initialize(&parser)) {
        ydoc_free(doc);
        error_nomem();
        return NULL;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, length);

    b.doc = doc;
    if (parse_events(&b, &parser) < 0) {
        ydoc_free(doc);
        doc = NULL;
    }
    builder_release(&b);
    yaml_parser_delete(&parser);
    return doc;
}

static char *read_file(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    char *data = NULL;
    size_t size = 0;
    size_t capacity = 0;

    if (!file) {
        error_set("%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    for (;;) {
        size_t got;

        if (capacity - size < 4096) {
            char *grown = realloc(data, capacity ? capacity * 2 : 8192);

            if (!grown) {
                free(data);
                fclose(file);
                error_nomem();
                return NULL;
            }
            data = grown;
            capacity = capacity ? capacity * 2 : 8192;
        }
        got = fread(data + size, 1, capacity - size - 1, file);
        size += got;
        if (got == 0)
            break;
    }
    if (ferror(file)) {
        error_set("%s: cannot read: %s", path, strerror(errno));
        free(data);
        data = NULL;
    } else {
        data[size] = '\0';
        *length = size;
    }
    fclose(file);
    return data;
}

ydoc *ydoc_load_file(const char *path)
{
    size_t length = 0;
    char *text = read_file(path, &length);
    ydoc *doc;

    if (!text)
        return NULL;
    doc = ydoc_load_string(path, text, length);
    free(text);
    return doc;
}

void ydoc_free(ydoc *doc)
{
    if (!doc)
        return;
    arena_release(&doc->memory);
    free(doc->name);
    free(doc);
}

const ynode *ydoc_root(const ydoc *doc)
{
    return doc->root;
}

const char *ydoc_name(const ydoc *doc)
{
    return doc->name;
}

const ynode *ynode_get(const ynode *node, const char *key)
{
    if (!node || node->kind != YNODE_MAPPING)
        return NULL;
    for (size_t i = node->count; i-- > 0;) {
        if (ynode_is(node->items[2 * i], key))
            return node->items[2 * i + 1];
    }
    return NULL;
}

int ynode_is(const ynode *node, const char *text)
{
    return node && node->kind == YNODE_SCALAR && strcmp(node->value, text) == 0;
}

const char *ynode_kind_name(const ynode *node)
{
    if (!node)
        return "nothing";
    switch (node->kind) {
    case YNODE_SEQUENCE:
        return "list";
    case YNODE_MAPPING:
        return "mapping";
    default:
        return "scalar";
    }
}
