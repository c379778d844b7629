"""Jobs: the context, inline runs, and the worker-process pool (progress, errors, cancel)."""

from __future__ import annotations

import logging
import time

import pytest
import sample_jobs

from iotfin_gui.core.errors import JobCancelled
from iotfin_gui.core.jobs import JobContext, JobPool, JobSpec, run_inline
from iotfin_gui.core.store import Store


@pytest.fixture(scope="module")
def pool():
    pool = JobPool(max_workers=2, cancel_grace=1.0, warm_imports=("pandas",))
    yield pool
    pool.shutdown()


def test_progress_is_throttled_and_is_a_cancel_point() -> None:
    reports: list[tuple[float | None, str]] = []
    cancel = [False]
    ctx = JobContext(lambda f, m: reports.append((f, m)), lambda: cancel[0], min_interval=10)
    for i in range(1000):
        ctx.progress(i / 1000, "same")
    assert len(reports) == 1
    ctx.progress(0.5, "new message")
    assert reports[-1] == (0.5, "new message")
    cancel[0] = True
    with pytest.raises(JobCancelled):
        ctx.progress(0.6, "x")


def test_scaled_context_maps_into_a_sub_range() -> None:
    reports: list[float | None] = []
    ctx = JobContext(lambda f, m: reports.append(f), min_interval=0)
    sub = ctx.scaled(0.5, 1.0)
    sub.progress(0.5, "half of the second half")
    assert reports[-1] == pytest.approx(0.75)


def test_spec_refuses_functions_a_worker_cannot_import() -> None:
    def local(ctx: JobContext) -> None:
        return None

    with pytest.raises(ValueError, match="module level"):
        JobSpec.of("local", local)


def test_inline_run() -> None:
    assert run_inline(JobSpec.of("add", sample_jobs.add, a=2, b=3)) == 5


def test_pool_runs_a_job_and_reports_progress(pool: JobPool) -> None:
    job_id = pool.submit(JobSpec.of("count", sample_jobs.count_slowly, steps=10, delay=0.01))
    final = pool.wait(job_id, timeout=60)
    assert final.kind == "done" and final.result == 10


def test_user_facing_errors_keep_their_message(pool: JobPool) -> None:
    final = pool.wait(pool.submit(JobSpec.of("bad file", sample_jobs.fail_for_user)))
    assert final.kind == "error"
    assert final.message == "file atm.csv, row 7, column 'amount': unparseable number 'abc'"
    assert "Traceback" in final.details


def test_bugs_are_reported_as_unexpected_with_details(pool: JobPool) -> None:
    final = pool.wait(pool.submit(JobSpec.of("bug", sample_jobs.fail_with_bug)))
    assert final.kind == "error" and final.message.startswith("Unexpected error (KeyError)")
    assert "fail_with_bug" in final.details


def test_a_worker_that_dies_is_reported_and_replaced(pool: JobPool) -> None:
    final = pool.wait(pool.submit(JobSpec.of("die", sample_jobs.die)))
    assert final.kind == "error" and "stopped unexpectedly" in final.message
    assert pool.wait(pool.submit(JobSpec.of("add", sample_jobs.add, a=1, b=1))).result == 2


def test_an_unpicklable_result_becomes_an_error(pool: JobPool) -> None:
    final = pool.wait(pool.submit(JobSpec.of("lambda", sample_jobs.unpicklable)))
    assert final.kind == "error" and "could not be returned" in final.message


def _wait_until_started(pool: JobPool, job_id: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pool.poll()
        if any(j[0] == job_id and j[2] is not None for j in pool.running()):
            return
        time.sleep(0.02)
    raise TimeoutError("job never reported progress")


def test_cooperative_cancel(pool: JobPool) -> None:
    job_id = pool.submit(JobSpec.of("count", sample_jobs.count_slowly, steps=10_000))
    _wait_until_started(pool, job_id)
    pool.cancel(job_id)
    assert pool.wait(job_id, timeout=10).kind == "cancelled"


def test_cancel_kills_a_job_that_never_checks(pool: JobPool) -> None:
    job_id = pool.submit(JobSpec.of("gil", sample_jobs.hold_the_gil, seconds=60))
    deadline = time.monotonic() + 30
    while not pool.running() and time.monotonic() < deadline:
        pool.poll()
    time.sleep(0.3)
    pool.cancel(job_id)
    assert pool.wait(job_id, timeout=10).kind == "cancelled"
    assert pool.wait(pool.submit(JobSpec.of("add", sample_jobs.add, a=2, b=2))).result == 4


@pytest.mark.parametrize("cooperative", [True, False])
def test_cancelled_writes_leave_nothing_in_the_store(pool: JobPool, store_path, cooperative):
    Store.open(store_path).close()
    job_id = pool.submit(JobSpec.of("write", sample_jobs.write_slowly, db_path=str(store_path),
                                    name="partial", cooperative=cooperative))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pool.poll()
        if pool.running() and (not cooperative or pool.running()[0][2]):
            break
        time.sleep(0.02)
    time.sleep(0.5)
    pool.cancel(job_id)
    assert pool.wait(job_id, timeout=10).kind == "cancelled"
    with Store.open(store_path) as store:
        assert not store.has_dataset("partial")
        assert store.table_counts()["datasets"] == 0
        assert [t for t in store.db.table_names() if t.startswith("ds_")] == []


def test_a_new_job_with_the_same_key_cancels_the_old_one(pool: JobPool) -> None:
    old = pool.submit(JobSpec.of("old", sample_jobs.count_slowly, steps=10_000), key="k")
    new = pool.submit(JobSpec.of("new", sample_jobs.add, a=1, b=2), key="k")
    events = {}
    deadline = time.monotonic() + 30
    while len(events) < 2 and time.monotonic() < deadline:
        for event in pool.poll():
            if event.kind in ("done", "cancelled", "error"):
                events[event.job_id] = event
        time.sleep(0.02)
    assert events[old].kind == "cancelled"
    assert events[new].kind == "done" and events[new].result == 3


def test_a_job_s_warnings_reach_the_owner_s_log(pool: JobPool) -> None:
    job = pool.submit(JobSpec.of("warn", sample_jobs.warn, name="part-0.parquet"))
    events = []
    deadline = time.monotonic() + 30
    while not any(e.kind == "done" for e in events) and time.monotonic() < deadline:
        events.extend(e for e in pool.poll() if e.job_id == job)
        time.sleep(0.02)
    logged = [(e.logger, e.level, str(e.message)) for e in events if e.kind == "log"]
    assert logged == [("iotfin.sample", logging.WARNING,
                       "the workers cannot see part-0.parquet")]
    assert events[-1].kind == "done" and events[-1].result == "part-0.parquet"
