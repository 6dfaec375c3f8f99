"""Running the database task queue's worker inside a test (the queue the alerts and the
embeds' card fetches use)."""

from django_tasks_db.management.commands.db_worker import Worker


def run_ready_tasks() -> None:
    """Run every task that is ready now, in this process, and return."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    ).run()
