"""pytest setup for the Python package's tests (run by ctest: tests/CMakeLists.txt).

A skipped test is not a pass: the session fails if any test was skipped.
"""
import os
import pathlib

import pytest
import torch

# One thread: ctest runs other tests beside this suite, some of them against a wall clock.
torch.set_num_threads(1)

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def repo():
    return REPO


@pytest.fixture
def cli():
    """The `tempo` executable of the same build (ctest sets TEMPO_CLI)."""
    return os.environ["TEMPO_CLI"]


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"{len(skipped)} test(s) skipped: a skip is not a pass", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
