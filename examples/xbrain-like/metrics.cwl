#!/usr/bin/env cwl-runner
# The program metrics is built by make beside this file; the exe input
# finds it relative to this file, not through PATH.
cwlVersion: v1.0
class: CommandLineTool
doc: >
  Match detected cells to the true cell centers and print precision,
  recall and the line "F1: VALUE" into metrics.txt.
inputs:
  exe:
    type: File
    default: {class: File, location: metrics}
    inputBinding: {position: -1}
  detections:
    type: File
    inputBinding: {prefix: --detections}
  truth:
    type: File
    inputBinding: {prefix: --truth}
  match_distance:
    type: float
    default: 4.0
    inputBinding: {prefix: --distance}
stdout: metrics.txt
outputs:
  metrics:
    type: File
    outputBinding: {glob: metrics.txt}
