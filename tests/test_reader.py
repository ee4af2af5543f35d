"""Reading answers: tables parsed from every format into cells, cells and sentences chosen by the answer type,
answers framed in the asker's language, and weak candidates shown as weak.
"""

from __future__ import annotations

import io

import pytest

from bot.read import read
from bot.respond import respond
from knowledge.chunking import chunk_documents
from knowledge.lang import tokenize
from knowledge.loaders import LoadLimits, load_file
from knowledge.types import Chunk, Hit

# a small results table, written three ways
ROWS = [
    ("Method", "BLEU-4", "ROUGE-L", "GPU memory"),
    ("Full fine-tuning", "28.4", "41.2", "78 GB"),
    ("LoRA", "27.9", "40.8", "21 GB"),
    ("QLoRA", "27.1", "40.1", "12 GB"),
]
INTRO = "We fine-tuned the same 7B model on a summarisation task with three methods and scored the outputs."
OUTRO = "All runs used three epochs and the same learning-rate schedule."


def markdown_doc() -> str:
    lines = ["# Summarisation results", "", INTRO, "",
             "| " + " | ".join(ROWS[0]) + " |", "|" + "---|" * len(ROWS[0])]
    lines += ["| " + " | ".join(r) + " |" for r in ROWS[1:]]
    return "\n".join([*lines, "", OUTRO, ""])


def html_doc() -> str:
    head = "".join(f"<th>{c}</th>" for c in ROWS[0])
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in ROWS[1:])
    return (f"<html><head><title>Summarisation results</title></head><body><h1>Summarisation results</h1>"
            f"<p>{INTRO}</p><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table><p>{OUTRO}</p></body></html>")


def docx_doc() -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Summarisation results"
    document.add_heading("Summarisation results", level=1)
    document.add_paragraph(INTRO)
    table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for i, row in enumerate(ROWS):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    document.add_paragraph(OUTRO)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


FORMATS = {"md": markdown_doc, "html": html_doc, "docx": docx_doc}


def chunks_of(tmp_path, fmt: str) -> list[Chunk]:
    data = FORMATS[fmt]()
    path = tmp_path / f"results.{fmt}"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    docs = load_file(path, LoadLimits())
    return chunk_documents(docs, 480, 60, 280)


def as_hits(chunks, dense: float = 0.5) -> list[Hit]:
    return [Hit(chunk=c, score=0.9 - 0.05 * i, dense_score=dense) for i, c in enumerate(chunks)]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_tables_become_cells_in_every_format(tmp_path, fmt):
    chunks = chunks_of(tmp_path, fmt)
    cells = {tuple(cell[:3]) for c in chunks for cell in c.meta.get("cells", ())}  # row, column, value (+ the row's other cells)
    assert ("LoRA", "BLEU-4", "27.9") in cells
    assert ("QLoRA", "GPU memory", "12 GB") in cells
    assert ("Full fine-tuning", "ROUGE-L", "41.2") in cells
    assert len(cells) == 9  # three rows × three value columns; labels and headers are not cells
    assert not any(value in ("BLEU-4", "Method") for _, _, value in cells)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_cell_answers_what_bleu_4_lora_got(tmp_path, fmt):
    hits = as_hits(chunks_of(tmp_path, fmt))
    ev = read("What BLEU-4 score did LoRA get?", hits)
    assert ev.best is not None and not ev.weak
    assert ev.best.kind == "cell"
    assert (ev.best.row, ev.best.column, ev.best.value) == ("LoRA", "BLEU-4", "27.9")


@pytest.mark.parametrize(("question", "row", "column", "value"), [
    ("How much GPU memory does QLoRA use?", "QLoRA", "GPU memory", "12 GB"),
    ("What ROUGE-L did full fine-tuning reach?", "Full fine-tuning", "ROUGE-L", "41.2"),
    ("LoRA 的 BLEU-4 是多少?", "LoRA", "BLEU-4", "27.9"),
])
def test_other_cells(tmp_path, question, row, column, value):
    ev = read(question, as_hits(chunks_of(tmp_path, "md")))
    assert ev.best is not None and not ev.weak
    assert (ev.best.kind, ev.best.row, ev.best.column, ev.best.value) == ("cell", row, column, value)


def test_cell_answer_text_names_row_column_and_value(tmp_path):
    draft = respond("What BLEU-4 score did LoRA get?", as_hits(chunks_of(tmp_path, "html")), rag=True)
    assert draft.kind == "factual"
    first = draft.text.splitlines()[0]
    assert "27.9" in first and "LoRA" in first and "BLEU-4" in first
    assert "28.4" not in first and "27.1" not in first  # other rows' values are not the answer
    assert draft.quoted and draft.quoted[0].chunk.source == "results.html"


def test_a_row_the_table_lacks_is_not_answered_from_another_row(tmp_path):
    draft = respond("What BLEU-4 score did prefix tuning get?", as_hits(chunks_of(tmp_path, "md")), rag=True)
    assert "Answer:" not in draft.text
    first = draft.text.splitlines()[0]
    assert not any(v in first for v in ("28.4", "27.9", "27.1")), draft.text


# ---------------------------------------------------------------- answer types

