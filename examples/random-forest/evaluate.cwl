#!/usr/bin/env cwl-runner
# evaluate.py sits beside this file; the script input finds it relative
# to this file.
cwlVersion: v1.0
class: CommandLineTool
doc: >
  Score a fitted model on the test set and print the accuracy and the
  line "F1: VALUE" (macro F1) into metrics.txt.
baseCommand: /usr/bin/python3
inputs:
  script:
    type: File
    default: {class: File, location: evaluate.py}
    inputBinding: {position: -1}
  model:
    type: File
    inputBinding: {prefix: --model}
  test_data:
    type: File
    inputBinding: {prefix: --test}
stdout: metrics.txt
outputs:
  metrics:
    type: File
    outputBinding: {glob: metrics.txt}
