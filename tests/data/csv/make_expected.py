#!/usr/bin/python3
"""Write the CSV writer's test data with Python's csv module (default
dialect), which SABER wrote its results with.

Run it with Debian's Python from this folder: ./make_expected.py
It writes rows.txt, one row per line as NAME then each field as '=' and
its UTF-8 bytes in hexadecimal ('~' for None), all separated by tabs;
NAME.csv, the bytes csv.writer writes for that row alone; and all.csv,
every row in order.
"""
import csv

ROWS = [
    ("example", ["1", "train", "a,b", "0.5", ""]),
    ("quotes", ['say "hi"', '"', '"a', 'a"']),
    ("newline", ["a\nb", "x"]),
    ("carriage_return", ["a\rb"]),
    ("crlf", ["x\r\n", "y"]),
    ("spaces", [" leading", "trailing ", " ", "in side"]),
    ("single_empty", [""]),
    ("two_empty", ["", ""]),
    ("no_fields", []),
    ("none_alone", [None]),
    ("none_and_text", [None, "a"]),
    ("non_ascii", ["héllo", "日本語", "naïve,x", "ümlaut\"q"]),
    ("other_punctuation", ["a\tb", "a;b", "#x", "'q'", "\\", "a|b", "=1+2"]),
    ("header", ["run_id", "iteration", "threshold", "job_id", "cost", "score",
                "status"]),
    ("numbers", ["0.30000000000000004", "1e-05", "nan", "-inf", "5000"]),
    ("long_field", ["x" * 70000 + '"' + "y" * 10, "z"]),
]


def encode(field):
    if field is None:
        return "~"
    return "=" + field.encode("utf-8").hex()


def write_rows(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        for row in rows:
            writer.writerow(row)


def main():
    with open("rows.txt", "w", encoding="ascii", newline="\n") as listing:
        for name, row in ROWS:
            listing.write("\t".join([name] + [encode(f) for f in row]) + "\n")
            write_rows(name + ".csv", [row])
    write_rows("all.csv", [row for _, row in ROWS])


main()
