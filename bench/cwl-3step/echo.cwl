# Writes its message to out.txt.
cwlVersion: v1.2
class: CommandLineTool
baseCommand: echo
inputs:
  message: {type: string, inputBinding: {position: 1}}
stdout: out.txt
outputs:
  out: {type: File, outputBinding: {glob: out.txt}}
