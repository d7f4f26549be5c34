cwlVersion: v1.2
class: Workflow
inputs:
  x: int
  y: float
  mode: string
  state: string
outputs: []
steps:
  prepare:
    run: step.cwl
    in:
      mode: {default: prepare}
      x: x
      y: y
      state: state
    out: []
  train:
    run: step.cwl
    in:
      mode: mode
      x: x
      y: y
      state: state
    out: []
    hints:
      saber:
        score_format: "loss: {score}"
