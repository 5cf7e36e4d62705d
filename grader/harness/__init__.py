"""Code that runs inside the runner container: supervisor, candidate boot, harness and checks.

Everything under this package is copied into the runner image and may import only the standard
library, numpy, matplotlib and Pillow.
"""
