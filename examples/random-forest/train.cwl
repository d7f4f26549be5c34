#!/usr/bin/env cwl-runner
# train.py sits beside this file; the script input finds it relative to
# this file.
cwlVersion: v1.0
class: CommandLineTool
doc: >
  Fit a random forest with out-of-bag scoring and log
  "Training complete. Average OOB: ERROR", where ERROR is 1 - oob_score_.
baseCommand: /usr/bin/python3
inputs:
  script:
    type: File
    default: {class: File, location: train.py}
    inputBinding: {position: -1}
  train_data:
    type: File
    inputBinding: {prefix: --train}
  n_estimators:
    type: int
    default: 100
    inputBinding: {prefix: --n-estimators}
  max_depth:
    doc: Largest depth of a tree; no limit when left out.
    type: int?
    inputBinding: {prefix: --max-depth}
  max_features:
    doc: sqrt, log2, None (every feature), a count or a fraction.
    type: string
    default: sqrt
    inputBinding: {prefix: --max-features}
  forest_seed:
    type: int
    default: 0
    inputBinding: {prefix: --seed}
arguments: [--model, model.pkl]
outputs:
  model:
    type: File
    outputBinding: {glob: model.pkl}
