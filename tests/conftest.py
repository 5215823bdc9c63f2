"""Tests of tests/ that run only when asked for.

`open_defect`: a test that shows a defect not fixed yet (its marker names
the defect); it runs with ECOM_RUN_OPEN_DEFECTS=1 and fails until the fix.

Otherwise these tests are *deselected*: pytest's summary counts them as
"deselected", never as passed or skipped, and says which and why.
"""
import os

GATES = {
    "open_defect": ("ECOM_RUN_OPEN_DEFECTS",
                    "they show a defect not fixed yet (see each test's marker); run them "
                    "with ECOM_RUN_OPEN_DEFECTS=1"),
}


def pytest_configure(config):
    for marker, (variable, why) in GATES.items():
        config.addinivalue_line("markers", "%s: %s; deselected unless %s=1" % (
            marker, why, variable))


def pytest_collection_modifyitems(config, items):
    dropped = {}
    for marker, (variable, _why) in GATES.items():
        if os.environ.get(variable) == "1":
            continue
        gone = [item for item in items if item.get_closest_marker(marker) is not None]
        if gone:
            config.hook.pytest_deselected(items=gone)
            items[:] = [item for item in items if item not in gone]
            dropped[marker] = [item.nodeid for item in gone]
    config._ecom_deselected = dropped


def pytest_terminal_summary(terminalreporter, config):
    for marker, nodeids in sorted(getattr(config, "_ecom_deselected", {}).items()):
        terminalreporter.write_line("NOT RUN (deselected, not passed): %s -- %s" % (
            ", ".join(nodeids), GATES[marker][1]), yellow=True)
