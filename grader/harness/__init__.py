"""Code that runs inside the runner container: supervisor, candidate boot, harness and checks.

Everything under this package is copied into the runner image and may import only the standard
library, numpy, matplotlib and Pillow.

What question authors import now lives in `grader.authoring`; `kit`, `calls`, `figures`,
`elements`, `checks`, `decorations`, `distributions`, `colours`, `locate` and `pixels` here are
thin re-exports of it, kept because stored versions of questions import these paths.
"""
