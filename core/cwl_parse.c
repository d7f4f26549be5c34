/* cwl_parse.c - one CWL process's nodes turned into the structures of cwl.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwl_bind.h"
#include "cwl_loader.h"
#include "error.h"
#include "fsutil.h"
#include "log.h"

/* One parameter, step or requirement, from either of CWL's two forms: a
 * list of mappings with an identifying field, or a mapping from the
 * identifier to the rest. */
typedef struct entry {
    const char *id;
    const ydoc *doc;
    const ynode *node;     /* the mapping, or the shorthand value */
    const ynode *at;       /* for positions */
} entry;

/* Requirement classes read, ignored or rejected. */
static const char *const accepted_classes[] = {
    "InlineJavascriptRequirement", "SchemaDefRequirement", "EnvVarRequirement",
    "InitialWorkDirRequirement", "ResourceRequirement", "LoadListingRequirement",
    "WorkReuse", "NetworkAccess", "InplaceUpdateRequirement", "ToolTimeLimit",
    "SubworkflowFeatureRequirement", "MultipleInputFeatureRequirement",
    "StepInputExpressionRequirement", "ScatterFeatureRequirement",
    /* Steps run without a container, as cwltool --no-container runs them. */
    "DockerRequirement", "SoftwareRequirement",
};

static int v1_0(const parse_scope *scope)
{
    return strcmp(scope->version, "v1.0") == 0;
}

static cwl_position position_of(const parse_scope *scope, const ydoc *doc,
                                const ynode *node)
{
    cwl_position where = {doc ? ydoc_name(doc) : scope->file, 0, 0};

    if (node) {
        where.line = node->line;
        where.column = node->column;
    }
    return where;
}

static int scalar(const ydoc *doc, const ynode *node, const char *what,
                  const char **out)
{
    if (!node)
        return 0;
    if (node->kind != YNODE_SCALAR)
        return cwl_fail(doc, node, CWL_ERROR, "%s must be text, not a %s", what,
                        ynode_kind_name(node));
    *out = node->value;
    return 0;
}

static int boolean_field(const ydoc *doc, const ynode *node, const char *what,
                         int *out)
{
    if (!node)
        return 0;
    if (ynode_is(node, "true") || ynode_is(node, "True") || ynode_is(node, "TRUE"))
        *out = 1;
    else if (ynode_is(node, "false") || ynode_is(node, "False") ||
             ynode_is(node, "FALSE"))
        *out = 0;
    else
        return cwl_fail(doc, node, CWL_ERROR, "%s must be true or false", what);
    return 0;
}

static int template_field(parse_scope *scope, const ydoc *doc, const ynode *node,
                          const char *what, cwl_template **out)
{
    if (!node)
        return 0;
    if (node->kind != YNODE_SCALAR)
        return cwl_fail(doc, node, CWL_ERROR, "%s must be text, not a %s", what,
                        ynode_kind_name(node));
    return cwl_template_parse(scope->memory, node->value, v1_0(scope),
                              doc, node, out);
}

/* Reads a list of text items, or one text item, into *out. */
static int text_list(parse_scope *scope, const ydoc *doc, const ynode *node,
                     const char *what, const char ***out, size_t *count)
{
    size_t n = node->kind == YNODE_SEQUENCE ? node->count : 1;
    const char **items = arena_alloc(scope->memory,
                                     (n + 1) * sizeof *items);

    if (!items)
        return CWL_ERROR;
    for (size_t i = 0; i < n; i++) {
        const ynode *item = node->kind == YNODE_SEQUENCE ? node->items[i] : node;

        if (scalar(doc, item, what, &items[i]) < 0)
            return CWL_ERROR;
    }
    *out = items;
    *count = n;
    return 0;
}

static int int_list(parse_scope *scope, const ydoc *doc, const ynode *node,
                    const char *what, int **out, size_t *count)
{
    const char **texts;

    if (!node)
        return 0;
    if (text_list(scope, doc, node, what, &texts, count) < 0)
        return CWL_ERROR;
    *out = arena_alloc(scope->memory, (*count + 1) * sizeof **out);
    if (!*out)
        return CWL_ERROR;
    for (size_t i = 0; i < *count; i++) {
        char *end;

        errno = 0;
        (*out)[i] = (int)strtol(texts[i], &end, 10);
        if (end == texts[i] || *end || errno)
            return cwl_fail(doc, node, CWL_ERROR,
                            "%s must list whole numbers, found '%s'", what, texts[i]);
    }
    return 0;
}

/* Gathers the entries of a list-or-mapping field; id_key names the field
 * that identifies a list item ("id", or "class" for requirements). */
