"""A second question generator, unlike ``adapters.situations``: chat-style fragments, spec lists, hedges,
negations, typos and (in Chinese) English words mixed in, so training questions do not all share one voice.

Every fact phrase is its own pool here; nothing is shared with the templates of ``adapters.situations``.
"""

from __future__ import annotations

import random

from bot.types import Lang

Pool = dict[Lang, tuple[str, ...]]

GOALS: Pool = {
    "en": ("a bot for order-status questions", "auto-tagging bug reports", "summaries of sales calls",
           "an assistant over our API docs", "extracting fields from shipping labels", "a tutor for kids' reading",
           "drafting replies to reviews", "classifying insurance claims", "a Q&A bot over our handbook",
           "rewriting product titles", "answering questions about building codes", "triaging IT tickets",
           "generating test cases from specs", "a chatbot for a regional dialect", "ranking job applications",
           "turning meeting notes into action items", "a recipe assistant", "detecting toxic comments"),
    "zh": ("做一个查订单状态的机器人", "给bug报告自动打标签", "销售通话自动摘要", "基于API文档的问答助手",
           "从快递面单抽取字段", "儿童阅读辅导", "自动回复商品评价", "保险理赔单分类", "员工手册问答机器人",
           "改写商品标题", "回答建筑规范相关的问题", "IT工单分诊", "根据需求文档生成测试用例", "方言聊天机器人",
           "简历筛选排序", "把会议记录整理成待办事项", "菜谱助手", "识别恶意评论"),
}

COUNTS = (0, 12, 35, 80, 120, 300, 700, 1500, 4000, 9000, 15000, 60000, 250000, 3000000)


def _count(n: int, lang: Lang, rng: random.Random) -> str:
    if lang == "en":
        forms = [str(n), f"{n:,}"] + ([f"{n // 1000}k"] if n >= 1000 and n % 1000 == 0 else [])
        forms += [f"~{n}", f"around {n}"]
    else:
        forms = [str(n)] + ([f"{n // 10000}w"] if n >= 10000 and n % 10000 == 0 else [])
        forms += [f"{n // 10000}万"] if n >= 10000 and n % 10000 == 0 else []
        forms += [f"约{n}", f"{n}左右"]
    return rng.choice(forms)


def _data(rng: random.Random, lang: Lang) -> str:
    n = rng.choice(COUNTS)
    if n == 0:
        return rng.choice({"en": ("zero labelled data", "we don't have any training examples", "no dataset yet"),
                           "zh": ("一条标注数据都没有", "还没有训练数据", "数据集：无")}[lang])
    v = _count(n, lang, rng)
    return rng.choice({"en": (f"{v} labelled samples", f"data: {v} examples", f"we collected {v} input/output pairs",
                              f"maybe {v} annotated rows"),
                       "zh": (f"{v}条标注样本", f"数据：{v}条", f"攒了{v}组输入输出", f"大概{v}条labelled data")}[lang])


def _budget(rng: random.Random, lang: Lang) -> str:
    n = rng.choice((0, 5, 200, 2500, 40000, 500000))
    if n == 0:
        return {"en": "budget: none", "zh": "预算：没有"}[lang]
    return rng.choice({"en": (f"budget ~${n:,}", f"we can spend {n} USD max", f"${n} total"),
                       "zh": (f"预算{n}美元", f"最多花{n}刀", f"budget大概{n}美元")}[lang])


