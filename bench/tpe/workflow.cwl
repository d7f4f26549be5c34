cwlVersion: v1.2
class: Workflow
doc: One step that prints the value of a benchmark function at x0, x1, ...
inputs:
  function: string
  x0: double?
  x1: double?
  x2: double?
  x3: double?
  x4: double?
  x5: double?
outputs: []
steps:
  evaluate:
    run: testfn.cwl
    in:
      function: function
      x0: x0
      x1: x1
      x2: x2
      x3: x3
      x4: x4
      x5: x5
    out: []
    hints:
      saber:
        score_format: "value: {score}"