static int gather_entries(parse_scope *scope, const ydoc *doc,
                          const ynode *node, const char *id_key, entry **out,
                          size_t *count)
{
    entry *entries;

    *count = 0;
    if (!node)
        return 0;
    if (cwl_load_import(scope->workflow, &doc, &node) < 0)
        return CWL_ERROR;
    if (node->kind == YNODE_SCALAR && node->length == 0)
        return 0;
    if (node->kind == YNODE_SCALAR)
        return cwl_fail(doc, node, CWL_ERROR, "expected a list or a mapping");
    entries = arena_alloc(scope->memory, (node->count + 1) * sizeof *entries);
    if (!entries)
        return CWL_ERROR;

    for (size_t i = 0; i < node->count; i++) {
        entry *e = &entries[i];

        e->doc = doc;
        if (node->kind == YNODE_MAPPING) {
            e->at = node->items[2 * i];
            e->id = node->items[2 * i]->value;
            e->node = node->items[2 * i + 1];
            continue;
        }
        e->node = node->items[i];
        if (cwl_load_import(scope->workflow, &e->doc, &e->node) < 0)
            return CWL_ERROR;
        e->at = e->node;
        if (e->node->kind != YNODE_MAPPING ||
            scalar(e->doc, ynode_get(e->node, id_key), id_key, &e->id) < 0 || !e->id)
            return cwl_fail(e->doc, e->node, CWL_ERROR,
                            "each item here must be a mapping with a text '%s'",
                            id_key);
    }
    *out = entries;
    *count = node->count;
    return 0;
}

static cwl_type_parser type_parser(parse_scope *scope, const ydoc *doc,
                                   int output)
{
    cwl_type_parser parser = {scope->memory, doc, &scope->names,
                              output, v1_0(scope), scope->namespaces};

    return parser;
}

/* Reads a default value, with File and Directory locations made absolute
 * against the document's folder. */
static int parse_default(parse_scope *scope, const ydoc *doc, const ynode *node,
                         json_value **out)
{
    if (!node)
        return 0;
    if (json_from_ynode(scope->memory, doc, node, out) < 0)
        return CWL_ERROR;
    return cwl_files_resolve(scope->memory, *out, scope->dir);
}

static int parse_load_listing(const ydoc *doc, const ynode *node,
                              cwl_load_listing *out)
{
    if (!node)
        return 0;
    if (ynode_is(node, "no_listing"))
        *out = CWL_LISTING_NONE;
    else if (ynode_is(node, "shallow_listing"))
        *out = CWL_LISTING_SHALLOW;
    else if (ynode_is(node, "deep_listing"))
        *out = CWL_LISTING_DEEP;
    else
        return cwl_fail(doc, node, CWL_ERROR, "invalid loadListing; use "
                        "no_listing, shallow_listing or deep_listing");
    return 0;
}

static int parse_output_binding(parse_scope *scope, const ydoc *doc,
                                const ynode *node, cwl_output_binding **out)
{
    cwl_output_binding *binding = arena_alloc(scope->memory, sizeof *binding);
    const ynode *glob = ynode_get(node, "glob");
    int status = 0;

    if (!binding)
        return CWL_ERROR;
    if (node->kind != YNODE_MAPPING)
        return cwl_fail(doc, node, CWL_ERROR, "outputBinding must be a mapping");
    if (glob) {
        const char **texts;

        if (text_list(scope, doc, glob, "glob", &texts, &binding->glob_count) < 0)
            return CWL_ERROR;
        binding->globs = arena_alloc(scope->memory,
                                     (binding->glob_count + 1) * sizeof *binding->globs);
        if (!binding->globs)
            return CWL_ERROR;
        for (size_t i = 0; i < binding->glob_count && status == 0; i++)
            status = cwl_template_parse(scope->memory, texts[i], v1_0(scope),
                                        doc, glob->kind == YNODE_SEQUENCE
                                                 ? glob->items[i] : glob,
                                        &binding->globs[i]);
    }
    if (status == 0)
        status = boolean_field(doc, ynode_get(node, "loadContents"),
                               "loadContents", &binding->load_contents);
    if (status == 0)
        status = parse_load_listing(doc, ynode_get(node, "loadListing"),
                                    &binding->load_listing);
    if (status == 0)
        status = template_field(scope, doc, ynode_get(node, "outputEval"),
                                "outputEval", &binding->output_eval);
    *out = binding;
    return status;
}

static int parse_merge(const ydoc *doc, const ynode *link_merge,
                       const ynode *pick_value, cwl_link_merge *merge,
                       cwl_pick_value *pick)
{
    if (ynode_is(link_merge, "merge_flattened"))
        *merge = CWL_MERGE_FLATTENED;
    else if (ynode_is(link_merge, "merge_nested"))
        *merge = CWL_MERGE_NESTED;
    else if (link_merge)
        return cwl_fail(doc, link_merge, CWL_ERROR, "invalid linkMerge; use "
                        "merge_nested or merge_flattened");
    if (!pick_value)
        return 0;
    if (ynode_is(pick_value, "first_non_null"))
        *pick = CWL_PICK_FIRST_NON_NULL;
    else if (ynode_is(pick_value, "the_only_non_null"))
        *pick = CWL_PICK_THE_ONLY_NON_NULL;
    else if (ynode_is(pick_value, "all_non_null"))
        *pick = CWL_PICK_ALL_NON_NULL;
    else
        return cwl_fail(doc, pick_value, CWL_ERROR, "invalid pickValue; use "
                        "first_non_null, the_only_non_null or all_non_null");
    return 0;
}

