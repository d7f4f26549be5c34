#!/bin/sh
# Installs saber-opt into a staging folder with make install DESTDIR=...,
# builds the plugin in tests/install out of tree against the installed
# header (found with pkg-config through the staged saber-opt.pc) into a
# plain .so, and runs the installed saber-opt with it through `sample`
# and `plugins`.  Run by make check from the build tree, which sets MAKE,
# CC, top_srcdir, abs_top_builddir and the SABER_INSTALL_* folders.
set -u

fail() {
    echo "FAIL: $*"
    exit 1
}

command -v pkg-config >/dev/null || { echo "SKIP: pkg-config not found"; exit 77; }

work=$(mktemp -d "${TMPDIR:-/tmp}/saber-install-XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
stage=$work/stage
source_dir=$top_srcdir/tests/install

# The nested make must not join the job server of the make running check.
if ! (cd "$abs_top_builddir" &&
      env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
          $MAKE install DESTDIR="$stage") >"$work/install.log" 2>&1; then
    cat "$work/install.log"
    fail "make install DESTDIR=$stage failed"
fi

saber=$stage$SABER_INSTALL_BINDIR/saber-opt
header=$stage$SABER_INSTALL_INCLUDEDIR/sampler.h
[ -x "$saber" ] || fail "saber-opt is not installed as $saber"
[ -f "$header" ] || fail "the plugin header is not installed as $header"
cmp -s "$header" "$top_srcdir/include/saber/sampler.h" ||
    fail "the installed $header differs from include/saber/sampler.h"
[ -f "$stage$SABER_INSTALL_PKGCONFIGDIR/saber-opt.pc" ] ||
    fail "saber-opt.pc is not installed in $SABER_INSTALL_PKGCONFIGDIR"

PKG_CONFIG_PATH=$stage$SABER_INSTALL_PKGCONFIGDIR
PKG_CONFIG_LIBDIR=$PKG_CONFIG_PATH
PKG_CONFIG_SYSROOT_DIR=$stage
PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1
export PKG_CONFIG_PATH PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR \
    PKG_CONFIG_ALLOW_SYSTEM_CFLAGS
version=$(pkg-config --modversion saber-opt) || fail "pkg-config cannot find saber-opt.pc"
[ "$version" = "$PACKAGE_VERSION" ] ||
    fail "saber-opt.pc has version $version, expected $PACKAGE_VERSION"
cflags=$(pkg-config --cflags saber-opt) || fail "pkg-config --cflags failed"

# -z defs rejects any symbol left undefined: the plugin links against
# nothing of saber-opt.
mkdir "$work/plugins"
$CC -std=c99 -pedantic -Wall -Wextra -Werror $cflags -fPIC -shared \
    -Wl,-z,defs -o "$work/plugins/hello.so" "$source_dir/hello.c" ||
    fail "the out-of-tree plugin does not build with cflags '$cflags'"

"$saber" sample --plugin-dir "$work/plugins" "$source_dir/params.yml" \
    >"$work/sample.out" 2>"$work/sample.err" ||
    { cat "$work/sample.err"; fail "the installed saber-opt cannot sample with hello.so"; }
cmp -s "$work/sample.out" "$source_dir/expected.jsonl" ||
    { cat "$work/sample.out"; fail "sample with hello.so printed other parameter sets"; }
[ -s "$work/sample.err" ] && { cat "$work/sample.err"; fail "sample wrote to stderr"; }

"$saber" plugins --plugin-dir "$work/plugins" \
    --plugin-dir "$stage$SABER_INSTALLED_PLUGIN_DIR" >"$work/plugins.out" ||
    fail "the installed saber-opt plugins failed"
for expected in \
    "hello          2.0.0    the grid backwards, in one batch" \
    "                        $work/plugins/hello.so" \
    "                        $stage$SABER_INSTALLED_PLUGIN_DIR/grid.la"; do
    grep -qxF "$expected" "$work/plugins.out" ||
        { cat "$work/plugins.out"; fail "saber-opt plugins does not list: $expected"; }
done
echo "installed into $stage; hello.so built with '$cflags' loads and samples"
