"""The environment: environment.yml and pyproject.toml list the same packages; the lock pins every one."""

from __future__ import annotations

import re
import tomllib

from helpers import paths

# conda-forge names that differ from PyPI names
CONDA_TO_PYPI = {"vadersentiment": "vadersentiment"}


def canonical(requirement: str) -> str:
    name = re.split(r"[\s<>=!~\[;]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_packages() -> set[str]:
    data = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())
    return {canonical(r) for r in data["project"]["dependencies"]}


def environment_packages() -> set[str]:
    names = set()
    in_deps = False
    for line in (paths.ROOT / "environment.yml").read_text().splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        match = re.match(r"^  - ([A-Za-z0-9_.\-]+)", line)
        if in_deps and match:
            names.add(CONDA_TO_PYPI.get(canonical(match.group(1)), canonical(match.group(1))))
    return names - {"python", "pip"}


def test_environment_yml_and_pyproject_agree():
    conda, pip = environment_packages(), pyproject_packages()
    assert conda == pip, f"only in environment.yml: {sorted(conda - pip)}; only in pyproject.toml: {sorted(pip - conda)}"


def test_environment_yml_installs_the_package_editable_on_python_311():
    text = (paths.ROOT / "environment.yml").read_text()
    assert "python=3.11" in text and "conda-forge" in text and "- -e ." in text


def test_lock_pins_every_dependency_exactly():
    pins = {}
    for line in (paths.ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"unpinned line in requirements.lock: {line}"
            pins[canonical(name)] = version
    missing = pyproject_packages() - set(pins)
    assert not missing, f"not pinned in requirements.lock: {sorted(missing)}"
    assert pins["pandas"].startswith("2."), "pandas is held at 2.x so stored notebook outputs stay valid"
