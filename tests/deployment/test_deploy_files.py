"""The deployment files in deploy/ fit the application and each other: the systemd units restart a service as a
whole and are valid for systemd, nginx takes the uploads Django takes and publishes no uploaded file, the
environment template names the variables the settings read."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from rozwoj.events.services.materials import ATTACHMENT_MAX_BYTES

from .processes import ROOT

DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
NGINX = re.sub(r"#.*", "", (DEPLOY / "nginx" / "rozwoj.conf").read_text())  # without its comments
ENV_TEMPLATE = (DEPLOY / "rozwoj.env.example").read_text()
INSTALL_DIR = "/srv/rozwoj"
STATE_DIR = "/var/lib/rozwoj"

pytestmark = pytest.mark.deployment


def _unit(path: Path) -> dict[str, dict[str, list[str]]]:
    """Sections of a unit file, each a mapping of keys to the values given (keys may repeat)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    text = path.read_text().replace("\\\n", " ")
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key, []).append(value)
    return sections


def _env_template() -> dict[str, str]:
    """The variables of the template, including optional ones given commented out (`#NAME=value`)."""
    return {
        name: value.strip('"')
        for name, value in re.findall(r"^#?([A-Z_]+)=(.*)$", ENV_TEMPLATE, re.MULTILINE)
    }


def test_there_are_units_for_the_web_app_celery_and_the_broker_less_loop():
    assert {unit.stem for unit in UNITS} == {
        "rozwoj-web",
        "rozwoj-worker",
        "rozwoj-beat",
        "rozwoj-background",
    }


@pytest.mark.parametrize("path", UNITS, ids=lambda path: path.stem)
def test_each_unit_is_restarted_as_a_whole_and_hardened(path):
    service = _unit(path)["Service"]
    one = {key: values[-1] for key, values in service.items()}
    assert one["Restart"] == "always"
    assert one["KillMode"] in {"control-group", "mixed"}
    assert 0 < int(one["RestartSec"]) <= 10
    assert int(one["TimeoutStopSec"]) > 0
    assert one["User"] == one["Group"] == "rozwoj"
    assert one["EnvironmentFile"] == "/etc/rozwoj/rozwoj.env"
    assert one["WorkingDirectory"] == INSTALL_DIR
    for setting in ("NoNewPrivileges", "PrivateTmp", "ProtectHome", "PrivateDevices"):
        assert one[setting] == "yes", setting
    assert one["ProtectSystem"] == "strict"
    assert service["ReadWritePaths"] == [STATE_DIR]
    assert _unit(path)["Unit"]["StartLimitIntervalSec"] == ["0"]  # never give up restarting


def test_the_web_unit_runs_the_shipped_gunicorn_config_and_waits_for_graceful_stops():
    service = _unit(DEPLOY / "systemd" / "rozwoj-web.service")["Service"]
    assert f"--config {INSTALL_DIR}/deploy/gunicorn.conf.py" in service["ExecStart"][0]
    # The orphaned workers of a dead master get SIGTERM too, not just the main process.
    assert service["KillMode"] == ["control-group"]
    config = _gunicorn_config({})
    assert int(service["TimeoutStopSec"][0]) > config["graceful_timeout"]


