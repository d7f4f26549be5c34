#!/usr/bin/env cwl-runner
# The program membrane_classify is built by make beside this file; the
# exe input finds it relative to this file, not through PATH.
cwlVersion: v1.0
class: CommandLineTool
doc: >
  Generate a synthetic X-ray-like volume with known cells and vessels,
  write the true cell centers, and turn the volume into a cell probability
  map by smoothing, a logistic threshold and an opening that removes the
  vessels.
inputs:
  exe:
    type: File
    default: {class: File, location: membrane_classify}
    inputBinding: {position: -1}
  seed:
    type: int
    default: 0
    inputBinding: {prefix: --seed}
  size:
    type: int
    default: 64
    inputBinding: {prefix: --size}
  cell_count:
    type: int
    default: 40
    inputBinding: {prefix: --cells}
  vessel_count:
    type: int
    default: 6
    inputBinding: {prefix: --vessels}
  noise:
    type: float
    default: 0.25
    inputBinding: {prefix: --noise}
  sigma:
    type: float
    default: 1.0
    inputBinding: {prefix: --sigma}
  intensity_threshold:
    type: float
    default: 0.4
    inputBinding: {prefix: --intensity-threshold}
  erodesz:
    type: int
    default: 2
    inputBinding: {prefix: --erodesz}
arguments: [--output, probability.vol, --truth, truth.txt]
outputs:
  probability_map:
    type: File
    outputBinding: {glob: probability.vol}
  truth:
    type: File
    outputBinding: {glob: truth.txt}
