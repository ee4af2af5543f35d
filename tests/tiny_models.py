"""Tiny random-init causal LMs and a byte-level BPE tokenizer trained on a few sentences: nothing downloaded."""

from __future__ import annotations

from pathlib import Path

CHAT_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
SENTENCES = [
    "Recommendation: lora\nWhy: enough examples and one GPU\nNext steps: train an adapter\nCost: medium\nSources: notes.md",
    "建议：rag\n原因：资料每天更新\n下一步：建立索引\n成本：低\n来源：notes.md",
    "We have 5,000 labelled examples and one 24GB GPU. Should we fine-tune?",
    "我们有五千条标注数据和一张显卡,应该微调吗?",
    "You are an advisor. Answer in English, briefly. 你是一名顾问,请用中文简洁作答。",
    "passage source end question decision reasons prompt rag lora qlora full_finetune from_scratch hybrid",
]


def tiny_tokenizer(texts: list[str] | None = None, vocab_size: int = 1000, chat: bool = True, bos: bool = False):
    """A byte-level BPE tokenizer; ``bos=True`` starts every encoded text with ``<bos>`` (as Gemma's does)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    specials = SPECIALS + (["<bos>"] if bos else [])
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=specials, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    from bot.backends.prompting import SYSTEM_PROMPTS

    tok.train_from_iterator((texts or SENTENCES + list(SYSTEM_PROMPTS.values())) * 3, trainer)
    extra = {}
    if bos:
        tok.post_processor = processors.TemplateProcessing(single="<bos> $A", special_tokens=[
            ("<bos>", tok.token_to_id("<bos>"))])
        extra["bos_token"] = "<bos>"
    hf = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|endoftext|>", pad_token="<|endoftext|>", **extra)
    if chat:
        hf.chat_template = CHAT_TEMPLATE
    return hf


def tiny_model(tokenizer, kind: str = "qwen2", seed: int = 0, hidden: int = 32, layers: int = 2):
    import torch
    from transformers import AutoModelForCausalLM, Gemma3TextConfig, GPT2Config, LlamaConfig, Qwen2Config

    common = dict(vocab_size=len(tokenizer), eos_token_id=tokenizer.eos_token_id,
                  pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.eos_token_id)
    if kind == "gpt2":
        config = GPT2Config(n_embd=hidden, n_layer=layers, n_head=4, n_positions=512, **common)
    elif kind == "gemma3":  # Gemma 3's layout at toy size; a logit soft-cap to exercise that path too
        config = Gemma3TextConfig(hidden_size=hidden, intermediate_size=hidden * 2, num_hidden_layers=layers,
                                  num_attention_heads=4, num_key_value_heads=1, head_dim=8, sliding_window=16,
                                  max_position_embeddings=512, final_logit_softcapping=30.0, **common)
    else:
        cls = Qwen2Config if kind == "qwen2" else LlamaConfig
        config = cls(hidden_size=hidden, intermediate_size=hidden * 2, num_hidden_layers=layers,
                     num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                     tie_word_embeddings=True, **common)
    torch.manual_seed(seed)
    return AutoModelForCausalLM.from_config(config)


def save_tiny(folder: Path, kind: str = "qwen2", chat: bool = True, bos: bool = False) -> Path:
    """A tiny model and its tokenizer saved as a local model folder (safetensors)."""
    tokenizer = tiny_tokenizer(chat=chat, bos=bos)
    model = tiny_model(tokenizer, kind)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def stub_advisor(question: str, lang: str):
    """A deterministic stand-in for the rule-based advisor: the label follows words in the question."""
    from bot.types import Reason, Recommendation

    q = question.lower()
    if "no labelled" in q or "没有" in q:
        label = "prompt"
    elif "every day" in q or "每天" in q or "weekly" in q or "每周" in q:
        label = "rag"
    elif "no gpu" in q or "16gb" in q:
        label = "qlora"
    else:
        label = "lora"
    reason = "the question points this way" if lang == "en" else "问题里的情况指向这个方案"
    step = "try it on a small sample" if lang == "en" else "先在小样本上试一试"
    return Recommendation(label=label, reasons=(Reason(reason, "decision-notes.md"),), next_steps=(step,))


def teach(model, tokenizer, pairs: list[tuple[str, str]], steps: int = 150, lr: float = 1e-2) -> float:
    """Full fine-tune ``model`` until it repeats each (prompt -> answer) pair; returns the last loss."""
    import torch

    rows = []
    for prompt, answer in pairs:
        p = tokenizer(prompt, add_special_tokens=False)["input_ids"]
        a = tokenizer(answer + "<|im_end|>", add_special_tokens=False)["input_ids"]
        rows.append((p + a, [-100] * len(p) + a))
    width = max(len(x) for x, _ in rows)
    pad = tokenizer.pad_token_id
    ids = torch.tensor([x + [pad] * (width - len(x)) for x, _ in rows])
    labels = torch.tensor([y + [-100] * (width - len(y)) for _, y in rows])
    mask = torch.tensor([[1] * len(x) + [0] * (width - len(x)) for x, _ in rows])
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    model.train()
    for _ in range(steps):
        loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if loss.item() < 0.01:
            break
    model.eval()
    return loss.item()
