"""The advert corpus (tests/adverts/corpus/*.json) and its scoring per category.

Each file holds an advert (real, with its source URL, or a written variant), the type a
reader would pick, and the findings a reader expects: category, code and the quoted words.
A finding of the check matches an expected one of the same category whose quoted words it
overlaps (a missing-elements finding, which has no span, matches by its code); each
expected finding matches at most one.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"
CATEGORIES = (
    "certificate_demand",
    "certificate_selling",
    "training_front",
    "job_advert_content",
    "forbidden_wording",
)


def load() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.json"))]


@dataclass
class Score:
    true: Counter = field(default_factory=Counter)
    false: Counter = field(default_factory=Counter)
    missed: Counter = field(default_factory=Counter)
    mistakes: list[str] = field(default_factory=list)

    def precision(self, category: str) -> float:
        found = self.true[category] + self.false[category]
        return self.true[category] / found if found else 1.0

    def recall(self, category: str) -> float:
        expected = self.true[category] + self.missed[category]
        return self.true[category] / expected if expected else 1.0

    def table(self) -> str:
        rows = [f"{'category':22} {'TP':>3} {'FP':>3} {'FN':>3} {'precision':>9} {'recall':>6}"]
        for c in CATEGORIES:
            rows.append(
                f"{c:22} {self.true[c]:3} {self.false[c]:3} {self.missed[c]:3} "
                f"{self.precision(c):9.2f} {self.recall(c):6.2f}"
            )
        return "\n".join(rows)


def _overlaps(finding: dict, text: str, quote: str) -> bool:
    start = text.find(quote)
    while start != -1:
        if finding["start"] < start + len(quote) and start < finding["end"]:
            return True
        start = text.find(quote, start + 1)
    return False


def _matches(finding: dict, expected: dict, text: str) -> bool:
    if finding["category"] != expected["category"]:
        return False
    if not expected["quote"]:
        return finding["code"] == expected["code"] and finding["start"] == finding["end"]
    return _overlaps(finding, text, expected["quote"])


def score_one(score: Score, advert: dict, findings: list[dict]) -> None:
    unused = list(findings)
    for expected in advert["expected"]:
        hit = next((f for f in unused if _matches(f, expected, advert["text"])), None)
        if hit is None:
            score.missed[expected["category"]] += 1
            score.mistakes.append(
                f"{advert['id']}: missed {expected['code']} {expected['quote']!r}"
            )
        else:
            score.true[expected["category"]] += 1
            unused.remove(hit)
    for finding in unused:
        score.false[finding["category"]] += 1
        score.mistakes.append(f"{advert['id']}: extra {finding['code']} {finding['quote']!r}")
