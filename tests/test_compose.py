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
SCALED, SINGLE = "docker-compose.yml", "docker-compose.single.yml"
TEXTS = {name: (ROOT / name).read_text(encoding="utf-8") for name in (SCALED, SINGLE)}
FILES = {name: yaml.safe_load(text) for name, text in TEXTS.items()}
# The services that run openarchief itself, per file.
APP_SERVICES = {SINGLE: ("web", "worker"), SCALED: ("web-1", "web-2", "worker-1", "worker-2")}
APPS = [(name, service) for name, services in APP_SERVICES.items() for service in services]
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


def pom_version(folder: str, group: str, artifact: str) -> str:
    pom = ET.parse(ROOT / "scripts" / folder / "pom.xml").getroot()
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    properties = {p.tag.split("}")[1]: p.text for p in pom.find("m:properties", ns)}
    found = next(
        d
        for d in pom.iterfind("m:dependencies/m:dependency", ns)
        if d.findtext("m:groupId", namespaces=ns) == group and d.findtext("m:artifactId", namespaces=ns) == artifact
    )
    return re.sub(r"\$\{([^}]+)\}", lambda m: properties[m.group(1)], found.findtext("m:version", namespaces=ns))


def test_the_services_of_each_deployment_exist():
    assert {"opensearch", "web", "worker"} <= set(FILES[SINGLE]["services"])
    scaled = set(FILES[SCALED]["services"])
    assert {"opensearch-1", "opensearch-2", "opensearch-3", "postgres", "s3", "proxy"} <= scaled
    assert set(APP_SERVICES[SCALED]) <= scaled


@pytest.mark.parametrize("name", [SCALED, SINGLE])
def test_opensearch_is_the_version_the_tests_run(name):
    version = pom_version("opensearch", "org.opensearch", "opensearch")
    images = [s["image"] for s in FILES[name]["services"].values() if "opensearch" in s.get("image", "")]
    assert images and set(images) == {f"opensearchproject/opensearch:{version}"}
    # Also any commented-out node.
    assert set(re.findall(r"opensearchproject/opensearch:(\S+)", TEXTS[name])) == {version}


def test_the_scaled_services_are_the_versions_the_tests_run():
    services = FILES[SCALED]["services"]
    assert services["s3"]["image"].endswith(f":s3proxy-{pom_version('s3proxy', 'org.gaul', 's3proxy')}")
    postgres = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
    if postgres:  # the tests' server, Debian's package (scripts/postgres-server)
        assert services["postgres"]["image"] == f"postgres:{postgres[-1].parent.parent.name}"


@pytest.mark.parametrize("name,service", APPS)
def test_environment_names_real_settings_with_valid_values(name, service, monkeypatch):
    services = FILES[name]["services"]
    env = environment(services[service])
    for variable, value in env.items():
        if variable.startswith("OPENARCHIEF_"):
            assert variable in SETTING_NAMES, f"{service}: {variable} is not a setting in search/settings.py"
            monkeypatch.setenv(variable, value)
    engines = typing.get_args(Settings.model_fields["engine"].annotation)
    assert env["OPENARCHIEF_ENGINE"] in engines, f"OPENARCHIEF_ENGINE={env['OPENARCHIEF_ENGINE']}, allowed: {engines}"
    Settings()  # every value is valid for its setting, read from the environment as in production
    for url in env["OPENARCHIEF_OPENSEARCH_URL"].split(","):
        assert urlparse(url).hostname in services
    for key in ("OPENARCHIEF_DATABASE_URL", "OPENARCHIEF_BLOB_ENDPOINT_URL"):
        if key in env:
            assert urlparse(env[key]).hostname in services, key


def test_dockerfile_environment_names_real_settings():
    for instruction, args in dockerfile():
        if instruction == "ENV":
            for name in (pair.split("=", 1)[0] for pair in shlex.split(args)):
                assert not name.startswith("OPENARCHIEF_") or name in SETTING_NAMES, name


@pytest.mark.parametrize("name,service", APPS)
def test_commands_are_real_cli_commands(name, service):
    check_cli(shlex.split(FILES[name]["services"][service]["command"]))


def test_single_machine_web_and_worker_share_the_data_volume():
    compose = FILES[SINGLE]
    mounts = {}
    for service in APP_SERVICES[SINGLE]:
        data_dir = environment(compose["services"][service])["OPENARCHIEF_DATA_DIR"]
        volumes = dict(mount_point(v) for v in compose["services"][service]["volumes"])  # target -> source
        mounts[service] = volumes.get(data_dir)
        assert mounts[service] in compose["volumes"], f"{service}: {data_dir} is not on a named volume"
    assert mounts["web"] == mounts["worker"]


def test_scaled_nodes_share_only_the_services():
    services = FILES[SCALED]["services"]
    envs = [environment(services[s]) for s in APP_SERVICES[SCALED]]
    for key in ("OPENARCHIEF_DATABASE_URL", "OPENARCHIEF_BLOB_URL", "OPENARCHIEF_OPENSEARCH_URL"):
        assert len({env[key] for env in envs}) == 1 and envs[0][key], key
    assert envs[0]["OPENARCHIEF_BLOB_URL"].startswith("s3://")
    for service in APP_SERVICES[SCALED]:
        data_dir = environment(services[service])["OPENARCHIEF_DATA_DIR"]
        volumes = dict(mount_point(v) for v in services[service].get("volumes", []))
        assert data_dir not in volumes, f"{service} keeps no archive state of its own"
    # The snapshot folder of `openarchief backup` is one volume on every OpenSearch node, listed in path.repo.
    for node in ("opensearch-1", "opensearch-2", "opensearch-3"):
        env = environment(services[node])
        assert env["path.repo"] == envs[0]["OPENARCHIEF_OPENSEARCH_SNAPSHOT_PATH"]
        assert dict(mount_point(v) for v in services[node]["volumes"])[env["path.repo"]] == "opensearch-snapshots"


@pytest.mark.parametrize("name,service", APPS)
def test_the_services_are_healthy_before_web_and_worker_start(name, service):
    services = FILES[name]["services"]
    depends = services[service]["depends_on"]
    for needed in ("opensearch", "opensearch-1", "opensearch-2", "opensearch-3", "postgres"):
        if needed in services:
            assert services[needed]["healthcheck"]["test"]
            assert depends[needed]["condition"] == "service_healthy", (service, needed)


def test_dockerfile_runs_python_311_and_a_real_command():
    instructions = dockerfile()
    base = next(args for instruction, args in instructions if instruction == "FROM")
    match = re.fullmatch(r"python:(\d+\.\d+)[-\w.]*", base)
    assert match, base
    assert SpecifierSet(PYPROJECT["project"]["requires-python"]).contains(match.group(1) + ".0"), base
    cmd = json.loads(next(args for instruction, args in instructions if instruction == "CMD"))
    check_cli(cmd)
    for name, service in APPS:
        if service.startswith("web"):
            assert cmd == shlex.split(FILES[name]["services"][service]["command"]), "the image's default command"
