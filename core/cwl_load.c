/* cwl_load.c - CWL documents found, read and checked as a whole. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwl_loader.h"
#include "error.h"
#include "fsutil.h"

int cwl_fail(const ydoc *doc, const ynode *node, int status,
             const char *format, ...)
{
    char message[1024];
    va_list args;

    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    if (node)
        error_set("%s:%zu:%zu: %s", ydoc_name(doc), node->line, node->column,
                  message);
    else
        error_set("%s: %s", ydoc_name(doc), message);
    return status;
}

const char *cwl_short_name(const char *id)
{
    const char *hash = strrchr(id, '#');
    const char *slash;

    if (hash)
        id = hash + 1;
    slash = strrchr(id, '/');
    return slash ? slash + 1 : id;
}

/* Returns the document at absolute path, reading it on first use. */
static ydoc *load_doc(cwl_workflow *workflow, const char *path)
{
    loaded_doc *grown;
    ydoc *doc;

    for (size_t i = 0; i < workflow->doc_count; i++) {
        if (strcmp(workflow->docs[i].path, path) == 0)
            return workflow->docs[i].doc;
    }
    doc = ydoc_load_file(path);
    if (!doc)
        return NULL;
    grown = realloc(workflow->docs, (workflow->doc_count + 1) * sizeof *grown);
    if (!grown || !(grown[workflow->doc_count].path = strdup(path))) {
        if (grown)
            workflow->docs = grown;
        ydoc_free(doc);
        error_nomem();
        return NULL;
    }
    grown[workflow->doc_count++].doc = doc;
    workflow->docs = grown;
    return doc;
}

/* Returns the absolute path of a reference written in doc. */
static char *reference_path(const ydoc *doc, const char *reference)
{
    char *dir = fs_dirname(ydoc_name(doc));
    char *path;

    if (!dir) {
        error_nomem();
        return NULL;
    }
    path = fs_location_path(reference, dir);
    free(dir);
    return path;
}

/* Returns the single value of a one-key mapping {key: value}, or NULL. */
static const ynode *directive(const ynode *node, const char *key)
{
    if (!node || node->kind != YNODE_MAPPING || node->count != 1 ||
        !ynode_is(node->items[0], key))
        return NULL;
    return node->items[1];
}

int cwl_load_import(cwl_workflow *workflow, const ydoc **doc,
                    const ynode **node)
{
    const ynode *target = directive(*node, "$import");
    char *path;
    ydoc *imported;

    if (!target)
        return 0;
    if (target->kind != YNODE_SCALAR)
        return cwl_fail(*doc, target, CWL_ERROR, "$import needs a file name");
    path = reference_path(*doc, target->value);
    if (!path)
        return CWL_ERROR;
    imported = load_doc(workflow, path);
    free(path);
    if (!imported)
        return CWL_ERROR;
    if (!ydoc_root(imported))
        return cwl_fail(*doc, target, CWL_ERROR, "imported file %s is empty",
                        target->value);
    *doc = imported;
    *node = ydoc_root(imported);
    return 0;
}

const char *cwl_load_include(cwl_workflow *workflow, const ydoc *doc,
                             const ynode *node, int *status)
{
    const ynode *target = directive(node, "$include");
    char *path;
    char *text;
    size_t length;
    int truncated;
    const char *copy;

    *status = 0;
    if (!target)
        return NULL;
    *status = CWL_ERROR;
    if (target->kind != YNODE_SCALAR) {
        cwl_fail(doc, target, CWL_ERROR, "$include needs a file name");
        return NULL;
    }
    path = reference_path(doc, target->value);
    text = path ? fs_read_head(path, (size_t)64 << 20, &length, &truncated) : NULL;
    free(path);
    if (!text) {
        error_prefix("%s:%zu:%zu", ydoc_name(doc), target->line, target->column);
        return NULL;
    }
    copy = arena_strndup(&workflow->memory, text, length);
    free(text);
    if (copy)
        *status = 0;
    return copy;
}

/* Finds the process with id in a $graph ("#main", "main" or "file#main"
 * all name "main"). */