# (question, expected value, distractor: shares more words but holds no value of the type, answer sentence)
TYPED = {
    "percent": ("By how much does QLoRA reduce GPU memory compared with full fine-tuning?", "75%",
                "QLoRA reduces GPU memory compared with full fine-tuning because the frozen base weights are stored "
                "compressed, so QLoRA fine-tuning fits where full fine-tuning does not.",
                "In our runs, memory use dropped by 75% with QLoRA."),
    "version": ("Which version of transformers does the training guide require?", "4.41.2",
                "The training guide requires a recent transformers release and explains which version of transformers "
                "works with the training scripts.",
                "Install transformers 4.41.2 or later."),
    "bits": ("How many bits does the GPTQ quantizer use for the weights?", "4-bit",
             "The GPTQ quantizer compresses the weights after training and uses calibration data to quantize the weights.",
             "GPTQ usually stores them in 4-bit form."),
    "memory": ("How much GPU memory does LoRA training of a 7B model need?", "16 GB",
               "LoRA training of a 7B model needs less GPU memory than full training of a 7B model does.",
               "Plan for about 16 GB of GPU memory with LoRA."),
    "money": ("What does an A100 cost per hour on the cloud?", "$1.80",
              "Renting an A100 on the cloud is billed per hour, and what an hour of A100 time costs depends on the cloud.",
              "Expect to pay about $1.80 for one A100 hour."),
    "duration": ("How long does the 70B QLoRA run take?", "16 hours",
                 "The 70B QLoRA run takes longer than the 8B run, and a long QLoRA run needs careful checkpointing.",
                 "Budget 8 to 16 hours for the QLoRA job."),
    "count": ("How many labeled examples does LoRA need?", "5,000 examples",
              "LoRA needs labeled examples, and the labeled examples LoRA learns from must be clean and varied.",
              "Usually 1,000 to 5,000 examples are enough for LoRA."),
    "percent_zh": ("LoRA 能把显存降低多少?", "70%",
                   "LoRA 能把显存降低，是因为冻结了原模型的参数、只训练低秩矩阵，所以 LoRA 能把显存降低多少取决于模型。",
                   "实测 LoRA 的显存降低约 70%。"),
    "version_zh": ("peft 需要哪个版本?", "0.11.1",
                   "peft 的版本需要和 transformers 的版本匹配，版本不对 peft 会报错。",
                   "建议安装 peft 0.11.1。"),
    "memory_zh": ("QLoRA 微调 70B 模型需要多少显存?", "48 GB",
                  "QLoRA 微调 70B 模型需要的显存比全量微调 70B 模型需要的显存少很多。",
                  "QLoRA 大约需要 48 GB 显存。"),
}


def typed_hits(distractor: str, answer: str, lang: str) -> list[Hit]:
    return [
        Hit(Chunk(21, distractor, "guide-a.md", "Guide A", 0, lang), score=0.9, dense_score=0.6),
        Hit(Chunk(22, answer, "guide-b.md", "Guide B", 0, lang), score=0.8, dense_score=0.5),
    ]


@pytest.mark.parametrize("kind", sorted(TYPED))
def test_the_sentence_holding_the_wanted_type_wins(kind):
    question, value, distractor, answer = TYPED[kind]
    lang = "zh" if kind.endswith("_zh") else "en"
    asked = set(tokenize(question))
    assert len(asked & set(tokenize(distractor))) > len(asked & set(tokenize(answer)))  # the premise of the row
    ev = read(question, typed_hits(distractor, answer, lang))
    assert ev.best is not None
    assert ev.best.hit.chunk.source == "guide-b.md", (kind, ev.best.text)
    assert ev.best.value == value
    assert not ev.weak


@pytest.mark.parametrize("kind", ["percent", "version", "money", "duration"])
def test_typed_answer_in_the_composed_text(kind):
    question, value, distractor, answer = TYPED[kind]
    draft = respond(question, typed_hits(distractor, answer, "en"), rag=True)
    assert draft.kind == "factual"
    assert draft.text.splitlines()[0].startswith("**Answer:")
    assert value in draft.text.splitlines()[0]
    assert [h.chunk.source for h in draft.quoted] == ["guide-b.md"]


# ---------------------------------------------------------------- the asker's language

ZH_MEMORY = Chunk(31, "LoRA 只训练插入的低秩矩阵，显存占用可减少约 70%，训练速度也更快。", "lora-zh.md", "LoRA 简介", 0, "zh")
EN_BITS = Chunk(32, "QLoRA keeps the frozen base model in 4-bit NormalFloat and trains LoRA adapters on top of it.",
                "qlora-en.md", "QLoRA overview", 0, "en")


def test_english_question_over_a_chinese_passage():
    draft = respond("How much GPU memory does LoRA save?", [Hit(ZH_MEMORY, 0.9, dense_score=0.6)], rag=True)
    lines = draft.text.splitlines()
    assert lines[0].startswith("**Answer:") and "70%" in lines[0]
    assert "(in Chinese)" in draft.text
    quote = draft.text.split("«", 1)[1]
    assert quote.startswith("LoRA 只训练插入的低秩矩阵") and "显存占用可减少约 70%" in quote  # the quote stays Chinese
    frame = draft.text.replace(ZH_MEMORY.text, "")
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in frame.split("«")[0])  # the frame before the quote is English


def test_chinese_question_over_an_english_passage():
    draft = respond("QLoRA 的基座模型用几位量化?", [Hit(EN_BITS, 0.9, dense_score=0.6)], rag=True)
    lines = draft.text.splitlines()
    assert lines[0].startswith("**答案") and "4" in lines[0]
    assert "英文" in draft.text
    assert "«QLoRA keeps the frozen base model in 4-bit NormalFloat" in draft.text
    assert "Answer" not in draft.text


# ---------------------------------------------------------------- weak candidates are shown as weak

# these share most of the question's words but hold no value of the kind asked for
WORDY_EN = Chunk(41, "QLoRA uses a learning rate that the authors tuned on a small validation set for QLoRA.",
                 "qlora-notes.md", "QLoRA notes", 0, "en")
WORDY_EN_HOURS = Chunk(43, "QLoRA training takes GPU hours that depend on the model size and the QLoRA training data.",
                       "qlora-notes.md", "QLoRA notes", 1, "en")
WORDY_ZH = Chunk(42, "QLoRA 训练的学习率需要根据验证集来调整，QLoRA 训练对学习率比较敏感。", "qlora-notes-zh.md",
                 "QLoRA 笔记", 0, "zh")
UNRELATED = Chunk(44, "QLoRA 在量化后的基座模型上训练小型适配器，因此在消费级显卡上很常见。", "qlora-notes-zh.md",
                  "QLoRA 笔记", 1, "zh")