/* Reads the outputBinding of each field of an output record type. */
static int parse_field_bindings(parse_scope *scope, const ydoc *doc, cwl_type *type)
{
    for (size_t i = 0; type->kind == CWL_TYPE_UNION && i < type->alternative_count; i++) {
        if (parse_field_bindings(scope, doc, type->alternatives[i]) < 0)
            return CWL_ERROR;
    }
    for (size_t i = 0; type->kind == CWL_TYPE_RECORD && i < type->field_count; i++) {
        cwl_field *field = &type->fields[i];
        const ynode *binding = ynode_get(field->node, "outputBinding");

        if (binding && parse_output_binding(scope, doc, binding,
                                            (cwl_output_binding **)&field->output_binding) < 0)
            return CWL_ERROR;
    }
    return 0;
}

/* Reads a parameter's format: IRIs, or one expression. */
static int parse_format(parse_scope *scope, const ydoc *doc, const ynode *node,
                        cwl_param *param)
{
    cwl_type_parser parser = type_parser(scope, doc, 0);

    if (node->kind == YNODE_SCALAR && (strstr(node->value, "$(") ||
                                       strstr(node->value, "${")))
        return template_field(scope, doc, node, "format", &param->format_expression);
    return cwl_formats_parse(&parser, node, &param->formats, &param->format_count);
}

static int parse_param_mapping(parse_scope *scope, const entry *e, int output,
                               int tool, cwl_param *param)
{
    const ydoc *doc = e->doc;
    const ynode *node = e->node;
    cwl_type_parser parser = type_parser(scope, doc, output && tool);
    const ynode *binding = ynode_get(node, output ? "outputBinding" : "inputBinding");
    const ynode *sources = ynode_get(node, "outputSource");
    const ynode *secondary = ynode_get(node, "secondaryFiles");
    int status = 0;

    if (!ynode_get(node, "type") && !(output && !tool))
        return cwl_fail(doc, node, CWL_ERROR, "parameter '%s' has no type", param->name);
    if (status == 0 && ynode_get(node, "type"))
        status = cwl_type_parse(&parser, ynode_get(node, "type"), &param->type);
    if (status == 0)
        status = parse_default(scope, doc, ynode_get(node, "default"),
                               &param->default_value);
    if (status == 0 && binding && tool && !output && binding->kind == YNODE_MAPPING)
        status = cwl_binding_parse(&parser, binding, &param->input_binding);
    if (status == 0 && binding && tool && output)
        status = parse_output_binding(scope, doc, binding, &param->output_binding);
    if (status == 0 && tool && output && param->type)
        status = parse_field_bindings(scope, doc, param->type);
    if (status == 0 && ynode_get(node, "format"))
        status = parse_format(scope, doc, ynode_get(node, "format"), param);
    if (status == 0 && secondary) {
        cwl_type_parser secondary_parser = type_parser(scope, doc, output);

        status = cwl_secondaries_parse(&secondary_parser, secondary, &param->secondary);
    }
    if (status == 0)
        status = boolean_field(doc, ynode_get(node, "loadContents"), "loadContents",
                               &param->load_contents);
    if (status == 0)
        status = parse_load_listing(doc, ynode_get(node, "loadListing"),
                                    &param->load_listing);
    if (status == 0 && sources)
        status = text_list(scope, doc, sources, "outputSource", &param->sources,
                           &param->source_count);
    if (status == 0)
        status = parse_merge(doc, ynode_get(node, "linkMerge"),
                             ynode_get(node, "pickValue"), &param->link_merge,
                             &param->pick_value);
    return status;
}

/* Reads `type: stdin` of a tool input as a File read as standard input. */
static int stdin_shortcut(parse_scope *scope, const entry *e, cwl_param *param)
{
    const ynode *type = e->node->kind == YNODE_MAPPING ? ynode_get(e->node, "type")
                                                        : e->node;

    if (!ynode_is(type, "stdin"))
        return 0;
    param->stdin_shortcut = 1;
    param->type = arena_alloc(scope->memory, sizeof *param->type);
    if (!param->type)
        return CWL_ERROR;
    param->type->kind = CWL_TYPE_FILE;
    return 1;
}

static int parse_param(parse_scope *scope, const entry *e, int output, int tool,
                       cwl_param *param)
{
    int shortcut = tool && !output ? stdin_shortcut(scope, e, param) : 0;

    param->name = cwl_short_name(e->id);
    param->where = position_of(scope, e->doc, e->at);
    if (shortcut)
        return shortcut < 0 ? shortcut : 0;
    if (e->node->kind == YNODE_MAPPING)
        return parse_param_mapping(scope, e, output, tool, param);

    cwl_type_parser parser = type_parser(scope, e->doc, output && tool);

    return cwl_type_parse(&parser, e->node, &param->type);
}

/* Makes an input written `type: stdin` the tool's standard input. */
static int apply_stdin_shortcut(parse_scope *scope, cwl_process *tool)
{
    for (size_t i = 0; i < tool->input_count; i++) {
        char text[512];

        if (!tool->inputs[i].stdin_shortcut)
            continue;
        if (tool->stdin_path)
            return cwl_fail(scope->doc, tool->node, CWL_ERROR, "a tool with an input "
                            "of type stdin cannot also set stdin");
        snprintf(text, sizeof text, "$(inputs['%s'].path)", tool->inputs[i].name);
        return cwl_template_parse(scope->memory, text, 0, scope->doc,
                                  tool->node, &tool->stdin_path);
    }
    return 0;
}

