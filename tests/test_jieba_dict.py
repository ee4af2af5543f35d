"""jieba from the prepared SQLite dictionary cuts every text exactly as jieba with its own dictionary does."""

import sqlite3
from pathlib import Path

import jieba
import pytest

from knowledge.jieba_dict import FILE_NAME, LazyFreq, dictionary_source, install, open_dictionary

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def texts() -> list[str]:
    lines = [line for md in sorted((ROOT / "knowledge" / "corpus").glob("*.md"))
             for line in md.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = ["LoRA 相比全参数微调能减少多少内存?", "我们有3000条标注数据,应该微调吗?", "QLoRA 用几位量化?",
                 "公司产品手册每周都会更新，客服机器人要回答最新内容", "量子纠缠与大模型蒸馏的关系", "龘靐齉爩"]
    return questions + lines


@pytest.fixture(scope="module")
def reference() -> jieba.Tokenizer:
    dt = jieba.Tokenizer()
    dt.FREQ, dt.total = dt.gen_pfdict(dt.get_dict_file())
    dt.initialized = True
    return dt


def prepared(cache: Path, full_after: int = 20_000) -> jieba.Tokenizer:
    dt = jieba.Tokenizer()
    install(dt, jieba.__version__, cache, full_after=full_after)
    return dt


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("jieba-cache")
    first = prepared(folder)  # no file yet: jieba's own dictionary, and the file is written
    assert isinstance(first.FREQ, dict) and (folder / FILE_NAME).is_file()
    return folder


def test_prepared_dictionary_cuts_like_jieba(cache, reference, texts):
    dt = prepared(cache)
    assert isinstance(dt.FREQ, LazyFreq)
    assert dt.total == reference.total
    for text in texts:
        assert dt.lcut(text) == reference.lcut(text), text
    assert isinstance(dt.FREQ, LazyFreq)  # the notes alone stay below the full-load threshold


def test_switch_to_the_full_dictionary_midway_changes_nothing(cache, reference, texts):
    dt = prepared(cache, full_after=200)
    got = [dt.lcut(t) for t in texts]
    assert isinstance(dt.FREQ, dict) and len(dt.FREQ) == len(reference.FREQ)
    assert got == [reference.lcut(t) for t in texts]


def test_lookups_agree_with_the_dictionary(cache, reference):
    dt = prepared(cache)
    for word in ["微调", "微", "全参数", "参数", "LoRA", "不存在的词语组合", "的"]:
        assert (word in dt.FREQ) == (word in reference.FREQ)
        assert dt.FREQ.get(word) == reference.FREQ.get(word)
    with pytest.raises(KeyError):
        dt.FREQ["不存在的词语组合"]


def test_a_damaged_file_is_replaced_and_cutting_goes_on(tmp_path, reference, texts):
    (tmp_path / FILE_NAME).write_bytes(b"this is not a database" * 100)
    dt = prepared(tmp_path)
    assert isinstance(dt.FREQ, dict)
    assert dt.lcut(texts[0]) == reference.lcut(texts[0])
    assert open_dictionary(tmp_path / FILE_NAME, dictionary_source(reference, jieba.__version__)) is not None


def test_a_file_for_another_dictionary_is_not_used(cache):
    assert open_dictionary(cache / FILE_NAME, "jieba 0.0.1, other.txt, 12 bytes") is None


def test_a_file_that_fails_while_in_use_falls_back_to_jieba(cache, reference, texts):
    dt = prepared(cache)
    dt.FREQ._db.close()  # e.g. the file was deleted or damaged after it was opened
    with pytest.raises(sqlite3.ProgrammingError):
        dt.FREQ._db.execute("SELECT 1")
    assert dt.lcut(texts[1]) == reference.lcut(texts[1])
    assert isinstance(dt.FREQ, dict)
