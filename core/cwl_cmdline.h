/*
 * cwl_cmdline.h - the argument vector of a CommandLineTool invocation.
 *
 * Builds the command line as cwltool 3.1 does, so that both runners hand a
 * tool the same arguments.  baseCommand comes first.  Then `arguments` and
 * the inputs' inputBindings follow, sorted by position (default 0,
 * negatives allowed); a binding nested in an array or record sorts under
 * its parent.  At equal positions the comparison goes on with the
 * argument's index or the input's name, compared as text when either is a
 * name (Python 2 order).  So arguments come before inputs whose names
 * start with a letter, and inputs sort by name.
 *
 * Values become arguments as cwltool writes them: a File or Directory as
 * its path, numbers as Python's str() (floats as repr: 0.30000000000000004,
 * 1e-05), true as the prefix alone, false, null and empty lists as nothing,
 * a list with itemSeparator as one joined argument, and a prefix glued to
 * the value when separate is false.
 */
#ifndef SABER_CWL_CMDLINE_H
#define SABER_CWL_CMDLINE_H

#include <stddef.h>

#include "cwl.h"

/*
 * Builds the argument vector of tool for the input object inputs (bound,
 * with paths) and the runtime object.  *argv is NULL-terminated; it and
 * its strings are allocated in a.  Returns 0, or CWL_ERROR with a message
 * (a File without a path, a valueFrom that fails, a value that fits no
 * alternative of a union).
 */
int cwl_command_line(arena *a, const cwl_process *tool,
                     const json_value *inputs, const json_value *runtime,
                     const char ***argv, size_t *argc);

/* Appends value as Python's str() writes it: text as it is, a File or
 * Directory as its path, True/False, None.  Returns 0 or CWL_ERROR. */
int cwl_value_to_argument(strbuf *out, const json_value *value);

#endif
