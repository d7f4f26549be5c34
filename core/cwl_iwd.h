/*
 * cwl_iwd.h - InitialWorkDirRequirement: files a tool finds in its output
 * folder when it starts.
 *
 * Entries are File or Directory objects, linked in under their basename
 * or copied when writable, or Dirent entries whose text becomes a new
 * file.  Any other value is written as JSON, as CWL v1.2 specifies.  Inputs
 * staged this way are then seen by the tool at their place in the output
 * folder.
 */
#ifndef SABER_CWL_IWD_H
#define SABER_CWL_IWD_H

#include "cwl_tool.h"

/* A file placed in the output folder: inputs that named source now name
 * target. */
typedef struct cwl_staged {
    const char *source;
    const char *target;
} cwl_staged;

typedef struct cwl_staged_list {
    cwl_staged *items;   /* malloc'd; the caller frees it */
    size_t count;
} cwl_staged_list;

/* Stages the InitialWorkDirRequirement in effect for run into its work
 * folder.  Returns 0, or CWL_ERROR or CWL_UNSUPPORTED with a message. */
int cwl_iwd_stage(arena *a, const cwl_tool_run *run, cwl_staged_list *moves);

#endif