static const ynode *graph_find(const ynode *graph, const char *id)
{
    const char *wanted = id[0] == '#' ? id + 1 : id;

    for (size_t i = 0; graph && i < graph->count; i++) {
        const ynode *item_id = ynode_get(graph->items[i], "id");
        const char *name;

        if (!item_id || item_id->kind != YNODE_SCALAR)
            continue;
        name = strrchr(item_id->value, '#');
        name = name ? name + 1 : item_id->value;
        if (strcmp(name, wanted) == 0)
            return graph->items[i];
    }
    return NULL;
}

/* Returns the version written at the top of a document. */
static const char *document_version(const ydoc *doc)
{
    const ynode *version = ynode_get(ydoc_root(doc), "cwlVersion");

    return version && version->kind == YNODE_SCALAR ? version->value : "v1.2";
}

/* Parses the process at node once; later requests share the result. */
static int parse_shared(parse_scope *scope, const ynode *node, cwl_process **out)
{
    cwl_workflow *workflow = scope->workflow;
    parsed_process *grown;
    size_t slot;
    int status;

    for (size_t i = 0; i < workflow->parsed_count; i++) {
        if (workflow->parsed[i].node != node)
            continue;
        if (!workflow->parsed[i].process)
            return cwl_fail(scope->doc, node, CWL_ERROR,
                            "this process runs itself through 'run'");
        *out = workflow->parsed[i].process;
        return 0;
    }
    grown = realloc(workflow->parsed, (workflow->parsed_count + 1) * sizeof *grown);
    if (!grown)
        return error_nomem();
    workflow->parsed = grown;
    slot = workflow->parsed_count++;
    grown[slot] = (parsed_process){node, NULL};

    status = cwl_parse_process(scope, node, out);
    if (status == 0)
        workflow->parsed[slot].process = *out;
    return status;
}

/* Opens the scope of a whole document, with fragment selecting a process
 * of its $graph (NULL: "main", or the only one). */
static int document_process(cwl_workflow *workflow, const char *path,
                            const char *fragment, cwl_process **out)
{
    ydoc *doc = load_doc(workflow, path);
    parse_scope scope = {workflow, &workflow->memory, doc, NULL, NULL, NULL, NULL,
                         NULL, 0, {NULL, NULL, 0}};
    const ynode *root;
    const ynode *node;
    char *dir;

    if (!doc)
        return CWL_ERROR;
    root = ydoc_root(doc);
    if (!root || root->kind != YNODE_MAPPING)
        return cwl_fail(doc, root, CWL_ERROR, "a CWL document must be a mapping");
    scope.file = ydoc_name(doc);
    dir = fs_dirname(path);
    scope.dir = dir ? arena_strdup(&workflow->memory, dir) : NULL;
    free(dir);
    if (!scope.dir)
        return error_nomem();
    scope.version = document_version(doc);
    scope.graph = ynode_get(root, "$graph");
    scope.namespaces = ynode_get(root, "$namespaces");
    scope.has_schemas = ynode_get(root, "$schemas") != NULL;

    node = root;
    if (scope.graph) {
        node = graph_find(scope.graph, fragment ? fragment : "main");
        if (!node && !fragment && scope.graph->count == 1)
            node = scope.graph->items[0];
        if (!node)
            return cwl_fail(doc, scope.graph, CWL_ERROR, "no process with id '%s' "
                            "in $graph; name one with FILE#ID",
                            fragment ? fragment : "main");
    }
    return parse_shared(&scope, node, out);
}

int cwl_load_run(parse_scope *scope, const ynode *run, cwl_process **out)
{
    char *path;
    char *fragment;
    int status;

    if (run->kind == YNODE_MAPPING) {
        const ydoc *doc = scope->doc;
        parse_scope inline_scope = *scope;

        if (cwl_load_import(scope->workflow, &doc, &run) < 0)
            return CWL_ERROR;
        inline_scope.doc = doc;
        return parse_shared(&inline_scope, run, out);
    }
    if (run->kind != YNODE_SCALAR)
        return cwl_fail(scope->doc, run, CWL_ERROR,
                        "run must name a file or hold a process");
    if (run->value[0] == '#') {
        const ynode *node = graph_find(scope->graph, run->value);

        if (!node)
            return cwl_fail(scope->doc, run, CWL_ERROR, "no process '%s' in this "
                            "document's $graph", run->value);
        return parse_shared(scope, node, out);
    }

    path = reference_path(scope->doc, run->value);
    if (!path)
        return cwl_fail(scope->doc, run, CWL_ERROR, "%s", error_message());
    fragment = strchr(fs_basename(path), '#');
    if (fragment)
        *fragment++ = '\0';
    status = document_process(scope->workflow, path, fragment, out);
    free(path);
    return status;
}

