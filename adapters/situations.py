"""Question templates: random but seeded situations (task, data, budget, GPU, freshness...) in zh and en."""

from __future__ import annotations

import random

from bot.types import Lang

# (en, zh) pairs; none mentions a number, so the numbers a question holds come from the slots below.
TASKS: tuple[tuple[str, str], ...] = (
    ("a customer-support chatbot for our software product", "给我们的软件产品做一个客服机器人"),
    ("contract review for a law firm", "为律所做合同审查"),
    ("summarising clinical notes in a hospital", "在医院里做病历摘要"),
    ("answering staff questions about internal HR policies", "回答员工关于内部人事制度的问题"),
    ("sorting support tickets into categories", "把客服工单自动分类"),
    ("pulling fields out of invoices as JSON", "从发票里抽取字段并输出JSON"),
    ("a coding assistant for our in-house framework", "为公司自研框架做编程助手"),
    ("product Q&A over an online store catalogue", "基于网店商品目录做问答"),
    ("analysing quarterly financial reports", "分析季度财务报告"),
    ("translating game dialogue in a consistent style", "用统一风格翻译游戏对白"),
    ("a chatbot for a low-resource language the big models barely know", "做一个主流大模型几乎不懂的小语种聊天机器人"),
    ("a writing assistant that speaks in our brand voice", "做一个带品牌语气的写作助手"),
    ("a model of protein sequences", "做一个蛋白质序列模型"),
    ("turning business questions into SQL for our warehouse", "把业务问题转成数据仓库的SQL"),
    ("triaging security alerts", "对安全告警做分诊"),
    ("a maths tutor for high-school students", "做面向高中生的数学辅导机器人"),
    ("answering patients' medical questions", "回答患者的医疗问题"),
    ("summarising daily news for analysts", "为分析师做每日新闻摘要"),
    ("a legal research assistant that must quote statutes", "做需要引用法条的法律检索助手"),
    ("an internal search assistant over engineering wikis", "在工程知识库上做内部搜索助手"),
)

OPENERS = {
    "en": ("We're working on {task}.", "I'm building {task}.", "Our team wants to ship {task}.",
           "Project: {task}.", "My company needs {task}."),
    "zh": ("我们在做的项目是{task}。", "我正在{task}。", "团队打算{task}。", "项目需求:{task}。", "公司需要{task}。"),
}
CLOSERS = {
    "en": ("Should we use prompting, RAG or fine-tuning?", "What approach do you recommend?",
           "Is LoRA enough, or do we need full fine-tuning?", "Do we need to train our own model?",
           "Which way should we go?", "How would you adapt the model?"),
    "zh": ("应该用提示词、RAG还是微调?", "你推荐什么方案?", "LoRA够用吗,还是要全量微调?",
           "需要自己从头训练模型吗?", "该怎么选?", "模型应该怎么适配?"),
}

EXAMPLES = (0, 20, 50, 150, 400, 800, 2000, 5000, 12000, 40000, 100000, 600000, 5000000)
DOCUMENTS = (30, 200, 1500, 20000, 300000)
BUDGETS_USD = (0, 100, 500, 3000, 20000, 200000, 2000000)
VOLUMES = (50, 2000, 30000, 1000000)


def _num(n: int, lang: Lang, rng: random.Random) -> str:
    """A count written the way people write it: 5000, 5,000, 5k / 5000, 5千, 50万."""
    forms = [str(n)]
    if lang == "en":
        if n >= 1000:
            forms.append(f"{n:,}")
        if n >= 1000 and n % 1000 == 0 and n < 1_000_000:
            forms.append(f"{n // 1000}k")
        if n >= 1_000_000 and n % 1_000_000 == 0:
            forms.append(f"{n // 1_000_000} million")
    else:
        if n >= 10000 and n % 10000 == 0:
            forms.append(f"{n // 10000}万")
        elif n >= 1000 and n % 1000 == 0 and n < 10000:
            forms.append(f"{n // 1000}千")
    return rng.choice(forms)


def _data(rng: random.Random, lang: Lang) -> str:
    n = rng.choice(EXAMPLES)
    if n == 0:
        return rng.choice({"en": ("We have no labelled examples at all.", "There is no training data yet."),
                           "zh": ("手上完全没有标注数据。", "目前还没有任何训练数据。")}[lang])
    v = _num(n, lang, rng)
    return rng.choice({"en": (f"We have {v} labelled examples.", f"There are about {v} input/output pairs.",
                              f"Our dataset has {v} annotated samples."),
                       "zh": (f"我们有{v}条标注数据。", f"大约有{v}条问答对。", f"数据集里有{v}个标注样本。")}[lang])


