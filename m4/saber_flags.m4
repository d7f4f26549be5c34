# SABER_CHECK_CFLAGS(VARIABLE, FLAGS)
# ------------------------------------
# Append to VARIABLE each of FLAGS that the C compiler accepts without a
# warning turned into an error.
AC_DEFUN([SABER_CHECK_CFLAGS],
[AC_LANG_PUSH([C])
for saber_flag in $2; do
  AC_MSG_CHECKING([whether $CC accepts $saber_flag])
  saber_save_CFLAGS=$CFLAGS
  CFLAGS="$CFLAGS -Werror $saber_flag"
  AC_COMPILE_IFELSE([AC_LANG_PROGRAM([], [])],
    [AC_MSG_RESULT([yes]); $1="${$1} $saber_flag"],
    [AC_MSG_RESULT([no])])
  CFLAGS=$saber_save_CFLAGS
done
AC_LANG_POP([C])])