static int parse_params(parse_scope *scope, const ynode *node, int output,
                        int tool, cwl_param **out, size_t *count)
{
    entry *entries = NULL;
    int status = gather_entries(scope, scope->doc, node, "id", &entries, count);

    if (status < 0)
        return status;
    *out = arena_alloc(scope->memory, (*count + 1) * sizeof **out);
    if (!*out)
        return CWL_ERROR;
    for (size_t i = 0; i < *count && status == 0; i++)
        status = parse_param(scope, &entries[i], output, tool, &(*out)[i]);
    return status;
}

static int register_type(parse_scope *scope, const ydoc *doc, const ynode *node)
{
    cwl_type_parser parser = type_parser(scope, doc, 0);
    const ynode *name = ynode_get(node, "name");
    cwl_type_names *names = &scope->names;
    arena *a = scope->memory;
    const char **new_names = arena_alloc(a, (names->count + 1) * sizeof *new_names);
    cwl_type **new_types = arena_alloc(a, (names->count + 1) * sizeof *new_types);
    cwl_type *type;
    int status;

    if (!new_names || !new_types)
        return CWL_ERROR;
    if (!name || name->kind != YNODE_SCALAR)
        return cwl_fail(doc, node, CWL_ERROR, "a SchemaDefRequirement type needs a name");
    status = cwl_type_parse(&parser, node, &type);
    if (status < 0)
        return status;
    if (names->count) {
        memcpy(new_names, names->names, names->count * sizeof *new_names);
        memcpy(new_types, names->types, names->count * sizeof *new_types);
    }
    new_names[names->count] = cwl_short_name(name->value);
    new_types[names->count] = type;
    names->names = new_names;
    names->types = new_types;
    names->count++;
    return 0;
}

static int parse_schema_defs(parse_scope *scope, const ydoc *doc,
                             const ynode *node)
{
    const ynode *types = ynode_get(node, "types");

    if (!types || types->kind != YNODE_SEQUENCE)
        return cwl_fail(doc, node, CWL_ERROR,
                        "SchemaDefRequirement needs a list of types");
    for (size_t i = 0; i < types->count; i++) {
        const ydoc *item_doc = doc;
        const ynode *item = types->items[i];
        int status = cwl_load_import(scope->workflow, &item_doc, &item);

        if (status == 0 && item->kind != YNODE_SEQUENCE)
            status = register_type(scope, item_doc, item);
        for (size_t j = 0; status == 0 && item->kind == YNODE_SEQUENCE &&
                           j < item->count; j++)
            status = register_type(scope, item_doc, item->items[j]);
        if (status < 0)
            return status;
    }
    return 0;
}

static int parse_env(parse_scope *scope, const ydoc *doc, const ynode *node,
                     cwl_requirement *req)
{
    entry *entries;
    int status = gather_entries(scope, doc, ynode_get(node, "envDef"), "envName",
                                &entries, &req->env_count);

    if (status < 0)
        return status;
    req->env = arena_alloc(scope->memory,
                           (req->env_count + 1) * sizeof *req->env);
    if (!req->env)
        return CWL_ERROR;
    for (size_t i = 0; i < req->env_count && status == 0; i++) {
        const ynode *value = entries[i].node->kind == YNODE_MAPPING
                                 ? ynode_get(entries[i].node, "envValue")
                                 : entries[i].node;

        req->env[i].name = entries[i].id;
        if (!value)
            return cwl_fail(entries[i].doc, entries[i].at, CWL_ERROR,
                            "environment variable '%s' has no envValue",
                            entries[i].id);
        status = template_field(scope, entries[i].doc, value, "envValue",
                                &req->env[i].value);
    }
    return status;
}

static int parse_dirent(parse_scope *scope, const ydoc *doc, const ynode *node,
                        cwl_dirent *dirent)
{
    const ynode *entry_node = ynode_get(node, "entry");
    const char *included;
    int status = 0;

    if (node->kind == YNODE_SCALAR)
        return template_field(scope, doc, node, "listing", &dirent->entry);
    if (node->kind == YNODE_SEQUENCE || ynode_get(node, "class"))
        return parse_default(scope, doc, node, &dirent->literal);
    if (!entry_node)
        return cwl_fail(doc, node, CWL_ERROR, "a listing entry needs 'entry'");

    included = cwl_load_include(scope->workflow, doc, entry_node, &status);
    if (status < 0)
        return status;
    if (!included && entry_node->kind != YNODE_SCALAR)
        return cwl_fail(doc, entry_node, CWL_ERROR, "entry must be text");
    status = cwl_template_parse(scope->memory,
                                included ? included : entry_node->value,
                                v1_0(scope) | CWL_TEMPLATE_KEEP_WHITESPACE, doc,
                                entry_node, &dirent->entry);
    if (status == 0)
        status = template_field(scope, doc, ynode_get(node, "entryname"),
                                "entryname", &dirent->entryname);
    if (status == 0)
        status = boolean_field(doc, ynode_get(node, "writable"), "writable",
                               &dirent->writable);
    return status;
}

