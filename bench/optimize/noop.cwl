cwlVersion: v1.2
class: CommandLineTool
doc: A step that does nothing but start and exit.
baseCommand: "true"
inputs:
  x: {type: int, inputBinding: {position: 1}}
outputs: []