FACTS: dict[str, Pool] = {
    "gpu": {"en": ("no GPUs at all", "just a gaming card, 12GB", "one RTX 3090", "a single 48GB card",
                   "two A100 80GB", "a whole H100 cluster", "only CPUs on our servers"),
            "zh": ("完全没有GPU", "只有一张12G的游戏卡", "一张3090", "一张48G的卡", "两张A100 80G",
                   "一整个H100集群", "服务器上只有CPU")},
    "fresh": {"en": ("content changes daily", "the source docs get edited every week", "info goes stale fast",
                     "the material is fixed and won't change"),
              "zh": ("内容天天变", "源文档每周都有人改", "信息过时很快", "资料是固定的，不会变")},
    "docs": {"en": ("answers should come from our knowledge base", "we have a pile of PDFs to answer from",
                    "it has to look things up in our manuals"),
             "zh": ("回答要基于我们的知识库", "有一堆PDF要从里面找答案", "得去查我们的手册")},
    "style": {"en": ("output must be valid JSON every time", "it has to sound like our brand",
                     "replies need one fixed template", "format doesn't matter much"),
              "zh": ("每次输出都必须是合法JSON", "语气要像我们品牌", "回复要套固定模板", "格式无所谓")},
    "private": {"en": ("data can't leave our network", "customer records are confidential, no cloud",
                       "cloud is fine, nothing secret"),
                "zh": ("数据不能出内网", "客户记录保密，不能上云", "上云没问题，没什么机密")},
    "when": {"en": ("need it today", "demo is tonight", "we have about a week", "no rush, next quarter"),
             "zh": ("今天就要", "今晚就要演示", "大概有一周", "不急，下个季度"),},
    "traffic": {"en": ("millions of calls a day", "a few hundred users", "very low traffic"),
                "zh": ("每天几百万次调用", "几百个用户", "访问量很小")},
    "arch": {"en": ("we want to design our own architecture", "thinking of training a base model ourselves"),
             "zh": ("想自己设计模型架构", "打算自己训一个基座模型")},
    "size": {"en": ("target model is 7B", "we'd use a 70B model", "a 1.5B model is enough", "probably a 32B model"),
             "zh": ("目标模型7B", "想用70B", "1.5B就够", "大概用32B")},
}

ASKS: Pool = {
    "en": ("prompting, RAG or finetune?", "what would you do?", "lora or nah?", "which approach, honestly?",
           "do we even need training?", "thoughts?", "is fine-tuning overkill here?", "best option?"),
    "zh": ("提示词、RAG还是微调？", "你会怎么做？", "要不要上LoRA？", "到底选哪个？", "还需要训练吗？",
           "求建议", "微调是不是杀鸡用牛刀？", "最优方案是啥？"),
}
HEDGES: Pool = {
    "en": ("not sure if this matters but", "tbh", "quick question:", "ok so", "hmm,", "newbie here -"),
    "zh": ("不知道重不重要，", "说实话，", "小白求问：", "嗯，", "请教一下，", "纠结好久了，"),
}


def _typo(text: str, rng: random.Random) -> str:
    """Swap two neighbouring letters in one word (what fast typing does)."""
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not spots:
        return text
    i = rng.choice(spots)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def render_casual(rng: random.Random, lang: Lang) -> str:
    """One question in a casual, spec-list or terse voice."""
    goal = rng.choice(GOALS[lang])
    names = rng.sample(list(FACTS), rng.randint(1, 4))
    facts = [rng.choice(FACTS[name][lang]) for name in names]
    if rng.random() < 0.85:
        facts.insert(rng.randint(0, len(facts)), _data(rng, lang))
    if rng.random() < 0.3:
        facts.append(_budget(rng, lang))
    ask = rng.choice(ASKS[lang])
    style = rng.choice(("chat", "spec", "terse"))
    if style == "spec":
        head = {"en": "task: ", "zh": "需求："}[lang] + goal
        text = "\n".join([head, *("- " + f for f in facts), ask])
    elif style == "terse":
        sep = {"en": ", ", "zh": "，"}[lang]
        text = goal + sep + sep.join(facts) + {"en": ". ", "zh": "。"}[lang] + ask
    else:
        hedge = rng.choice(HEDGES[lang])
        lead = {"en": f"{hedge} we're doing {goal}. ", "zh": f"{hedge}我们在做{goal}。"}[lang]
        sep = {"en": ", ", "zh": "，"}[lang]
        text = lead + sep.join(facts) + {"en": ". ", "zh": "。"}[lang] + ask
    if lang == "en" and rng.random() < 0.25:
        text = _typo(text, rng)
    if lang == "en" and rng.random() < 0.3:
        text = text.lower()
    return text