static int parse_initial_workdir(parse_scope *scope, const ydoc *doc,
                                 const ynode *node, cwl_requirement *req)
{
    const ynode *listing = ynode_get(node, "listing");
    int status = 0;

    if (!listing)
        return cwl_fail(doc, node, CWL_ERROR,
                        "InitialWorkDirRequirement needs a listing");
    if (listing->kind == YNODE_SCALAR)
        return template_field(scope, doc, listing, "listing",
                              &req->listing_expression);
    if (listing->kind != YNODE_SEQUENCE)
        return cwl_fail(doc, listing, CWL_ERROR, "listing must be a list");
    req->listing = arena_alloc(scope->memory,
                               (listing->count + 1) * sizeof *req->listing);
    if (!req->listing)
        return CWL_ERROR;
    req->listing_count = listing->count;
    for (size_t i = 0; i < listing->count && status == 0; i++)
        status = parse_dirent(scope, doc, listing->items[i], &req->listing[i]);
    return status;
}

/* Reads ToolTimeLimit's timelimit: whole seconds, 0 for none.  An
 * expression there is not supported. */
static int parse_timelimit(const ydoc *doc, const ynode *node, cwl_requirement *req)
{
    char *end;
    long value;

    if (!node)
        return 0;
    if (node->kind == YNODE_SCALAR && (strstr(node->value, "$(") ||
                                       strstr(node->value, "${")))
        return cwl_fail(doc, node, CWL_UNSUPPORTED,
                        "an expression in timelimit is not supported; write a number");
    errno = 0;
    value = node->kind == YNODE_SCALAR ? strtol(node->value, &end, 10) : -1;
    if (node->kind != YNODE_SCALAR || end == node->value || *end || errno || value < 0)
        return cwl_fail(doc, node, CWL_ERROR, "invalid timelimit; write a whole "
                        "number of seconds, 0 or more");
    req->timelimit = value;
    return 0;
}

static int parse_resources(parse_scope *scope, const ydoc *doc,
                           const ynode *node, cwl_requirement *req)
{
    static const char *const fields[CWL_RESOURCE_COUNT] = {
        "coresMin", "coresMax", "ramMin", "ramMax",
        "tmpdirMin", "tmpdirMax", "outdirMin", "outdirMax",
    };

    for (int i = 0; i < CWL_RESOURCE_COUNT; i++) {
        int status = template_field(scope, doc, ynode_get(node, fields[i]), fields[i],
                                    &req->resources[i]);

        if (status < 0)
            return status;
    }
    return 0;
}

static int parse_requirement_body(parse_scope *scope, const ydoc *doc,
                                  const ynode *node, cwl_requirement *req)
{
    const char *name = req->class_name;

    if (node->kind != YNODE_MAPPING)
        return 0;
    if (strcmp(name, "SchemaDefRequirement") == 0)
        return parse_schema_defs(scope, doc, node);
    if (strcmp(name, "EnvVarRequirement") == 0)
        return parse_env(scope, doc, node, req);
    if (strcmp(name, "InitialWorkDirRequirement") == 0)
        return parse_initial_workdir(scope, doc, node, req);
    if (strcmp(name, "ResourceRequirement") == 0)
        return parse_resources(scope, doc, node, req);
    if (strcmp(name, "ToolTimeLimit") == 0)
        return parse_timelimit(doc, ynode_get(node, "timelimit"), req);
    if (strcmp(name, "LoadListingRequirement") == 0)
        return parse_load_listing(doc, ynode_get(node, "loadListing"),
                                  &req->load_listing);
    return 0;
}

static int is_accepted(const char *class_name)
{
    for (size_t i = 0; i < SABER_ARRAY_LEN(accepted_classes); i++) {
        if (strcmp(class_name, accepted_classes[i]) == 0)
            return 1;
    }
    return 0;
}

/* Parses one requirement or hint; returns 1 when it was kept, 0 when it
 * is a hint saber-opt ignores. */
static int parse_requirement(parse_scope *scope, const entry *e, int hint,
                             cwl_requirement *req)
{
    int status;

    req->class_name = e->id;
    req->hint = hint;
    req->doc = e->doc;
    req->node = e->node;
    req->where = position_of(scope, e->doc, e->at);
    if (!is_accepted(e->id)) {
        if (hint)
            return strcmp(e->id, "saber") == 0;
        return cwl_fail(e->doc, e->at, CWL_UNSUPPORTED,
                        "requirement %s is not supported%s", e->id,
                        strcmp(e->id, "ShellCommandRequirement") == 0
                            ? "; saber-opt runs commands without a shell"
                            : "");
    }
    if (!hint && strcmp(e->id, "DockerRequirement") == 0 &&
        ynode_get(e->node, "dockerOutputDirectory"))
        return cwl_fail(e->doc, ynode_get(e->node, "dockerOutputDirectory"),
                        CWL_UNSUPPORTED, "dockerOutputDirectory is not supported; "
                        "saber-opt runs tools without a container");
    status = parse_requirement_body(scope, e->doc, e->node, req);
    return status < 0 ? status : 1;
}

