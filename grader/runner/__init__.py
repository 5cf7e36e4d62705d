"""The in-container runtime: isolate the answer, supervise both processes, report one envelope.

Everything here runs inside a runner container, copied into the runner image:

- `supervisor`: PID 1's entry point; reads the job, runs the two phases, writes the envelope.
- `candidate_phase`: runs the answer under the candidate uid and watches its limits;
  `candidate_boot` is that process's entry point, with the figure `capture`, the `seccomp`
  filter and, for calls into its functions, `serve`; `written_files` reads what it wrote.
- `harness_phase`: renders the reference if asked and runs `hidden_tests`, the harness process,
  under the harness uid.
- `processes`, `cgroup`, `pipes`, `environment`: forking, reaping and killing; cgroup
  readings; bounded streams and call pipes; the environment each child starts with.
- `protocol`: the shapes of everything that crosses the container boundary, and the shared
  names and caps; the one module the service side imports from here. `wire` is the format
  of values in calls between the harness and the candidate.

Invariant: nothing here imports the service side (`grader.api`, `grader.store`,
`grader.sandbox`, `grader.grading`, `grader.config`, `grader.bank`, ...), which is not in the
image. Only the standard library, numpy, matplotlib, Pillow, `grader` itself and the authoring
API (`grader.authoring`, which the harness process runs the hidden tests with) are there.
"""
