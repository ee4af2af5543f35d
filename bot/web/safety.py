"""Who may use the web app and what it may read: the login, the bind address and the server-folder field. Pure.

Safe by default: the folder field reads only under ``docs_roots`` (empty hides it) and is off beyond loopback
unless ``remote_folders`` is set; serving beyond loopback needs a login (``ADVISOR_AUTH``) unless ``allow_no_auth``.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

from bot.errors import ConfigError
from bot.settings import Settings
from knowledge.errors import InputError

LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine (``0.0.0.0`` and names of the network do not)."""
    host = (host or "").strip().strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def folder_field_on(settings: Settings) -> bool:
    """The Library tab offers a server-folder field only with roots, and beyond loopback only when enabled."""
    return bool(settings.docs_root_paths) and (is_loopback(settings.host) or settings.remote_folders)


def check_folder(raw: str, settings: Settings) -> Path:
    """The folder a user typed, resolved, if it lies under one of the roots; InputError (read nothing) otherwise."""
    if not folder_field_on(settings):
        raise InputError("reading folders on the server is off here; upload the files instead "
                         "(an administrator can set docs_roots / ADVISOR_DOCS_ROOTS)")
    path = Path(raw.strip()).expanduser()
    if not path.is_absolute():
        raise InputError(f"give the folder as an absolute path under {_roots(settings)}, got {raw!r}")
    resolved = path.resolve()  # symbolic links and ".." cannot step outside a root
    for root in settings.docs_root_paths:
        if resolved == root.resolve() or resolved.is_relative_to(root.resolve()):
            if not resolved.is_dir():
                raise InputError(f"Folder not found on the server: {raw}")
            return resolved
    raise InputError(f"{raw} is outside the folders this server may read ({_roots(settings)}); nothing was read")


def _roots(settings: Settings) -> str:
    return ", ".join(str(r) for r in settings.docs_root_paths)


def load_auth(spec: str) -> list[tuple[str, str]]:
    """``user:password``, or a file with one such line per user (blank lines and ``#`` comments skipped)."""
    spec = (spec or "").strip()
    if not spec:
        return []
    path = Path(spec).expanduser()
    if ":" not in spec or path.is_file():
        if not path.is_file():
            raise ConfigError(f"ADVISOR_AUTH must be user:password or a file of such lines; {spec!r} is neither")
        lines = [(n, line.strip()) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)]
        pairs = [_pair(line, f"{path} line {n}") for n, line in lines if line and not line.startswith("#")]
        if not pairs:
            raise ConfigError(f"the auth file {path} has no user:password line")
        return pairs
    return [_pair(spec, "ADVISOR_AUTH")]


def _pair(text: str, where: str) -> tuple[str, str]:
    user, sep, password = text.partition(":")
    if not sep or not user.strip() or not password:
        raise ConfigError(f"{where}: expected user:password")
    return user.strip(), password


def check_binding(settings: Settings) -> list[tuple[str, str]]:
    """The login pairs to serve with; refuses to serve beyond loopback without one unless told so explicitly."""
    pairs = load_auth(settings.auth)
    if not pairs and not is_loopback(settings.host) and not settings.allow_no_auth:
        raise ConfigError(f"refusing to serve on {settings.host} without a login: set ADVISOR_AUTH=user:password "
                          "(or a file of such lines), or pass --allow-no-auth on a trusted network")
    return pairs
