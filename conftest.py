"""Pytest set-up shared by every test of the repository.

pytest-odoo 1.0.1 (the last release for Python 3.7) treats every test file as
part of an Odoo addon: for files outside an addon (the cross-addon tests in
tests/) its manifest lookup walks up to "/" and fails. These two hooks answer
first for such files and leave addon files to pytest-odoo.
"""
from pathlib import Path

import _pytest.python


def _in_addon(path):
    path = Path(str(path)).resolve()
    return any((parent / "__manifest__.py").is_file() for parent in path.parents)


def pytest_ignore_collect(collection_path):
    if not _in_addon(collection_path):
        return False
    return None


def pytest_pycollect_makemodule(module_path, path, parent):
    if not _in_addon(module_path):
        return _pytest.python.Module.from_parent(parent, path=Path(str(module_path)))
    return None
