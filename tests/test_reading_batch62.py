"""Reading details seen in documents written by others: a name written as one word ("msmarco") meets the same
name written in two ("MS MARCO"); a cell holding a condition the question sets ("text payload") is not the
answer; the table of the direction asked ("en→ja", "英译日") answers, not the reverse one; a shell command cut
across passages keeps its program line, so "--learning_rate 4e-4" is read as part of "swift rlhf"; a long
sentence is quoted around the value it answers with."""

from __future__ import annotations

from bot.read import read
from bot.read.direction import directions
from bot.read.sentences import MAX_QUOTE_CHARS, _clip, split_sentences
from knowledge.chunking import chunk_documents, command_head
from knowledge.tables import cells_in, parse_tables
from knowledge.types import Chunk, Hit


def _table_hits(*sections: tuple[str, str]) -> list[Hit]:
    return [Hit(Chunk(i, text, "report.md", "Report", i, "en", meta={"section": section,
                                                                     "cells": cells_in(text, parse_tables(text))}),
                1.0, dense_score=0.5) for i, (section, text) in enumerate(sections)]


RESULTS = """| Engine | Payload | QPS |
|---|---|---|
| Elastic | ids | {a} |
| Elastic | text | {b} |
"""


def test_a_name_written_as_one_word_meets_it_written_in_two():
    from bot.read.candidate import coverage

    assert coverage({"msmarco": 1.0}, 1.0, "MS MARCO Large (8.8M documents)")[0] == 1.0
    assert coverage({"rco": 1.0}, 1.0, "MS MARCO Large")[0] == 0.0  # a part of a word is no word
    hits = _table_hits(("HotpotQA Large (5M documents)", RESULTS.format(a="476.26", b="435.10")),
                       ("MS MARCO Large (8.8M documents)", RESULTS.format(a="1279.28", b="952.03")))
    found = read("msmarco large 上 Elastic text payload 的 QPS 是多少", hits)
    assert found.best is not None and found.best.value == "952.03"


def test_a_real_report_answers_by_dataset_and_payload():
    from pathlib import Path

    from langchain_core.documents import Document

    text = (Path(__file__).parent / "data" / "realdocs" / "dev" / "VectorDBBench_fts_results_report.md").read_text()
    doc = Document(page_content=text, metadata={"source": "fts.md", "title": "FTS report", "ext": ".md"})
    chunks = [c for c in chunk_documents([doc], chunk_size=1200, chunk_overlap=0)
              if c.meta.get("section", "").endswith(("HotpotQA Large (5.2M documents)", "MS MARCO Large (8.8M documents)"))]
    hits = [Hit(c, 1.0, dense_score=0.5) for c in chunks]
    found = read("msmarco large 上 ElasticSearch text payload 的 QPS 是多少", hits)
    assert found.best is not None and found.best.value == "952.0335"


def test_a_cell_holding_the_askers_condition_is_not_the_answer():
    hits = _table_hits(("Results", RESULTS.format(a="476.26", b="435.10")))
    found = read("what QPS does Elastic get with the text payload?", hits)
    assert found.best is not None and found.best.value == "435.10"


def test_translation_directions_are_read_in_both_languages():
    assert directions("KFTT 英译日 en→ja 那张表") == {("en", "ja")}
    assert directions("Japanese to English") == {("ja", "en")}
    assert directions("中翻英") == {("zh", "en")}
    assert not directions("fp16 to int8 on 2 to 4 GPUs, en-US locale")


BLEU = """| Model | Vocab | BLEU(test) |
|---|---|---|
| SentencePiece | 8k (shared) | {v} |
"""


def test_the_table_of_the_asked_direction_answers():
    hits = _table_hits(("Experiments › Japanese to English", BLEU.format(v="0.2162")),
                       ("Experiments › English to Japanese", BLEU.format(v="0.2955")))
    assert read("英译日 en→ja 的 SentencePiece 8k shared, test BLEU 多少？", hits).best.value == "0.2955"
    assert read("ja->en SentencePiece 8k shared test bleu?", hits).best.value == "0.2162"


SCRIPT = """## Fine-tuning

```bash
MASTER_PORT=29500 \\
NPROC_PER_NODE=4 \\
swift rlhf --rlhf_type dpo \\
    --model models/gpt-oss-20b \\ # your model path
    --dataset dpo_data.json \\
    --train_type lora \\
    --torch_dtype bfloat16 \\
    --num_train_epochs 1 \\
    --per_device_train_batch_size 2 \\
    --learning_rate 4e-4 \\
    --lora_rank 8 \\
    --lora_alpha 32
```
"""


def test_a_passage_inside_a_command_keeps_its_program_line():
    body = SCRIPT.split("\n", 2)[2]
    assert command_head("    --learning_rate 4e-4 \\\n    --lora_rank 8", body) == \
        "swift rlhf --rlhf_type dpo \\"
    assert command_head("Some prose.", "Intro.\nSome prose.") == ""


