cwlVersion: v1.2
class: Workflow
doc: Three steps that do almost nothing, to measure saber-opt's own cost.
inputs:
  x: int
outputs: []
steps:
  first:
    run: noop.cwl
    in: {x: x}
    out: []
  second:
    run: noop.cwl
    in: {x: x}
    out: []
  third:
    run: score.cwl
    in: {x: x}
    out: []
    hints:
      saber:
        score_format: "score: {score}"
