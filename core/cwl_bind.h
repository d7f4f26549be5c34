/*
 * cwl_bind.h - job files and input objects: values checked against their
 * parameters, defaults applied, File and Directory objects filled in.
 *
 * A File's location is a URI, relative to the document or job file that
 * names it, so a relative location is percent-decoded ("A%3AB" is the
 * file A:B).  A path is used as written.  Binding fills in what cwltool gives a
 * tool: location (file://), path, basename, nameroot, nameext, dirname
 * and size, and contents where loadContents asks for it.
 */
#ifndef SABER_CWL_BIND_H
#define SABER_CWL_BIND_H

#include "cwl.h"
#include "json.h"

/* At most this much of a file goes into "contents" (loadContents). */
#define CWL_CONTENTS_LIMIT 65536

/*
 * Makes the location and path of every File and Directory object in value
 * absolute against base_dir, in place: location becomes a file:// URI and
 * path the decoded absolute path.  File literals (contents without a
 * location) are left as they are.  Returns 0, or CWL_UNSUPPORTED for a
 * location that is not a local file.
 */
int cwl_files_resolve(arena *a, json_value *value, const char *base_dir);

/* A job file: input values by name. */
typedef struct cwl_job {
    arena memory;
    ydoc *doc;            /* NULL for an empty job */
    json_value *values;   /* an object */
    char *path;           /* NULL for an empty job */
} cwl_job;

/* Reads a job file (YAML or JSON, YAML 1.2 scalars), or gives an empty job
 * when path is NULL.  Returns 0 and sets *out, or CWL_ERROR or
 * CWL_UNSUPPORTED with a message naming file, line and column. */
int cwl_job_load(const char *path, cwl_job **out);

void cwl_job_free(cwl_job *job);

/* How binding treats Files and Directories. */
typedef struct cwl_bind_options {
    cwl_load_listing listing;  /* Directory listings to read */
    int v1_0;                  /* CWL v1.0 rules (contents over 64 KiB
                                * truncated rather than an error) */
    const ynode *namespaces;   /* expands prefixes of File formats */
    int check_formats;         /* a File must have a format its parameter
                                * lists (exact IRIs, no ontology) */
    int discover_secondary;    /* find secondaryFiles beside their File */
} cwl_bind_options;

/*
 * Builds the input object of params from given (an object, in which a
 * missing key reads as null).  A null value takes the parameter's
 * default, then must match the parameter's type.  Files and Directories are completed (see
 * cwl_file_complete) and get contents where the parameter or its binding
 * has loadContents; their formats are expanded and checked as options say.  what names the owner in messages ("step 'sort'").
 * Returns 0 with *out in a, or CWL_ERROR.
 */
int cwl_bind_inputs(arena *a, const cwl_param *params, size_t count,
                    const json_value *given, const cwl_bind_options *options,
                    const char *what, json_value **out);

/*
 * Returns a completed copy of a File or Directory object: path,
 * location, basename, nameroot and nameext (Files), dirname, size (Files)
 * from the file system, and a listing of a Directory when listing
 * requests one.  The file must exist.  A File literal (contents, no location)
 * is returned with its basename and sizes but no path until staged.
 * Returns NULL with an error message.
 */
json_value *cwl_file_complete(arena *a, const json_value *file,
                              cwl_load_listing listing);

/* Completes every File and Directory inside value (any depth); returns a
 * new value or NULL with an error message. */
json_value *cwl_files_complete(arena *a, const json_value *value,
                               cwl_load_listing listing);

/* Sets "contents" of a completed File to its first CWL_CONTENTS_LIMIT
 * bytes; a longer file is an error unless truncate.  Returns 0 or
 * CWL_ERROR. */
int cwl_file_load_contents(arena *a, json_value *file, int truncate);

#endif