@pytest.mark.parametrize(("question", "chunk", "weak_words", "answer_word"), [
    ("What learning rate does QLoRA use?", WORDY_EN, "closest", "Answer:"),
    ("How many GPU hours does QLoRA training take?", WORDY_EN_HOURS, "closest", "Answer:"),
    ("QLoRA 训练的学习率是多少?", WORDY_ZH, "最接近", "答案:"),
])
def test_a_candidate_without_the_value_is_never_the_answer(question, chunk, weak_words, answer_word):
    draft = respond(question, [Hit(chunk, 0.6, dense_score=0.4)], rag=True)
    assert draft.kind == "factual"
    assert answer_word not in draft.text
    ev = draft.evidence
    assert ev is not None
    if ev.best is not None:  # shown as the closest passage, flagged as such (or nothing is shown at all)
        assert ev.weak
        assert weak_words in draft.text.splitlines()[0]


def test_weak_best_candidate_is_presented_as_weak():
    draft = respond("What learning rate does QLoRA use?", [Hit(WORDY_EN, 0.6, dense_score=0.4)], rag=True)
    ev = draft.evidence
    assert ev is not None and ev.best is not None and ev.weak
    lines = draft.text.splitlines()
    assert "closest" in lines[0] and "Answer:" not in draft.text
    assert "tuned on a small validation set" in draft.text  # the closest passage is still shown, to check


@pytest.mark.parametrize("question", ["What BLEU-4 score did LoRA get?", "What learning rate does QLoRA use?"])
def test_passages_that_do_not_answer_give_no_answer(question):
    draft = respond(question, [Hit(UNRELATED, 0.3, dense_score=0.1)], rag=True)
    assert "Answer:" not in draft.text
    assert draft.evidence is None or draft.evidence.best is None or draft.evidence.weak


# ---------------------------------------------------------------- GPU memory rules of thumb


@pytest.mark.parametrize(("question", "method", "gb"), [
    ("How much VRAM do I need to LoRA a 7B model?", "lora", "16.8"),
    ("QLoRA 微调 70B 模型需要多少显存?", "qlora", "42"),
    ("全量微调一个 13B 的模型要多大的卡?", "full_finetune", "249.6"),
])
def test_memory_questions_get_the_number_not_a_recommendation(question, method, gb):
    draft = respond(question, [], rag=False)
    assert draft.kind == "factual" and draft.recommendation is None
    assert draft.decision.memory_method == method
    first = draft.text.splitlines()[0]
    assert gb in first and "gpu-memory-rules.md" in draft.text


def test_memory_bars_follow_the_per_parameter_rules():
    from bot.decide.memory import estimate_memory

    bars = {b.method: b for b in estimate_memory(7)}
    assert (bars["full_finetune"].base_gb, bars["lora"].base_gb, bars["qlora"].base_gb) == (112.0, 14.0, 3.5)
    assert bars["full_finetune"].total_gb > bars["lora"].total_gb > bars["qlora"].total_gb
    with pytest.raises(ValueError):
        estimate_memory(0)


def test_cost_curve_crosses_at_the_break_even_volume():
    from bot.decide.costs import cost_curve

    c = cost_curve(prompt_tokens=2000, training_usd=120, months=12)
    assert c.break_even_calls is not None
    below = [i for i, v in enumerate(c.volumes) if v < c.break_even_calls]
    above = [i for i, v in enumerate(c.volumes) if v > c.break_even_calls]
    assert all(c.prompt_usd[i] < c.finetuned_usd[i] for i in below)
    assert all(c.prompt_usd[i] > c.finetuned_usd[i] for i in above)
    assert cost_curve(prompt_tokens=2000, training_usd=1200).break_even_calls > c.break_even_calls


def test_memory_estimate_is_not_replaced_by_a_passage_about_another_model_size():
    note = Chunk(90, "The LoRA paper reports training memory on GPT-3 175B falling from 1.2 TB to 350 GB.",
                 "gpu-memory-rules.md", "Rules of thumb for fine-tuning GPU memory", 0, "en")
    draft = respond("How much VRAM do I need to LoRA a 13B model?", [Hit(chunk=note, score=0.9, dense_score=0.8)],
                    rag=True)
    first = draft.text.splitlines()[0]
    assert "31.2 GB" in first and "1.2 TB" not in first


CONFIG_DOC = """Below are the settings of each experiment.

The LoRA run used these arguments:
```
learning_rate=5e-4
lora_alpha=32
num_gpus=2
```
We trained for three epochs and compared the outputs with the full fine-tune."""

FULL_DOC = """The full-parameter run used these arguments:
```
learning_rate=1e-4
num_gpus=8
```"""


def config_hits() -> list[Hit]:
    return [Hit(Chunk(31, CONFIG_DOC, "runs.md", "Runs", 0, "en", meta={"section": "Experiments › LoRA"}),
                score=0.9, dense_score=0.5),
            Hit(Chunk(32, FULL_DOC, "runs.md", "Runs", 1, "en", meta={"section": "Experiments › Full fine-tuning"}),
                score=0.8, dense_score=0.5)]


@pytest.mark.parametrize("question, value", [
    ("What learning rate did the LoRA experiment use?", "5e-4"),
    ("LoRA 实验的学习率是多少", "5e-4"),
    ("lora_alpha 设的多少", "32"),
    ("How many GPUs did the full fine-tuning run use?", "8"),
    ("全参数微调实验的 learning rate", "1e-4"),
])
def test_a_parameter_named_in_the_question_reads_the_value_assigned_to_it(question, value):
    ev = read(question, config_hits())
    assert ev.best is not None and ev.best.value == value, (ev.best and ev.best.text)


