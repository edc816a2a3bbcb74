from twinning.config.celery import app

from .services import job_run


@app.task(name="twinning.jobs.run", acks_late=True, ignore_result=True)
def run_job(job_id: int) -> str:
    return str(job_run(job_id=job_id).state)
