#!/bin/sh
# Runs the CWL conformance tests that saber-opt run must pass, listed in
# tests/cwl-v1.2/saber-opt-subset.txt, from the suite's root folder.
set -eu
cd "${top_srcdir:-.}/tests/cwl-v1.2"
exec "$abs_top_builddir/tests/cwl-conformance" --runner "$SABER_OPT" \
    --subset saber-opt-subset.txt
