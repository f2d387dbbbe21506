"""Print the fact audit's coverage by source: items listed / items found on their
page, for the site in site/ (build it first: python -m generator build).

    .venv/bin/python bench/fact_audit.py [site_dir] [-v]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from site_tests.fact_audit import SOURCES, PageTexts, check, coverage, list_facts, source_facts  # noqa: E402


def main(argv: list[str]) -> int:
    args = [a for a in argv if a != "-v"]
    site = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "site"
    total_listed = total_found = 0
    for source, (listed, found) in coverage(site).items():
        total_listed += listed
        total_found += found
        print(f"{source:>6}  {found:4d} / {listed:4d}  {100 * found / max(listed, 1):5.1f} %")
    print(f"{'all':>6}  {total_found:4d} / {total_listed:4d}  {100 * total_found / max(total_listed, 1):5.1f} %")
    if "-v" in argv:
        pages = PageTexts(site)
        for facts in [source_facts(s) for s in SOURCES] + [list_facts()]:
            for miss in check(facts, pages):
                print(miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