@pytest.mark.parametrize("sentence, question, value", [
    ("--context-length 140000 \\", "what context length was configured", "140000"),
    ("Model: LLaMA2-7B. Batch size: 4. LoRA rank: 8.", "which LoRA rank", "8"),
    ("We use a **batch size of 1** for the speed benchmark.", "batch size of the speed benchmark?", "1"),
])
def test_assignments_in_flags_and_prose(sentence, question, value):
    hit = Hit(Chunk(41, sentence, "a.md", "A", 0, "en"), score=0.9, dense_score=0.5)
    ev = read(question, [hit])
    assert ev.best is not None and ev.best.value == value


def test_a_word_ending_in_a_digit_is_no_count():
    hit = Hit(Chunk(51, "A complete ESM2 token-classification example is in the examples folder.", "a.md", "A", 0,
                    "en"), score=0.9, dense_score=0.5)
    ev = read("How many tokens does the ESM example use?", [hit])
    assert ev.best is None or ev.best.value != "2 token"


def test_a_heading_that_holds_the_value_answers():
    hit = Hit(Chunk(61, "The run used four NPUs with ZeRO-2.", "npu.md", "NPU", 0, "en",
                    meta={"section": "NPU training › Run time: 3.5 hours"}), score=0.9, dense_score=0.5)
    ev = read("How long did the NPU training run take?", [hit])
    assert ev.best is not None and ev.best.value == "3.5 hours"


def test_relevant_passages_without_a_clear_sentence_give_the_closest_one_as_weak():
    hit = Hit(Chunk(71, "Launch single-card fine-tuning with the command below.", "npu.md", "NPU", 0, "en"),
              score=0.9, dense_score=0.5)
    ev = read("How long does single-card training of the 7B model take?", [hit], relevant={id(hit.chunk)})
    assert ev.best is not None and ev.weak
    assert read("How long does single-card training of the 7B model take?", [hit], relevant=set()).best is None


SPEED_TABLE = """| Model | Input Length | Quantization | GPU Num | Speed | GPU Memory(MB) |
| --- | --- | --- | --- | --- | --- |
| Qwen3-8B | 1 | BF16 | 1 | 45.3 | 16972 |
| Qwen3-8B | 1 | FP8 | 1 | 60.1 | 9323 |
| Qwen3-8B | 30720 | BF16 | 1 | 38.2 | 20267 |
| Qwen3-8B | 30720 | FP8 | 1 | 50.9 | 13644 |
"""


def table_hit(text: str, cid: int = 81) -> Hit:
    from knowledge.tables import cells_in, parse_tables

    cells = cells_in(text, parse_tables(text))
    return Hit(Chunk(cid, text, "speed.md", "Speed benchmark", 0, "en", meta={"cells": cells}),
               score=0.9, dense_score=0.5)


@pytest.mark.parametrize("question, value", [
    ("Qwen3-8B FP8 input length 30720: GPU memory?", "13644"),
    ("qwen3 8b bf16 input len 30720 gpu memroy?", "20267"),  # a typo in the column name
    ("Qwen3-8B FP8 输入1 显存占用多少MB", "9323"),
])
def test_a_number_tied_to_a_column_picks_the_row(question, value):
    ev = read(question, [table_hit(SPEED_TABLE)])
    assert ev.best is not None and ev.best.value == value, ev.best and ev.best.text


def test_the_row_named_exactly_beats_its_sibling():
    text = ("| Model | Humanities | STEM |\n| --- | --- | --- |\n| ChatGLM2-6B (base) | 43.66 | 40.1 |\n"
            "| ChatGLM2-6B | 41.23 | 38.2 |\n")
    ev = read("ChatGLM2-6B humanities score?", [table_hit(text)])
    assert ev.best is not None and ev.best.value == "41.23"


@pytest.mark.parametrize("question, wanted", [
    ("ChatGLM2-6B-32K 什么时候发布的", ("date",)),
    ("When was QLoRA released?", ("date",)),
    ("When should I fine-tune instead of using RAG?", ()),  # "when" as a condition asks for no date
    ("什么时候该用微调", ()),
])
def test_date_questions(question, wanted):
    from bot.read.answer_type import wanted_types

    assert wanted_types(question) == wanted


def test_a_date_answers_a_when_question():
    hit = Hit(Chunk(91, "[2023/07/31] 发布 ChatGLM2-6B-32K 模型，支持 32K 上下文。另外新增了 INT4 量化版本。", "news.md",
                    "News", 0, "zh"), score=0.9, dense_score=0.5)
    ev = read("ChatGLM2-6B-32K 什么时候发布的", [hit])
    assert ev.best is not None and ev.best.value == "2023/07/31"


def test_a_speedup_question_wants_a_ratio():
    from bot.read.answer_type import values, wanted_types

    assert wanted_types("2 T4 DDP alpaca speedup?")[0] == "ratio" and wanted_types("快了几倍")[0] == "ratio"
    assert [v[3] for v in values("| Alpaca | 1x | 1.09x | 20.61x |", ("ratio",))] == ["1x", "1.09x", "20.61x"]
    assert values("a 4x4 grid of t5x models", ("ratio",)) == []


def test_a_unit_after_a_number_ties_it_to_a_column():
    from bot.read.keys import number_pairs as _number_pairs

    text = ("| Method | Bits | TGS | GRAM |\n| --- | --- | --- | --- |\n| Unsloth+FA2 | 16 | 4007 | 16GB |\n"
            "| Unsloth+FA2 | 4 | 3726 | 7GB |\n")
    ev = read("Unsloth+FA2 4bit 的 TGS 是多少", [table_hit(text)])
    assert ev.best is not None and ev.best.value == "3726"
    cards = ("| 模型大小 | NPU数量 | 最大显存占用量 |\n| --- | --- | --- |\n| 14B | 8 | 8 * 51 GB |\n| 14B | 1 | 1 * 45 GB |\n")
    ev = read("14B 单卡 NPU 显存要多少", [table_hit(cards)])
    assert ev.best is not None and ev.best.value == "1 * 45 GB"
    # a number that ends one phrase is not the count of the next one's unit
    assert [n for _, n in _number_pairs("input len 30720 gpu memory?")] == ["30720"]


