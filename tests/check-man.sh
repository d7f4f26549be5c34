#!/bin/sh
# Checks the man pages: saber-opt-plugin(7) quotes doc/example-plugin.c
# exactly (after its roff escapes are undone), and groff formats both
# pages without a warning.  Run by make check, which sets top_srcdir.
set -u

fail() {
    echo "FAIL: $*"
    exit 1
}

page=$top_srcdir/doc/saber-opt-plugin.7
source=$top_srcdir/doc/example-plugin.c
work=$(mktemp -d "${TMPDIR:-/tmp}/saber-man-XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT

# The escapes the page uses in code: \- for '-', \(aq for "'", \(ga for
# '`', \(ha for '^', \(ti for '~', \e for '\', and \& before a leading dot.
sed -n '/^\.\\" BEGIN example-plugin\.c$/,/^\.\\" END example-plugin\.c$/p' "$page" |
    sed -e '1d' -e '$d' \
        -e 's/^\\&//' -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\(ga/`/g' \
        -e 's/\\(ha/^/g' -e 's/\\(ti/~/g' -e 's/\\e/\\/g' >"$work/quoted.c"
[ -s "$work/quoted.c" ] || fail "$page has no example between its BEGIN and END lines"
diff -u "$source" "$work/quoted.c" >"$work/diff" ||
    { cat "$work/diff"; fail "$page does not quote $source as it is"; }

command -v groff >/dev/null || { echo "SKIP: groff not found"; exit 77; }
for man in "$top_srcdir/doc/saber-opt.1" "$page"; do
    groff -man -Tutf8 -ww -z "$man" >"$work/warnings" 2>&1 ||
        { cat "$work/warnings"; fail "groff cannot format $man"; }
    [ -s "$work/warnings" ] && { cat "$work/warnings"; fail "groff warns about $man"; }
done
echo "the example in saber-opt-plugin.7 matches doc/example-plugin.c; groff formats both pages without warnings"
