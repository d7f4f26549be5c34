/*
 * cwl_wiring.h - the values that flow between the steps of a workflow.
 *
 * A step input takes the values of its sources (workflow inputs, or
 * "step/output" of steps that have finished), merged by linkMerge and
 * filtered by pickValue.  A null result takes the step input's default.
 * Then valueFrom applies: a parameter reference in which inputs are the
 * step's inputs before any valueFrom.  Last, an override set by the
 * caller replaces the result.  Workflow outputs are gathered the same way from
 * their outputSource.
 */
#ifndef SABER_CWL_WIRING_H
#define SABER_CWL_WIRING_H

#include "cwl.h"

/* A value the caller sets for one step input, as text converted to the
 * tool input's type. */
typedef struct cwl_override {
    const char *step;
    const char *input;
    const char *text;
} cwl_override;

/* Returns the index of the step a source reads from, or -1 for a workflow
 * input. */
long cwl_wiring_source_step(const cwl_process *workflow, const char *source);

/*
 * Checks that text converts to the type of input of step's tool (see
 * cwl_type_convert_text: an int rejects "0.5", a boolean takes True,
 * False, true or false, an enum only its symbols).  Returns 0, or
 * CWL_ERROR with a message naming the step, the input and what its type
 * accepts.
 */
int cwl_wiring_check_text(const cwl_step *step, const char *input,
                          const char *text);

/* Checks that every override names a step and an input of its tool, and
 * that its text converts to that input's type.  Returns 0 or CWL_ERROR. */
int cwl_wiring_check_overrides(arena *a, const cwl_workflow *workflow,
                               const cwl_override *overrides, size_t count);

/*
 * Builds the object of values given to step's tool.  step_outputs[i] is
 * the output object of step i (NULL while it has not finished).  Returns
 * 0 with *out in a, or CWL_ERROR.
 */
int cwl_wiring_step_inputs(arena *a, const cwl_process *workflow,
                           const cwl_step *step, const json_value *inputs,
                           json_value *const *step_outputs,
                           const cwl_override *overrides, size_t count,
                           json_value **out);

/* Builds the workflow's output object and checks it against the output
 * types.  Returns 0 with *out in a, or CWL_ERROR. */
int cwl_wiring_outputs(arena *a, const cwl_process *workflow,
                       const json_value *inputs, json_value *const *step_outputs,
                       json_value **out);

#endif
