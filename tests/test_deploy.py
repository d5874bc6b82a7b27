"""The deployment files are valid."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import REPO_ROOT


def compose_command() -> list[str] | None:
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def test_docker_compose_config_validates() -> None:
    command = compose_command()
    if command is None:
        pytest.skip("neither `docker compose` nor docker-compose is installed (.ci/run installs it)")
    for profile in ([], ["--profile", "gpu"], ["--profile", "scale-out"]):
        result = subprocess.run(
            [*command, *profile, "config", "-q"], cwd=REPO_ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr


def test_every_service_has_a_healthcheck() -> None:
    import yaml

    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {
        "api",
        "worker",
        "summary-worker",
        "bulk-worker",
        "beat",
        "redis",
        "postgres",
        "flower",
        "gpu-worker",
    } <= set(services)
    assert all("healthcheck" in service for service in services.values())
    assert services["gpu-worker"]["profiles"] == ["gpu"]
    assert "hf-cache" in compose["volumes"]


def test_broker_keeps_its_queue_on_disk_and_workers_take_interactive_work_first() -> None:
    import yaml

    services = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())["services"]
    redis_command = services["redis"]["command"]
    assert redis_command[redis_command.index("--appendonly") + 1] == "yes"
    for name in ("worker", "gpu-worker"):
        command = services[name]["command"]
        queues = command[command.index("-Q") + 1].split(",")
        assert queues[0] == "translate-now", (name, queues)
    # A person's request and breaking news have a worker of their own: in one worker every task
    # thread can hold a backlog task, and a task waits for a free thread.
    command = services["interactive-worker"]["command"]
    assert command[command.index("-Q") + 1].split(",") == ["translate-now", "translate-breaking"]
    # The main worker takes bulk re-translation last (one engine per host; benchmarks/mixed.py), and
    # the bulk worker of its own is for a host of its own.
    command = services["worker"]["command"]
    assert command[command.index("-Q") + 1].split(",")[-1] == "translate-bulk"
    assert services["bulk-worker"]["profiles"] == ["scale-out"]


def test_on_a_shared_host_the_urgent_worker_gets_the_cpu_first() -> None:
    import yaml

    services = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())["services"]
    shares = {
        name: services[name].get("cpu_shares", 1024)
        for name in ("interactive-worker", "worker", "bulk-worker")
    }
    assert shares["interactive-worker"] > shares["worker"] > shares["bulk-worker"], shares
