#!/usr/bin/env bash
# Installs everything zhaoshang needs, idempotently: Python packages from the lock file (uv),
# front-end packages from the npm registry (copied into zhaoshang/static/vendor and served by
# the platform itself), a CJK font, and — with --browser — Debian's Chromium for browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "缺少系统软件包 $*，且本机没有 apt-get，请手动安装。" >&2; exit 1
  fi
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  say "安装系统软件包: $*"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

PY=${PYTHON:-python3}
"$PY" -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' 2>/dev/null \
  || { echo "需要 Python 3.11（当前: $($PY --version 2>&1)）" >&2; exit 1; }

# 1. uv in its own small venv, then the project venv from uv.lock.
if [ ! -x .tools/bin/uv ]; then
  if ! "$PY" -m venv .tools >/dev/null 2>&1; then
    rm -rf .tools; apt_install python3-venv; "$PY" -m venv .tools
  fi
  say "安装 uv"
  .tools/bin/pip install -q --disable-pip-version-check uv
fi
say "安装 Python 依赖 (uv sync --frozen)"
UV_PROJECT_ENVIRONMENT=.venv .tools/bin/uv sync --frozen --python "$(command -v "$PY")" -q

# 2. Front-end packages from the npm registry, served locally (no CDN).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "安装前端依赖 (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
V=zhaoshang/static/vendor
mkdir -p $V/tabler/css $V/tabler/js $V/tabler-icons/fonts $V/htmx $V/echarts $V/tom-select $V/flatpickr/l10n
cp node_modules/@tabler/core/dist/css/tabler.min.css $V/tabler/css/
cp node_modules/@tabler/core/dist/js/tabler.min.js $V/tabler/js/
cp node_modules/@tabler/icons-webfont/dist/tabler-icons.min.css $V/tabler-icons/
cp node_modules/@tabler/icons-webfont/dist/fonts/tabler-icons.woff2 node_modules/@tabler/icons-webfont/dist/fonts/tabler-icons.woff \
   node_modules/@tabler/icons-webfont/dist/fonts/tabler-icons.ttf $V/tabler-icons/fonts/
cp node_modules/htmx.org/dist/htmx.min.js $V/htmx/
cp node_modules/echarts/dist/echarts.min.js $V/echarts/
cp node_modules/tom-select/dist/js/tom-select.complete.min.js node_modules/tom-select/dist/css/tom-select.bootstrap5.min.css $V/tom-select/
cp node_modules/flatpickr/dist/flatpickr.min.js node_modules/flatpickr/dist/flatpickr.min.css $V/flatpickr/
cp node_modules/flatpickr/dist/l10n/zh.js $V/flatpickr/l10n/
# Source maps are not shipped: drop their references so the hashed static storage doesn't look for them.
find $V -name '*.css' -o -name '*.js' | xargs sed -i -E 's@/[*/]# sourceMappingURL=[^ *]*( \*/)?@@'

# 3. A CJK font, for chart images in briefings and for browser screenshots.
fonts=$(fc-list 2>/dev/null || true)   # captured first: `fc-list | grep -q` dies of SIGPIPE under pipefail
if ! grep -qi "cjk" <<<"$fonts"; then
  apt_install fonts-noto-cjk fontconfig
fi

# 4. Chromium for the browser tests (Debian's, never a downloaded build).
if [ $want_browser = 1 ] && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi

# 5. Translations (English is the second language): .po → .mo with polib, no gettext needed.
.venv/bin/zhaoshang compiletranslations >/dev/null
say "完成"
