#!/usr/bin/env bash
# One entry point for people and CI:
#   bash dev.sh serve   set everything up, build, serve on http://127.0.0.1:8000
#   bash dev.sh test    set everything up, run every test
#   bash dev.sh build   set everything up, build site/ once
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v python3 >/dev/null || need_apt+=(python3)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
if [ "${1:-}" != "serve" ] || [ ! -d .venv ]; then
  # The browser renders PDFs at build time and drives the tests.
  [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null || need_apt+=(chromium)
  fc-list 2>/dev/null | grep -qi "noto.*cjk" || need_apt+=(fonts-noto-cjk)
fi
if [ "${1:-}" = "test" ]; then
  # site_tests/test_publish.py serves the built site with deploy/nginx.conf through the real nginx.
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need_apt+=(nginx)
  [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || need_apt+=(libnginx-mod-http-brotli-static)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "安装系统软件包：${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "缺少系统软件包，请先运行：sudo apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e ".[test]"
  touch "$stamp"
fi

case "${1:-}" in
  serve) exec .venv/bin/python -m generator serve ;;
  build) exec .venv/bin/python -m generator build ;;
  test)
    shift
    # pytest exits 5 when it collected no test: that is a failure here too.
    .venv/bin/python -m pytest "$@"
    ;;
  *) echo "用法：bash dev.sh serve | test | build" >&2; exit 2 ;;
esac
