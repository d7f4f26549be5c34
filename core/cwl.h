/*
 * cwl.h - CWL documents: Workflow and CommandLineTool, loaded and checked.
 *
 * saber-opt reads CWL v1.0, v1.1 and v1.2 documents in YAML or JSON
 * (YAML 1.2 scalars, as cwltool reads them), follows `run:` to other
 * files or inline processes, and reads packed documents ($graph with
 * "#id" references), $import and $include.  Expressions are parsed when a
 * document is loaded, so a JavaScript expression, an unknown requirement
 * (not a hint), ExpressionTool or scatter are reported
 * before anything runs, as CWL_UNSUPPORTED with file, line and feature.
 * A conditional step (`when`) is supported when its condition is a
 * parameter reference.
 *
 * Loading gives a cwl_workflow: a Workflow, or a lone CommandLineTool
 * seen as a workflow of one step named after the tool file (without its
 * extension).  Everything in it is read-only after loading and lives until
 * cwl_workflow_free(); the structures below are public for reading.
 */
#ifndef SABER_CWL_H
#define SABER_CWL_H

#include <stddef.h>

#include "arena.h"
#include "cwl_expr.h"
#include "cwl_type.h"
#include "json.h"
#include "yamltree.h"

/* Where something is written: file, 1-based line and column. */
typedef struct cwl_position {
    const char *file;
    size_t line;
    size_t column;
} cwl_position;

typedef enum cwl_process_class {
    CWL_COMMAND_LINE_TOOL,
    CWL_WORKFLOW
} cwl_process_class;

typedef enum cwl_load_listing {
    CWL_LISTING_DEFAULT,   /* not given here */
    CWL_LISTING_NONE,
    CWL_LISTING_SHALLOW,
    CWL_LISTING_DEEP
} cwl_load_listing;

typedef enum cwl_link_merge {
    CWL_MERGE_UNSET,       /* not given: merge_nested, but one source is
                            * passed on as it is */
    CWL_MERGE_NESTED,
    CWL_MERGE_FLATTENED
} cwl_link_merge;

typedef enum cwl_pick_value {
    CWL_PICK_NONE,
    CWL_PICK_FIRST_NON_NULL,
    CWL_PICK_THE_ONLY_NON_NULL,
    CWL_PICK_ALL_NON_NULL
} cwl_pick_value;

/* A tool output's outputBinding. */
typedef struct cwl_output_binding {
    cwl_template **globs;          /* each may give a string or a list */
    size_t glob_count;
    int load_contents;
    cwl_load_listing load_listing;
    cwl_template *output_eval;     /* NULL when absent */
} cwl_output_binding;

/* An input or output parameter of a tool or a workflow. */
typedef struct cwl_param {
    const char *name;              /* short id: "input", not "#main/input" */
    cwl_type *type;
    json_value *default_value;     /* NULL when none; File locations made
                                    * absolute against the document */
    cwl_binding *input_binding;    /* tool inputs only, may be NULL */
    int stdin_shortcut;            /* written `type: stdin`: a File that is
                                    * the tool's standard input */
    const char **formats;          /* format IRIs, prefixes expanded */
    size_t format_count;
    cwl_template *format_expression; /* format given by an expression */
    cwl_secondaries secondary;     /* secondaryFiles */
    int load_contents;             /* inputs: loadContents */
    cwl_load_listing load_listing; /* inputs: loadListing */
    cwl_output_binding *output_binding; /* tool outputs, may be NULL */
    const char **sources;          /* workflow outputs: outputSource */
    size_t source_count;
    cwl_link_merge link_merge;
    cwl_pick_value pick_value;
    cwl_position where;
} cwl_param;

/* One environment variable of EnvVarRequirement. */
typedef struct cwl_env_def {
    const char *name;
    cwl_template *value;
} cwl_env_def;

/* One entry of InitialWorkDirRequirement's listing. */
typedef struct cwl_dirent {
    cwl_template *entry;           /* a value or a File/Directory reference */
    json_value *literal;           /* a File or Directory object written out */
    cwl_template *entryname;       /* NULL when absent */
    int writable;
} cwl_dirent;

/* The fields of ResourceRequirement, in the order cwl_requirement keeps
 * them. */
enum {
    CWL_CORES_MIN, CWL_CORES_MAX, CWL_RAM_MIN, CWL_RAM_MAX,
    CWL_TMPDIR_MIN, CWL_TMPDIR_MAX, CWL_OUTDIR_MIN, CWL_OUTDIR_MAX,
    CWL_RESOURCE_COUNT
};

/* A requirement or hint saber-opt reads, with its parsed content. */
typedef struct cwl_requirement {
    const char *class_name;        /* "EnvVarRequirement", ... */
    int hint;
    cwl_position where;
    const ydoc *doc;
    const ynode *node;
    cwl_env_def *env;              /* EnvVarRequirement */
    size_t env_count;
    cwl_dirent *listing;           /* InitialWorkDirRequirement */
    size_t listing_count;
    cwl_template *listing_expression; /* listing given as one expression */
    /* ResourceRequirement fields (numbers or parameter references), NULL
     * when not given. */
    cwl_template *resources[CWL_RESOURCE_COUNT];
    long timelimit;                /* ToolTimeLimit seconds; 0: none */
    cwl_load_listing load_listing; /* LoadListingRequirement */
} cwl_requirement;

/* A list of requirements, closest first. */
typedef struct cwl_requirements {
    cwl_requirement **items;
    size_t count;
} cwl_requirements;

