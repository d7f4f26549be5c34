# Copies a file to out.txt.
cwlVersion: v1.2
class: CommandLineTool
baseCommand: cat
inputs:
  file: {type: File, inputBinding: {position: 1}}
stdout: out.txt
outputs:
  out: {type: File, outputBinding: {glob: out.txt}}
