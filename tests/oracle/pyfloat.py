#!/usr/bin/python3
"""Write the tables that test pyfloat_repr() and pyfloat_parse().

Usage: pyfloat.py OUTDIR   writes OUTDIR/repr.tsv and OUTDIR/parse.tsv.

repr.tsv: the 64 bits of a double in hex, a tab, then Python's repr() of
it.  The doubles are random bit patterns, random short decimals, powers of
ten around the points where repr() switches to an exponent, every power
of two, subnormals and the extremes.

parse.tsv: the input text in hex (it may hold whitespace), a tab, then
the bits of Python's float(text) in hex, "nan", or "error" when float()
raises ValueError.  A few texts hold Unicode digits and spaces, which
float() accepts.

Run with Debian's /usr/bin/python3.  make check never runs this script;
the tables are committed.  The random choices are seeded, so a rerun
writes the same tables.
"""
import math
import os
import random
import struct
import sys


def bits(value):
    return struct.unpack('<Q', struct.pack('<d', value))[0]


def from_bits(pattern):
    return struct.unpack('<d', struct.pack('<Q', pattern))[0]


def repr_doubles(rng):
    values = [0.0, -0.0, 1e-05, 0.0001, 0.1 + 0.2, 100.0, 1e15, 1e16,
              123456789012345680.0, 2.5e-07, 5e-324, 2.2250738585072014e-308,
              1.7976931348623157e308, 9007199254740993.0, 0.1, 1 / 3]
    values += [math.ldexp(1.0, exponent) for exponent in range(-1074, 1024)]
    for exponent in range(-30, 31):
        for mantissa in (1.0, 9.999999999999998, 1.5, 2.5):
            values.append(mantissa * 10.0 ** exponent)
    while len(values) < 5000:
        pattern = rng.getrandbits(64)
        value = from_bits(pattern)
        if math.isfinite(value):
            values.append(value)
    while len(values) < 8000:
        digits = rng.randint(1, 17)
        mantissa = rng.randrange(10 ** (digits - 1), 10 ** digits)
        value = float(f'{mantissa}e{rng.randint(-330, 310)}')
        if math.isfinite(value):
            values.append(value if rng.random() < 0.8 else -value)
    while len(values) < 10000:
        values.append(from_bits(rng.getrandbits(52)))  # subnormals
    return values


def parse_texts(rng):
    texts = ['1.5', ' 1.5 ', '\t-2\n', '\v3\f', '\r4\r', '\x1c5\x1f',
             '1_000.5', '1__0', '_1', '1_', '1._5', '1e1_0', '1e_1',
             '0x10', '1,5', '1.5.2', '', ' ', '.', '+', '-', 'e5', '1e',
             '1e+', '.5', '5.', '-.5e-3', '+5E+3', 'inf', '-Infinity',
             '+INF', 'iNfInItY', 'infinit', 'in f', 'nan', '-NaN', '+nan',
             'nanq', '1e400', '-1e400', '1e-400', '4.9e-324', '0', '-0',
             '00012', '1' * 150, '0.' + '3' * 200, '1 2', '1\x00',
             '\u00a01', '\u0661', '\uff11\uff12', '1\u200b']
    alphabet = '0123456789_.eE+- '
    while len(texts) < 3000:
        length = rng.randint(1, 10)
        texts.append(''.join(rng.choice(alphabet) for _ in range(length)))
    while len(texts) < 5000:
        digits = ''.join(rng.choice('0123456789') for _ in range(rng.randint(1, 25)))
        point = rng.randint(0, len(digits))
        text = digits[:point] + '.' + digits[point:]
        if rng.random() < 0.5:
            text += rng.choice('eE') + rng.choice(['', '+', '-']) + str(rng.randint(0, 340))
        texts.append(rng.choice(['', '-', '+']) + text)
    return texts


def parse_result(text):
    try:
        value = float(text)
    except ValueError:
        return 'error'
    if math.isnan(value):
        return 'nan'
    return f'{bits(value):016x}'


def main():
    outdir = sys.argv[1]
    rng = random.Random(20240611)
    with open(os.path.join(outdir, 'repr.tsv'), 'w') as out:
        for value in repr_doubles(rng):
            out.write(f'{bits(value):016x}\t{value!r}\n')
    with open(os.path.join(outdir, 'parse.tsv'), 'w') as out:
        for text in parse_texts(rng):
            out.write(f"{text.encode('utf-8').hex()}\t{parse_result(text)}\n")


main()
