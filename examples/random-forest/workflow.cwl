#!/usr/bin/env cwl-runner
cwlVersion: v1.0
class: Workflow
doc: >
  A random forest on scikit-learn's handwritten digits: split the data,
  fit the forest (scored by its out-of-bag error), and evaluate it on the
  test set (scored by macro F1).  Each workflow input has the name of the
  step input it feeds, so a parameterize file and a job file use the same
  names.
inputs:
  split_seed: int
  test_fraction: float
  n_estimators: int
  max_depth: int?
  max_features: string
  forest_seed: int
outputs:
  model:
    type: File
    outputSource: train/model
  metrics:
    type: File
    outputSource: evaluate/metrics
steps:
  split:
    run: split.cwl
    in:
      split_seed: split_seed
      test_fraction: test_fraction
    out: [train_data, test_data]
  train:
    run: train.cwl
    in:
      train_data: split/train_data
      n_estimators: n_estimators
      max_depth: max_depth
      max_features: max_features
      forest_seed: forest_seed
    out: [model]
    hints:
      saber:
        score_format: "{} Average OOB: {score}"
  evaluate:
    run: evaluate.cwl
    in:
      model: train/model
      test_data: split/test_data
    out: [metrics]
    hints:
      saber:
        score_format: "F1: {score}"
