"""The deployment files (docker-compose.yml, Dockerfile) agree with the code: settings, CLI commands, versions.

No Docker engine is needed: the files are read, never run.
"""

from __future__ import annotations

import json
import re
import shlex
import tomllib
import typing
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

import pytest
import typer
import yaml
from packaging.specifiers import SpecifierSet

from openarchief.cli import app
from openarchief.search.settings import Settings, env_name

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load(COMPOSE_TEXT)
SERVICES = COMPOSE["services"]
APP_SERVICES = ("web", "worker")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CLI_NAME = next(iter(PYPROJECT["project"]["scripts"]))  # "openarchief"
SETTING_NAMES = {env_name(field): field for field in Settings.model_fields}


def dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (INSTRUCTION, arguments), continuation lines joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    lines = (line.strip() for line in text.splitlines())
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines if line and line[0] != "#"]


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {name: str(value) for name, value in env.items()}


def mount_point(volume: str | dict) -> tuple[str, str]:
    """(target, source) of a volume in the short (`source:target[:mode]`) or the long syntax."""
    if isinstance(volume, dict):
        return volume["target"], volume.get("source", "")
    source, target = volume.split(":")[:2]
    return target, source


def check_cli(argv: list[str]) -> None:
    """argv is `openarchief <command> [--option value]...` with a command and options the CLI really has."""
    assert argv[0] == CLI_NAME, argv
    commands = typer.main.get_command(app).commands
    assert argv[1] in commands, f"`{argv[1]}` is not a command of the CLI (it has: {', '.join(sorted(commands))})"
    options = {opt for param in commands[argv[1]].params for opt in param.opts + param.secondary_opts}
    for arg in argv[2:]:
        if arg.startswith("-"):
            assert arg.split("=", 1)[0] in options, f"`{argv[1]}` has no option {arg}"


def test_the_three_services_exist():
    assert {"opensearch", "web", "worker"} <= set(SERVICES)


def test_opensearch_is_the_version_the_tests_run():
    pom = ET.parse(ROOT / "scripts" / "opensearch" / "pom.xml").getroot()
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    properties = {p.tag.split("}")[1]: p.text for p in pom.find("m:properties", ns)}
    server = next(
        d
        for d in pom.iterfind("m:dependencies/m:dependency", ns)
        if d.findtext("m:groupId", namespaces=ns) == "org.opensearch"
        and d.findtext("m:artifactId", namespaces=ns) == "opensearch"
    )
    version = re.sub(r"\$\{([^}]+)\}", lambda m: properties[m.group(1)], server.findtext("m:version", namespaces=ns))
    assert SERVICES["opensearch"]["image"] == f"opensearchproject/opensearch:{version}"
    # Also the commented-out second node.
    assert set(re.findall(r"opensearchproject/opensearch:(\S+)", COMPOSE_TEXT)) == {version}


@pytest.mark.parametrize("service", APP_SERVICES)
def test_environment_names_real_settings_with_valid_values(service, monkeypatch):
    env = environment(SERVICES[service])
    for name, value in env.items():
        if name.startswith("OPENARCHIEF_"):
            assert name in SETTING_NAMES, f"{service}: {name} is not a setting in search/settings.py"
            monkeypatch.setenv(name, value)
    engines = typing.get_args(Settings.model_fields["engine"].annotation)
    assert env["OPENARCHIEF_ENGINE"] in engines, f"OPENARCHIEF_ENGINE={env['OPENARCHIEF_ENGINE']}, allowed: {engines}"
    Settings()  # every value is valid for its setting, read from the environment as in production
    if "OPENARCHIEF_OPENSEARCH_URL" in env:
        assert urlparse(env["OPENARCHIEF_OPENSEARCH_URL"]).hostname in SERVICES


def test_dockerfile_environment_names_real_settings():
    for instruction, args in dockerfile():
        if instruction == "ENV":
            for name in (pair.split("=", 1)[0] for pair in shlex.split(args)):
                assert not name.startswith("OPENARCHIEF_") or name in SETTING_NAMES, name


@pytest.mark.parametrize("service", APP_SERVICES)
def test_commands_are_real_cli_commands(service):
    check_cli(shlex.split(SERVICES[service]["command"]))


def test_web_and_worker_share_the_data_volume():
    mounts = {}
    for service in APP_SERVICES:
        data_dir = environment(SERVICES[service])["OPENARCHIEF_DATA_DIR"]
        volumes = dict(mount_point(v) for v in SERVICES[service]["volumes"])  # target -> source
        mounts[service] = volumes.get(data_dir)
        assert mounts[service] in COMPOSE["volumes"], f"{service}: {data_dir} is not on a named volume"
    assert mounts["web"] == mounts["worker"]


def test_opensearch_is_healthy_before_web_and_worker_start():
    assert SERVICES["opensearch"]["healthcheck"]["test"]
    for service in APP_SERVICES:
        assert SERVICES[service]["depends_on"]["opensearch"]["condition"] == "service_healthy"


def test_dockerfile_runs_python_311_and_a_real_command():
    instructions = dockerfile()
    base = next(args for instruction, args in instructions if instruction == "FROM")
    match = re.fullmatch(r"python:(\d+\.\d+)[-\w.]*", base)
    assert match, base
    assert SpecifierSet(PYPROJECT["project"]["requires-python"]).contains(match.group(1) + ".0"), base
    cmd = json.loads(next(args for instruction, args in instructions if instruction == "CMD"))
    check_cli(cmd)
    assert cmd == shlex.split(SERVICES["web"]["command"]), "the image's default command is the web service's"
