cwlVersion: v1.2
class: CommandLineTool
doc: Evaluates one benchmark function at a point (the testfn program).
baseCommand: testfn
inputs:
  function: {type: string, inputBinding: {position: 0}}
  x0: {type: "double?", inputBinding: {position: 1}}
  x1: {type: "double?", inputBinding: {position: 2}}
  x2: {type: "double?", inputBinding: {position: 3}}
  x3: {type: "double?", inputBinding: {position: 4}}
  x4: {type: "double?", inputBinding: {position: 5}}
  x5: {type: "double?", inputBinding: {position: 6}}
outputs: []
