#!/usr/bin/env cwl-runner
cwlVersion: v1.0
class: Workflow
doc: >
  A cell-detection pipeline shaped like SABER's X-ray (xbrain) workflow, on
  a synthetic volume whose true cells are known: membrane_classify makes a
  cell probability map, cell_detect finds the cells, metrics scores them
  with F1.  Each workflow input has the name of the step input it feeds,
  so a parameterize file and a job file use the same names.
inputs:
  seed: int
  size: int
  cell_count: int
  vessel_count: int
  noise: float
  sigma: float
  intensity_threshold: float
  erodesz: int
  threshold: float
  stop: float
  initial_template_size: int
  dilation: int
  max_cells: int
  match_distance: float
outputs:
  probability_map:
    type: File
    outputSource: membrane_classify/probability_map
  truth:
    type: File
    outputSource: membrane_classify/truth
  cells:
    type: File
    outputSource: cell_detect/cells
  report:
    type: File
    outputSource: metrics/metrics
steps:
  membrane_classify:
    run: membrane_classify.cwl
    in:
      seed: seed
      size: size
      cell_count: cell_count
      vessel_count: vessel_count
      noise: noise
      sigma: sigma
      intensity_threshold: intensity_threshold
      erodesz: erodesz
    out: [probability_map, truth]
  cell_detect:
    run: cell_detect.cwl
    in:
      input: membrane_classify/probability_map
      threshold: threshold
      stop: stop
      initial_template_size: initial_template_size
      dilation: dilation
      max_cells: max_cells
    out: [cells]
  metrics:
    run: metrics.cwl
    in:
      detections: cell_detect/cells
      truth: membrane_classify/truth
      match_distance: match_distance
    out: [metrics]
    hints:
      saber:
        score_format: "F1: {score}"
