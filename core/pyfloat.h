/*
 * pyfloat.h - numbers written and read the way Python writes and reads them.
 *
 * saber-opt hands every parameter value to a tool as the text Python's str()
 * gives, because SABER did: the shortest text that reads back as the same
 * double ("0.1", "0.30000000000000004"), with ".0" on integral values, an
 * exponent below 1e-4 and from 1e16 on ("1e-05", "1e+16"), "inf", "-inf"
 * and "nan".
 */
#ifndef SABER_PYFLOAT_H
#define SABER_PYFLOAT_H

#include <stddef.h>
#include <stdint.h>

/* Room for the longest repr(), "-2.2250738585072014e-308", and the NUL. */
#define PYFLOAT_REPR_SIZE 32

/* Writes repr(value) into out; returns its length. */
size_t pyfloat_repr(double value, char out[PYFLOAT_REPR_SIZE]);

/* Writes str(value) for an int into out (at least 21 bytes); returns the
 * length. */
size_t pyint_str(int64_t value, char *out);

/*
 * Converts text like Python's float(): surrounding whitespace allowed, the
 * whole rest consumed, decimal digits with an optional sign, point and
 * exponent, or inf, infinity and nan in any case.  Hexadecimal, "1,5" and
 * empty text are rejected.  Text in UTF-8 may use any Unicode decimal
 * digits and spaces, as Python 3.11 accepts them.  Returns 0 and sets
 * *value, or -1.
 */
int pyfloat_parse(const char *text, size_t length, double *value);

#endif
