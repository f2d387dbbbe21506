"""Downloads of every indicator table: CSV (UTF-8 with BOM) and XLSX.

The BOM makes Excel on Chinese Windows read the file as UTF-8 instead of GBK
(otherwise every Chinese character is garbled). Headers are the Chinese field
titles from the Table Schema, so the download reads like the page.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

BOM = "\ufeff"


@dataclass(frozen=True)
class Download:
    name: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def csv_bytes(self) -> bytes:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(self.headers)
        writer.writerows(self.rows)
        return (BOM + buf.getvalue()).encode("utf-8")

    def xlsx_bytes(self) -> bytes:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font

        wb = Workbook()
        ws = wb.active
        # Sheet names are limited to 31 characters and some punctuation.
        ws.title = self.name[:31]
        ws.append(list(self.headers))
        for row in self.rows:
            ws.append([_cell(v) for v in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for i, header in enumerate(self.headers, start=1):
            width = max([len(str(header))] + [len(str(r[i - 1])) for r in self.rows if i - 1 < len(r)])
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(60, max(8, width * 2 + 2))
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        # Print on A4 landscape, one page wide, header row repeated.
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
        wb.properties.title = self.title
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()


def _cell(value: str):
    """Numbers as numbers in Excel, so sums and filters work; text stays text."""
    if value and value.lstrip("-").isdigit() and not (len(value) > 1 and value.startswith("0")):
        return int(value)
    return value


def from_package(package: dict, data_dir: Path, prefix: str = "indicators/") -> list[Download]:
    """A download for every resource of the data package stored under ``prefix``."""
    downloads = []
    for res in package.get("resources", []):
        if not str(res.get("path", "")).startswith(prefix):
            continue
        fields = res.get("schema", {}).get("fields", [])
        titles = {f["name"]: f.get("title") or f["name"] for f in fields}
        with open(data_dir / res["path"], encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            rows = tuple(tuple(r) for r in reader)
        downloads.append(Download(res["name"], res.get("title", res["name"]), tuple(titles.get(h, h) for h in header), rows))
    return downloads