def test_a_comment_after_the_backslash_still_continues_the_command():
    assert split_sentences("```bash\nswift sft \\\n  --model m \\ # your path\n  --lr 1e-4\n```") == \
        ["swift sft --model m --lr 1e-4", "--model m \\ # your path"]  # the commented option is read on its own too


def test_a_command_cut_across_passages_answers_for_its_program():
    from langchain_core.documents import Document

    doc = Document(page_content=SCRIPT, metadata={"source": "dpo.md", "title": "DPO", "ext": ".md"})
    chunks = chunk_documents([doc], chunk_size=160, chunk_overlap=0)
    assert len(chunks) > 1 and any(c.meta.get("lead", "").startswith("swift rlhf") for c in chunks)
    hits = [Hit(c, 1.0, dense_score=0.4) for c in chunks]
    found = read("learnign rate in their swift rlhf dpo script?", hits)
    assert found.best is not None and found.best.value == "4e-4"


JSON_OUTPUT = """The sample run prints:

```json
{
  "results": {
    "overall_metrics": {
      "precision": 76.4,
      "f1": 67.3
    },
    "generator_metrics": {
      "hallucination": 4.2
    }
  }
}
```
"""


def test_a_json_value_is_read_with_the_keys_above_it():
    sentences = split_sentences(JSON_OUTPUT)
    assert "results overall_metrics f1: 67.3" in sentences
    hits = [Hit(Chunk(0, JSON_OUTPUT, "tutorial.md", "Tutorial", 0, "en"), 1.0, dense_score=0.5)]
    assert read("示例输出里 overall_metrics 的 f1 是多少", hits).best.value == "67.3"
    assert read("sample output — what's the hallucination number?", hits).best.value == "4.2"


def test_a_long_sentence_is_quoted_around_its_value():
    sentence = "--flag x " * 80 + "--learning_rate 4e-4 " + "--other y " * 20
    quoted = _clip(sentence, "4e-4")
    assert "4e-4" in quoted and len(quoted) <= MAX_QUOTE_CHARS
    assert _clip(sentence).startswith("--flag x") and "4e-4" not in _clip(sentence)


SPANNED = """| | | BF16 | | FP8 (TP1) | |
|:-:|:-:|:-:|:-:|:-:|:-:|
| Model | Batch Size | Tokens/sec | | Tokens/sec | Speedup |
| Llama-8B | 1 | 173.80 | | 245.03 | 1.41x |
| | 64 | 1,679.74 | | 2,190.93 | 1.30x |
| Llama-70B | 1 | 45.81 | | 43.46 | 1.90x |
| | 64 | 401.50 | | 420.64 | 2.10x |
"""


def test_a_group_header_spans_the_blank_cells_after_it():
    cells = parse_tables(SPANNED)
    columns = {c.column for c in cells}
    assert {"FP8 (TP1) Tokens/sec", "FP8 (TP1) Speedup", "BF16 Tokens/sec"} <= columns
    assert not any(c.value == "Tokens/sec" for c in cells)  # the second header line is no row
    speedups = {(c.row, c.value) for c in cells if c.column == "FP8 (TP1) Speedup"}
    assert ("Llama-70B", "2.10x") in speedups


def test_a_spanned_header_cell_answers_by_row_and_batch():
    found = read("Llama-70B 在 batch 64 下 FP8 的 speedup 是多少", _table_hits(("Results", SPANNED)))
    assert found.best is not None and found.best.value == "2.10x"


FLOPS = """| GPU Num | Micro Bsz | Global Bsz | TGS | TFLOPS |
|-|-|-|-|-|
| 1024 | 8 | 16M | 3163 | 184 |
| 512 | 4 | 4M | 2963 | 173 |
| 1024 | 2 | 4M | 2341 | 136 |
| 1024 | 4 | 8M | 2796 | 160 |
"""


def test_a_number_with_its_magnitude_fixes_the_row():
    found = read("１０２４卡 micro bsz=2 (global 4M) 那一行 TFLOPS 是多少", _table_hits(("FLOPS", FLOPS)))
    assert found.best is not None and found.best.value == "136"


VERSIONS = """| 依赖项 | 推荐版本 |
| --- | --- |
| **CUDA** | ≥ 12.3 |
| **CUDA Driver** | ≥ 535.171 |
| **Python** | 3.10 - 3.12 |
"""


def test_a_version_column_holds_versions_however_they_are_written():
    hits = _table_hits(("安装", VERSIONS)) + [
        Hit(Chunk(9, "本工具需要 PaddlePaddle v3.2 或更高版本。", "report.md", "Report", 9, "zh"), 1.0, dense_score=0.5)]
    assert "12.3" in read("what's the minimum cuda version?", hits).best.value
    assert "535.171" in read("CUDA Driver 最低版本是多少", hits).best.value
    assert read("which python versions are supported?", hits).best.value == "3.10 - 3.12"