typedef struct cwl_process cwl_process;
typedef struct cwl_step cwl_step;

/* One entry of a step's `in:`. */
typedef struct cwl_step_input {
    const char *name;
    const char **sources;          /* "step/output" or a workflow input */
    size_t source_count;
    cwl_link_merge link_merge;
    cwl_pick_value pick_value;
    json_value *default_value;     /* NULL when none */
    cwl_template *value_from;      /* NULL when none */
    int load_contents;
    cwl_position where;
} cwl_step_input;

struct cwl_step {
    const char *name;
    cwl_position where;
    cwl_process *run;              /* shared when several steps run one file */
    cwl_step_input *inputs;
    size_t input_count;
    const char **outputs;          /* `out:` names */
    size_t output_count;
    cwl_template *when;            /* the step runs only when this gives
                                    * true; NULL: always */
    /* The step's own requirements, then its hints. */
    cwl_requirement *own_requirements;
    size_t own_requirement_count;
    /* Requirements and hints in effect for the tool, closest first: the
     * tool's own, the step's, then the enclosing workflow's. */
    cwl_requirements requirements;
    /* The step's `hints: {saber: {...}}` mapping, or the tool's when the
     * step has none; NULL when neither has one.  saber_doc is the document
     * the node belongs to, for positions in messages. */
    const ynode *saber_hint;
    const ydoc *saber_doc;
};

struct cwl_process {
    cwl_process_class kind;
    const char *id;                /* "#main", or NULL */
    const char *file;              /* the document it is written in */
    const char *dir;               /* that document's folder, absolute */
    const char *version;           /* "v1.0", "v1.1", "v1.2" */
    cwl_position where;
    const ydoc *doc;
    const ynode *node;
    const ynode *namespaces;       /* the document's $namespaces, or NULL */
    int has_schemas;               /* the document names ontologies
                                    * ($schemas), so formats may be
                                    * subclasses saber-opt cannot check */
    cwl_param *inputs;
    size_t input_count;
    cwl_param *outputs;
    size_t output_count;
    cwl_requirement *requirements; /* requirements, then hints */
    size_t requirement_count;
    const ynode *saber_hint;       /* hints: {saber: ...} of the process */
    /* CommandLineTool */
    const char **base_command;
    size_t base_command_count;
    cwl_binding **arguments;       /* string arguments become valueFrom */
    size_t argument_count;
    cwl_template *stdin_path;
    cwl_template *stdout_path;
    cwl_template *stderr_path;
    int *success_codes;
    size_t success_code_count;
    int *permanent_fail_codes;
    size_t permanent_fail_code_count;
    int *temporary_fail_codes;
    size_t temporary_fail_code_count;
    /* Workflow */
    cwl_step *steps;
    size_t step_count;
};

typedef struct cwl_workflow cwl_workflow;

/*
 * Loads the process in file path; "path#id" selects a process of a packed
 * document ("#main" is taken by default when the file has a $graph).
 * Returns 0 and sets *out, or CWL_ERROR or CWL_UNSUPPORTED with a message
 * naming file, line and column.
 */
int cwl_workflow_load(const char *path, cwl_workflow **out);

void cwl_workflow_free(cwl_workflow *workflow);

/* Returns the process that was loaded (the Workflow, or the lone tool). */
const cwl_process *cwl_workflow_root(const cwl_workflow *workflow);

/* Returns the workflow the executor runs: the root Workflow, or a
 * workflow of one step wrapping the lone tool (its inputs and outputs are
 * the tool's, wired straight through). */
const cwl_process *cwl_workflow_process(const cwl_workflow *workflow);

/* Steps in the order of `steps:` in the file. */
size_t cwl_workflow_step_count(const cwl_workflow *workflow);
const cwl_step *cwl_workflow_step(const cwl_workflow *workflow, size_t index);

/* Returns the step named name, or NULL. */
const cwl_step *cwl_workflow_find_step(const cwl_workflow *workflow,
                                       const char *name);

/* Returns the tool input name of step, or NULL when the tool has none. */
const cwl_param *cwl_step_tool_input(const cwl_step *step, const char *name);

/* Returns the step's `in:` entry name, or NULL. */
const cwl_step_input *cwl_step_input_find(const cwl_step *step,
                                          const char *name);

/*
 * Returns the workflow input that step input name is wired to directly (a
 * single source naming a workflow input), or NULL when it has none, has
 * several sources, or takes a step's output.
 */
const cwl_param *cwl_step_input_source(const cwl_workflow *workflow,
                                       const cwl_step *step, const char *name);

/*
 * Reads the requirements a job file lists under "cwl:requirements" (list,
 * a node of doc) into out, allocated in memory.  They take precedence over
 * every requirement of the workflow.  Returns 0, or CWL_ERROR or
 * CWL_UNSUPPORTED with a message.
 */
int cwl_job_requirements(const cwl_workflow *workflow, arena *memory,
                         const ydoc *doc, const ynode *list, cwl_requirements *out);

/* Returns the requirement or hint of class_name in effect, requirements
 * before hints, or NULL. */
const cwl_requirement *cwl_requirements_find(const cwl_requirements *list,
                                             const char *class_name);

/* Returns the type of a parameter as CWL shorthand ("int?", "File[]");
 * the text lives in the workflow's memory.  NULL when out of memory. */
const char *cwl_param_type_text(const cwl_workflow *workflow,
                                const cwl_param *param);

/* Returns the workflow's arena, for values that live as long as it. */
arena *cwl_workflow_arena(cwl_workflow *workflow);

#endif