/* Rejects a tool that needs its container image to run: it requires
 * DockerRequirement and its baseCommand starts with an option, so the
 * image's entrypoint would be the program. */
static int check_container_needed(const cwl_process *tool)
{
    for (size_t i = 0; i < tool->requirement_count; i++) {
        const cwl_requirement *req = &tool->requirements[i];

        if (!req->hint && strcmp(req->class_name, "DockerRequirement") == 0 &&
            tool->base_command_count > 0 && tool->base_command[0][0] == '-')
            return cwl_fail(req->doc, req->node, CWL_UNSUPPORTED,
                            "a baseCommand starting with '%s' needs the "
                            "entrypoint of the DockerRequirement image; "
                            "saber-opt runs tools without a container",
                            tool->base_command[0]);
    }
    return 0;
}

/* Reads requirements and hints (SchemaDefRequirement first, so that the
 * parameters can use its names). */
static int parse_requirements(parse_scope *scope, const ynode *node,
                              cwl_requirement **out, size_t *count)
{
    entry *lists[2] = {NULL, NULL};
    size_t counts[2] = {0, 0};
    cwl_requirement *items;
    int status = gather_entries(scope, scope->doc, ynode_get(node, "requirements"),
                                "class", &lists[0], &counts[0]);

    if (status == 0)
        status = gather_entries(scope, scope->doc, ynode_get(node, "hints"), "class",
                                &lists[1], &counts[1]);
    if (status < 0)
        return status;
    items = arena_alloc(scope->memory,
                        (counts[0] + counts[1] + 1) * sizeof *items);
    if (!items)
        return CWL_ERROR;
    *count = 0;
    for (int hint = 0; hint < 2; hint++) {
        for (size_t i = 0; i < counts[hint]; i++) {
            status = parse_requirement(scope, &lists[hint][i], hint, &items[*count]);
            if (status < 0)
                return status;
            *count += (size_t)status;
        }
    }
    *out = items;
    return 0;
}

static const ynode *saber_hint_of(const ynode *node)
{
    const ynode *hints = ynode_get(node, "hints");

    if (hints && hints->kind == YNODE_MAPPING)
        return ynode_get(hints, "saber");
    for (size_t i = 0; hints && hints->kind == YNODE_SEQUENCE && i < hints->count; i++) {
        if (ynode_is(ynode_get(hints->items[i], "class"), "saber"))
            return hints->items[i];
    }
    return NULL;
}

static int parse_argument(parse_scope *scope, const ynode *node,
                          cwl_binding **out)
{
    cwl_type_parser parser = type_parser(scope, scope->doc, 0);
    cwl_binding *binding;

    if (node->kind == YNODE_MAPPING)
        return cwl_binding_parse(&parser, node, out);
    if (node->kind != YNODE_SCALAR)
        return cwl_fail(scope->doc, node, CWL_ERROR,
                        "an argument must be text or a mapping");
    binding = arena_alloc(scope->memory, sizeof *binding);
    if (!binding)
        return CWL_ERROR;
    binding->separate = 1;
    binding->doc = scope->doc;
    binding->node = node;
    *out = binding;
    return cwl_template_parse(scope->memory, node->value, v1_0(scope),
                              scope->doc, node, &binding->value_from);
}

static int parse_tool(parse_scope *scope, const ynode *node, cwl_process *tool)
{
    const ynode *base = ynode_get(node, "baseCommand");
    const ynode *arguments = ynode_get(node, "arguments");
    int status = 0;

    if (base)
        status = text_list(scope, scope->doc, base, "baseCommand",
                           &tool->base_command, &tool->base_command_count);
    if (status == 0 && arguments) {
        if (arguments->kind != YNODE_SEQUENCE)
            return cwl_fail(scope->doc, arguments, CWL_ERROR, "arguments must be a list");
        tool->arguments = arena_alloc(scope->memory,
                                      (arguments->count + 1) * sizeof *tool->arguments);
        if (!tool->arguments)
            return CWL_ERROR;
        tool->argument_count = arguments->count;
        for (size_t i = 0; i < arguments->count && status == 0; i++)
            status = parse_argument(scope, arguments->items[i], &tool->arguments[i]);
    }
    if (status == 0)
        status = template_field(scope, scope->doc, ynode_get(node, "stdin"), "stdin",
                                &tool->stdin_path);
    if (status == 0)
        status = apply_stdin_shortcut(scope, tool);
    if (status == 0)
        status = template_field(scope, scope->doc, ynode_get(node, "stdout"),
                                "stdout", &tool->stdout_path);
    if (status == 0)
        status = template_field(scope, scope->doc, ynode_get(node, "stderr"),
                                "stderr", &tool->stderr_path);
    if (status == 0)
        status = int_list(scope, scope->doc, ynode_get(node, "successCodes"),
                          "successCodes", &tool->success_codes, &tool->success_code_count);
    if (status == 0)
        status = int_list(scope, scope->doc, ynode_get(node, "permanentFailCodes"),
                          "permanentFailCodes", &tool->permanent_fail_codes,
                          &tool->permanent_fail_code_count);
    if (status == 0)
        status = int_list(scope, scope->doc, ynode_get(node, "temporaryFailCodes"),
                          "temporaryFailCodes", &tool->temporary_fail_codes,
                          &tool->temporary_fail_code_count);
    return status;
}

