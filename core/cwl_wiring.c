/* cwl_wiring.c - the values that flow between the steps of a workflow. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cwl_wiring.h"
#include "error.h"

long cwl_wiring_source_step(const cwl_process *workflow, const char *source)
{
    const char *slash = strrchr(source, '/');
    size_t length = slash ? (size_t)(slash - source) : 0;

    for (size_t i = 0; slash && i < workflow->step_count; i++) {
        if (strlen(workflow->steps[i].name) == length &&
            strncmp(workflow->steps[i].name, source, length) == 0)
            return (long)i;
    }
    return -1;
}

static const json_value *source_value(const cwl_process *workflow,
                                      const char *source, const json_value *inputs,
                                      json_value *const *step_outputs)
{
    long step = cwl_wiring_source_step(workflow, source);

    if (step < 0)
        return json_get(inputs, source);
    return json_get(step_outputs[step], strrchr(source, '/') + 1);
}

static int merge(arena *a, const json_value *const *values, size_t count,
                 cwl_link_merge link_merge, json_value **out)
{
    json_value *merged = json_new_array(a);

    if (!merged)
        return CWL_ERROR;
    for (size_t i = 0; i < count; i++) {
        const json_value *value = values[i];

        if (link_merge == CWL_MERGE_FLATTENED && value && value->kind == JSON_ARRAY) {
            for (size_t j = 0; j < value->count; j++) {
                if (json_append(a, merged, value->items[j]) < 0)
                    return CWL_ERROR;
            }
        } else if (json_append(a, merged, value ? (json_value *)value
                                                : json_new_null(a)) < 0) {
            return CWL_ERROR;
        }
    }
    *out = merged;
    return 0;
}

static int pick(arena *a, json_value *list, cwl_pick_value pick_value,
                const char *what, json_value **out)
{
    json_value *kept = json_new_array(a);

    if (!kept)
        return CWL_ERROR;
    for (size_t i = 0; i < list->count; i++) {
        if (!json_is_null(list->items[i]) && json_append(a, kept, list->items[i]) < 0)
            return CWL_ERROR;
    }
    if (pick_value == CWL_PICK_ALL_NON_NULL) {
        *out = kept;
        return 0;
    }
    if (kept->count == 0 || (pick_value == CWL_PICK_THE_ONLY_NON_NULL && kept->count > 1)) {
        error_set("%s: pickValue %s found %zu values that are not null", what,
                  pick_value == CWL_PICK_FIRST_NON_NULL ? "first_non_null"
                                                        : "the_only_non_null",
                  kept->count);
        return CWL_ERROR;
    }
    *out = kept->items[0];
    return 0;
}

/* Gathers the value of sources with linkMerge and pickValue. */
static int gather(arena *a, const cwl_process *workflow, const char *const *sources,
                  size_t count, cwl_link_merge link_merge, cwl_pick_value pick_value,
                  const json_value *inputs, json_value *const *step_outputs,
                  const char *what, json_value **out)
{
    const json_value *values[64];
    json_value *value;

    if (count > 64) {
        error_set("%s: more than 64 sources", what);
        return CWL_ERROR;
    }
    for (size_t i = 0; i < count; i++)
        values[i] = source_value(workflow, sources[i], inputs, step_outputs);
    if (count == 1 && link_merge == CWL_MERGE_UNSET)
        value = values[0] ? (json_value *)values[0] : json_new_null(a);
    else if (merge(a, values, count, link_merge, &value) < 0)
        return CWL_ERROR;
    if (pick_value != CWL_PICK_NONE && value && value->kind == JSON_ARRAY)
        return pick(a, value, pick_value, what, out);
    *out = value;
    return value ? 0 : CWL_ERROR;
}

static int apply_value_from(arena *a, const cwl_step *step, json_value *object)
{
    json_value *before = json_copy(a, object);

    if (!before)
        return CWL_ERROR;
    for (size_t i = 0; i < step->input_count; i++) {
        const cwl_step_input *input = &step->inputs[i];
        cwl_expr_context context = {before, json_get(before, input->name), NULL};
        json_value *value;

        if (!input->value_from)
            continue;
        if (cwl_template_eval(a, input->value_from, &context, &value) < 0 ||
            json_set(a, object, input->name, value) < 0)
            return CWL_ERROR;
    }
    return 0;
}

