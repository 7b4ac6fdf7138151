#!/usr/bin/env bash
# Install the Debian packages the test suite needs, when they are missing:
#   postgresql     - server binaries for `pytest --postgres`
#   chromium       - the browser Playwright drives in the browser tests
#   fonts-noto-cjk - Chinese glyphs for the browser tests' rendering
# Silent and quick when everything is present (it runs on every `make test`).
set -euo pipefail

missing=()

if ! compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; then
    missing+=(postgresql)
fi

if [[ ! -x /usr/bin/chromium ]]; then
    missing+=(chromium)
fi

has_cjk_fonts() {
    if command -v fc-list >/dev/null && [[ -n "$(fc-list :lang=zh 2>/dev/null)" ]]; then
        return 0
    fi
    dpkg -s fonts-noto-cjk >/dev/null 2>&1
}
if ! has_cjk_fonts; then
    missing+=(fonts-noto-cjk)
fi

if ((${#missing[@]} == 0)); then
    exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
    echo "The tests need these Debian packages, which are missing: ${missing[*]}" >&2
    echo "Install them with:" >&2
    echo "    sudo apt-get update && sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

echo "==> Installing system packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
