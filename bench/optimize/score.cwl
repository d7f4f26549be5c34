cwlVersion: v1.2
class: CommandLineTool
doc: A step that only prints a score line.
baseCommand: echo
arguments: ["score:"]
inputs:
  x: {type: int, inputBinding: {position: 1}}
outputs: []