/* Rewrites a source ("#main/rev/output", "rev/output", "input") relative
 * to the workflow: "rev/output" or "input". */
static const char *normalize_source(const cwl_process *workflow, const char *source)
{
    const char *id = workflow->id;
    size_t length;

    if (source[0] == '#')
        source++;
    if (!id)
        return source;
    if (strchr(id, '#'))
        id = strrchr(id, '#') + 1;
    length = strlen(id);
    if (strncmp(source, id, length) == 0 && source[length] == '/')
        source += length + 1;
    return source;
}

static int find_input(const cwl_process *process, const char *name)
{
    for (size_t i = 0; i < process->input_count; i++) {
        if (strcmp(process->inputs[i].name, name) == 0)
            return (int)i;
    }
    return -1;
}

static int find_step(const cwl_process *workflow, const char *name, size_t length)
{
    for (size_t i = 0; i < workflow->step_count; i++) {
        if (strlen(workflow->steps[i].name) == length &&
            strncmp(workflow->steps[i].name, name, length) == 0)
            return (int)i;
    }
    return -1;
}

/* Normalizes and checks sources in place. */
static int check_sources(const cwl_process *workflow, const char **sources,
                         size_t count, const cwl_position *where,
                         const char *what)
{
    for (size_t i = 0; i < count; i++) {
        const char *source = normalize_source(workflow, sources[i]);
        const char *slash = strrchr(source, '/');
        int step = slash ? find_step(workflow, source, (size_t)(slash - source)) : -1;
        int found = 0;

        sources[i] = source;
        if (!slash)
            found = find_input(workflow, source) >= 0;
        for (size_t j = 0; step >= 0 && j < workflow->steps[step].output_count; j++)
            found |= strcmp(workflow->steps[step].outputs[j], slash + 1) == 0;
        if (!found) {
            error_set("%s:%zu:%zu: %s: source '%s' is neither a workflow input "
                      "nor an output listed in a step's 'out'", where->file,
                      where->line, where->column, what, source);
            return CWL_ERROR;
        }
    }
    return 0;
}

/* Reports a step that depends on itself through its sources. */
static int check_cycles(const cwl_process *workflow, size_t step, char *state)
{
    const cwl_step *s = &workflow->steps[step];

    if (state[step] == 2)
        return 0;
    if (state[step] == 1) {
        error_set("%s:%zu:%zu: step '%s' depends on its own outputs", s->where.file,
                  s->where.line, s->where.column, s->name);
        return CWL_ERROR;
    }
    state[step] = 1;
    for (size_t i = 0; i < s->input_count; i++) {
        for (size_t j = 0; j < s->inputs[i].source_count; j++) {
            const char *source = s->inputs[i].sources[j];
            const char *slash = strrchr(source, '/');
            int from = slash ? find_step(workflow, source, (size_t)(slash - source)) : -1;

            if (from >= 0 && check_cycles(workflow, (size_t)from, state) < 0)
                return CWL_ERROR;
        }
    }
    state[step] = 2;
    return 0;
}

static int check_step(cwl_workflow *owner, const cwl_process *workflow,
                      cwl_step *step)
{
    cwl_requirements *effective = &step->requirements;
    size_t total = step->run->requirement_count + step->own_requirement_count +
                   workflow->requirement_count;

    if (step->run->kind == CWL_WORKFLOW) {
        error_set("%s:%zu:%zu: step '%s' runs a Workflow; subworkflows are not "
                  "supported", step->where.file, step->where.line,
                  step->where.column, step->name);
        return CWL_UNSUPPORTED;
    }
    for (size_t i = 0; i < step->input_count; i++) {
        char what[256];

        snprintf(what, sizeof what, "step '%s' input '%s'", step->name,
                 step->inputs[i].name);
        if (check_sources(workflow, step->inputs[i].sources,
                          step->inputs[i].source_count, &step->inputs[i].where,
                          what) < 0)
            return CWL_ERROR;
    }

    effective->items = arena_alloc(&owner->memory, (total + 1) * sizeof *effective->items);
    if (!effective->items)
        return CWL_ERROR;
    for (size_t i = 0; i < step->run->requirement_count; i++)
        effective->items[effective->count++] = &step->run->requirements[i];
    for (size_t i = 0; i < step->own_requirement_count; i++)
        effective->items[effective->count++] = &step->own_requirements[i];
    for (size_t i = 0; i < workflow->requirement_count; i++)
        effective->items[effective->count++] = &workflow->requirements[i];
    if (!step->saber_hint) {
        step->saber_hint = step->run->saber_hint;
        step->saber_doc = step->run->doc;
    }
    return 0;
}

