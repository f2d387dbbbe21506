#!/usr/bin/env bash
# Lighthouse (mobile, median of 5 runs) on the home page, a handbook page, a form
# page and the score calculator. Prints the four category scores per page.
# Lighthouse 12 runs on Node 20; it is installed into bench/.npm on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
site=${SITE:-site}
[ -d "$site" ] || .venv/bin/python -m generator build
if [ ! -x bench/.npm/node_modules/.bin/lighthouse ]; then
  npm install --silent --prefix bench/.npm lighthouse@12 >/dev/null
fi
export CHROME_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
.venv/bin/python -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
pages=(index.html start/sources.html forms/group-plan/index.html calculators/supervisor-selection/index.html)
out=$(mktemp -d)
printf '%-48s %5s %5s %5s %5s  %s\n' page perf a11y bp seo 'median FCP / LCP / TBT (runs: perf scores)'
for p in "${pages[@]}"; do
  [ -f "$site/$p" ] || { printf '%-48s (not built)\n' "$p"; continue; }
  for i in $(seq "$runs"); do
    bench/.npm/node_modules/.bin/lighthouse "http://127.0.0.1:$port/$p" --quiet --output=json --output-path="$out/$i.json" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
      --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1 || true
  done
  .venv/bin/python - "$p" "$out" "$runs" <<'PY'
import json, statistics, sys
page, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
scores = {k: [] for k in ("performance", "accessibility", "best-practices", "seo")}
for i in range(1, runs + 1):
    try:
        data = json.load(open(f"{out}/{i}.json"))
    except Exception:
        continue
    for k in scores:
        s = data["categories"][k]["score"]
        if s is not None:
            scores[k].append(round(s * 100))
metrics = {k: [] for k in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")}
for i in range(1, runs + 1):
    try:
        audits = json.load(open(f"{out}/{i}.json"))["audits"]
    except Exception:
        continue
    for k in metrics:
        metrics[k].append(audits[k]["numericValue"])
med = {k: (statistics.median(v) if v else "-") for k, v in scores.items()}
ms = " / ".join(f"{statistics.median(v):.0f} ms" if v else "-" for v in metrics.values())
print(f"{page:<48} {med['performance']:>5} {med['accessibility']:>5} {med['best-practices']:>5} {med['seo']:>5}  {ms} ({' '.join(map(str, scores['performance']))})")
PY
done
