"""The administrative divisions of GB/T 2260 (data/regions/pca-code.json), read once.

Codes are given in six digits: 350000 福建省, 350100 福州市, 350102 鼓楼区. Only the
province, prefecture and county levels are kept (the file's nine-digit townships aside).
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_FILE = Path(__file__).resolve().parent.parent / "data" / "regions" / "pca-code.json"
_LEVELS = {2: "provincial", 4: "municipal", 6: "county"}


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str
    level: str
    parent: str | None


@cache
def divisions() -> dict[str, Division]:
    found: dict[str, Division] = {}

    def walk(items, parent):
        for item in items:
            short = item["code"]
            if len(short) not in _LEVELS:
                continue
            code = short.ljust(6, "0")
            found[code] = Division(code, item["name"], _LEVELS[len(short)], parent)
            walk(item.get("children", []), code)

    walk(json.loads(_FILE.read_text(encoding="utf-8")), None)
    return found


@cache
def children_of(code: str | None) -> tuple[Division, ...]:
    """The divisions directly below `code` (None: the provinces)."""
    return tuple(d for d in divisions().values() if d.parent == code)


def prefix(division: Division) -> str:
    """The leading digits every code within the division shares."""
    return division.code[: {"provincial": 2, "municipal": 4, "county": 6}[division.level]]


@cache
def two_levels_below(code: str | None) -> tuple[tuple[Division, tuple[Division, ...]], ...]:
    """The divisions directly below `code` (None: the provinces), each with its own."""
    return tuple((d, children_of(d.code)) for d in children_of(code))
