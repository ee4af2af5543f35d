import pytest

from knowledge.lang import detect_language, normalize, strip_invisible, tokenize


@pytest.mark.parametrize(
    "text,lang",
    [
        ("我有3000条标注数据,应该微调吗?", "zh"),
        ("I have 3000 labeled examples, should I fine-tune?", "en"),
        ("用 LoRA 还是 QLoRA 微调 Llama-3-8B?", "zh"),
        ("How much GPU memory does LoRA 微调 save?", "en"),
        ("chatglm2-6b-32k longbench few-shot 得分", "zh"),  # English names around a Chinese word
        ("bge-base-zh-v1.5 retrieval 分数", "zh"),
        ("What is 微调 called in English?", "en"),
        ("how much VRAM for qwen 7b", "en"),
        ("", "en"),
        ("🙂🙂", "en"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_normalize_full_width_and_invisible():
    assert normalize("ＬｏＲＡ１２３") == "LoRA123"
    assert normalize("Lo\u200bRA\u2060\U000e0041") == "LoRA"
    assert strip_invisible("a\x00b\tc\n") == "ab\tc\n"


def test_tokenize_full_and_half_width_match():
    assert tokenize("ＱＬｏＲＡ　４位量化") == tokenize("QLoRA 4位量化")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tokenize_content_words(lang):
    if lang == "zh":
        toks = tokenize("LoRA 可以减少显存需求")
        assert "显存" in toks and "lora" in toks
    else:
        toks = tokenize("How much memory does LoRA save?")
        assert toks == ["memory", "lora", "save"]


def test_dotted_names_also_give_their_parts_but_versions_stay_whole():
    from knowledge.lang import tokenize

    tokens = tokenize("llama-2-7b/qlora.yaml uses transformers 4.51.3 and llm.int8()")
    assert {"qlora", "yaml", "llm", "int8", "4.51.3"} <= set(tokens)
    assert "4" not in tokens and "51" not in tokens


def test_english_terms_in_chinese_grammar_read_as_chinese():
    from knowledge.lang import detect_language

    assert detect_language("lmdeploy llama2-chat-13b kv int4 的 RPS") == "zh"
    assert detect_language("autoawq 装 cpu 版 最低要 torch 几") == "zh"
    assert detect_language("What does 微调 mean?") == "en"  # a Chinese term in an English sentence
