/*
 * cwl_secondary.h - secondaryFiles: the files that travel with a File
 * (an index beside its data file, ...).
 *
 * The inputs of the process a run starts with discover their secondary
 * files next to the primary file.  The inputs of a step must already carry
 * them, as cwltool checks them, and outputs find theirs next to each
 * output file.
 */
#ifndef SABER_CWL_SECONDARY_H
#define SABER_CWL_SECONDARY_H

#include "cwl_bind.h"

/*
 * Fills in and checks the secondaryFiles of every File in value, reached
 * through type and the secondaries of the parameter (and of record
 * fields).  With discover, a File without a secondaryFiles list gets the
 * files its patterns name beside it.  A required secondary file that is
 * missing is an error naming it.  Returns 0 or CWL_ERROR.
 */
int cwl_secondaries_bind(arena *a, const cwl_type *type,
                         const cwl_secondaries *secondaries, json_value *value,
                         int discover, const char *name);

/* Adds to each output File in value the secondary files its patterns
 * find beside it; a required one that is missing is an error.  context
 * gives the inputs and runtime for patterns that are references. */
int cwl_secondaries_collect(arena *a, const cwl_type *type,
                            const cwl_secondaries *secondaries, json_value *value,
                            const cwl_expr_context *context, const char *name);

/* Returns the file name pattern gives for a primary file named basename:
 * each leading '^' drops one extension, the rest is appended.  The
 * caller frees it. */
char *cwl_secondary_name(const char *basename, const char *pattern);

#endif
