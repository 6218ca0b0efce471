"""A 1.6 KB "spreadsheet bomb" read the old way (openpyxl's full load, then every merged
cell filled in) and the new way (portal/spreadsheets.py: streaming, limits checked while
reading). Prints time and peak memory side by side; the old way is cut off after --cap s.

    .venv/bin/python bench/spreadsheet_bomb.py [--cap 20]
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

OLD_WAY = """
import io, sys, openpyxl
sheet = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read())).worksheets[0]
filled = {}
for merged in sheet.merged_cells.ranges:
    for row in range(merged.min_row + 1, merged.max_row + 1):
        for col in range(max(merged.min_col, 2), merged.max_col + 1):
            filled[(row, col)] = None
"""


def _old(data: bytes, cap: float) -> str:
    started = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-c", OLD_WAY], input=data, timeout=cap, check=False)
        outcome = "finished"
    except subprocess.TimeoutExpired:
        outcome = f"cut off at {cap:.0f} s"
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return f"{time.perf_counter() - started:7.2f} s  {peak:8.0f} MB peak  ({outcome})"


def _new(data: bytes) -> str:
    import django

    django.setup()
    from portal.spreadsheets import SpreadsheetError, xlsx_read

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    try:
        list(xlsx_read(data).rows)
        outcome = "read"
    except SpreadsheetError as error:
        outcome = f"refused: {error}"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return f"{time.perf_counter() - started:7.2f} s  {peak - before:8.0f} MB more  ({outcome})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cap", type=float, default=20.0)
    cap = parser.parse_args().cap
    from tests.portal.test_spreadsheets import BOMB_SHEET, xlsx_with_sheet

    data = xlsx_with_sheet(BOMB_SHEET)
    print(f"bomb: {len(data)} bytes (dimension A1:XFD1048576, one merged range over it)")
    print(f"new (streaming, limits) {_new(data)}")
    print(f"old (full load, merges) {_old(data, cap)}")


if __name__ == "__main__":
    main()
