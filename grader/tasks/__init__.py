"""Scale-out on Celery with a Redis broker: tasks carry submission ids; the database decides.

- `broker.py`: the Celery app's settings and the queue API processes send tasks to.
- `reconciler.py`: in every API process, one at a time, queues again what lost its worker
  (an expired lease) or its task (a broker that was down), with bounded attempts.
- `worker.py`: `grader worker`, a Celery worker that claims a submission with a lease, grades it
  with its host's Docker engine and writes the result through the claim token exactly once.
"""
