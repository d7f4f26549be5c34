# Three steps that do almost nothing, one after the other: the cost of
# running a workflow rather than its commands.
cwlVersion: v1.2
class: Workflow
inputs:
  message: string
outputs:
  result: {type: File, outputSource: third/out}
steps:
  first: {run: echo.cwl, in: {message: message}, out: [out]}
  second: {run: cat.cwl, in: {file: first/out}, out: [out]}
  third: {run: cat.cwl, in: {file: second/out}, out: [out]}
