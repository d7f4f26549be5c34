#!/usr/bin/env cwl-runner
# split.py sits beside this file; the script input finds it relative to
# this file.  Debian's python3-sklearn provides the data set.
cwlVersion: v1.0
class: CommandLineTool
doc: >
  Split scikit-learn's handwritten digits into a stratified training set
  and test set, fixed by split_seed.
baseCommand: /usr/bin/python3
inputs:
  script:
    type: File
    default: {class: File, location: split.py}
    inputBinding: {position: -1}
  split_seed:
    type: int
    default: 0
    inputBinding: {prefix: --seed}
  test_fraction:
    type: float
    default: 0.25
    inputBinding: {prefix: --test-fraction}
arguments: [--train, train.npz, --test, test.npz]
outputs:
  train_data:
    type: File
    outputBinding: {glob: train.npz}
  test_data:
    type: File
    outputBinding: {glob: test.npz}
