#!/bin/sh
# The three commands of wf.cwl, run by the shell in folder $1.
set -e
cd "$1"
/usr/bin/echo hello > out1.txt
cat out1.txt > out2.txt
cat out2.txt > out3.txt
