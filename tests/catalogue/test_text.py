"""The one text fold (catalogue.text): normalise, fold_char, fold_keeping_offsets, simplified."""

import subprocess
import sys
from pathlib import Path

import pytest

from catalogue.text import fold_char, fold_keeping_offsets, normalise, simplified

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "given, folded",
    [
        ("證書", "证书"),
        ("電工", "电工"),
        ("職業資格", "职业资格"),
        ("ＣＡＴＴＩ２０２１", "catti2021"),
        ("建造师（二级）", "建造师二级"),
        ("Ｃ１ 驾驶证", "c1驾驶证"),
        ("①级", "1级"),  # a compatibility form
        ("\uf9d0", "类"),  # CJK compatibility ideograph 類 (U+F9D0)
    ],
)
def test_normalise_folds_width_script_case_and_compatibility_forms(given, folded):
    assert normalise(given) == folded


@pytest.mark.parametrize(
    "char, folded",
    [("證", "证"), ("電", "电"), ("職", "职"), ("Ａ", "a"), ("１", "1"), ("（", "("), ("①", "1")],
)
def test_fold_char_maps_one_character_to_one(char, folded):
    assert fold_char(char) == folded


@pytest.mark.parametrize("char", ["㎏", "ß", "…"])
def test_a_character_that_would_fold_to_several_stays_as_it_is(char):
    assert fold_char(char) == char


def test_fold_keeping_offsets_keeps_every_position():
    text = "ＡＢ公司：須持有電工證、職業資格證書（中級）㎏ß。"
    folded = fold_keeping_offsets(text)
    assert len(folded) == len(text)
    assert folded == "ab公司:须持有电工证、职业资格证书(中级)㎏ß。"
    start = folded.index("电工证")
    assert text[start : start + 3] == "電工證"


def test_simplified_reads_words_not_lone_characters():
    # 覆 alone stays 覆; in 答覆 and 批覆 it is 复.
    assert simplified("答覆批覆") == "答复批复"
    assert simplified("證書") == "证书"


def test_the_portal_builds_one_converter():
    sources = [
        p
        for p in ROOT.glob("*/**/*.py")
        if ".venv" not in p.parts and "node_modules" not in p.parts and p.name != "test_text.py"
    ]
    builders = [str(p.relative_to(ROOT)) for p in sources if "OpenCC(" in p.read_text()]
    assert builders == ["catalogue/text.py"]


def test_the_fold_imports_without_django():
    code = "import sys, catalogue.text as t; print(t.normalise('證書'), 'django' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["证书", "False"]
