/*
 * yaml12.h - YAML 1.2 core-schema scalar resolution, as cwltool reads CWL.
 *
 * cwltool reads CWL documents and job files with ruamel.yaml (0.17), which
 * follows YAML 1.2.  Only true and false (three spellings each) are
 * booleans, so yes, no, on and off stay text.  010 is ten (octal needs 0o),
 * 0x1F and 0b101 are integers, and underscores between digits are ignored.
 * 1e3 and 5. are floats, there are no base-60 numbers (1:30 is text), and
 * ~, null and the empty scalar are null.  Quoted scalars are text.
 */
#ifndef SABER_YAML12_H
#define SABER_YAML12_H

#include "yaml11.h"
#include "yamltree.h"

/*
 * Resolves scalar node into *value (the same structure yaml11.h fills).
 * Explicit tags !!str, !!int, !!float, !!bool and !!null are honoured.  An
 * integer beyond 64 bits becomes the nearest double.  Returns 0, or -1
 * with a message naming file, line and column (an unknown tag, or a node
 * that is not a scalar).
 * NOTE: dates (2001-12-14) stay text, while ruamel.yaml makes date objects
 * of them.
 */
int yaml12_resolve(const ydoc *doc, const ynode *node, yvalue *value);

#endif