def _documents(rng: random.Random, lang: Lang) -> str:
    v = _num(rng.choice(DOCUMENTS), lang, rng)
    return rng.choice({"en": (f"The knowledge lives in {v} documents.", f"We keep {v} internal documents."),
                       "zh": (f"相关知识分布在{v}篇文档里。", f"内部有{v}份文档。")}[lang])


def _budget(rng: random.Random, lang: Lang) -> str:
    n = rng.choice(BUDGETS_USD)
    if n == 0:
        return {"en": "There is no budget for training.", "zh": "没有任何训练预算。"}[lang]
    v = _num(n, lang, rng)
    return rng.choice({"en": (f"Our budget is ${v}.", f"We can spend about {v} dollars."),
                       "zh": (f"预算是{v}美元。", f"大概能花{v}美元。")}[lang])


_GPUS = (
    ("We have no GPU, only laptops.", "没有GPU,只有笔记本电脑。"),
    ("We have one 16GB GPU.", "我们有一张16GB显存的显卡。"),
    ("We have a single RTX 4090 with 24GB.", "只有一张24GB的RTX 4090。"),
    ("We have one 80GB A100.", "有一张80GB的A100。"),
    ("We can use a cluster of 64 H100 GPUs.", "可以用一个64张H100的集群。"),
)
_FRESHNESS = (
    ("The information changes every day.", "资料每天都在更新。"),
    ("Prices and policies change weekly.", "价格和政策每周都会变。"),
    ("The content is stable and rarely changes.", "内容很稳定,几乎不变。"),
)
_FORMAT = (
    ("Answers must follow a strict JSON schema.", "输出必须严格符合JSON格式。"),
    ("Replies need a consistent tone and style.", "回复需要统一的语气和风格。"),
    ("Any plain-text answer is fine.", "普通文本回答就可以。"),
)
_PRIVACY = (
    ("The data must never leave our own servers.", "数据绝对不能离开我们自己的服务器。"),
    ("It is sensitive patient data under strict privacy rules.", "这是受严格隐私规定保护的敏感数据。"),
    ("Using a cloud API is fine for us.", "可以使用云端API。"),
)
_DEADLINE = (
    ("We need it running by tomorrow.", "明天就要上线。"),
    ("We have two weeks.", "我们有两周时间。"),
    ("The deadline is in six months.", "截止时间在半年后。"),
)
_CITATIONS = (
    ("Every answer must cite its source.", "每个回答都必须给出出处。"),
    ("Users want to see where each answer comes from.", "用户希望看到答案的来源。"),
)
_ARCHITECTURE = (
    ("We want our own new model architecture.", "我们想用自研的新架构。"),
    ("The goal is a foundation model of our own.", "目标是打造自己的基础模型。"),
    ("An existing model architecture is fine.", "用现有架构就可以。"),
)
_MODEL = (
    ("We plan to use a 7B open model.", "打算用一个7B的开源模型。"),
    ("We call a hosted GPT-class model.", "我们调用的是云端的大模型。"),
    ("We would like a 70B model.", "想用70B的大模型。"),
)


def _pick(options: tuple[tuple[str, str], ...]):
    return lambda rng, lang: rng.choice(options)[0 if lang == "en" else 1]


def _volume(rng: random.Random, lang: Lang) -> str:
    v = _num(rng.choice(VOLUMES), lang, rng)
    return rng.choice({"en": (f"We expect about {v} requests a day.", f"Traffic is around {v} queries per day."),
                       "zh": (f"预计每天大约{v}次请求。", f"每天的调用量在{v}次左右。")}[lang])


SLOTS = {
    "data": _data, "documents": _documents, "budget": _budget, "gpu": _pick(_GPUS),
    "freshness": _pick(_FRESHNESS), "format": _pick(_FORMAT), "privacy": _pick(_PRIVACY),
    "deadline": _pick(_DEADLINE), "volume": _volume, "citations": _pick(_CITATIONS), "model": _pick(_MODEL),
    "architecture": _pick(_ARCHITECTURE),
}


def render_question(rng: random.Random, lang: Lang) -> str:
    """One question: an opener naming the task, two to five situation facts, and a closing question."""
    task = rng.choice(TASKS)[0 if lang == "en" else 1]
    names = ["data"] + rng.sample([s for s in SLOTS if s != "data"], rng.randint(1, 4))
    if rng.random() < 0.15:
        names.remove("data")  # some people leave the key fact out
    rng.shuffle(names)
    parts = [rng.choice(OPENERS[lang]).format(task=task)]
    parts += [SLOTS[name](rng, lang) for name in names]
    parts.append(rng.choice(CLOSERS[lang]))
    return (" " if lang == "en" else "").join(parts)
