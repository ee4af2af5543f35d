"""Safe by default: the server-folder field reads only under docs_roots, logins, and the bind address check."""

import os

import pytest

from bot.errors import ConfigError
from bot.settings import load_settings
from bot.web import safety
from bot.web.callbacks import WebCallbacks
from knowledge.errors import InputError
from tests.helpers import settings_for
from tests.test_web_callbacks import FakePipeline


@pytest.fixture
def roots(tmp_path):
    inside = tmp_path / "docs" / "team"
    inside.mkdir(parents=True)
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.md").write_text("# secret\n", encoding="utf-8")
    (tmp_path / "docs" / "escape").symlink_to(outside)
    return tmp_path, settings_for(tmp_path, docs_roots=str(tmp_path / "docs"))


@pytest.mark.parametrize("host,loop", [("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
                                       ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False), ("", False)])
def test_loopback(host, loop):
    assert safety.is_loopback(host) is loop


def test_folders_under_the_roots_only(roots):
    tmp, settings = roots
    assert safety.check_folder(str(tmp / "docs" / "team"), settings) == (tmp / "docs" / "team").resolve()
    for bad in (tmp / "private", tmp / "docs" / ".." / "private", tmp / "docs" / "escape", "/etc"):
        with pytest.raises(InputError, match="outside the folders"):
            safety.check_folder(str(bad), settings)
    with pytest.raises(InputError, match="absolute path"):
        safety.check_folder("docs/team", settings)
    with pytest.raises(InputError, match="not found"):
        safety.check_folder(str(tmp / "docs" / "nope"), settings)


def test_the_folder_field_is_hidden_without_roots_and_off_beyond_loopback(roots):
    tmp, settings = roots
    assert safety.folder_field_on(settings)
    assert not safety.folder_field_on(settings.replace(docs_roots=""))
    assert not safety.folder_field_on(settings.replace(host="0.0.0.0"))
    assert safety.folder_field_on(settings.replace(host="0.0.0.0", remote_folders=True))
    with pytest.raises(InputError, match="off here"):
        safety.check_folder(str(tmp / "docs" / "team"), settings.replace(docs_roots=""))


def test_a_folder_outside_the_roots_reads_nothing(roots):
    tmp, settings = roots
    fake = FakePipeline(settings)
    res = WebCallbacks(fake).add(None, str(tmp / "private"))
    assert not res.ok and "outside the folders" in res.status_html and "unchanged" in res.status_html
    assert fake.calls == []  # the library was never asked to read it


def test_auth_from_a_pair_or_a_file(tmp_path):
    assert safety.load_auth("") == []
    assert safety.load_auth("ana:s3cret:x") == [("ana", "s3cret:x")]
    users = tmp_path / "users.txt"
    users.write_text("# team\nana:one\n\nbo:two\n", encoding="utf-8")
    assert safety.load_auth(str(users)) == [("ana", "one"), ("bo", "two")]
    for bad in ("nobody", ":pw", "ana:", str(tmp_path / "missing.txt")):
        with pytest.raises(ConfigError):
            safety.load_auth(bad)


def test_binding_beyond_loopback_needs_a_login_or_an_explicit_yes(tmp_path):
    local = settings_for(tmp_path)
    assert safety.check_binding(local) == []
    with pytest.raises(ConfigError, match="without a login"):
        safety.check_binding(local.replace(host="0.0.0.0"))
    assert safety.check_binding(local.replace(host="0.0.0.0", auth="ana:pw")) == [("ana", "pw")]
    assert safety.check_binding(local.replace(host="0.0.0.0", allow_no_auth=True)) == []


def test_settings_read_roots_and_auth_from_env_and_toml(tmp_path):
    env = {"ADVISOR_DOCS_ROOTS": f"/srv/a{os.pathsep}/srv/b", "ADVISOR_AUTH": "ana:pw"}
    s = load_settings(env=env)
    assert [str(p) for p in s.docs_root_paths] == ["/srv/a", "/srv/b"] and s.auth == "ana:pw"
    toml = tmp_path / "advisor.toml"
    toml.write_text('docs_roots = ["/srv/c", "/srv/d"]\nallow_no_auth = true\n', encoding="utf-8")
    s = load_settings(toml, env={})
    assert [str(p) for p in s.docs_root_paths] == ["/srv/c", "/srv/d"] and s.allow_no_auth


def test_cli_refuses_to_serve_publicly_without_a_login(tmp_path, capsys):
    from bot.cli import main

    assert main(["web", "--host", "0.0.0.0", "--data-dir", str(tmp_path / "d")]) != 0
    assert "without a login" in capsys.readouterr().err
