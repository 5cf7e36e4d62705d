"""The in-container runtime: isolate the answer, supervise both processes, report one envelope.

Everything here runs inside a runner container and is copied into the runner image. The
supervisor (`supervisor`, PID 1) runs the candidate phase (`candidate_phase`: the answer under
the candidate uid, booted by `candidate_boot` with the figure `capture`, the `seccomp` filter
and, for function calls, `serve`), then the harness phase (`harness_phase`: the hidden tests in
`hidden_tests` under the harness uid), and writes the envelope. `protocol` types what crosses
the container boundary in both directions and is the one module the service side imports;
`wire` is the format of calls between the harness and the candidate.

Invariant: nothing here imports the service side (`grader.api`, `grader.store`,
`grader.sandbox`, `grader.grading`, `grader.config`, ...). Only the standard library, numpy,
matplotlib, Pillow, `grader` itself and the authoring API (`grader.authoring`) are available
in the image.
"""
