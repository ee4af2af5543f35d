"""Message table, part 2: the advice itself (labels, rule reasons, next steps, what would change it).

Reason texts quote only figures from the note named next to the rule in ``bot/recommend.py``; values
in braces come from the user's own situation.
"""

from __future__ import annotations

ADVICE: dict[str, dict[str, str]] = {
    # ---- labels
    "label_prompt": {"en": "Prompt engineering", "zh": "提示工程(Prompt Engineering)"},
    "label_rag": {"en": "RAG (retrieval-augmented generation)", "zh": "RAG 检索增强生成"},
    "label_lora": {"en": "LoRA fine-tuning", "zh": "LoRA 微调"},
    "label_qlora": {"en": "QLoRA (quantized LoRA) fine-tuning", "zh": "QLoRA 量化微调"},
    "label_full_finetune": {"en": "Full fine-tuning", "zh": "全量微调"},
    "label_from_scratch": {"en": "Training from scratch", "zh": "从零训练"},
    "label_hybrid": {"en": "Hybrid: RAG + fine-tuning", "zh": "混合方案:RAG + 微调"},
    # ---- decisive reasons
    "r_privacy": {
        "en": "The data cannot be anonymized, and a model memorizes its training data, so this data must stay out of any fine-tuning.",
        "zh": "这批数据无法脱敏,而模型会记住训练数据,所以不能拿它做任何微调。",
    },
    "r_privacy_rag": {
        "en": "Keep the private material in a retrieval index you control (RAG): knowledge changes by updating the index, and the model's weights never see it.",
        "zh": "把敏感资料放进自己掌控的检索索引(RAG):更新知识只需更新索引,模型权重始终不接触这些数据。",
    },
    "r_privacy_prompt": {
        "en": "Prompt engineering needs no training data: pass only what each request needs in the prompt.",
        "zh": "提示工程不需要训练数据:每次请求只在提示里带上必要的内容即可。",
    },
    "r_today": {
        "en": "Results are needed today: only prompt engineering delivers that fast; fine-tuning suits a deadline of this week.",
        "zh": "今天就要出结果:只有提示工程来得及;微调适合以本周为期限的情况。",
    },
    "r_hybrid_fresh": {
        "en": "The knowledge changes often: RAG keeps it current by updating the index, while fine-tuning alone would need retraining for every change.",
        "zh": "知识经常变化:RAG 更新索引就能保持最新,单靠微调则每次变化都要重新训练。",
    },
    "r_hybrid_documents": {
        "en": "The answers must come from your documents: RAG retrieves and cites them, so a document can be added or corrected without training.",
        "zh": "答案要来自你们的文档:RAG 检索并引用它们,文档增删改都不用重新训练。",
    },
    "r_hybrid_format": {
        "en": "The strict output format is what fine-tuning builds into the model; your {n} examples are enough for a LoRA adapter to learn it.",
        "zh": "严格的输出格式正是微调能固化进模型的东西;你的 {n} 条示例足够训练一个 LoRA 适配器来学会它。",
    },
    "r_hybrid_best": {
        "en": "In most cases a hybrid of fine-tuning and RAG gives the best results.",
        "zh": "多数情况下,把微调和 RAG 结合起来效果最好。",
    },
    "r_changing": {
        "en": "The knowledge must stay current: fine-tuning cannot keep up with changing facts, so use RAG.",
        "zh": "知识必须保持最新:微调跟不上不断变化的事实,应该用 RAG。",
    },
    "r_rag_update": {
        "en": "RAG updates knowledge just by updating the index; the model itself stays untouched.",
        "zh": "RAG 只需更新索引就能更新知识,模型本身不用动。",
    },
    "r_documents": {
        "en": "The answers should come from your documents: RAG fits knowledge-intensive question answering and needs a document knowledge base rather than labeled examples.",
        "zh": "答案要来自你的文档:RAG 适合知识密集型问答,需要的是文档知识库,而不是标注示例。",
    },
    "r_budget": {
        "en": "With a low budget, prompt engineering is the choice; fine-tuning fits a medium budget.",
        "zh": "预算低时选提示工程;预算中等才考虑微调。",
    },
    "r_budget_tiny": {
        "en": "Prompt engineering has $0 training cost, while a one-off fine-tuning run costs $10-1,000.",
        "zh": "提示工程的训练成本为 $0,而一次性的微调训练要 $10-1,000。",
    },
    "r_no_data": {
        "en": "There are no training examples yet: fine-tuning needs data to learn from, so start with prompt engineering.",
        "zh": "目前还没有训练示例:微调需要数据来学习,所以先用提示工程。",
    },
    "r_prompt_zero": {
        "en": "Prompt engineering works zero-shot (no examples); 3-5 examples in the prompt (few-shot) usually do better.",
        "zh": "提示工程可以零样本起步;在提示里放 3-5 个示例(少样本)通常效果更好。",
    },
    "r_few": {
        "en": "{n} examples is fewer than 100: the decision tree sends that to prompt engineering.",
        "zh": "{n} 条示例少于 100 条:按决策树应先用提示工程。",
    },
    "r_min_examples": {
        "en": "Fine-tuning needs at least 50-100 examples; 500-1,000 is better and 5,000 or more is best.",
        "zh": "微调最少需要 50-100 个示例;500-1,000 个更好,5,000 个以上最好。",
    },
    "r_scratch": {
        "en": "A new architecture or foundation model, with millions of examples, is what training from scratch is for.",
        "zh": "新架构或基础模型,再加上数百万条示例,正是从零训练的适用场景。",
    },
    "r_scratch_cost": {
        "en": "Training from scratch costs from $10,000 up to millions and needs at least 1M examples (100M+ is better).",
        "zh": "从零训练的成本从 $10,000 起,可达数百万美元,且至少需要 1M 个示例(100M+ 更好)。",
    },
    "r_novel": {
        "en": "A novel model architecture is the one case the quick decision guide sends to training from scratch.",
        "zh": "需要全新的模型架构,是快速决策指南里唯一指向从零训练的情况。",
    },
    "r_scratch_budget": {
        "en": "A budget of ${budget} is below the $10,000 where training from scratch starts, so adapt a pretrained model instead.",
        "zh": "预算 ${budget} 低于从零训练 $10,000 的起步成本,应改为在预训练模型上做微调。",
    },
    "r_millions": {
        "en": "Millions of examples make training from scratch possible, but without a new architecture, reusing a pretrained model is far cheaper.",
        "zh": "数百万条示例让从零训练成为可能,但没有新架构的需求时,复用预训练模型要便宜得多。",
    },
    "r_full": {
        "en": "{n} examples is more than 10,000: the decision tree's branch for full fine-tuning.",
        "zh": "{n} 条示例超过 10,000 条:对应决策树中全量微调的分支。",
    },
    "r_full_memory": {
        "en": "Full fine-tuning updates every parameter and reaches the highest accuracy, but it takes the most GPU memory.",
        "zh": "全量微调会更新每一个参数,准确性最高,但占用的显存也最多。",
    },
    "r_big_budget": {
        "en": "A budget of ${budget} is tight for full fine-tuning on {n} examples; LoRA keeps the run cheap (Llama-3-8B + LoRA: 1x A100 80GB, 2-4 hours, $4-8).",
        "zh": "预算 ${budget} 不够在 {n} 条数据上做全量微调;LoRA 能把训练费用压低(Llama-3-8B + LoRA:1 张 A100 80GB,2-4 小时,约 4-8 美元)。",
    },
    "r_lora_memory": {
        "en": "LoRA cuts GPU memory needs by about 90% and trains faster.",
        "zh": "LoRA 能把显存需求降低约 90%,训练也更快。",
    },
    "r_big_limited": {
        "en": "There is a lot of data but not ample compute for full fine-tuning: LoRA cuts GPU memory needs by about 90% and trains faster.",
        "zh": "数据很多,但算力不足以做全量微调:LoRA 能把显存需求降低约 90%,训练也更快。",
    },
    "r_qlora": {
        "en": "QLoRA quantizes the base model to 4 bits, so fine-tuning fits a consumer GPU; the price is slightly lower accuracy.",
        "zh": "QLoRA 把基础模型量化到 4 位,微调因此能在消费级 GPU 上运行,代价是准确性略低。",
    },
    "r_qlora_70b": {
        "en": "A {size}B model on one GPU calls for QLoRA: Llama-3-70B + QLoRA fits 1x A100 80GB (8-16 hours, $16-32).",
        "zh": "在单张 GPU 上微调 {size}B 模型需要 QLoRA:Llama-3-70B + QLoRA 只用 1 张 A100 80GB(8-16 小时,16-32 美元)。",
    },
    "r_qlora_fit": {
        "en": "Even at 4 bits a {size}B model's weights take about {need} GB, more than the card's {gpu} GB: pick a smaller base model for this card, or rent a larger GPU.",
        "zh": "即使量化到 4 位,{size}B 模型的权重也约占 {need} GB,超过这张卡的 {gpu} GB:请换用更小的基础模型,或租用更大显存的 GPU。",
    },
    "r_no_gpu": {
        "en": "There is no local GPU: rent one by the hour (Llama-3-8B + LoRA runs on 1x A100 80GB in 2-4 hours for about $4-8).",
        "zh": "本地没有 GPU:可以按小时租用(Llama-3-8B + LoRA 用 1 张 A100 80GB,2-4 小时,约 4-8 美元)。",
    },
    "r_no_gpu_api": {
        "en": "Or fine-tune through a hosted API: gpt-4o-mini training costs $3.00 per million tokens.",
        "zh": "也可以用托管的微调接口:gpt-4o-mini 的训练费用为每百万 token 3.00 美元。",
    },
    "r_lora_range": {
        "en": "{n} examples is inside 100-10,000, the decision tree's range for LoRA fine-tuning.",
        "zh": "{n} 条示例落在 100 到 10,000 条之间,正是决策树中 LoRA 微调的区间。",
    },
    "r_volume": {
        "en": "At high call volume, long few-shot prompts (e.g. 800 tokens) make every call costly and slow; a fine-tuned model needs only a short instruction.",
        "zh": "调用量大时,冗长的少样本提示(例如 800 个 token)让每次调用又贵又慢;微调后的模型只需一句简短指令。",
    },
    "r_latency": {
        "en": "Fine-tuning has the lowest inference cost and latency of the three approaches, because each call carries only a short prompt.",
        "zh": "三种方案中微调的推理成本和延迟最低,因为每次调用只带很短的提示。",
    },
    "r_cot": {
        "en": "Multi-step reasoning: fine-tune on examples that spell out the reasoning step by step (chain-of-thought data).",
        "zh": "多步骤推理:用写明逐步推理过程的数据(思维链数据)来微调。",
    },
    "r_format": {
        "en": "A fixed format, style or brand voice: prompts can hardly guarantee it every time, while fine-tuning builds it into the model.",
        "zh": "固定的格式、风格或品牌语气:提示很难每次都保证,微调则能把它固化进模型。",
    },
    "r_domain": {
        "en": "Specialist terminology (medical, legal, financial): general models handle rare terms poorly, and fine-tuning closes that gap.",
        "zh": "专业术语(医疗、法律、金融):通用模型对冷门术语理解差,微调可以弥补。",
    },
    "r_default": {
        "en": "Nothing yet calls for training: the progressive path starts with prompt engineering and gathers training data along the way.",
        "zh": "目前没有必须训练的理由:渐进式路径从提示工程开始,并在过程中积累训练数据。",
    },
    # ---- supporting reasons
    "r_under_50": {
        "en": "With fewer than 50 high-quality examples, fine-tuning gives poor results.",
        "zh": "高质量示例不足 50 条时,微调效果很差。",
    },
    "r_scratch_data": {
        "en": "Training from scratch needs at least 1M examples (100M+ is better), so adapt a pretrained model instead.",
        "zh": "从零训练至少需要 1M 个示例(100M+ 更好),因此应在预训练模型上做适配。",
    },
    "r_week": {
        "en": "Results are needed this week: fine-tuning fits that timeline.",
        "zh": "本周内要结果:微调赶得上这个时间。",
    },
    "r_quarter": {
        "en": "Results are needed this quarter: on that timeline any approach is possible.",
        "zh": "本季度内出结果即可:这个时间内任何方法都可以。",
    },
    "r_budget_soft": {
        "en": "A tight budget still covers a LoRA run: Llama-3-8B + LoRA takes about $4-8 of cloud GPU, and QLoRA on one card is the cheapest way to train.",
        "zh": "预算紧也负担得起一次 LoRA 训练:Llama-3-8B + LoRA 的云 GPU 费用约 4-8 美元,单卡 QLoRA 是最省钱的训练方式。",
    },
    "r_budget_ft": {
        "en": "A budget of ${budget} covers a LoRA run (Llama-3-8B + LoRA: about $4-8 of cloud GPU).",
        "zh": "预算 ${budget} 足够一次 LoRA 训练(Llama-3-8B + LoRA 的云 GPU 费用约 4-8 美元)。",
    },
    "r_rmb": {
        "en": "The budget of ¥{rmb} is about ${budget} (converted at roughly {rate} yuan per dollar).",
        "zh": "预算 ¥{rmb} 约合 ${budget}(按约 {rate} 元人民币兑 1 美元换算)。",
    },
    "set_aside": {
        "en": "Set aside ({label}): {text}",
        "zh": "已让位({label}):{text}",
    },
    # ---- clarifying questions
    "q_examples": {
        "en": "How many labeled examples do you have (roughly)?",
        "zh": "你大概有多少条标注好的示例?",
    },
    "q_examples_format": {
        "en": "Do you have 100 or more examples of the required format? Then a RAG + fine-tuning hybrid fits.",
        "zh": "你有 100 条以上符合目标格式的示例吗?有的话适合 RAG + 微调的混合方案。",
    },
    "q_compute": {
        "en": "What GPUs can you use: several data-center GPUs, or one consumer card?",
        "zh": "你能用什么 GPU:多张数据中心级显卡,还是一张消费级显卡?",
    },
    "q_fresh": {
        "en": "Does this knowledge change often? If so, RAG should carry it.",
        "zh": "这些知识会经常变化吗?如果会,应该交给 RAG。",
    },
    # ---- what would change the advice
    "c_more_examples": {"en": "With 100 or more good examples: LoRA fine-tuning.", "zh": "有 100 条以上的优质示例:LoRA 微调。"},
    "c_changing": {"en": "If the knowledge must stay current: RAG.", "zh": "如果知识必须保持最新:RAG。"},
    "c_today": {"en": "With a week instead of a day: fine-tuning becomes an option.", "zh": "如果时间放宽到一周:可以考虑微调。"},
    "c_privacy_ok": {"en": "If the data can be anonymized: fine-tuning on it becomes possible.", "zh": "如果数据可以脱敏:就可以用它做微调。"},
    "c_privacy_docs": {"en": "If answers should come from documents: RAG over an index you control.", "zh": "如果答案要来自文档:在自己掌控的索引上做 RAG。"},
    "c_hybrid_stable": {"en": "If the knowledge stops changing: LoRA fine-tuning alone.", "zh": "如果知识不再变化:只用 LoRA 微调即可。"},
    "c_hybrid_noformat": {"en": "Without the strict format requirement: RAG alone.", "zh": "如果没有严格的格式要求:只用 RAG 即可。"},
    "c_rag_format": {"en": "If you also need a strict format and have 100+ examples: hybrid (RAG + fine-tuning).", "zh": "如果还需要严格格式且有 100 条以上示例:混合方案(RAG + 微调)。"},
    "c_rag_stable": {"en": "If the knowledge is stable and you have 100+ examples: fine-tuning can internalize it.", "zh": "如果知识稳定且有 100 条以上示例:微调可以把知识内化进模型。"},
    "c_budget": {"en": "With a budget of $10 or more: a small LoRA run becomes affordable.", "zh": "预算达到 $10 以上:就负担得起一次小规模的 LoRA 训练。"},
    "c_budget_more": {"en": "With a budget of $1,000 or more and ample GPUs: full fine-tuning.", "zh": "预算达到 $1,000 以上且算力充足:全量微调。"},
    "c_full": {"en": "More than 10,000 examples and ample GPUs: full fine-tuning.", "zh": "超过 10,000 条示例且算力充足:全量微调。"},
    "c_qlora": {"en": "Only a consumer GPU (24 GB or less): QLoRA.", "zh": "只有消费级 GPU(24 GB 及以下):QLoRA。"},
    "c_lora_fewer": {"en": "Fewer than 100 examples: prompt engineering first.", "zh": "示例少于 100 条:先用提示工程。"},
    "c_bigger_gpu": {"en": "A data-center GPU (such as an A100 80GB): plain LoRA, slightly more accurate.", "zh": "有数据中心级 GPU(如 A100 80GB):直接用 LoRA,准确性略高。"},
    "c_compute_limited": {"en": "Only limited or consumer GPUs: LoRA or QLoRA.", "zh": "算力有限或只有消费级 GPU:LoRA 或 QLoRA。"},
    "c_scratch": {"en": "Millions of examples plus a new architecture and a budget of $10,000+: training from scratch.", "zh": "数百万条示例、全新架构,且预算在 $10,000 以上:从零训练。"},
    "c_scratch_existing": {"en": "An existing architecture will do: full fine-tuning of a pretrained model, far cheaper.", "zh": "现有架构够用:对预训练模型做全量微调,便宜得多。"},
    "c_gpu": {"en": "With a GPU of your own: the same LoRA run locally.", "zh": "有自己的 GPU:在本地跑同样的 LoRA 训练。"},
    "c_docs": {"en": "If the answers must come from changing documents: RAG, or a hybrid with fine-tuning.", "zh": "如果答案必须来自不断变化的文档:RAG,或 RAG + 微调混合。"},
    # ---- next steps
    "step_prompt_1": {"en": "Write clear instructions and add 3-5 worked examples to the prompt (few-shot).", "zh": "写清楚指令,并在提示里加入 3-5 个示例(少样本)。"},
    "step_prompt_2": {"en": "Measure the results on a small test set of real questions.", "zh": "用一小批真实问题组成测试集来衡量效果。"},
    "step_prompt_3": {"en": "Log real inputs and good outputs: they become your training data.", "zh": "记录真实输入和优质输出:它们就是将来的训练数据。"},
    "step_prompt_4": {"en": "Revisit fine-tuning once you have 100+ good examples.", "zh": "积累到 100 条以上优质示例后,再考虑微调。"},
    "step_rag_1": {"en": "Collect the documents and split them into passages.", "zh": "收集文档并切分成段落。"},
    "step_rag_2": {"en": "Build an index (embeddings plus keyword search).", "zh": "建立索引(向量检索加关键词检索)。"},
    "step_rag_3": {"en": "Answer with the retrieved passages in the prompt and cite the sources.", "zh": "把检索到的段落放进提示来回答,并注明出处。"},
    "step_rag_4": {"en": "When the knowledge changes, update the index; no retraining needed.", "zh": "知识变化时更新索引即可,无需重新训练。"},
    "step_lora_1": {"en": "Set a prompt-only baseline first.", "zh": "先用纯提示建立一个基线。"},
    "step_lora_2": {"en": "Clean the examples and hold out a test split.", "zh": "清洗示例数据,并留出一部分做测试集。"},
    "step_lora_3": {"en": "Train a LoRA adapter on a mid-size base model and compare it with the baseline.", "zh": "在中等规模的基础模型上训练 LoRA 适配器,并与基线对比。"},
    "step_lora_4": {"en": "Retrain periodically with data collected in production.", "zh": "用生产环境中收集的数据定期重新训练。"},
    "step_qlora_1": {"en": "Load the base model in 4-bit and train LoRA adapters on top (QLoRA).", "zh": "以 4 位量化加载基础模型,在其上训练 LoRA 适配器(QLoRA)。"},
    "step_qlora_2": {"en": "Pick a base model that fits the card; use short sequences and gradient checkpointing.", "zh": "选择放得进这张卡的基础模型;缩短序列长度并开启梯度检查点。"},
    "step_qlora_3": {"en": "Compare with a prompt-only baseline on a held-out split.", "zh": "在留出的测试集上与纯提示基线对比。"},
    "step_full_finetune_1": {"en": "Run a LoRA baseline first: cheaper, and often close.", "zh": "先跑一个 LoRA 基线:成本更低,效果往往接近。"},
    "step_full_finetune_2": {"en": "Plan multi-GPU training of all parameters and watch for overfitting.", "zh": "规划多卡训练全部参数,注意防止过拟合。"},
    "step_full_finetune_3": {"en": "Evaluate on a held-out split, then A/B test in production.", "zh": "在留出的测试集上评估,再到生产环境做 A/B 测试。"},
    "step_from_scratch_1": {"en": "Confirm that fine-tuning a pretrained model cannot meet the goal.", "zh": "先确认微调预训练模型确实无法达到目标。"},
    "step_from_scratch_2": {"en": "Budget for data curation, architecture experiments and weeks to months of training.", "zh": "为数据整理、架构实验以及数周到数月的训练预留预算。"},
    "step_from_scratch_3": {"en": "Prototype at small scale before the full run.", "zh": "正式训练前先做小规模原型验证。"},
    "step_hybrid_1": {"en": "Fine-tune (LoRA) on your examples for the format or style.", "zh": "用你的示例做 LoRA 微调,学会格式或风格。"},
    "step_hybrid_2": {"en": "Put the changing knowledge in a RAG index.", "zh": "把会变化的知识放进 RAG 索引。"},
    "step_hybrid_3": {"en": "Evaluate the combination on real questions.", "zh": "用真实问题评估两者组合后的效果。"},
}