def test_the_celery_worker_gets_a_warm_shutdown():
    service = _unit(DEPLOY / "systemd" / "rozwoj-worker.service")["Service"]
    assert service["KillMode"] == ["mixed"]  # SIGTERM to the main process only; its pool finishes the tasks


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units(tmp_path):
    """`systemd-analyze verify` with the install directory pointed at this checkout (its commands must exist)."""
    for unit in UNITS:
        (tmp_path / unit.name).write_text(unit.read_text().replace(INSTALL_DIR, str(ROOT)))
    result = subprocess.run(  # noqa: S603
        ["systemd-analyze", "verify", *sorted(str(path) for path in tmp_path.iterdir())],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # unknown keys and bad values are only warned about


def _gunicorn_config(env: dict[str, str]) -> dict:
    script = (
        "import json, runpy; c = runpy.run_path('deploy/gunicorn.conf.py'); "
        "print(json.dumps({k: v for k, v in c.items() if isinstance(v, (int, str, list, bool))}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_")}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_gunicorn_config_sizes_workers_by_cpu_and_reads_the_environment():
    config = _gunicorn_config({})
    assert config["workers"] == 2 * len(os.sched_getaffinity(0)) + 1
    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["control_socket_disable"] is True  # not the shared default under $HOME
    assert config["reuse_port"] is False
    custom = _gunicorn_config({"GUNICORN_WORKERS": "3", "GUNICORN_BIND": "127.0.0.1:9001"})
    assert (custom["workers"], custom["bind"]) == (3, ["127.0.0.1:9001"])
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    checked = subprocess.run(  # noqa: S603
        [gunicorn, "--check-config", "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


def _directive(name: str) -> list[str]:
    return re.findall(rf"^\s*{name}\s+([^;]+);", NGINX, re.MULTILINE)


def _megabytes(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmM]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024 * 1024}[unit.lower()]


def test_nginx_takes_the_largest_upload_django_takes_and_not_much_more():
    (limit,) = _directive("client_max_body_size")
    assert ATTACHMENT_MAX_BYTES < _megabytes(limit) <= ATTACHMENT_MAX_BYTES + 2 * 1024 * 1024


def _served_directories() -> list[str]:
    """The directories nginx serves files from: `root` plus the location's prefix, or `alias`."""
    served, locations, words = [], [], []
    for token in re.findall(r'"[^"]*"|[{};]|[^\s{};]+', NGINX):
        if token == "{":
            locations.append(words[-1] if words[:1] == ["location"] else None)
            words = []
        elif token == "}":
            locations.pop()
        elif token == ";":
            prefix = next((p for p in reversed(locations) if p and p.startswith("/")), "/")
            if words[:1] == ["root"]:
                served.append(words[1].rstrip("/") + prefix)
            elif words[:1] == ["alias"]:
                served.append(words[1])
            words = []
        else:
            words.append(token)
    return served


def test_nginx_publishes_no_uploaded_file():
    media_root = _env_template()["MEDIA_ROOT"].rstrip("/") + "/"
    served = _served_directories()
    assert served  # the static files and the certificate challenges
    for directory in served:
        assert not media_root.startswith(directory), directory  # MEDIA_ROOT or a directory above it
        assert not directory.startswith(media_root), directory
    # The static files served are the collected ones, under the state directory of the units.
    assert _env_template()["ROZWOJ_VAR_DIR"] + "/static/" in served


def test_nginx_tells_the_application_the_client_and_the_scheme():
    headers = dict(value.split(None, 1) for value in _directive("proxy_set_header"))
    assert headers["X-Forwarded-For"] == "$proxy_add_x_forwarded_for"
    assert headers["X-Forwarded-Proto"] == "$scheme"
    assert headers["Host"] == "$host"
    upstream = re.search(r"upstream rozwoj \{\s*server ([^ ;]+)", NGINX).group(1)
    assert upstream == _env_template()["GUNICORN_BIND"]
    (read_timeout,) = _directive("proxy_read_timeout")
    assert int(read_timeout.rstrip("s")) > _gunicorn_config({})["timeout"]


def test_the_environment_template_names_what_the_settings_read():
    names = set(_env_template())
    readme_table = re.findall(
        r"^\| (`[A-Z_]+`(?:, `[A-Z_]+`)*) \|", (ROOT / "README.md").read_text(), re.MULTILINE
    )
    documented = {name.strip("`") for row in readme_table for name in row.split(", ")}
    assert documented <= names, documented - names
    sources = "\n".join(
        path.read_text()
        for path in [*(ROOT / "rozwoj" / "settings").glob("*.py"), DEPLOY / "gunicorn.conf.py"]
    )
    unread = {name for name in names - {"DJANGO_SETTINGS_MODULE"} if f'"{name}"' not in sources}
    assert not unread


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="rozwoj-manage switches users")
def test_rozwoj_manage_runs_commands_with_the_environment_of_the_services(tmp_path):
    """The template, filled in, is read by the helper as systemd would read it; production settings pass
    `check --deploy`."""
    env_file = tmp_path / "rozwoj.env"
    env_file.write_text(
        ENV_TEMPLATE.replace(
            "SECRET_KEY=change-me", "SECRET_KEY=" + "k" * 30 + "-a-filled-in-secret-" + "z" * 20
        ).replace("COACHING_NOTES_KEYS=change-me", "COACHING_NOTES_KEYS=" + Fernet.generate_key().decode())
    )
    result = subprocess.run(  # noqa: S603
        [str(DEPLOY / "rozwoj-manage"), "check", "--deploy", "--fail-level", "WARNING"],
        env={
            "ROZWOJ_HOME": str(ROOT),
            "ROZWOJ_ENV": str(env_file),
            "ROZWOJ_USER": "root",
            "PATH": os.defpath,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
