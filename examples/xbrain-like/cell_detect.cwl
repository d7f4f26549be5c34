#!/usr/bin/env cwl-runner
# The program cell_detect is built by make beside this file; the exe input
# finds it relative to this file, not through PATH.
cwlVersion: v1.0
class: CommandLineTool
doc: >
  Find cells in a cell probability map by greedy template matching with a
  ball template, and write their centers.
inputs:
  exe:
    type: File
    default: {class: File, location: cell_detect}
    inputBinding: {position: -1}
  input:
    type: File
    inputBinding: {prefix: --input}
  threshold:
    type: float
    default: 0.5
    inputBinding: {prefix: --threshold}
  stop:
    type: float
    default: 0.5
    inputBinding: {prefix: --stop}
  initial_template_size:
    type: int
    default: 8
    inputBinding: {prefix: --initial-template-size}
  dilation:
    type: int
    default: 2
    inputBinding: {prefix: --dilation}
  max_cells:
    type: int
    default: 500
    inputBinding: {prefix: --max-cells}
arguments: [--output, cells.txt]
outputs:
  cells:
    type: File
    outputBinding: {glob: cells.txt}
