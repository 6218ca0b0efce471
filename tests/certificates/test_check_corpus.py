"""Real certificate names as people write them (adverts, Q&A pages, trade sites), each with
its source and the verdict and kind derived from the rules and data/ (tests/certificates/
corpus/names.json). The matcher is not tuned to them; the test reports its accuracy and
fails below the floor, and never accepts a confident answer where the data cannot decide."""

import json
from pathlib import Path

import pytest

from certificates.checking import certificate_check

pytestmark = pytest.mark.usefixtures("catalogue")

CORPUS = json.loads((Path(__file__).parent / "corpus" / "names.json").read_text("utf-8"))
FLOOR = 0.9


def test_the_corpus_holds_forty_sourced_names():
    assert len(CORPUS) >= 40
    assert len({row["name"] for row in CORPUS}) == len(CORPUS)
    assert all(row["source"].startswith("http") for row in CORPUS)


def test_the_check_answers_the_corpus(capsys):
    answers = {row["name"]: certificate_check(name=row["name"]) for row in CORPUS}
    wrong = [
        f"{row['name']}: {a.verdict}/{a.certificate_kind}, "
        f"expected {row['expected_verdict']}/{row['expected_kind']}"
        for row in CORPUS
        if ((a := answers[row["name"]]).verdict, a.certificate_kind)
        != (row["expected_verdict"], row["expected_kind"])
    ]
    accuracy = 1 - len(wrong) / len(CORPUS)
    with capsys.disabled():
        print(f"\ncorpus accuracy: {len(CORPUS) - len(wrong)}/{len(CORPUS)} = {accuracy:.0%}")
        for line in wrong:
            print("  wrong:", line)
    assert accuracy >= FLOOR, wrong
    undecidable = [r["name"] for r in CORPUS if r["expected_verdict"] == "uncertain"]
    confident = [n for n in undecidable if answers[n].verdict not in ("uncertain", "not_national")]
    assert not confident, confident