static int parse_step_input(parse_scope *scope, const entry *e,
                            cwl_step_input *input)
{
    const ynode *node = e->node;
    const ynode *source = node->kind == YNODE_MAPPING ? ynode_get(node, "source") : node;
    int status = 0;

    input->name = cwl_short_name(e->id);
    input->where = position_of(scope, e->doc, e->at);
    if (source && !(source->kind == YNODE_SCALAR && source->length == 0 &&
                    source->plain))
        status = text_list(scope, e->doc, source, "source", &input->sources,
                           &input->source_count);
    if (node->kind != YNODE_MAPPING || status < 0)
        return status;
    status = parse_default(scope, e->doc, ynode_get(node, "default"),
                           &input->default_value);
    if (status == 0)
        status = template_field(scope, e->doc, ynode_get(node, "valueFrom"),
                                "valueFrom", &input->value_from);
    if (status == 0)
        status = boolean_field(e->doc, ynode_get(node, "loadContents"),
                               "loadContents", &input->load_contents);
    if (status == 0)
        status = parse_merge(e->doc, ynode_get(node, "linkMerge"),
                             ynode_get(node, "pickValue"), &input->link_merge,
                             &input->pick_value);
    return status;
}

static int parse_step_outputs(parse_scope *scope, const ynode *node,
                              cwl_step *step)
{
    const ynode *out = ynode_get(node, "out");

    if (!out)
        return cwl_fail(scope->doc, node, CWL_ERROR, "step '%s' has no 'out' list",
                        step->name);
    if (out->kind != YNODE_SEQUENCE)
        return cwl_fail(scope->doc, out, CWL_ERROR, "'out' must be a list");
    step->outputs = arena_alloc(scope->memory,
                                (out->count + 1) * sizeof *step->outputs);
    if (!step->outputs)
        return CWL_ERROR;
    for (size_t i = 0; i < out->count; i++) {
        const ynode *item = out->items[i];
        const char *id = NULL;

        if (item->kind == YNODE_MAPPING)
            item = ynode_get(item, "id");
        if (scalar(scope->doc, item ? item : out->items[i], "an output name", &id) < 0 || !id)
            return cwl_fail(scope->doc, out->items[i], CWL_ERROR,
                            "each 'out' item must be a name or a mapping with an id");
        step->outputs[i] = cwl_short_name(id);
    }
    step->output_count = out->count;
    return 0;
}

static int reject_step_fields(parse_scope *scope, const ynode *node)
{
    const ynode *scatter = ynode_get(node, "scatter");

    if (scatter)
        return cwl_fail(scope->doc, scatter, CWL_UNSUPPORTED, "scatter is not supported");
    return 0;
}

static int parse_step(parse_scope *scope, const entry *e, cwl_step *step)
{
    const ynode *node = e->node;
    entry *inputs = NULL;
    int status;

    step->name = cwl_short_name(e->id);
    step->where = position_of(scope, e->doc, e->at);
    if (node->kind != YNODE_MAPPING)
        return cwl_fail(e->doc, node, CWL_ERROR, "step '%s' must be a mapping",
                        step->name);
    status = reject_step_fields(scope, node);
    if (status == 0)
        status = gather_entries(scope, e->doc, ynode_get(node, "in"), "id", &inputs,
                                &step->input_count);
    if (status < 0)
        return status;
    step->inputs = arena_alloc(scope->memory,
                               (step->input_count + 1) * sizeof *step->inputs);
    if (!step->inputs)
        return CWL_ERROR;
    for (size_t i = 0; i < step->input_count && status == 0; i++)
        status = parse_step_input(scope, &inputs[i], &step->inputs[i]);
    if (status == 0)
        status = parse_step_outputs(scope, node, step);
    if (status == 0)
        status = template_field(scope, e->doc, ynode_get(node, "when"), "when",
                                &step->when);
    if (status == 0 && !ynode_get(node, "run"))
        return cwl_fail(e->doc, node, CWL_ERROR, "step '%s' has no 'run'", step->name);
    if (status == 0)
        status = cwl_load_run(scope, ynode_get(node, "run"), &step->run);
    return status;
}

static int parse_steps(parse_scope *scope, const ynode *node, cwl_process *workflow)
{
    entry *entries = NULL;
    int status = gather_entries(scope, scope->doc, ynode_get(node, "steps"), "id",
                                &entries, &workflow->step_count);

    if (status < 0)
        return status;
    if (!ynode_get(node, "steps"))
        return cwl_fail(scope->doc, node, CWL_ERROR, "a Workflow needs 'steps'");
    workflow->steps = arena_alloc(scope->memory,
                                  (workflow->step_count + 1) * sizeof *workflow->steps);
    if (!workflow->steps)
        return CWL_ERROR;
    for (size_t i = 0; i < workflow->step_count && status == 0; i++) {
        cwl_step *step = &workflow->steps[i];

        status = parse_step(scope, &entries[i], step);
        if (status == 0) {
            parse_scope step_scope = *scope;

            step_scope.doc = entries[i].doc;
            status = parse_requirements(&step_scope, entries[i].node,
                                        &step->own_requirements,
                                        &step->own_requirement_count);
            step->saber_hint = saber_hint_of(entries[i].node);
            step->saber_doc = entries[i].doc;
        }
    }
    return status;
}

