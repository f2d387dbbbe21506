#!/usr/bin/env bash
# Lighthouse (mobile, median of 5 runs) on the home page, a handbook page, a form
# page and both calculators, with the site served by deploy/nginx.conf (real nginx)
# with compression on (the build's precompressed files) and off. Prints the four
# category scores per page and mode, and the machine's load (scores drop on a busy machine).
# Lighthouse 12 runs on Node 20; it is installed into bench/.npm on first use.
# Chromium asks for br only over HTTPS, so on http://127.0.0.1 "on" means the .gz files.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
site=${SITE:-site}
modes=${MODES:-on off}
[ -d "$site" ] || .venv/bin/python -m generator build
if [ ! -x bench/.npm/node_modules/.bin/lighthouse ]; then
  npm install --silent --prefix bench/.npm lighthouse@12 >/dev/null
fi
export CHROME_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
pages=(index.html start/sources.html forms/group-plan/index.html calculators/supervisor-selection/index.html calculators/indicator-attainment/index.html)
out=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill $server; rm -rf "$out"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-4s %-46s %5s %5s %5s %5s  %s\n' mode page perf a11y bp seo 'median FCP / LCP / TBT (runs: perf scores)'
for mode in $modes; do
  .venv/bin/python -m site_tests.nginx "$site" "$mode" > "$out/url" &
  server=$!
  for _ in $(seq 100); do [ -s "$out/url" ] && break; sleep 0.1; done
  base=$(cat "$out/url")
  for p in "${pages[@]}"; do
    [ -f "$site/$p" ] || { printf '%-4s %-46s (not built)\n' "$mode" "$p"; continue; }
    for i in $(seq "$runs"); do
      bench/.npm/node_modules/.bin/lighthouse "$base$p" --quiet --output=json --output-path="$out/$i.json" \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
        --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1 || true
    done
    .venv/bin/python - "$mode" "$p" "$out" "$runs" <<'PY'
import json, statistics, sys
mode, page, out, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
scores = {k: [] for k in ("performance", "accessibility", "best-practices", "seo")}
metrics = {k: [] for k in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")}
for i in range(1, runs + 1):
    try:
        data = json.load(open(f"{out}/{i}.json"))
    except Exception:
        continue
    for k in scores:
        s = data["categories"][k]["score"]
        if s is not None:
            scores[k].append(round(s * 100))
    for k in metrics:
        metrics[k].append(data["audits"][k]["numericValue"])
med = {k: (statistics.median(v) if v else "-") for k, v in scores.items()}
ms = " / ".join(f"{statistics.median(v):.0f} ms" if v else "-" for v in metrics.values())
print(f"{mode:<4} {page:<46} {med['performance']:>5} {med['accessibility']:>5} {med['best-practices']:>5} {med['seo']:>5}  {ms} ({' '.join(map(str, scores['performance']))})")
PY
    rm -f "$out"/*.json
  done
  kill "$server"; wait "$server" 2>/dev/null || true; server=
  rm -f "$out/url"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
