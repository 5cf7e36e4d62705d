"""Regrade jobs: follow a question's regrade and read what changed (read scope)."""

from __future__ import annotations

from fastapi import APIRouter

from grader.api.deps import ReadCaller, ServicesDep
from grader.api.models import RegradeJobList, RegradeJobPublic
from grader.api.problems import documented

router = APIRouter(prefix="/v1/regrade-jobs", tags=["regrade jobs"])


@router.get("", response_model=RegradeJobList, responses=documented())
def list_regrade_jobs(caller: ReadCaller, services: ServicesDep) -> RegradeJobList:
    """The tenant's regrade jobs, newest first."""
    return services.regrade_job_list(caller=caller)


@router.get(
    "/{job_id}",
    response_model=RegradeJobPublic,
    responses=documented(404, notes={404: "No such job (another tenant's job is not found)."}),
)
def get_regrade_job(job_id: str, caller: ReadCaller, services: ServicesDep) -> RegradeJobPublic:
    """A regrade job's progress and, once every submission is graded again, its summary."""
    return services.regrade_job(caller=caller, job_id=job_id)
