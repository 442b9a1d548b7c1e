"""APScheduler's job store table, declared here so that migrations create it like any other."""

from sqlalchemy import Column, Float, LargeBinary, Table, Unicode

from circles.extensions import db

# The same columns SQLAlchemyJobStore declares; it finds the table already there.
scheduler_jobs = Table(
    "apscheduler_jobs",
    db.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)
