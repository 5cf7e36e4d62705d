"""Regrade jobs: follow a question's regrade and read what changed (read scope)."""

from __future__ import annotations

from fastapi import APIRouter

from grader.api import presenters
from grader.api.deps import ReadCaller, RegradesDep
from grader.api.models import RegradeJobList, RegradeJobPublic
from grader.api.problems import documented

router = APIRouter(prefix="/v1/regrade-jobs", tags=["regrade jobs"])


@router.get("", response_model=RegradeJobList, responses=documented())
def list_regrade_jobs(caller: ReadCaller, regrades: RegradesDep) -> RegradeJobList:
    """The tenant's regrade jobs, newest first."""
    return presenters.regrade_job_list(regrades.jobs(tenant=caller.tenant))


@router.get(
    "/{job_id}",
    response_model=RegradeJobPublic,
    responses=documented(404, notes={404: "No such job (another tenant's job is not found)."}),
)
def get_regrade_job(job_id: str, caller: ReadCaller, regrades: RegradesDep) -> RegradeJobPublic:
    """A regrade job's progress and, once every submission is graded again, its summary."""
    return presenters.regrade_job(regrades.job(tenant=caller.tenant, job_id=job_id))