def test_a_comment_in_a_code_block_is_not_a_heading_and_its_value_is_read():
    from knowledge.chunking import split_sections

    doc = "# Training\n\nStart one card:\n\n```shell\n# Run time: 8 hours\nswift sft --lora_alpha 32\n```\n"
    sections = split_sections(doc)
    assert [path for path, _ in sections] == ["Training"]
    hit = Hit(Chunk(95, sections[0][1], "npu.md", "NPU", 0, "en", meta={"section": "Training"}), score=0.9,
              dense_score=0.5)
    assert read("How long does single-card training take?", [hit]).best.value == "8 hours"
    assert read("what lora_alpha does the example use", [hit]).best.value == "32"


def test_trillions_of_tokens_are_a_count():
    from bot.read.answer_type import values

    assert [v[3] for v in values("pre-trained on 1.4T tokens of Chinese and English", ("count",))] == ["1.4T tokens"]


def test_a_question_in_the_document_is_no_answer():
    faq = Hit(Chunk(97, "How much GPU memory does Yi-34B FP16 fine-tuning need?\nIt needs 8 GPUs with 80 GB each.", "faq.md",
                    "FAQ", 0, "en"), score=0.9, dense_score=0.5)
    ev = read("yi-34b fp16 full-param finetune, how many GPUs?", [faq])
    assert ev.best is not None and "80 GB" in ev.best.text and "?" not in ev.best.text


def test_a_memory_question_about_a_named_tool_shows_the_documented_figure_first():
    from bot.respond import respond

    text = ("| Model | Size | Version | Batch | Prefill | VRAM |\n| --- | --- | --- | --- | --- | --- |\n"
            "| Vicuna | 7B | GEMV | 1 | 64 | 4.50 GB |\n| Vicuna | 7B | GEMM | 1 | 64 | 4.60 GB |\n")
    draft = respond("AutoAWQ Vicuna 7B GEMV bs1 64长度 显存占用多少", [table_hit(text)], rag=True)
    first = draft.text.splitlines()[0]
    assert "4.50 GB" in first  # the document's figure leads; the rule-of-thumb estimate follows


def test_a_dash_label_repeats_the_row_above():
    from knowledge.tables import parse_tables

    text = ("| model | kv type | RPS |\n| --- | --- | --- |\n| llama2-chat-13b | fp16 | 8.55 |\n| - | int8 | 10.96 |\n"
            "| - | int4 | 11.91 |\n")
    rows = {(c.row, c.column): c.value for c in parse_tables(text)}
    assert rows[("llama2-chat-13b / int4", "RPS")] == "11.91"
    ev = read("llama2-chat-13b kv int4 RPS?", [table_hit(text)])
    assert ev.best is not None and ev.best.value == "11.91"


def test_a_question_naming_a_document_prefers_it():
    bnb = Hit(Chunk(101, "Software: transformers 4.46.3, torch 2.5.1, accelerate 1.1.1.", "bitsandbytes_benchmarking.md",
                    "Benchmarking", 0, "en"), score=0.8, dense_score=0.4)
    npu = Hit(Chunk(102, "Requirements: torch version >= 2.7.1 and transformers >= 4.51.", "npu-support.md", "NPU", 0, "en"),
              score=0.9, dense_score=0.5)
    ev = read("torch version used in the bitsandbytes benchmark", [npu, bnb])
    assert ev.best is not None and ev.best.value == "2.5.1"
    assert read("which torch version is required?", [npu, bnb]).best.value != "2.5.1"  # naming none: no preference


def test_how_many_of_a_thing_reads_the_number_that_counts_it():
    hit = Hit(Chunk(111, "上下文窗口扩展到了 200K，大约相当于 40 万汉字的文本。", "yi.md", "Yi", 0, "zh"), score=0.9, dense_score=0.5)
    ev = read("Yi 的 200K 上下文大约等于多少个汉字", [hit])
    assert ev.best is not None and ev.best.value == "40 万"


HELP_LISTING = """Options:
      --hostname <HOSTNAME>
          The IP address to listen on

          [env: HOSTNAME=]
          [default: 0.0.0.0]

      -p, --port <PORT>
          The port to listen on. Any free port works.

          [env: PORT=]
          [default: 3000]

      --max-queue <MAX_QUEUE>
          How many requests may wait before new ones are refused

          [env: MAX_QUEUE=]
          [default: 128]

Example: `server --model-id m --port 8080`
"""


@pytest.mark.parametrize("question, value", [
    ("what port does the server listen on by default?", "3000"),
    ("server 默认的 port 是多少", "3000"),
    ("default max-queue of the server", "128"),
])
def test_an_option_of_a_help_listing_answers_with_its_default(question, value):
    hit = Hit(Chunk(71, HELP_LISTING, "server.md", "Server", 0, "en"), score=0.9, dense_score=0.5)
    ev = read(question, [hit])
    assert ev.best is not None and ev.best.value == value


def test_a_default_split_from_its_option_is_named_by_its_env_line():
    """A passage that starts inside a help listing still ties "[default: ...]" to the option its env line names."""
    tail = "to keep the queue short.\n\n          [env: MAX_QUEUE=]\n          [default: 128]\n\n      --verbose\n"
    hit = Hit(Chunk(72, tail, "server.md", "Server", 1, "en"), score=0.9, dense_score=0.5)
    ev = read("max queue default?", [hit])
    assert ev.best is not None and ev.best.value == "128"


def _table_hits(rows_per_chunk: list[list[list[str]]]) -> list[Hit]:
    return [Hit(Chunk(80 + i, "table", "models.md", "Models", i, "en", meta={"cells": cells}), score=0.9,
                dense_score=0.5) for i, cells in enumerate(rows_per_chunk)]


