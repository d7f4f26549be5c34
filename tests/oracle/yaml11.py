#!/usr/bin/python3
"""Write the table that tests yaml11_resolve() against PyYAML.

Usage: yaml11.py OUT.tsv

Each line contains the YAML source of one sequence item (what follows "- "),
a tab, the type PyYAML's SafeLoader gives it (null, bool, int, float or
str), a tab, and Python's str() of the value.  The items are a hand-made
list of YAML 1.1 forms plus random plain scalars drawn from the characters
that matter to the resolver.  Items that PyYAML reads as dates or
timestamps, that it cannot construct, or whose integer needs more than
64 bits are left out: saber-opt keeps the first as text and rejects the
last.

Run with Debian's /usr/bin/python3 (PyYAML 6).  make check never runs
this script; the table is committed.  The random choices are seeded.
"""
import datetime
import random
import sys

import yaml

HAND_MADE = """
yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF
y n yEs tRUE oN 010 0x1F 0b101 1_000 190:20:30 -190:20:30 190:20:30.15
1:0 1:60 1:123 ~ null Null NULL nULL 1.5e3 1e3 1.5e+3 1.5E-3 1.5e+03
1. .5 +.5 -.5 .5e+1 ._5 +1 -0 +0 0 00 08 0o17 0O17 0X1F 0B101 0x_1F 1__0
1_ 3.14_15 -1_0.5_ .inf -.inf +.inf .Inf .INF .iNF .nan .NaN .NAN -.nan
inf nan 12:30 1:2:3 0:30 -0x1F +0b11 0777 -0777 9223372036854775807
-9223372036854775808 1e+3 1.e+3 0.0 -0.0 1.0e-5 123456789012345678.0
= << :a a: - -- -1- 2.5.1 1_2:3_4 1_2:3_4.5_6 1:30.5 -1:30. 12:59:59.999
1_0:0_5.2_5 59:59:59:59:59:59.9
"""

QUOTED = ['"010"', "'yes'", '"1.5"', "''", '""', '!!str 10', '!!str yes',
          '!!float 3', '!!float "2.5"', '!!int "7"', '!!int 0x10',
          '!!bool "on"', '!!null ""', '! 12', '!!str ~', '!!float 1_0', '! "12"', '! yes', '!!int "0b11"',
          '!!float ".inf"', '!!bool "yes"', '!!bool YeS']


def type_name(value):
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'bool'
    if isinstance(value, int):
        return 'int'
    if isinstance(value, float):
        return 'float'
    if isinstance(value, str):
        return 'str'
    return None


def resolve(source):
    """Returns (type, str) as PyYAML resolves item source, or None."""
    text = '- ' + source + '\n'
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        value = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError):
        return None
    if not isinstance(node, yaml.SequenceNode) or len(node.value) != 1:
        return None
    if not isinstance(node.value[0], yaml.ScalarNode):
        return None
    if isinstance(value[0], (datetime.date, datetime.datetime)):
        return None
    name = type_name(value[0])
    if name is None or (name == 'int' and not -2**63 <= value[0] < 2**63):
        return None
    if '\t' in source or '\n' in str(value[0]):
        return None
    return name, str(value[0])


def random_sources(rng, count):
    alphabet = '0123456789_:.+-eExXbBoO~nulyYsN'
    sources = []
    while len(sources) < count:
        length = rng.randint(1, 9)
        sources.append(''.join(rng.choice(alphabet) for _ in range(length)))
    return sources


def main():
    rng = random.Random(1411)
    sources = HAND_MADE.split() + QUOTED + random_sources(rng, 6000)
    seen = set()
    with open(sys.argv[1], 'w') as out:
        for source in sources:
            if source in seen:
                continue
            seen.add(source)
            result = resolve(source)
            if result:
                out.write(f'{source}\t{result[0]}\t{result[1]}\n')


main()
