#!/usr/bin/env bash
# Install the system Chromium that the browser tests drive (Debian package `chromium`, plus CJK fonts so
# Chinese text renders in screenshots). Playwright's own browser download is not used: the tests launch
# /usr/bin/chromium directly. When it cannot be installed this says why and exits 0: the browser tests then
# skip with that reason instead of failing the whole test run.
set -uo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "setup_browser: not root and no passwordless sudo; install it with 'apt-get install chromium'" \
             "(browser tests will be skipped)" >&2
        exit 0
    fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup_browser: no apt-get here; install Chromium at /usr/bin/chromium (browser tests will be skipped)" >&2
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get update -qq && \
   $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null; then
    echo "installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
else
    echo "setup_browser: apt-get could not install chromium (browser tests will be skipped)" >&2
fi
exit 0