def test_a_word_that_names_a_sibling_row_rules_out_the_plain_row():
    """"chat-6b 8bit": the "Chat-6B-8bits" row, even when it sits in the next passage of the split table."""
    hits = _table_hits([[["Chat-6B", "batch=32", "18 GB"], ["Chat-6B", "batch=1", "12 GB"]],
                        [["Chat-6B-8bits", "batch=32", "14 GB"], ["Chat-6B-8bits", "batch=1", "7 GB"]]])
    ev = read("chat-6b 8bit quant, batch 32 min vram?", hits)
    assert ev.best is not None and ev.best.value == "14 GB"


@pytest.mark.parametrize("question, value", [
    ("mistral bs8 decode tokens/s", "829.7"),
    ("mistral batch size 1 decode tokens/s", "114.3"),
])
def test_a_number_glued_to_its_abbreviation_picks_the_row(question, value):
    cells = [["Mistral", "Batch Size", "1", "Decode tokens/s 114.3"],
             ["Mistral", "Decode tokens/s", "114.3", "Batch Size 1"],
             ["Mistral", "Batch Size", "8", "Decode tokens/s 829.7"],
             ["Mistral", "Decode tokens/s", "829.7", "Batch Size 8"]]
    ev = read(question, _table_hits([cells]))
    assert ev.best is not None and ev.best.value == value


def test_a_count_of_a_named_thing_prefers_the_sentence_that_counts_it():
    hits = [Hit(Chunk(90, "The context window was extended to 200K for both base models.", "yi.md", "Yi", 0, "en"),
                score=0.9, dense_score=0.6),
            Hit(Chunk(91, "Note: 200K is roughly 400,000 characters of text.", "yi.md", "Yi", 1, "en"),
                score=0.8, dense_score=0.4)]
    ev = read("the 200K context window is about how many characters?", hits)
    assert ev.best is not None and ev.best.value.replace(",", "").startswith("400")


def test_a_flag_setting_a_count_does_not_answer_a_memory_question():
    hits = [Hit(Chunk(95, "Run it on two cards: `serve --model m --num-gpus 2`.", "s.md", "S", 0, "en"), score=0.9,
                dense_score=0.6),
            Hit(Chunk(96, "On a single GPU the 7B model needs around 14GB of GPU memory.", "s.md", "S", 1, "en"),
                score=0.8, dense_score=0.5)]
    ev = read("serve 7b on one gpu: how much vram?", hits)
    assert ev.best is not None and ev.best.value == "14GB"


def test_two_tables_side_by_side_label_their_own_rows():
    """"Base models | Valid | Test | Chat models | Valid | Test": the right half's rows are the chat models."""
    from knowledge.tables import parse_tables

    text = ("| Base models | Valid | Test | Chat models | Valid | Test |\n|---|---|---|---|---|---|\n"
            "| Base-13B | 40.6 / 42.7 | 38.0 / 41.6 | Chat-13B | 44.3 / 45.9 | 42.6 / 44.0 |\n")
    got = {(c.row, c.column, c.value) for c in parse_tables(text)}
    assert ("Chat-13B", "Test", "42.6 / 44.0") in got and ("Base-13B", "Test", "38.0 / 41.6") in got
    assert not any(row.startswith("Base-13B /") for row, _, _ in got)  # "40.6 / 42.7" is a value, not a label


def test_a_two_level_header_with_dashes_is_not_two_tables_side_by_side():
    from knowledge.tables import parse_tables

    text = ("| - | - | model-a | - |\n|---|---|---|---|\n| dataset | metric | fp16 | int8 |\n"
            "| ceval | avg | 28.42 | 27.96 |\n")
    assert ("ceval / avg", "model-a", "28.42") in {(c.row, c.column, c.value) for c in parse_tables(text)}


OPTION_TABLE = """| Argument | Explanation |
| --- | --- |
| `-c, --ctx-size N` | size of the prompt context (default: 4096, 0 = from model)<br/>(env: SRV_CTX_SIZE) |
| `--port PORT` | port to listen (default: 8080)<br/>(env: SRV_PORT) |
| `--api-key KEY` | API key for authentication (default: none)<br/>(env: SRV_API_KEY) |
"""


@pytest.mark.parametrize("question, value", [
    ("srv default port?", "8080"),
    ("srv 默认 ctx-size 多大", "4096"),
    ("env var for the srv api key", "SRV_API_KEY"),
])
def test_an_options_table_answers_with_the_default_or_env_var_asked(tmp_path, question, value):
    from knowledge.tables import cells_in, parse_tables

    cells = cells_in(OPTION_TABLE, parse_tables(OPTION_TABLE))
    hit = Hit(Chunk(97, OPTION_TABLE, "srv.md", "Server options", 0, "en", meta={"cells": cells}), score=0.9,
              dense_score=0.5)
    ev = read(question, [hit])
    assert ev.best is not None and ev.best.value == value


def test_an_api_parameter_keeps_its_default_in_the_same_sentence():
    text = ("`top_p`: Keep the smallest set of tokens whose probability adds up to P. Default: `0.95`\n"
            "`top_k`: Keep only the K most likely tokens. Default: `40`\n")
    hit = Hit(Chunk(98, text, "api.md", "API", 0, "en"), score=0.9, dense_score=0.5)
    ev = read("what is the default top_p of the completion endpoint?", [hit])
    assert ev.best is not None and ev.best.value == "0.95"


def test_a_group_row_spanning_an_html_table_adds_no_phantom_columns():
    from knowledge.parsers.html import html_tables_to_markdown
    from knowledge.tables import parse_tables

    html = ("<table><tr><td>Benchmark</td><td>Model-A</td><td>Model-B</td></tr>"
            "<tr><td colspan=\"15\"><strong>English</strong></td></tr>"
            "<tr><td>MMLU</td><td>70.5</td><td>67.2</td></tr></table>")
    md = html_tables_to_markdown(html)
    assert all(line.count("|") == 4 for line in md.splitlines() if line.startswith("|")), md
    assert ("English / MMLU", "Model-B", "67.2") in {(c.row, c.column, c.value) for c in parse_tables(md)}