static int check_workflow(cwl_workflow *owner, cwl_process *workflow)
{
    char *state = calloc(workflow->step_count + 1, 1);
    int status = state ? 0 : error_nomem();

    for (size_t i = 0; i < workflow->step_count && status == 0; i++)
        status = check_step(owner, workflow, &workflow->steps[i]);
    for (size_t i = 0; i < workflow->output_count && status == 0; i++) {
        char what[256];

        snprintf(what, sizeof what, "workflow output '%s'", workflow->outputs[i].name);
        if (workflow->outputs[i].source_count == 0)
            status = cwl_fail(workflow->doc, workflow->node, CWL_ERROR,
                              "workflow output '%s' has no outputSource",
                              workflow->outputs[i].name);
        else
            status = check_sources(workflow, workflow->outputs[i].sources,
                                   workflow->outputs[i].source_count,
                                   &workflow->outputs[i].where, what);
    }
    for (size_t i = 0; i < workflow->step_count && status == 0; i++)
        status = check_cycles(workflow, i, state);
    free(state);
    return status;
}

static const char **single_source(arena *a, const char *text)
{
    const char **sources = arena_alloc(a, sizeof *sources);

    if (sources)
        sources[0] = text;
    return sources;
}

/* Wraps a lone tool in a workflow of one step, named after the file. */
static int wrap_tool(cwl_workflow *owner, const char *path, cwl_process *tool)
{
    arena *a = &owner->memory;
    cwl_process *workflow = arena_alloc(a, sizeof *workflow);
    cwl_step *step = arena_alloc(a, sizeof *step);
    const char *base = fs_basename(path);
    const char *dot = strrchr(base, '.');

    if (!workflow || !step)
        return CWL_ERROR;
    *workflow = *tool;
    workflow->kind = CWL_WORKFLOW;
    workflow->id = NULL;
    workflow->steps = step;
    workflow->step_count = 1;
    workflow->requirements = NULL;
    workflow->requirement_count = 0;
    workflow->outputs = arena_alloc(a, (tool->output_count + 1) * sizeof *workflow->outputs);
    step->inputs = arena_alloc(a, (tool->input_count + 1) * sizeof *step->inputs);
    step->outputs = arena_alloc(a, (tool->output_count + 1) * sizeof *step->outputs);
    step->name = arena_strndup(a, base, dot && dot != base ? (size_t)(dot - base)
                                                          : strlen(base));
    if (!workflow->outputs || !step->inputs || !step->outputs || !step->name)
        return CWL_ERROR;
    step->where = tool->where;
    step->run = tool;

    for (size_t i = 0; i < tool->input_count; i++) {
        step->inputs[i].name = tool->inputs[i].name;
        step->inputs[i].where = tool->inputs[i].where;
        step->inputs[i].sources = single_source(a, tool->inputs[i].name);
        step->inputs[i].source_count = 1;
        if (!step->inputs[i].sources)
            return CWL_ERROR;
    }
    step->input_count = tool->input_count;
    for (size_t i = 0; i < tool->output_count; i++) {
        char *source = malloc(strlen(step->name) + strlen(tool->outputs[i].name) + 2);

        if (!source)
            return error_nomem();
        sprintf(source, "%s/%s", step->name, tool->outputs[i].name);
        workflow->outputs[i] = tool->outputs[i];
        workflow->outputs[i].output_binding = NULL;
        workflow->outputs[i].sources = single_source(a, arena_strdup(a, source));
        workflow->outputs[i].source_count = 1;
        free(source);
        step->outputs[i] = tool->outputs[i].name;
        if (!workflow->outputs[i].sources || !workflow->outputs[i].sources[0])
            return CWL_ERROR;
    }
    step->output_count = tool->output_count;
    owner->runnable = workflow;
    return check_workflow(owner, workflow);
}

