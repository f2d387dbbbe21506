"""How fast the attainment core and CLI are. Prints numbers; run from the repo root:

    .venv/bin/python bench/attainment.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.indicators.attainment import attainment, default_rules  # noqa: E402

EXAMPLE = {
    "post_type": "specialized", "posts": 3, "satisfaction": 0.86, "allow_conversion": True,
    "counts": {"professional_case": 88, "consultation": 161, "home_visit": 150, "file_opening": 152, "training": 18},
}


def main() -> None:
    started = time.perf_counter()
    default_rules()
    print(f"读取规则（data/indicators/ 的 CSV）：{(time.perf_counter() - started) * 1000:.1f} ms")
    n = 10_000
    started = time.perf_counter()
    for _ in range(n):
        attainment(EXAMPLE)
    per_call = (time.perf_counter() - started) / n * 1e6
    print(f"attainment() 每次：{per_call:.1f} µs（{n} 次平均）")
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "generator", "attainment", "-"], input=json.dumps(EXAMPLE), capture_output=True, text=True, cwd=ROOT, check=True)
        runs.append(time.perf_counter() - started)
    print(f"python -m generator attainment -：中位数 {sorted(runs)[1]:.2f} s（3 次）")


if __name__ == "__main__":
    main()
