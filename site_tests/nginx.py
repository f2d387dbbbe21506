"""Run deploy/nginx.conf with the real nginx on 127.0.0.1 against a built site.

Used by site_tests/test_publish.py (the recipe is tested as written) and by
bench/transfer.py and bench/lighthouse.sh (compression on and off)::

    python -m site_tests.nginx SITE_DIR [on|off]    # prints the URL, serves until Ctrl+C
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "nginx.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
# With compression off every file goes out as it is on disk.
COMPRESSION = re.compile(r"^(\s*)(brotli_static|gzip_static|gzip)\s+on;", re.M)


class NginxMissing(RuntimeError):
    """nginx or its brotli_static module is not installed."""


def binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        raise NginxMissing("没有 nginx：bash dev.sh test 会用 apt 安装 nginx 和 libnginx-mod-http-brotli-static")
    if not BROTLI_MODULE.exists():
        raise NginxMissing("没有 nginx 的 brotli_static 模块：apt-get install libnginx-mod-http-brotli-static")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_block(site_dir: Path, port: int, compression: bool = True) -> str:
    """The repo's server block, listening on 127.0.0.1:port with ``site_dir`` as its root."""
    block = CONFIG.read_text(encoding="utf-8")
    block, listens = re.subn(r"^(\s*)listen\s+80;\s*$", rf"\1listen 127.0.0.1:{port};", block, flags=re.M)
    block = re.sub(r"^\s*listen\s+\[::\]:80;\s*$", "", block, flags=re.M)
    block, roots = re.subn(r"^(\s*)root\s+\S+;", rf"\1root {site_dir};", block, flags=re.M)
    if listens != 1 or roots != 1:
        raise ValueError("deploy/nginx.conf 应有一行 listen 80; 和一行 root …;")
    if not compression:
        block = COMPRESSION.sub(r"\1\2 off;", block)
    return block


def main_config(block: str, tmp: Path) -> str:
    """A minimal nginx.conf around a server block (which belongs in http {})."""
    temp_paths = "".join(f"    {kind}_temp_path {tmp / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (
        ("user root root;\n" if os.geteuid() == 0 else "")  # pytest's temp folders are private to their owner
        + f"load_module {BROTLI_MODULE};\n"
        + f"daemon off;\nworker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'};\n"
        + "events { worker_connections 256; }\n"
        + "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n    access_log off;\n"
        + temp_paths
        + block
        + "\n}\n"
    )


@contextlib.contextmanager
def running(site_dir: Path, compression: bool = True) -> Iterator[str]:
    """nginx serving ``site_dir`` with the repo config; yields ``http://127.0.0.1:PORT/``."""
    nginx = binary()
    with tempfile.TemporaryDirectory(prefix="sw-nginx.") as tmp_name:
        tmp = Path(tmp_name)
        port = free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(main_config(server_block(Path(site_dir).resolve(), port, compression), tmp), encoding="utf-8")
        check = subprocess.run([nginx, "-t", "-c", str(conf), "-p", str(tmp)], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t 不通过：\n{check.stderr}")
        proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            for _ in range(200):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if proc.poll() is not None:
                        raise RuntimeError(f"nginx 没有启动：{proc.stderr.read().decode(errors='replace')}")
                    time.sleep(0.05)
            yield f"http://127.0.0.1:{port}/"
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    # `kill` (as bench/lighthouse.sh does) must stop nginx too, via the finally above.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    site = Path(sys.argv[1])
    with running(site, compression=(sys.argv[2:] or ["on"])[0] != "off") as url:
        print(url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