int cwl_workflow_load(const char *path, cwl_workflow **out)
{
    cwl_workflow *workflow = calloc(1, sizeof *workflow);
    char *absolute = fs_absolute(path);
    char *fragment = absolute ? strchr(fs_basename(absolute), '#') : NULL;
    int status = CWL_ERROR;

    if (!workflow || !absolute) {
        error_nomem();
        goto done;
    }
    if (fragment)
        *fragment++ = '\0';
    status = document_process(workflow, absolute, fragment, &workflow->root);
    if (status == 0 && workflow->root->kind == CWL_WORKFLOW) {
        workflow->runnable = workflow->root;
        status = check_workflow(workflow, workflow->root);
    } else if (status == 0) {
        status = wrap_tool(workflow, absolute, workflow->root);
    }

done:
    free(absolute);
    if (status < 0) {
        cwl_workflow_free(workflow);
        return status;
    }
    *out = workflow;
    return 0;
}

void cwl_workflow_free(cwl_workflow *workflow)
{
    if (!workflow)
        return;
    for (size_t i = 0; i < workflow->doc_count; i++) {
        ydoc_free(workflow->docs[i].doc);
        free(workflow->docs[i].path);
    }
    free(workflow->docs);
    free(workflow->parsed);
    arena_release(&workflow->memory);
    free(workflow);
}

const cwl_process *cwl_workflow_root(const cwl_workflow *workflow)
{
    return workflow->root;
}

const cwl_process *cwl_workflow_process(const cwl_workflow *workflow)
{
    return workflow->runnable;
}

size_t cwl_workflow_step_count(const cwl_workflow *workflow)
{
    return workflow->runnable->step_count;
}

const cwl_step *cwl_workflow_step(const cwl_workflow *workflow, size_t index)
{
    return index < workflow->runnable->step_count ? &workflow->runnable->steps[index]
                                                  : NULL;
}

const cwl_step *cwl_workflow_find_step(const cwl_workflow *workflow,
                                       const char *name)
{
    int index = find_step(workflow->runnable, name, strlen(name));

    return index < 0 ? NULL : &workflow->runnable->steps[index];
}

const cwl_param *cwl_step_tool_input(const cwl_step *step, const char *name)
{
    int index = find_input(step->run, name);

    return index < 0 ? NULL : &step->run->inputs[index];
}

const cwl_step_input *cwl_step_input_find(const cwl_step *step,
                                          const char *name)
{
    for (size_t i = 0; i < step->input_count; i++) {
        if (strcmp(step->inputs[i].name, name) == 0)
            return &step->inputs[i];
    }
    return NULL;
}

const cwl_param *cwl_step_input_source(const cwl_workflow *workflow,
                                       const cwl_step *step, const char *name)
{
    const cwl_step_input *input = cwl_step_input_find(step, name);
    int index;

    if (!input || input->source_count != 1 || strchr(input->sources[0], '/'))
        return NULL;
    index = find_input(workflow->runnable, input->sources[0]);
    return index < 0 ? NULL : &workflow->runnable->inputs[index];
}

const cwl_requirement *cwl_requirements_find(const cwl_requirements *list,
                                             const char *class_name)
{
    for (int hint = 0; hint < 2; hint++) {
        for (size_t i = 0; i < list->count; i++) {
            if (list->items[i]->hint == hint &&
                strcmp(list->items[i]->class_name, class_name) == 0)
                return list->items[i];
        }
    }
    return NULL;
}

const char *cwl_param_type_text(const cwl_workflow *workflow,
                                const cwl_param *param)
{
    strbuf text = STRBUF_INIT;
    const char *copy = NULL;

    if (!param->type)
        return "Any";
    if (cwl_type_write(&text, param->type) == 0)
        copy = arena_strdup((arena *)&workflow->memory, strbuf_str(&text));
    strbuf_release(&text);
    return copy;
}

arena *cwl_workflow_arena(cwl_workflow *workflow)
{
    return &workflow->memory;
}
