"""Every document of the corpus read by the importer, and the field accuracy it reaches.

The figure is printed (pytest -s, or in the failure message) and the test fails when it
drops below the floor reached so far; raise ACCURACY_FLOOR when the reader gets better.
"""

import re

import pytest
from notice_corpus import Score, documents, score

from notices.importer import chain_as_json, parse_document

ACCURACY_FLOOR = 1.0
# The same documents with their layout lost: every line break made a space, or every
# whitespace character removed, as some web copies and PDF extractions leave them.
LOST_LAYOUT_FLOORS = {"one line": 0.54, "no whitespace": 0.70}
CORPUS = documents()
# The documents as found; the others are their traditional or full-width copies.
ORIGINALS = [d for d in CORPUS if not d.name.startswith("variant-")]


def test_the_corpus_holds_at_least_thirty_real_documents_with_their_sources():
    assert len(CORPUS) >= 30
    for document in CORPUS:
        assert document.source.startswith("http"), document.name
        assert document.expected, document.name


def test_the_field_accuracy_over_the_corpus_stays_at_or_above_the_floor():
    total = Score()
    for document in CORPUS:
        report = parse_document(document.text)
        result = score(document, chain_as_json(report.chain))
        total.right += result.right
        total.total += result.total
        total.misses += result.misses
    print(f"\ncorpus field accuracy: {total.right}/{total.total} = {total.accuracy:.1%}")
    assert total.accuracy >= ACCURACY_FLOOR, "\n".join(total.misses)


@pytest.mark.parametrize("document", CORPUS, ids=[d.name for d in CORPUS])
def test_no_document_of_the_corpus_makes_the_reader_fail(document):
    report = parse_document(document.text)
    assert report.chain, report.warnings


@pytest.mark.parametrize(
    ("layout", "squash"),
    [
        ("one line", lambda t: re.sub(r"\s*\n\s*", " ", t)),
        ("no whitespace", lambda t: re.sub(r"\s+", "", t)),
    ],
)
def test_the_corpus_read_with_its_layout_lost_stays_at_or_above_its_floor(layout, squash):
    total = Score()
    for document in ORIGINALS:
        result = score(document, chain_as_json(parse_document(squash(document.text)).chain))
        total.right += result.right
        total.total += result.total
    print(f"\ncorpus, {layout}: {total.right}/{total.total} = {total.accuracy:.1%}")
    assert total.accuracy >= LOST_LAYOUT_FLOORS[layout]


VARIANTS = [d for d in CORPUS if d not in ORIGINALS]


def test_the_corpus_holds_traditional_and_full_width_copies_of_its_documents():
    assert len(VARIANTS) >= 5
    assert {"s2hk", "s2tw", "s2t", "wide"} <= {d.name.split("-")[1] for d in VARIANTS}


@pytest.mark.parametrize("variant", VARIANTS, ids=[d.name for d in VARIANTS])
def test_a_traditional_or_full_width_copy_imports_to_its_originals_chain(variant):
    original = next(d for d in CORPUS if variant.name.endswith(f"-{d.name}"))
    expected = chain_as_json(parse_document(original.text).chain)
    assert chain_as_json(parse_document(variant.text).chain) == expected
