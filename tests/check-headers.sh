#!/bin/sh
# Compiles each public header in include/saber/ on its own, as the first
# and only include of a C99, a C11 and a C++11 file, with -pedantic -Werror,
# so that a plugin written in any of them can include it.  Run by
# make check, which sets CC, CXX and top_srcdir.
set -u

include_dir=$top_srcdir/include
work=$(mktemp -d "${TMPDIR:-/tmp}/saber-headers-XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
status=0
checked=0

for header in "$include_dir"/saber/*.h; do
    name=saber/$(basename "$header")
    printf '#include <%s>\n' "$name" > "$work/only.c"
    cp "$work/only.c" "$work/only.cpp"

    for standard in c99 c11; do
        if ! $CC -std=$standard -pedantic -Werror -Wall -Wextra -fsyntax-only \
            -I"$include_dir" "$work/only.c"; then
            echo "FAIL: $name does not compile alone as $standard"
            status=1
        fi
    done
    if ! $CXX -std=c++11 -pedantic -Werror -Wall -Wextra -fsyntax-only \
        -I"$include_dir" "$work/only.cpp"; then
        echo "FAIL: $name does not compile alone as C++11"
        status=1
    fi
    checked=$((checked + 1))
done

if [ "$checked" -eq 0 ]; then
    echo "FAIL: no header found in $include_dir/saber"
    exit 1
fi
echo "checked $checked public headers as C99, C11 and C++11"
exit $status
