"""Publishing for slow networks: the build writes .gz/.br copies of every text
file, and deploy/nginx.conf, run by the real Debian nginx on 127.0.0.1 against
the built site, sends the smallest one the browser accepts, with a year's
cache on hashed assets and revalidation on everything else."""

from __future__ import annotations

import gzip
import http.client
import shutil
from pathlib import Path

import brotli
import pytest

from generator.precompress import MIN_BYTES, candidates, precompress_site
from site_tests import nginx


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

@pytest.fixture(scope="module")
def nginx_url(site_dir):
    try:
        with nginx.running(site_dir) as url:
            yield url.removeprefix("http://").rstrip("/")
    except nginx.NginxMissing as exc:
        pytest.fail(str(exc))


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


def test_a_file_kept_for_a_year_changes_its_name_when_its_content_changes(site_dir):
    """nginx lets browsers keep NAME.<hash>.min.css|js for a year without asking:
    that is only safe when the hash is of the file as published (the build purges
    and patches the theme's files after they were named)."""
    from generator.fingerprint import HASHED, content_hash

    hashed = [p for p in (site_dir / "assets").rglob("*.min.*") if HASHED.match(p.name)]
    assert len(hashed) >= 4
    for path in hashed:
        assert HASHED.match(path.name)["hash"] == content_hash(path.read_bytes()), f"{path.name} 的名字和内容对不上"
    page = (site_dir / "forms/group-plan/index.html").read_text(encoding="utf-8")
    for path in hashed:
        if path.name.startswith(("main.", "bundle.", "search.")):
            assert path.name in page, f"表格页没有引用 {path.name}"


def test_fingerprints_follow_a_changed_file(tmp_path):
    from generator.fingerprint import content_hash, postbuild

    css = tmp_path / "assets/stylesheets/main.57a0d79d.min.css"
    css.parent.mkdir(parents=True)
    css.write_text("a{color:red}\n/*# sourceMappingURL=main.57a0d79d.min.css.map */", encoding="utf-8")
    css.with_name(css.name + ".map").write_text("{}", encoding="utf-8")
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="assets/stylesheets/main.57a0d79d.min.css">', encoding="utf-8")
    postbuild(None, tmp_path)
    new = f"main.{content_hash(b'a{color:red}')}.min.css"
    assert sorted(p.name for p in css.parent.iterdir()) == [new]
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == f'<link rel="stylesheet" href="assets/stylesheets/{new}">'