def test_the_size_in_a_model_name_is_not_the_answer():
    hits = [Hit(Chunk(99, "On this leaderboard MiniModel3-4B scores above larger models.", "m.md", "M", 0, "en"),
                score=0.9, dense_score=0.6)]
    ev = read("minimodel3-4b leaderboard score?", hits)
    assert ev.best is None or ev.best.value != "4"


def test_a_chinese_sentence_answers_an_english_port_question():
    hits = [Hit(Chunk(100, "或者启动服务端，监听 23333 端口。默认使用 chat pipeline。", "hx_zh.md", "HX", 0, "zh"),
                score=0.9, dense_score=0.4)]
    ev = read("which port does the hx server listen on?", hits)
    assert ev.best is not None and ev.best.value == "23333"


@pytest.mark.parametrize("value, lang, shown", [
    ("4 倍", "en", "4×"), ("31个", "en", "31"), ("3.5小时", "en", "3.5 hours"), ("40 万", "en", "400,000"),
    ("3.5 hours", "zh", "3.5 小时"), ("v1.2", "en", "v1.2"), ("5 times", "zh", "5 倍"),
])
def test_a_value_is_written_in_the_askers_language(value, lang, shown):
    from bot.read.units import in_language

    assert in_language(value, lang) == shown


def test_an_english_answer_from_a_chinese_passage_states_the_value_in_english():
    hits = [Hit(Chunk(101, "与 fp16 相比，int4 kv 的 kv block 可以增加到 4 倍。", "kv_zh.md", "KV", 0, "zh"), score=0.9,
                dense_score=0.5)]
    draft = respond("vs fp16, int4 kv gives how many times more kv blocks?", hits, rag=True)
    first = draft.text.splitlines()[0]
    assert "4×" in first and "倍" not in first and "4 倍" in draft.text


def _cells_hit(cells: list[list[str]], section: str = "") -> Hit:
    return Hit(Chunk(102, "table", "bench.md", "Bench", 0, "en", meta={"cells": cells, "section": section}),
               score=0.9, dense_score=0.5)


@pytest.mark.parametrize("question, answer", [
    ("which model has the highest MMLU?", "Model-B"),
    ("哪个模型 MMLU 最低", "Model-A"),
])
def test_which_row_holds_the_largest_or_smallest_value_of_a_column(question, answer):
    cells = [["Model-A", "MMLU", "61.2"], ["Model-B", "MMLU", "70.5"], ["Model-C", "MMLU", "67.2"],
             ["Model-A", "Speed", "90"], ["Model-B", "Speed", "20"], ["Model-C", "Speed", "50"]]
    ev = read(question, [_cells_hit(cells)])
    assert ev.best is not None and ev.best.value == answer


def test_which_column_holds_the_largest_value_of_a_row_when_models_are_columns():
    cells = [["MMLU", "Model-A", "61.2"], ["MMLU", "Model-B", "70.5"], ["BBH", "Model-A", "80.0"], ["BBH", "Model-B", "60.0"]]
    ev = read("which model scores highest on BBH?", [_cells_hit(cells)])
    assert ev.best is not None and ev.best.value == "Model-A"


@pytest.mark.parametrize("question, value", [
    ("gptq 7b 4bit 128g wikitext2 ppl?", "5.85"),
    ("gptq 7b 4bit no groupsize wikitext2 ppl?", "6.09"),
])
def test_a_group_size_written_the_gptq_way_picks_the_row(question, value):
    cells = [["GPTQ", "Bits", "4", "group-size -; Wikitext2 6.09"], ["GPTQ", "group-size", "-", "Bits 4; Wikitext2 6.09"],
             ["GPTQ", "Wikitext2", "6.09", "Bits 4; group-size -"],
             ["GPTQ", "Bits", "4", "group-size 128; Wikitext2 5.85"], ["GPTQ", "group-size", "128", "Bits 4; Wikitext2 5.85"],
             ["GPTQ", "Wikitext2", "5.85", "Bits 4; group-size 128"]]
    ev = read(question, [_cells_hit(cells)])
    assert ev.best is not None and ev.best.value == value


def test_a_worked_example_with_the_questions_numbers_answers_with_its_result():
    text = ("Micro batch size: 2\nGradient accumulation steps: 1\nNumber of GPUs: 3\nTotal batch size = 2 * 1 * 3 = 6\n"
            "Micro batch size: 3\nGradient accumulation steps: 2\nNumber of GPUs: 3\nTotal batch size = 3 * 2 * 3 = 18\n")
    hits = [Hit(Chunk(103, text, "cfg.md", "Config", 0, "en"), score=0.9, dense_score=0.5)]
    ev = read("micro batch 3, gradient accumulation 2, three GPUs: total batch size?", hits)
    assert ev.best is not None and ev.best.value == "18"


LAUNCHER_HELP = """## WEIGHTS_FORMAT
```shell
      --weights-format <WEIGHTS_FORMAT>
          How the weights are stored on disk. When unset, the loader looks at the file names. Default to `safetensors` when both exist

          [env: WEIGHTS_FORMAT=]
          [possible values: safetensors, gguf, pt]

```
## CACHE_KIND
```shell
      --cache-kind <CACHE_KIND>
          Where prompts are cached between requests

          Possible values:
          - memory:    Keep the cache in RAM, lost on restart
          - disk:      Write the cache to local disk, survives restarts but is slower
          - redis-ttl: Share the cache through Redis with a time to live

          [env: CACHE_KIND=]
          [default: memory]

```
## TOKENS
```shell
      --max-total-tokens <MAX_TOTAL_TOKENS>
          The most tokens one request may hold

          [env: MAX_TOTAL_TOKENS=]
          [default: 4096]

```
"""


def _launcher() -> list[Hit]:
    return [Hit(Chunk(131, LAUNCHER_HELP, "launcher.md", "Launcher arguments", 0, "en"), score=0.9, dense_score=0.5)]


