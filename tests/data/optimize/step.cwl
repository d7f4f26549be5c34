cwlVersion: v1.2
class: CommandLineTool
baseCommand: sh
inputs:
  script:
    type: File
    default: {class: File, location: step.sh}
    inputBinding: {position: 0}
  mode: {type: string, inputBinding: {position: 1}}
  x: {type: int, inputBinding: {position: 2}}
  y: {type: float, inputBinding: {position: 3}}
  state: {type: string, inputBinding: {position: 4}}
outputs: []
