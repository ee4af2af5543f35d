"""Every user-facing string, keyed by language ("zh" / "en"). ``t(lang, key, **values)`` fills one in.

The advice texts (labels, rule reasons, steps) live in ``bot/messages_advice.py``; this file holds the
answer frames, help texts and cost lines. The help and "nothing found" texts contain no digits on
purpose: an answer that found nothing must not show any number.
"""

from __future__ import annotations

from bot.messages_advice import ADVICE
from bot.types import Label, Lang

GENERAL: dict[str, dict[str, str]] = {
    # ---- help and short replies (digit-free)
    "help": {
        "en": "I advise whether to use prompt engineering, RAG, LoRA/QLoRA, full fine-tuning or training from scratch. "
              "Tell me about your data, hardware, budget and deadline, or ask a fact. For example:\n"
              "- We have a few thousand labeled support tickets and one consumer GPU. What should we do?\n"
              "- Our product knowledge changes every week. Fine-tune or RAG?\n"
              "- How much memory does LoRA save?\n"
              "- How much would fine-tuning on OpenAI cost for my data?",
        "zh": "我可以帮你判断该用提示工程、RAG、LoRA/QLoRA、全量微调还是从零训练。"
              "告诉我你的数据量、硬件、预算和期限,或者直接问一个知识点。例如:\n"
              "- 我们有几千条标注好的客服对话,只有一张消费级显卡,该怎么做?\n"
              "- 产品知识每周都在更新,应该微调还是用 RAG?\n"
              "- LoRA 能节省多少显存?\n"
              "- 在 OpenAI 上微调我的数据要花多少钱?",
    },
    "greeting": {"en": "Hello!", "zh": "你好!"},
    "empty": {"en": "Please type a question.", "zh": "请输入一个问题。"},
    "too_long": {
        "en": "That message is too long for me to read. Please ask in a few sentences.",
        "zh": "这条消息太长了,我读不过来。请用几句话描述你的问题。",
    },
    "foreign": {"en": "I answer in English or Chinese.", "zh": "我只能用中文或英文回答。"},
    "unknown": {"en": "I'm not sure what you're asking.", "zh": "我不太确定你想问什么。"},
    "mode_prompt_only": {
        "en": "Retrieval is off (prompt-only mode): this answer uses only the built-in rules.",
        "zh": "检索已关闭(仅提示模式):本回答只依据内置规则。",
    },
    # ---- situation answers
    "rec_title": {"en": "**Recommendation: {label}**", "zh": "**建议:{label}**"},
    "understood": {"en": "What I took from your question: {facts}", "zh": "我从问题中读到的情况:{facts}"},
    "why": {"en": "Why:", "zh": "原因:"},
    "next_steps": {"en": "Next steps:", "zh": "下一步:"},
    "change_if": {"en": "What would change this advice:", "zh": "什么情况下建议会改变:"},
    "cost_hint": {"en": "Cost: {text}", "zh": "成本参考:{text}"},
    "clarify": {"en": "To refine this: {question}", "zh": "为了更准确:{question}"},
    "supporting": {"en": "From the knowledge base:", "zh": "知识库中的依据:"},
    "fact_tag": {"en": "[{fact}]", "zh": "[{fact}]"},
    "sep": {"en": "; ", "zh": ";"},
    # situation facts, as echoed back
    "s_examples": {"en": "{n} examples", "zh": "{n} 条示例"},
    "s_no_examples": {"en": "no labeled data", "zh": "没有标注数据"},
    "s_gpu": {"en": "{gb} GB GPU", "zh": "{gb} GB 显存"},
    "s_gpu_count": {"en": "{count} GPUs", "zh": "{count} 张 GPU"},
    "s_model": {"en": "{size}B model", "zh": "{size}B 模型"},
    "s_budget": {"en": "budget ${usd}", "zh": "预算 ${usd}"},
    "s_budget_rmb": {"en": "budget ¥{rmb} (about ${usd})", "zh": "预算 ¥{rmb}(约 ${usd})"},
    "s_budget_low": {"en": "low budget", "zh": "预算有限"},
    "s_deadline_today": {"en": "needed today", "zh": "今天就要"},
    "s_deadline_week": {"en": "needed this week", "zh": "本周要"},
    "s_deadline_quarter": {"en": "needed this quarter", "zh": "本季度要"},
    "s_knowledge_changes": {"en": "knowledge changes often", "zh": "知识经常变化"},
    "s_knowledge_stable": {"en": "knowledge is stable", "zh": "知识基本稳定"},
    "s_needs_format": {"en": "fixed format/style", "zh": "需要固定格式/风格"},
    "s_domain_terms": {"en": "specialist terminology", "zh": "专业术语"},
    "s_privacy_blocked": {"en": "data cannot be anonymized", "zh": "数据无法脱敏"},
    "s_high_volume": {"en": "high call volume", "zh": "调用量大"},
    "s_long_prompt": {"en": "long prompts", "zh": "提示很长"},
    "s_low_latency": {"en": "low latency needed", "zh": "要求低延迟"},
    "s_multi_step": {"en": "multi-step reasoning", "zh": "多步骤推理"},
    "s_novel_architecture": {"en": "new architecture / foundation model", "zh": "新架构/基础模型"},
    "s_documents": {"en": "answers from documents", "zh": "答案来自文档"},
    "s_compute_none": {"en": "no GPU", "zh": "没有 GPU"},
    "s_compute_consumer": {"en": "consumer-grade compute", "zh": "消费级算力"},
    "s_compute_ample": {"en": "ample compute", "zh": "算力充足"},
    "s_four_bit_ok": {"en": "4-bit acceptable", "zh": "可接受 4 位量化"},
    # situation facts by name, for "updated from this message" lines
    "n_examples": {"en": "labelled examples", "zh": "标注样本数"},
    "n_knowledge_changes": {"en": "knowledge changes often", "zh": "知识经常变化"},
    "n_needs_format": {"en": "fixed format/style", "zh": "固定格式/风格"},
    "n_domain_terms": {"en": "specialist terminology", "zh": "专业术语"},
    "n_gpu_memory_gb": {"en": "GPU memory (GB)", "zh": "单卡显存(GB)"},
    "n_model_size_b": {"en": "model size (B)", "zh": "模型规模(B)"},
    "n_budget_usd": {"en": "budget (USD)", "zh": "预算(美元)"},
    "n_deadline": {"en": "deadline", "zh": "期限"},
    "n_privacy_blocked": {"en": "data cannot be used for training", "zh": "数据不能用于训练"},
    "n_high_volume": {"en": "high call volume", "zh": "调用量大"},
    "n_long_prompt": {"en": "long prompts", "zh": "提示很长"},
    "n_low_latency": {"en": "low latency needed", "zh": "要求低延迟"},
    "n_multi_step": {"en": "multi-step reasoning", "zh": "多步骤推理"},
    "n_novel_architecture": {"en": "new architecture", "zh": "新架构"},
    "n_compute": {"en": "compute", "zh": "算力"},
    "n_budget_low": {"en": "low budget", "zh": "预算有限"},
    "n_documents": {"en": "answers from documents", "zh": "答案来自文档"},
    "n_gpu_count": {"en": "GPU count", "zh": "GPU 数量"},
    "n_four_bit_ok": {"en": "4-bit acceptable", "zh": "可接受 4 位量化"},
    "v_yes": {"en": "yes", "zh": "是"},
    "v_no": {"en": "no", "zh": "否"},
    # cost hints by label
    "hint_prompt": {
        "en": "no training cost; inference about ${low}-{high} per 1K tokens.",
        "zh": "没有训练成本;推理费用约每 1K tokens ${low}-{high}。",
    },
    "hint_rag": {
        "en": "the upfront cost is building the index; no training run.",
        "zh": "前期成本主要是建立索引,不需要训练。",
    },
    "hint_finetune": {
        "en": "one-off fine-tuning costs ${low}-{high}; {run}.",
        "zh": "一次性微调成本 ${low}-{high};{run}。",
    },
    "hint_finetune_plain": {
        "en": "one-off fine-tuning costs ${low}-{high}.",
        "zh": "一次性微调成本 ${low}-{high}。",
    },
    "hint_scratch": {
        "en": "from ${low} up to millions, over weeks to months.",
        "zh": "从 ${low} 起,可达数百万美元,耗时数周到数月。",
    },
    # ---- factual answers (frames are digit-free: numbers come only from the quote)
    "fact_answer": {"en": "**Answer: {value}**", "zh": "**答案:{value}**"},
    "fact_cell": {
        "en": "**{value}** (table in “{title}”: row “{row}”, column “{column}”)",
        "zh": "**{value}**(《{title}》中的表格:“{row}”行,“{column}”列)",
    },
    "fact_cell_column": {  # a row of settings has no name of its own ("| 1 | 29 | 124 | 4.35 |")
        "en": "**{value}** (table in “{title}”, column “{column}”)",
        "zh": "**{value}**(《{title}》中的表格,“{column}”列)",
    },
    "fact_weak": {
        "en": "No passage states this exactly; the closest one I found is below, so please check it against the source.",
        "zh": "没有找到明确回答这个问题的段落;下面是最接近的一段,请对照原文核实。",
    },
    "fact_row": {"en": "The row: «{quote}»", "zh": "原表该行:«{quote}»"},
    "fact_also": {"en": "Also close:", "zh": "另一段也相关:"},
    "changed": {"en": "Updated from this message: {changes}", "zh": "根据这条消息更新:{changes}"},
    "changed_advice": {"en": ": {before} → {after}", "zh": ":{before} → {after}"},
    "changed_label": {"en": "{before} → {after}", "zh": "{before} → {after}"},
    "unknown_value": {"en": "unknown", "zh": "未知"},
    "off_topic": {
        "en": "That is outside what I know: neither the built-in notes nor your documents cover it.",
        "zh": "这超出了我的知识范围:内置资料和你的文档里都没有相关内容。",
    },
    "mem_answer": {
        "en": "**About {gb} GB of GPU memory** for {method} on a {size}B model: {rule}",
        "zh": "**约 {gb} GB 显存**:{size}B 模型做{method}。{rule}",
    },
    "mem_all": {"en": "GPU memory to fine-tune a {size}B model, by method:", "zh": "{size}B 模型各微调方法所需显存:"},
    "mem_line": {"en": "- {method}: about {gb} GB ({per} bytes per parameter)", "zh": "- {method}:约 {gb} GB(每个参数约 {per} 字节)"},
    "mem_rule_full": {
        "en": "16-bit weights and gradients plus Adam's 32-bit master weights and two moments, about 16 bytes per parameter",
        "zh": "16 位权重和梯度,加上 Adam 的 32 位主权重和两份动量,每个参数约 16 字节",
    },
    "mem_rule_lora": {
        "en": "the frozen base in 16-bit, about 2 bytes per parameter; the adapters add little",
        "zh": "冻结的 16 位底座,每个参数约 2 字节;适配器本身很小",
    },
    "mem_rule_qlora": {
        "en": "the frozen base in 4-bit NF4, about 0.5 bytes per parameter; the adapters add little",
        "zh": "冻结的 4 位 NF4 底座,每个参数约 0.5 字节;适配器本身很小",
    },
    "mem_headroom": {
        "en": "Each figure includes about 20% headroom for activations and the CUDA runtime; longer sequences and bigger batches need more.",
        "zh": "每个数字都已留出约 20% 的余量给激活值和 CUDA 运行时;序列更长、批更大时需要更多。",
    },
    "fact_same": {"en": "The knowledge base says: «{quote}»", "zh": "知识库中的资料写道:«{quote}»"},
    "fact_cross": {
        "en": "The indexed document says (in Chinese): «{quote}»",
        "zh": "知识库中的资料(英文)写道:«{quote}»",
    },
    "fact_titled": {"en": "(from “{title}”)", "zh": "(出自《{title}》)"},
    "fact_terms": {"en": "Key terms: {pairs}.", "zh": "术语对照:{pairs}。"},
    "fact_none": {
        "en": "The knowledge base has nothing on this question, so I won't guess.",
        "zh": "知识库里没有关于这个问题的内容,我不做猜测。",
    },
    "fact_scope": {
        "en": "I can advise on prompt engineering, RAG, LoRA/QLoRA, full fine-tuning and training from scratch.",
        "zh": "我能解答的是提示工程、RAG、LoRA/QLoRA、全量微调和从零训练方面的问题。",
    },
    "fact_needs_rag": {
        "en": "Retrieval is off (prompt-only mode), so I cannot look this up; switch RAG on to answer from the knowledge base.",
        "zh": "检索已关闭(仅提示模式),无法查阅资料;打开 RAG 即可从知识库中回答。",
    },
    "fact_builtin": {
        "en": "Retrieval is off (prompt-only mode); from the built-in rules: {fact}",
        "zh": "检索已关闭(仅提示模式);根据内置规则:{fact}",
    },
    "bf_min_examples": {
        "en": "fine-tuning needs at least 50-100 examples; 500-1,000 is better and 5,000 or more is best.",
        "zh": "微调最少需要 50-100 个示例;500-1,000 个更好,5,000 个以上最好。",
    },
    "bf_lora_memory": {"en": "LoRA cuts GPU memory needs by about 90%.", "zh": "LoRA 能把显存需求降低约 90%。"},
    "bf_qlora_bits": {
        "en": "QLoRA uses 4-bit quantization, so it runs on consumer GPUs, with slightly lower accuracy.",
        "zh": "QLoRA 采用 4 位量化,因此能在消费级 GPU 上运行,准确性略低。",
    },
    "bf_costs": {
        "en": "training costs $0 for prompt engineering, $10-1,000 one-off for fine-tuning, and from $10,000 to millions from scratch.",
        "zh": "训练成本:提示工程 $0;微调 $10-1,000(一次性);从零训练 $10,000 起,可达数百万美元。",
    },
    "bf_phi2": {
        "en": "after fine-tuning, Phi-2's accuracy on financial data analysis rose from 34% to 85%.",
        "zh": "微调后,Phi-2 在金融数据分析上的准确率从 34% 提高到 85%。",
    },
    "bf_scratch_data": {
        "en": "training from scratch needs at least 1M examples; 100M+ is better.",
        "zh": "从零训练至少需要 1M 个示例,100M+ 更好。",
    },
    "bf_time": {
        "en": "prompt engineering takes minutes, fine-tuning hours to days, training from scratch weeks to months.",
        "zh": "提示工程需要数分钟,微调需要数小时到数天,从零训练需要数周到数月。",
    },
    # ---- cost answers
    "cost_title": {"en": "Training cost estimate for {model}:", "zh": "{model} 的训练费用估算:"},
    "cost_step_tokens": {"en": "1. Training tokens = examples × tokens per example × epochs: {step}", "zh": "1. 训练 token 数 = 样本数 × 每条 token 数 × 轮数:{step}"},
    "cost_step_price": {"en": "2. Cost = tokens ÷ 1M × training price per 1M tokens: {step}", "zh": "2. 费用 = token 数 ÷ 1M × 每百万 token 训练单价:{step}"},
    "cost_total": {"en": "Total: **{cost}**", "zh": "合计:**{cost}**"},
    "cost_note": {
        "en": "Training only; calling the fine-tuned model costs {input} per 1M input tokens and {output} per 1M output tokens.",
        "zh": "以上只含训练费用;调用微调后的模型另按每百万输入 token {input}、每百万输出 token {output} 计费。",
    },
    "cost_epochs_default": {"en": "(Epochs not given: the usual default of {epochs} is assumed.)", "zh": "(未指定训练轮数:按常用默认值 {epochs} 轮计算。)"},
    "cost_missing": {
        "en": "To estimate this I still need: {missing}. The formula: examples × tokens per example × epochs ÷ 1M × the training price.",
        "zh": "要估算还缺少:{missing}。公式:样本数 × 每条 token 数 × 轮数 ÷ 1M × 训练单价。",
    },
    "cost_missing_examples": {"en": "the number of examples", "zh": "样本条数"},
    "cost_missing_tokens": {"en": "the average tokens per example", "zh": "每条样本的平均 token 数"},
    "cost_unknown_model": {"en": "{model} is not in the price table.", "zh": "价格表中没有 {model}。"},
    "cost_prices_head": {"en": "OpenAI fine-tuning prices (per 1M tokens):", "zh": "OpenAI 微调价格(每百万 token):"},
    "cost_price_line": {
        "en": "- {model}: training {training}, input {input}, output {output}",
        "zh": "- {model}:训练 {training},输入 {input},输出 {output}",
    },
    "cost_runs_head": {"en": "Open-source reference runs on rented A100 80GB GPUs:", "zh": "开源模型在租用 A100 80GB 上的参考数据:"},
    "cost_run_line": {
        "en": "- {model} + {method}: {gpus}, {hours} hours, {cost}, {examples} examples",
        "zh": "- {model} + {method}:{gpus},{hours} 小时,{cost},建议 {examples} 条数据",
    },
    "cost_both": {"en": "Estimates for each priced model:", "zh": "按价格表中的每个模型估算:"},
}

MESSAGES: dict[str, dict[str, str]] = {**GENERAL, **ADVICE}

# the advice format's field names: the template answer, the adapter's training data and its parser share them
FIELDS: dict[str, tuple[str, ...]] = {
    "en": ("Recommendation", "Why", "Next steps", "Cost", "Sources"),
    "zh": ("建议", "原因", "下一步", "成本", "来源"),
}


def t(lang: Lang | str, key: str, **values: object) -> str:
    """The message ``key`` in ``lang`` (English for any other language), with ``values`` filled in."""
    entry = MESSAGES[key]
    text = entry.get(lang if lang in ("zh", "en") else "en") or entry["en"]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in MESSAGES


def label_name(lang: Lang | str, label: Label) -> str:
    return t(lang, f"label_{label}")