HYPER = """| Model | Batch Size | Learning rate | Epochs |
|---|---|---|---|
| LLaVA-13B | {b} | {lr} | 1 |
"""


def test_an_option_the_asker_offers_still_answers():
    hits = _table_hits(("Hyperparameters › Pretraining", HYPER.format(b=256, lr="1e-3")),
                       ("Hyperparameters › Finetuning", HYPER.format(b=128, lr="2e-5")))
    found = read("for llava-13b finetuning what learning rate did they use? is it 2e-5 or 1e-5", hits)
    assert found.best is not None and found.best.value == "2e-5"


def test_a_commented_option_answers_for_its_default():
    text = "```bash\npython train.py \\\n--world_size 2 \\\n--master_port 12356 \\ # optional, defaults to 12355\n--lr 1e-4\n```"
    hits = [Hit(Chunk(0, text, "readme.md", "Training", 0, "en"), 1.0, dense_score=0.5)]
    found = read("default master_port for train.py if i don't pass one?", hits)
    assert found.best is not None and found.best.value == "12355"


def test_numbers_offered_as_options_say_what_kind_of_value_is_asked():
    from bot.read.answer_type import wanted_types

    assert wanted_types("scaling efficiency at 1k gpus, was it 88 or 90%?") == ("percent",)
    assert "number" in wanted_types("is the batch 8 or 16?")
    assert wanted_types("7b or 13b, which is better") == ()


THROUGHPUT = """Tokens per GPU per second; with zero1=8, tp=1 the scaling efficiency at 1024 GPUs reaches `88%`.

| Setting | 8 GPUs | 1024 GPUs |
|---|---|---|
| (tp=1, zero1=-1) | 4062 | 2271 |
| (tp=1, zero1=8) | 4078 | 3625 |
"""


def test_the_askers_options_narrow_the_answer():
    hits = _table_hits(("Throughput", THROUGHPUT))
    found = read("with zero1=8, tp=1 at 1024 gpus, the scaling efficiency was 88 or 90%?", hits)
    assert found.best is not None and found.best.value == "88%"


def test_a_row_label_writing_its_settings_is_matched_by_them():
    hits = _table_hits(("Throughput", THROUGHPUT))
    found = read("tokens per gpu per second with zero1=8 tp=1 on 1024 GPUs?", hits)
    assert found.best is not None and found.best.value == "3625"


def test_chinese_ml_words_bridge_to_english():
    from knowledge.glossary import translations

    assert {"single-turn", "subjective"} <= set(translations("单轮主观题"))
    assert "词表" in translations("the vocab size of the tokenizer")


def test_a_number_the_asker_roughly_remembers_points_to_the_answer():
    from bot.read.hints import guessed

    assert guessed("i remember it being ~14k but need the exact count") == {14000.0}
    assert guessed("好像是1万4左右") == {14000.0}
    assert not guessed("we have around 500 examples, what learning rate?")
    assert not guessed("how many hours for the 7b? 13b was like 5-6h iirc")  # a memory of another row
    text = ("I skipped around 20 questions where the prompt was too long. "
            "The test is composed of 14042 multiple choice questions in 57 categories.")
    hits = [Hit(Chunk(0, text, "readme.md", "Results", 0, "en"), 1.0, dense_score=0.5)]
    found = read("how many questions did he run in total? i remember it being ~14k", hits)
    assert found.best is not None and found.best.value == "14042"


def test_which_ones_asks_for_names_not_a_count():
    from bot.read.answer_type import wanted_types

    assert wanted_types("新手建议先从哪几个 merge method 开始试") == ()
    assert "count" in wanted_types("训练了几轮")


def test_an_offered_value_inside_a_sentence_or_a_short_note_answers():
    text = "模型使用 8K 长度的训练样本进行训练。在 RACE-M 上得分 88.4,PIQA 上得分 84.8。"
    hits = [Hit(Chunk(0, text, "readme.md", "模型介绍", 0, "zh"), 1.0, dense_score=0.5)]
    found = read("training sample length for the model, was it 4k or 8k", hits)
    assert found.best is not None and found.best.value.lower() == "8k"
    table = """| 参数 | 类型 | 说明 |
| --- | --- | --- |
| gpu_memory_utilization | float | GPU显存利用率，默认0.9 |
| block_size | int | KVCache 块大小，默认64 |
"""
    found = read("gpu_memory_utilization 不设的话默认是多少？0.9还是0.85", _table_hits(("参数说明", table)))
    assert found.best is not None and "0.9" in found.best.value
