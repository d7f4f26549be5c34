#!/usr/bin/python3
"""Write typed_cases.tsv: score_format cases with the score that Python's
parse package (Debian's python3-parse, 1.19) reads from each line.

Run it with Debian's Python from this folder: ./make_typed_cases.py
Each row is FORMAT<TAB>LINE<TAB>EXPECTED, where EXPECTED is repr() of
float(result['score']), NOMATCH when parse.parse() returns None, or
NOTANUMBER when parse matches but the score does not convert.
"""
import parse

CASES = [
    # d: decimal, signs, 0x/0b/0o prefixes, widths
    ("n={score:d}", "n=42"), ("n={score:d}", "n=-42"), ("n={score:d}", "n=+42"),
    ("n={score:d}", "n= 42"), ("n={score:d}", "n=0x1F"), ("n={score:d}", "n=0X1f"),
    ("n={score:d}", "n=-0x1f"), ("n={score:d}", "n= 0x1F"), ("n={score:d}", "n=0b101"),
    ("n={score:d}", "n=0o17"), ("n={score:d}", "n=-0"), ("n={score:d}", "n=4.5"),
    ("n={score:d}", "n=x"), ("n={score:d}", "n=007"),
    ("n={score:d}", "n=123456789012345678901234567890"),
    ("n={score:d}", "n=9007199254740993"), ("n={score:d}", "n=0x20000000000001"),
    ("n={score:3d}", "n=123"), ("n={score:3d}", "n=  1"), ("n={score:3d}", "n=1234"),
    ("n={score:<3d}", "n=12 "), ("n={score:<3d}", "n=12"), ("n={score:^5d}", "n= 12 "),
    ("n={score:=5d}", "n=-0012"), ("n={score:x=5d}", "n=-xx12"), ("n={score:x>5d}", "n=xx12"),
    ("n={score:05d}", "n=00012"),
    # n: digits grouped in threes
    ("n={score:n}", "n=1,234"), ("n={score:n}", "n=1.234.567"), ("n={score:n}", "n=-1,234"),
    ("n={score:n}", "n=1234"), ("n={score:n}", "n=12"),
    # b o x
    ("n={score:b}", "n=101"), ("n={score:b}", "n=0b101"), ("n={score:b}", "n=-0B11"),
    ("n={score:b}", "n=102"),
    ("n={score:b}", "n=11111111111111111111111111111111111111111111111111111"),
    ("n={score:b}", "n=100000000000000000000000000000000000000000000000000001"),
    ("n={score:o}", "n=17"), ("n={score:o}", "n=0o17"), ("n={score:o}", "n=18"),
    ("n={score:o}", "n=7777777777777777777777"),
    ("n={score:x}", "n=ff"), ("n={score:x}", "n=0xFF"), ("n={score:x}", "n=0b1"),
    ("n={score:x}", "n=-ff"), ("n={score:x}", "n=fg"),
    ("n={score:x}", "n=fffffffffffffffffffffffffffffffff"),
    # f F e g %
    ("v={score:f}", "v=3.14"), ("v={score:f}", "v=.5"), ("v={score:f}", "v=-.5"),
    ("v={score:f}", "v=1."), ("v={score:f}", "v=3"), ("v={score:f}", "v=1e3"),
    ("v={score:.2f}", "v=3.14159"), ("v={score:8.3f}", "v=   3.142"),
    ("v={score:<8.3f}", "v=3.142   "), ("v={score:=8.2f}", "v=-0003.14"),
    ("v={score:F}", "v=2.5"), ("v={score:F}", "v=-2.5"), ("v={score:F}", "v=0.1"),
    ("v={score:e}", "v=1.5e-03"), ("v={score:e}", "v=-1.5E+02"), ("v={score:e}", "v=1e-03"),
    ("v={score:e}", "v=.5e1"), ("v={score:e}", "v=nan"), ("v={score:e}", "v=NaN"),
    ("v={score:e}", "v=-inf"), ("v={score:e}", "v=+INF"), ("v={score:e}", "v=1.5"),
    ("v={score:g}", "v=1.5"), ("v={score:g}", "v=2"), ("v={score:g}", "v=1e5"),
    ("v={score:g}", "v=-1.5E-5"), ("v={score:g}", "v=.5"), ("v={score:g}", "v=inf"),
    ("v={score:g}", "v=nan"), ("v={score:g}", "v=1.5e"), ("v={score:^9g}", "v=  0.25  "),
    ("v={score:g}", "v=1e999"),
    ("acc {score:%}", "acc 93%"), ("acc {score:%}", "acc 93.5%"), ("acc {score:%}", "acc -5%"),
    ("acc {score:%}", "acc 93"), ("acc {score:%}", "acc .5%"),
    # text types, converted with float() afterwards
    ("v={score:w}", "v=12"), ("v={score:w}", "v=1.2"), ("v={score:w}", "v=abc"),
    ("v={score:S}", "v=1.25e3"), ("v={score:S}", "v=1 2"), ("v={score:S}", "v=-inf"),
    ("v={score:D}", "v=x"), ("v={score:l}", "v=inf"), ("v={score:l}", "v=Infinity"),
    ("v={score:l}", "v=nan5"), ("v={}{score:W}", "v=ab--"),
    ("v={score:s}", "v= "), ("a{:s}{score}", "a  7"),
    # widths and precisions without a type
    ("v={score:.3}", "v=1.5"), ("v={score:.3}", "v=1.25"), ("v={score:5}", "v=  1.5"),
    ("v={score:5}", "v=1.5"), ("v={score:2.4}", "v=1.5"), ("v={score:>6}", "v=   2.5"),
    ("v={score:<}", "v=2.5 "), ("v={score:<}", "v=2.5"), ("v={score:*^7}", "v=**2.5**"),
    # Python float() rules for untyped fields
    ("v={score}", "v=1_000.5"), ("v={score}", "v=1__0"), ("v={score}", "v=0x10"),
    ("v={score}", "v=1,5"), ("v={score}", "v=  7  "), ("v={score}", "v=-Infinity"),
    ("v={score}", "v=+nan"), ("v={score}", "v=1e400"), ("v={score}", "v=1e-400"),
    ("v={score}", "v=.5"), ("v={score}", "v=5."), ("v={score}", "v=."),
    ("v={score}", "v=0.1"), ("v={score}", "v=1E5"), ("v={score}", "v=infinit"),
    # several fields, anonymous and named, repetitions
    ("{:d} {name} {score}", "12 abc 0.5"), ("{:d} {name} {score}", "x abc 0.5"),
    ("{a} {a} {score}", "ab ab 1.5"), ("{a} {a} {score}", "ab AB 1.5"),
    ("{a} {a} {score}", "ab cd 1.5"), ("{score} {score}", "2.5 2.5"),
    ("{score} {score}", "2.5 3.5"), ("{a:d}-{a:d}={score}", "3-3=1"),
    ("{0} {score}", "x 1.5"), ("{_x} {score}", "x 1.5"), ("{a.b} {score}", "x 2"),
    ("{a[k]} {score}", "x 2"), ("{} {} {score}", "a b c 4"),
    ("epoch {epoch:d}/{total:d} loss={score:f}", "Epoch 3/10 loss=0.125"),
    # lazy fields: the first field takes as little as it can
    ("{} loss={score}", "a loss=1 loss=2"),
    ("{score} {}", "1 2 3"), ("{}={score}", "a=b=3"),
    # literal characters that regular expressions treat specially
    ("f(x)=[{score}]", "f(x)=[0.5]"), ("a.b {score}", "axb 0.5"), ("a.b {score}", "a.b 0.5"),
    ("x*y+z? {score}", "x*y+z? 2"), ("$ {score} ^", "$ 3 ^"), ("a|b {score}", "a 4"),
    ("a|b {score}", "a|b 4"), ("back\\slash {score}", "back\\slash 5"),
    ("{{{score}}}", "{6}"), ("{{score}} {score}", "{score} 7"), ("100% {score}", "100% 8"),
    ("#{score}", "#9"), ("a  b {score}", "a  b 1"), ("a  b {score}", "a b 1"),
    # case folding and Unicode
    ("LOSS {score}", "loss 1.5"), ("Époque {score}", "époque 2.5"),
    ("straße {score}", "STRASSE 3.5"), ("{} ΣΟΦΊΑ {score}", "x σοφία 4.5"),
    ("v={score:.2}", "v=é1"), ("{} → {score}", "a → 0.5"), ("n={score:d}", "n=١٢"),
    ("{:w} {score}", "héllo 5"),
    ("T \u212a {score}", "t k 1.5"), ("\u017f={score}", "S=2"),
    ("\u212a {score}", "x 1.5"), ("{} Average OOB: {score}", "AVERAGE OOB: 1"),
    # float() reads any Unicode decimal digit and space
    ("v={score}", "v=\u0663.\u0665"), ("v={score}", "v=\u00a01.5\u3000"),
    ("v={score}", "v=\uff11\uff12"), ("v={score}", "v=1\u200b"),
    ("v={score}", "v=\U0001d7cf"), ("v={score}", "v=1e\u0663"),
    ("v={score:w}", "v=\u0661\u0662"), ("v={score:%}", "v=\u0665%"),
]


def expected(fmt, line):
    try:
        result = parse.parse(fmt, line)
    except ValueError:
        return "NOTANUMBER"
    if result is None:
        return "NOMATCH"
    try:
        return repr(float(result["score"]))
    except (ValueError, OverflowError):
        return "NOTANUMBER"


def main():
    with open("typed_cases.tsv", "w", encoding="utf-8", newline="\n") as out:
        out.write("# format\tline\texpected (written by make_typed_cases.py "
                  "with parse %s)\n" % parse.__version__)
        for fmt, line in CASES:
            out.write("%s\t%s\t%s\n" % (fmt, line, expected(fmt, line)))


main()
