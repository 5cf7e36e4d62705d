"""The application layer: what the HTTP API asks of the grader, one module per resource.

- `submissions`: queue an answer, wait for it, read it back with its runs and artifacts;
- `reviews`: a person's score for a graded submission;
- `regrades`: grade a submission, or a question's submissions as a job, again;
- `tenants`: a tenant's webhook URL and secret;
- `exports`: a tenant's submissions as an export for `grader replay`;
- `webhooks`: where a submission's webhook goes and what it says;
- `auth`: who is calling, from an API key;
- `application`: builds all of the above for one process and runs its workers.

Services take plain keyword arguments, return rows and results, raise errors from
`grader.errors` and know nothing of HTTP: the API turns what they return into its public
models (`grader.api.presenters`) and their errors into problems (`grader.api.problems`).
"""
