"""Publishing for slow networks: the build writes .gz/.br copies of every text
file, and deploy/nginx.conf, run by the real Debian nginx on 127.0.0.1 against
the built site, sends the smallest one the browser accepts, with a year's
cache on hashed assets and revalidation on everything else."""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import brotli
import pytest

from generator.precompress import MIN_BYTES, candidates, precompress_site

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "nginx.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


# ---- the build's compressed copies --------------------------------------------------

def test_precompressed_copies_decode_to_the_file_and_are_reproducible(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    page = "<!doctype html><title>表格</title>" + "<p>签到表，姓名、性别、联系电话。</p>" * 200
    (site / "a" / "index.html").write_text(page, encoding="utf-8")
    (site / "tiny.css").write_text("p{margin:0}", encoding="utf-8")
    (site / "form.pdf").write_bytes(b"%PDF-1.7" + bytes(4000))
    precompress_site(site, tmp_path / "cache")
    data = (site / "a" / "index.html").read_bytes()
    assert gzip.decompress((site / "a" / "index.html.gz").read_bytes()) == data
    assert brotli.decompress((site / "a" / "index.html.br").read_bytes()) == data
    assert not (site / "tiny.css.gz").exists(), f"小于 {MIN_BYTES} 字节的文件不必压缩"
    assert not (site / "form.pdf.gz").exists(), "PDF 本身已压缩，不应再写 .gz"
    first = (site / "a" / "index.html.gz").read_bytes()
    shutil.rmtree(tmp_path / "cache")
    precompress_site(site, tmp_path / "cache")
    assert (site / "a" / "index.html.gz").read_bytes() == first, "两次构建的 .gz 应逐字节相同（不含时间戳）"


def test_built_site_has_br_and_gz_next_to_every_text_file(site_dir):
    files = candidates(site_dir)
    assert any(p.name == "index.html" for p in files)
    missing = [p.relative_to(site_dir).as_posix() for p in files
               if not (p.with_name(p.name + ".br").is_file() and p.with_name(p.name + ".gz").is_file())]
    assert not missing, f"没有预压缩副本：{missing[:10]}"
    home = (site_dir / "index.html").read_bytes()
    assert brotli.decompress((site_dir / "index.html.br").read_bytes()) == home


# ---- the nginx recipe, run for real -----------------------------------------------

def _nginx() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _main_config(server_block: str, tmp: Path) -> str:
    """A minimal nginx.conf around the repo's server block (which belongs in http {})."""
    temp_paths = "".join(f"    {kind}_temp_path {tmp / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (
        ("user root root;\n" if os.geteuid() == 0 else "")  # the pytest temp folder is private to its owner
        + (f"load_module {BROTLI_MODULE};\n" if BROTLI_MODULE.exists() else "")
        + f"daemon off;\nworker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'};\n"
        + "events { worker_connections 64; }\n"
        + "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n    access_log off;\n"
        + temp_paths
        + server_block
        + "\n}\n"
    )


@pytest.fixture(scope="module")
def nginx_url(site_dir, tmp_path_factory):
    binary = _nginx()
    if binary is None:
        pytest.fail("没有 nginx：bash dev.sh test 会用 apt 安装 nginx 和 libnginx-mod-http-brotli-static")
    if not BROTLI_MODULE.exists():
        pytest.fail("没有 nginx 的 brotli_static 模块：apt-get install libnginx-mod-http-brotli-static")
    tmp = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    block = CONFIG.read_text(encoding="utf-8")
    block, listens = re.subn(r"^(\s*)listen\s+80;\s*$", rf"\1listen 127.0.0.1:{port};", block, flags=re.M)
    block = re.sub(r"^\s*listen\s+\[::\]:80;\s*$", "", block, flags=re.M)
    block, roots = re.subn(r"^(\s*)root\s+\S+;", rf"\1root {site_dir};", block, flags=re.M)
    assert listens == 1 and roots == 1, "deploy/nginx.conf 应有一行 listen 80; 和一行 root …;"
    conf = tmp / "nginx.conf"
    conf.write_text(_main_config(block, tmp), encoding="utf-8")
    check = subprocess.run([binary, "-t", "-c", str(conf), "-p", str(tmp)], capture_output=True, text=True)
    assert check.returncode == 0, f"nginx -t 不通过：\n{check.stderr}"
    proc = subprocess.Popen([binary, "-c", str(conf), "-p", str(tmp)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert proc.poll() is None, f"nginx 没有启动：{proc.stderr.read().decode(errors='replace')}"
                time.sleep(0.05)
        yield f"127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get(host: str, path: str, accept: str | None) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection(host, timeout=10)
    headers = {"Accept-Encoding": accept} if accept else {}
    conn.request("GET", path, headers=headers)
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body


def decode(headers: dict, body: bytes) -> bytes:
    encoding = headers.get("content-encoding")
    if encoding == "br":
        return brotli.decompress(body)
    if encoding == "gzip":
        return gzip.decompress(body)
    assert encoding is None, encoding
    return body


def _hashed_css(site_dir: Path) -> str:
    return next(p for p in sorted((site_dir / "assets/stylesheets").glob("main.*.min.css"))).relative_to(site_dir).as_posix()


@pytest.mark.parametrize(
    "accept, encoding",
    [("br, gzip, deflate", "br"), ("gzip, deflate", "gzip"), (None, None), ("gzip;q=0, br;q=0", None)],
)
def test_nginx_sends_the_smallest_encoding_the_browser_accepts(nginx_url, site_dir, accept, encoding):
    for path, file in (("/", "index.html"), ("/forms/group-sign-in/", "forms/group-sign-in/index.html"),
                       ("/assets/stylesheets/site.css", "assets/stylesheets/site.css"),
                       ("/" + _hashed_css(site_dir), _hashed_css(site_dir))):
        status, headers, body = get(nginx_url, path, accept)
        assert status == 200, path
        assert headers.get("content-encoding") == encoding, f"{path}（Accept-Encoding: {accept}）"
        assert decode(headers, body) == (site_dir / file).read_bytes(), path
        if encoding:
            assert "accept-encoding" in headers.get("vary", "").lower(), f"{path} 缺少 Vary: Accept-Encoding，代理会把压缩版发给不支持的浏览器"
            assert len(body) < (site_dir / file).stat().st_size * 0.5, path


def test_nginx_cache_lifetimes(nginx_url, site_dir):
    def cache(path):
        status, headers, _ = get(nginx_url, path, "br, gzip")
        assert status == 200, path
        return headers.get("cache-control", "")

    hashed = cache("/" + _hashed_css(site_dir))
    assert "immutable" in hashed and "max-age=31536000" in hashed, f"带哈希的文件应长期缓存：{hashed}"
    bundle = next((site_dir / "assets/javascripts").glob("bundle.*.min.js")).name
    assert "immutable" in cache(f"/assets/javascripts/{bundle}")
    for path in ("/", "/forms/group-sign-in/", "/assets/stylesheets/site.css", "/assets/javascripts/sw-form.js",
                 "/search/search_index.json", "/forms/group-sign-in/group-sign-in.pdf"):
        value = cache(path)
        assert value == "no-cache", f"{path} 名字不带哈希，更新后必须马上生效，应为 no-cache：{value}"


def test_nginx_types_and_missing_pages(nginx_url, site_dir):
    status, headers, _ = get(nginx_url, "/assets/javascripts/sw-form.js", "br")
    assert headers["content-type"].startswith("application/javascript") and headers.get("content-encoding") == "br"
    status, headers, _ = get(nginx_url, "/search/search_index.json", "gzip")
    assert headers["content-type"].startswith("application/json") and headers.get("content-encoding") == "gzip"
    status, headers, body = get(nginx_url, "/forms/group-sign-in/group-sign-in.pdf", "br, gzip")
    assert status == 200 and headers["content-type"] == "application/pdf" and "content-encoding" not in headers
    assert body == (site_dir / "forms/group-sign-in/group-sign-in.pdf").read_bytes()
    status, headers, body = get(nginx_url, "/no/such/page/", "br, gzip")
    assert status == 404 and decode(headers, body) == (site_dir / "404.html").read_bytes()
