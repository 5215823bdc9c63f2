"""Tests of tests/ that run only when the machine allows them.

`pg_restart`: restarts the machine's PostgreSQL server (tests/test_faults.py).
The cluster is shared by every test run and every engineer of the machine,
so these tests run only with ECOM_FAULTS_PG_RESTART=1 (a machine of one's
own, or CI). Otherwise they are *deselected* (pytest's summary counts them
as "deselected", never as passed or skipped), and the summary says why.
"""
import os

PG_RESTART = "ECOM_FAULTS_PG_RESTART"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "pg_restart: restarts the shared PostgreSQL server; deselected unless "
                   "%s=1" % PG_RESTART)


def pytest_collection_modifyitems(config, items):
    if os.environ.get(PG_RESTART) == "1":
        return
    kept = [item for item in items if item.get_closest_marker("pg_restart") is None]
    dropped = [item for item in items if item.get_closest_marker("pg_restart") is not None]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
        config._ecom_pg_restart_deselected = [item.nodeid for item in dropped]


def pytest_terminal_summary(terminalreporter, config):
    dropped = getattr(config, "_ecom_pg_restart_deselected", [])
    if dropped:
        terminalreporter.write_line(
            "NOT RUN (deselected, not passed): %s -- they restart the shared PostgreSQL "
            "server; run them with %s=1 on a machine of your own" % (
                ", ".join(dropped), PG_RESTART), yellow=True)
