"""Reading from development batches 68–71: a "(LoRA)" row under a model's row is that model with LoRA; a figure
the asker quotes for another row ("starcoder gets 1.22") is not the answer, and "2e-5" does not restate "2e-4";
"3.79d" is a duration (not "3D parallelism"); a camel-cased name ("AdamOffloadOptimizer") is found by its words."""

from __future__ import annotations

from bot.read import read
from bot.read.answer_type import VALUE_PATTERNS
from bot.read.candidate import given_penalty, restates, sci_numbers
from knowledge.lang import search_tokens, tokenize
from knowledge.tables import parse_tables
from tests.helpers import table_hits

FINCUGE = """评测结果（%）如下：

| 模型 | FinFE (Accuracy) | FinQA (F1) | FinESE (F1) | 平均值 |
|:---:|:---:|:---:|:---:|:---:|
| Baichuan-13B-Chat | 64.8 | 38.1 | 18.6 | 31.0 |
| (LoRA) | 69.3 | 42.4 | 45.3 | 40.0 |
| ChatGLM | 56.7 | 31.8 | 48.7 | 36.3 |
| (LoRA) | 60.7 | 41.4 | 46.2 | 38.4 |
"""

TOKENIZERS = """Tokenizer comparison (characters per token):

| Tokenizer | Size | Chinese | English | Code |
|---|---|---|---|---|
| Starcoder | 49152 | 1.22 | 3.47 | 3.30 |
| CodeShell | 70020 | 1.50 | 3.47 | 3.30 |
"""


def _hits(text: str) -> list:
    return table_hits(text, "Evaluation")


def test_a_parenthesised_row_qualifies_the_row_above():
    rows = {(c.row, c.column): c.value for c in parse_tables(FINCUGE)}
    assert rows[("Baichuan-13B-Chat (LoRA)", "平均值")] == "40.0"
    assert rows[("ChatGLM (LoRA)", "FinESE (F1)")] == "46.2"
    assert rows[("ChatGLM", "平均值")] == "36.3"


def test_the_lora_row_answers_a_question_about_the_model_with_lora():
    found = read("FinESE 这个任务 Baichuan-13B-Chat 加了 LoRA 以后 F1 变成多少了？原来才18点几", _hits(FINCUGE))
    assert found.best is not None and found.best.value == "45.3"


def test_a_figure_the_asker_quotes_for_another_row_is_not_the_answer():
    found = read("starcoder gets 1.22 on chinese text, what does the codeshell tokenizer get on chinese?", _hits(TOKENIZERS))
    assert found.best is not None and found.best.value == "1.50"


def test_scientific_notation_restates_only_its_own_value():
    given = sci_numbers("the llamas were 2e-4")
    assert restates("2e-4", given) and not restates("2e-5", given) and not restates("1e-3", given)
    assert given_penalty("1.22", frozenset({1.22})) > given_penalty("16", frozenset({16.0})) > 0


def test_days_written_as_d_are_a_duration():
    found = VALUE_PATTERNS["duration"].findall("4×A800, 耗时3.79d; 2×4090, 耗时26d; 3D parallelism; 3d并行")
    assert found == ["3.79d", "26d"]


def test_camel_cased_names_are_found_by_their_words():
    tokens = search_tokens("optimizer = bmtrain.optim.AdamOffloadOptimizer(model.parameters())")
    assert {"offload", "optimizer", "adam"} <= set(tokens)
    assert "offload" not in tokenize("AdamOffloadOptimizer")  # a row named "DeepSeek" holds no extra words
    assert "lo" not in search_tokens("LoRA and QLoRA on vLLM")
