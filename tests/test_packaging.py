"""Packaging (issue 19 item 6): a distribution name of its own, compatible ranges in
pyproject.toml and exact pins only in requirements.lock, the tools of tests, browser tests and
benchmark in extras, Python 3.11 and 3.12."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
DEV_TOOLS = {"pytest", "hypothesis", "playwright", "psutil"}


def lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            m = re.fullmatch(r"([A-Za-z0-9_.\-\[\],]+)==([^\s=<>~!;]+)", line)
            assert m, f"requirements.lock: not an exact pin: {line!r}"
            pins[canonicalize_name(m.group(1).split("[")[0])] = m.group(2)
    return pins


def test_distribution_name_and_import_package():
    assert PROJECT["name"] == "jp-security-events"
    assert PROJECT["scripts"] == {"jp-events": "pipeline.cli:main"}
    dist = metadata.distribution("jp-security-events")  # the installed one (make install)
    import pipeline

    assert dist.version == pipeline.__version__


def test_ranges_in_pyproject_exact_pins_in_the_lock():
    pins = lock()
    requirements = [Requirement(r) for r in PROJECT["dependencies"]]
    requirements += [Requirement(r) for extra in PROJECT["optional-dependencies"].values() for r in extra]
    for req in requirements:
        ops = {s.operator for s in req.specifier}
        assert "==" not in ops and "===" not in ops, f"pyproject.toml pins {req}: exact pins belong in requirements.lock"
        assert ops & {">=", "~="}, f"{req}: give a compatible range"
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not pinned in requirements.lock"
        assert req.specifier.contains(pins[name]), f"requirements.lock pins {req.name}=={pins[name]}, outside {req.specifier}"


def test_test_browser_and_bench_tools_are_extras():
    runtime = {canonicalize_name(Requirement(r).name) for r in PROJECT["dependencies"]}
    assert not runtime & DEV_TOOLS
    extras = {k: {canonicalize_name(Requirement(r).name) for r in v} for k, v in PROJECT["optional-dependencies"].items()}
    assert {"pytest", "hypothesis"} <= extras["test"] and extras["browser"] == {"playwright"} and extras["bench"] == {"psutil"}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "EXTRAS ?= test,browser,bench" in makefile and "-c requirements.lock -e '.[$(EXTRAS)]'" in makefile


def test_python_311_and_312():
    spec = SpecifierSet(PROJECT["requires-python"])
    assert spec.contains("3.11.7") and spec.contains("3.12.1")