static int parse_class(parse_scope *scope, const ynode *node, cwl_process *process)
{
    const ynode *class_node = ynode_get(node, "class");

    if (ynode_is(class_node, "CommandLineTool"))
        process->kind = CWL_COMMAND_LINE_TOOL;
    else if (ynode_is(class_node, "Workflow"))
        process->kind = CWL_WORKFLOW;
    else if (ynode_is(class_node, "ExpressionTool") || ynode_is(class_node, "Operation"))
        return cwl_fail(scope->doc, class_node, CWL_UNSUPPORTED,
                        "class %s is not supported; saber-opt runs Workflow and "
                        "CommandLineTool", class_node->value);
    else
        return cwl_fail(scope->doc, class_node ? class_node : node, CWL_ERROR,
                        "invalid or missing class; expected Workflow or "
                        "CommandLineTool");
    return 0;
}

static int parse_version(parse_scope *scope, const ynode *node)
{
    const ynode *version = ynode_get(node, "cwlVersion");

    if (!version)
        return 0;
    if (version->kind != YNODE_SCALAR ||
        (strncmp(version->value, "v1.0", 4) && strncmp(version->value, "v1.1", 4) &&
         strncmp(version->value, "v1.2", 4)))
        return cwl_fail(scope->doc, version, CWL_UNSUPPORTED,
                        "cwlVersion '%s' is not supported; use v1.0, v1.1 or v1.2",
                        version->value);
    scope->version = arena_strndup(scope->memory, version->value, 4);
    return scope->version ? 0 : CWL_ERROR;
}

int cwl_parse_process(parse_scope *outer, const ynode *node, cwl_process **out)
{
    parse_scope scope = *outer;
    cwl_process *process = arena_alloc(scope.memory, sizeof *process);
    const ynode *id = ynode_get(node, "id");
    int status;

    if (!process)
        return CWL_ERROR;
    if (node->kind != YNODE_MAPPING)
        return cwl_fail(scope.doc, node, CWL_ERROR, "a CWL process must be a mapping");
    status = parse_class(&scope, node, process);
    if (status == 0)
        status = parse_version(&scope, node);
    if (status < 0)
        return status;

    process->id = id && id->kind == YNODE_SCALAR ? id->value : NULL;
    process->file = scope.file;
    process->dir = scope.dir;
    process->version = scope.version;
    process->where = position_of(&scope, scope.doc, node);
    process->doc = scope.doc;
    process->node = node;
    process->namespaces = scope.namespaces;
    process->has_schemas = scope.has_schemas;
    process->saber_hint = saber_hint_of(node);
    status = parse_requirements(&scope, node, &process->requirements,
                                &process->requirement_count);
    if (status == 0)
        status = parse_params(&scope, ynode_get(node, "inputs"), 0,
                              process->kind == CWL_COMMAND_LINE_TOOL,
                              &process->inputs, &process->input_count);
    if (status == 0)
        status = parse_params(&scope, ynode_get(node, "outputs"), 1,
                              process->kind == CWL_COMMAND_LINE_TOOL,
                              &process->outputs, &process->output_count);
    if (status == 0)
        status = process->kind == CWL_COMMAND_LINE_TOOL
                     ? parse_tool(&scope, node, process)
                     : parse_steps(&scope, node, process);
    if (status == 0 && process->kind == CWL_COMMAND_LINE_TOOL)
        status = check_container_needed(process);
    if (status < 0)
        return status;
    *out = process;
    return 0;
}

int cwl_job_requirements(const cwl_workflow *workflow, arena *memory,
                         const ydoc *doc, const ynode *list, cwl_requirements *out)
{
    char *dir = fs_dirname(ydoc_name(doc));
    /* An $import in the list is read into the workflow's documents. */
    parse_scope scope = {(cwl_workflow *)workflow, memory, doc, ydoc_name(doc), dir, "v1.2", NULL, NULL,
                         0, {NULL, NULL, 0}};
    entry *entries = NULL;
    size_t count = 0;
    int status = dir ? gather_entries(&scope, doc, list, "class", &entries, &count)
                     : error_nomem();
    cwl_requirement *items = status == 0 ? arena_alloc(memory, (count + 1) * sizeof *items)
                                         : NULL;

    out->count = 0;
    out->items = items ? arena_alloc(memory, (count + 1) * sizeof *out->items) : NULL;
    if (status == 0 && !out->items)
        status = CWL_ERROR;
    for (size_t i = 0; i < count && status == 0; i++) {
        status = parse_requirement(&scope, &entries[i], 0, &items[i]);
        if (status > 0)
            out->items[out->count++] = &items[i];
    }
    free(dir);
    return status < 0 ? status : 0;
}
