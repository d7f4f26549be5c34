/*
 * cwl_relocate.h - the final outputs of a run, moved where the user wants
 * them and described as cwltool reports them.
 */
#ifndef SABER_CWL_RELOCATE_H
#define SABER_CWL_RELOCATE_H

#include "json.h"

/*
 * Puts every File and Directory of outputs into outdir under its basename
 * (a second file of the same name gets "_2", "_3" ... appended), moving
 * what lies below movable_root and copying anything else, such as input
 * files passed through.  The result describes each File by class,
 * location (a file:// URI), path, basename, size and checksum (sha1), and
 * each Directory by class, location, path, basename and its whole listing,
 * sorted by name.  An output's format and secondary files are kept.  Returns 0 with *out in a, or -1 with an error message.
 */
int cwl_outputs_relocate(arena *a, const json_value *outputs, const char *outdir,
                         const char *movable_root, json_value **out);

/* Describes a File or Directory at path as cwl_outputs_relocate() does,
 * without moving it. */
json_value *cwl_output_describe(arena *a, const char *path, int is_directory);

#endif