def test_a_default_stated_in_an_options_description_is_its_default():
    ev = read("what is the default of --weights-format when both files are there?", _launcher())
    assert ev.best is not None and ev.best.value == "safetensors"


def test_the_values_an_option_accepts():
    ev = read("which values does --weights-format accept?", _launcher())
    assert ev.best is not None and ev.best.value == "safetensors, gguf, pt"


def test_an_option_written_out_in_the_question_is_the_one_answered():
    ev = read("launcher --max-total-tokens 默认多少", _launcher())
    assert ev.best is not None and ev.best.value == "4096"
    assert read("launcher max tokens default", _launcher()).best.value == "4096"  # named by its words


def test_one_listed_value_of_an_option_answers_which_value_does_what():
    ev = read("which --cache-kind value survives restarts on local disk?", _launcher())
    assert ev.best is not None and "disk" in ev.best.text and "memory:" not in ev.best.text


def test_a_question_asking_for_a_default_prefers_the_sentence_saying_default():
    text = ("To keep a model loaded, send `keep_alive` with a request: "
            "curl http://localhost:1/api -d '{\"keep_alive\": 0}'. "
            "By default models are kept in memory for 5 minutes before being unloaded.")
    hit = Hit(Chunk(132, text, "faq.md", "FAQ › How do I keep a model loaded?", 0, "en"), score=0.9, dense_score=0.5)
    ev = read("model keep time default?", [hit])
    assert ev.best is not None and "5 minutes" in ev.best.text and ev.best.value != "0"


def test_a_memory_figure_from_the_document_the_question_names_comes_before_the_rule_of_thumb():
    text = "默认情况下，模型以 FP16 精度加载，运行上面的代码大约需要 13GB 显存。显存不够时可以量化加载。"
    hit = Hit(Chunk(133, text, "docs/GLMX_README.md", "GLMX", 0, "zh"), score=0.9, dense_score=0.6)
    draft = respond("glmx-6b 默认 FP16 加载要多少显存？", [hit], rag=True)
    assert draft.text.index("13GB") < draft.text.index("gpu-memory-rules.md")
    elsewhere = Hit(Chunk(134, text, "docs/Other_README.md", "Other", 0, "zh"), score=0.9, dense_score=0.6)
    assert "13GB" not in respond("glmx-6b 默认 FP16 加载要多少显存？", [elsewhere], rag=True).text


def test_a_support_question_is_answered_by_the_support_matrix_verdict():
    cells = [["部署 / vLLM", "进展", "已支持"], ["部署 / SGLang", "进展", "暂不支持"], ["低参微调 / LoRA", "进展", "已支持"]]
    table = Hit(Chunk(135, "| 特性 | 进展 |", "npu.md", "NPU › 支持范围", 0, "zh", meta={"cells": cells}), score=0.9,
                dense_score=0.5)
    prose = Hit(Chunk(136, "当前 sglang 引擎在 NPU 上还没有完成支持验证，建议先用 vllm。", "npu.md", "NPU › FAQ", 1, "zh"),
                score=0.9, dense_score=0.5)
    ev = read("NPU 上 SGLang 部署支持吗", [prose, table])
    assert ev.best is not None and ev.best.kind == "cell" and ev.best.value == "暂不支持"
    only_prose = read("NPU 上 SGLang 部署支持吗", [prose])
    assert only_prose.best is None or only_prose.best.value == ""  # no verdict read out of a sentence


# ---------------------------------------------------------------- words that say the same thing
@pytest.mark.parametrize("question, distractor, answer, value", [
    ("LoRA 相比全参数微调能减少多少显存？", "LoRA 的可训练参数通常不到总参数的 1%。",
     "用 LoRA 可把显存需求降低约 60%。", "60%"),
    ("How much does LoRA reduce training memory?",
     "In LoRA training, the trainable matrices are under 1% of all parameters.",
     "LoRA lowers the memory needs by about 60%.", "60%"),
])
def test_a_glossary_synonym_of_the_question_word_counts(question, distractor, answer, value):
    lang = "en" if question.isascii() else "zh"
    ev = read(question, typed_hits(distractor, answer, lang))
    assert ev.best is not None and ev.best.value == value, ev.best.text if ev.best else None


def test_markdown_escapes_are_undone_in_cells_and_sentences():
    from bot.read.sentences import split_sentences
    from knowledge.tables import clean, unescape

    assert clean("13\\.1 GB") == "13.1 GB" and clean("**88\\.3**") == "88.3"
    assert unescape("D:\\chatchat\\data") == "D:\\chatchat\\data"  # a backslash before a letter stays
    assert any("5.5 GB" in s for s in split_sentences("INT4 量化后需要 5\\.5 GB 显存。"))


@pytest.mark.parametrize("question, text, value", [
    ("energy savings on x86 tops out at what % for bitnet.cpp", "energy reductions between 71.9% to 82.2%", "71.9%"),
    ("推理最多能快几倍", "speed up inference of models by up to 2x-3x.", "2x-3x"),
    ("python version for the slora conda env", "conda create -n slora python=3.9", "3.9"),
])
def test_answer_types_percent_ratio_ranges_and_pinned_versions(question, text, value):
    from bot.read.answer_type import values, wanted_types

    assert value in [v[3] for v in values(text, wanted_types(question))]


def test_with_no_relevant_passage_a_sentence_that_says_much_of_it_is_shown_as_unsure():
    hit = Hit(Chunk(72, "This exam comprises 41 problems, graded by two examiners.", "exam.md", "Evaluation", 0, "en"),
              score=0.5, dense_score=0.2)
    ev = read("挪威执照考试一共有几道题？", [hit], relevant=set())
    assert ev.best is not None and ev.weak and ev.best.value == "41"
    stray = Hit(Chunk(73, "Launch single-card fine-tuning with the command below.", "npu.md", "NPU", 0, "en"), score=0.5,
                dense_score=0.2)
    assert read("挪威执照考试一共有几道题？", [stray], relevant=set()).best is None