static int apply_overrides(arena *a, const cwl_step *step, json_value *object,
                           const cwl_override *overrides, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const cwl_param *input;
        json_value *value;

        if (strcmp(overrides[i].step, step->name) != 0)
            continue;
        input = cwl_step_tool_input(step, overrides[i].input);
        if (!input || !input->type) {
            error_set("step '%s' has no input '%s'", step->name, overrides[i].input);
            return CWL_ERROR;
        }
        if (cwl_type_convert_text(a, input->type, overrides[i].text, NULL, &value) < 0) {
            error_prefix("step '%s' input '%s'", step->name, overrides[i].input);
            return CWL_ERROR;
        }
        if (json_set(a, object, overrides[i].input, value) < 0)
            return CWL_ERROR;
    }
    return 0;
}

int cwl_wiring_step_inputs(arena *a, const cwl_process *workflow,
                           const cwl_step *step, const json_value *inputs,
                           json_value *const *step_outputs,
                           const cwl_override *overrides, size_t count,
                           json_value **out)
{
    json_value *object = json_new_object(a);

    if (!object)
        return CWL_ERROR;
    for (size_t i = 0; i < step->input_count; i++) {
        const cwl_step_input *input = &step->inputs[i];
        json_value *value = NULL;
        char what[128];

        snprintf(what, sizeof what, "input '%s'", input->name);
        if (input->source_count &&
            gather(a, workflow, input->sources, input->source_count, input->link_merge,
                   input->pick_value, inputs, step_outputs, what, &value) < 0)
            return CWL_ERROR;
        if (json_is_null(value) && input->default_value)
            value = input->default_value;
        if (json_set(a, object, input->name, value ? value : json_new_null(a)) < 0)
            return CWL_ERROR;
    }
    if (apply_value_from(a, step, object) < 0 ||
        apply_overrides(a, step, object, overrides, count) < 0)
        return CWL_ERROR;
    *out = object;
    return 0;
}

int cwl_wiring_outputs(arena *a, const cwl_process *workflow,
                       const json_value *inputs, json_value *const *step_outputs,
                       json_value **out)
{
    static const cwl_type file = {CWL_TYPE_FILE, NULL, NULL, 0, NULL, 0, NULL, 0,
                                  NULL, NULL};
    json_value *object = json_new_object(a);

    if (!object)
        return CWL_ERROR;
    for (size_t i = 0; i < workflow->output_count; i++) {
        const cwl_param *output = &workflow->outputs[i];
        const cwl_type *type = output->type;
        json_value *value;
        char what[128];
        char why[256];

        snprintf(what, sizeof what, "workflow output '%s'", output->name);
        if (gather(a, workflow, output->sources, output->source_count,
                   output->link_merge, output->pick_value, inputs, step_outputs, what,
                   &value) < 0)
            return CWL_ERROR;
        if (type && (type->kind == CWL_TYPE_STDOUT || type->kind == CWL_TYPE_STDERR))
            type = &file;
        if (type && !cwl_type_check(type, value, why, sizeof why)) {
            error_set("%s: %s", what, why);
            return CWL_ERROR;
        }
        if (json_set(a, object, output->name, value) < 0)
            return CWL_ERROR;
    }
    *out = object;
    return 0;
}

int cwl_wiring_check_text(const cwl_step *step, const char *input,
                          const char *text)
{
    const cwl_param *param = cwl_step_tool_input(step, input);
    arena scratch = ARENA_INIT;
    json_value *value;
    int status;

    if (!param || !param->type) {
        error_set("step '%s' has no input '%s'", step->name, input);
        return CWL_ERROR;
    }
    status = cwl_type_convert_text(&scratch, param->type, text, NULL, &value);
    arena_release(&scratch);
    if (status < 0)
        error_prefix("step '%s' input '%s'", step->name, input);
    return status;
}

int cwl_wiring_check_overrides(arena *a, const cwl_workflow *workflow,
                               const cwl_override *overrides, size_t count)
{
    (void)a;
    for (size_t i = 0; i < count; i++) {
        const cwl_step *step = cwl_workflow_find_step(workflow, overrides[i].step);

        if (!step) {
            error_set("the workflow has no step '%s'", overrides[i].step);
            return CWL_ERROR;
        }
        if (cwl_wiring_check_text(step, overrides[i].input, overrides[i].text) < 0)
            return CWL_ERROR;
    }
    return 0;
}
