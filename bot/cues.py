"""Word cues, in both languages, for the facts a question states. Data only: compiled regexes.

Each boolean field has a ``yes`` pattern and, where people commonly say the opposite, a ``no`` pattern
that wins over it ("our knowledge rarely changes", "数据已脱敏").
"""

from __future__ import annotations

import re


def _rx(*parts: str) -> re.Pattern:
    return re.compile("|".join(parts), re.IGNORECASE)


# ---- what a number counts: the words right after it (or right before it)
EXAMPLE_UNIT_AFTER = _rx(
    r"^\s*\+?\s*(?:(?:[a-z]+-labell?ed|[a-z]+-written|[a-z]+-annotated|manually|high[- ]quality|quality|good|clean|cleaned|labell?ed|annotated|training|domain|customer|"
    r"support|service|real|curated|historical|past|hand[- ]written|human[- ]written|existing|internal|sample|"
    r"example|q&a|qa|question[- ]answer|chat|medical|legal|financial|product|sales|user|synthetic|gold|"
    r"instruction|input[- ]output|prompt[- ]response|of|our|such|more|only|task|classification|"
    r"conversation|dialogue|ticket|(?!(?:and|or|but|with|per|for|in|on|at|to|from|by|than|plus|about|each|a|an|the|"
    r"tokens?|calls?|requests?|gpus?|hours?|days?|weeks?|months?|years?|people|users?|times?)\b)[a-z]{3,})\s+){0,3}"
    r"(?:examples?|samples?|pairs?|records?|rows?|conversations?|dialogues?|dialogs?|transcripts?|tickets?|"
    r"emails?|instances?|data ?points?|labels?|annotations?|q&as?|qas?|reviews?|demonstrations?|replies|responses|"
    r"answers|outputs|solutions|summaries|translations)\b",
    r"^\s*(?:多)?(?:条|个(?:高质量|标注|训练|人工)?(?:的)?(?:示例|样本|例子|数据|问答对?|对话|案例)|"
    r"组|对|份(?!文档|文件|pdf|PDF|资料|手册)|样本|示例|例子|个?标注)",
)
EXAMPLE_UNIT_BEFORE = _rx(
    r"(?:examples?|samples?|data ?set size|dataset of|training set of)\s*(?:[:=]|of|is|are|about|around|~|≈)?"
    r"\s*(?:about|around|roughly|~)?\s*$",
    r"(?:样本(?:数|量)?|示例|例子|数据量|训练数据|标注数据|标注)\s*(?:[:：=]|有|约|大约|是|为|只有|仅有|共)?\s*"
    r"(?:约|大约)?\s*$",
)
NOT_EXAMPLE_AFTER = _rx(
    r"^\s*(?:gb|g\b|gib|mb|tb|b\b|billion|tokens?|token|epochs?|轮|遍|次|calls?|requests?|queries|qps|"
    r"users?|%|percent|ms\b|秒|小时|hours?|days?|天|周|weeks?|months?|月|年|years?|美元|元|块|dollars?|usd|"
    r"人|docs?|documents?|pages?|pdfs?|files?|文档|文件|页|gpus?|张|块|台|cards?)"
)
DATA_WORDS = _rx(r"\b(?:examples?|samples?|labell?ed|data(?:set)?|training data)\b", r"样本|示例|数据|标注")
NO_DATA = _rx(
    r"\bno (?:labell?ed |training |annotated |task |real )?(?:q&a |qa |question[- ]answer )?(?:data|examples?|samples?|dataset|pairs)\b",
    r"\b(?:don'?t|do not|doesn'?t|does not|haven'?t|have not|without) (?:have )?(?:any )?"
    r"(?:labell?ed |training |annotated )?(?:data|examples?|samples?|dataset)\b",
    r"\bzero (?:labell?ed |training )?(?:examples?|samples?|data)\b",
    r"(?:没有|没|无|缺乏|缺少)(?:任何)?(?:的)?(?:标注|训练|现成的?)?(?:数据|示例|样本|例子|语料)",
    r"零(?:条|个)?(?:数据|示例|样本)",
)

# ---- GPUs: per-card memory of common cards; counts like "8x A100" / "两张 4090"
GPU_CARDS: dict[str, float] = {
    "h200": 141, "h100": 80, "h800": 80, "a100": 80, "a800": 80, "l40s": 48, "l40": 48, "a6000": 48,
    "v100": 32, "4090": 24, "3090": 24, "a10g": 24, "a10": 24, "l4": 24, "4080": 16, "t4": 16, "4070": 12,
    "3080": 10, "3060": 12, "4060": 8, "2080": 8,
}
GPU_CARD = re.compile(
    r"(?<![a-z0-9])(?:rtx\s*|geforce\s*|nvidia\s*)*(" + "|".join(sorted(GPU_CARDS, key=len, reverse=True))
    + r")(?:\s*ti)?s?(?![a-z0-9])",
    re.IGNORECASE,
)
GPU_COUNT_BEFORE = re.compile(
    r"(\d+|two|three|four|six|eight|sixteen|两|二|三|四|六|八|十六)\s*(?:x|×|\*|张|块|台|个|pcs)?\s*"
    r"(?:nvidia\s*|rtx\s*)*$",
    re.IGNORECASE,
)
GPU_COUNT_AFTER = re.compile(r"^\s*(?:\d+\s*gb\s*)?(?:x|×|\*)\s*(\d+)", re.IGNORECASE)
GPU_MEMORY = re.compile(r"(\d+(?:\.\d+)?)\s*(?:gb|g|gib)(?![a-z])", re.IGNORECASE)
GPU_CONTEXT = _rx(r"显存|vram|gpu|graphics|card|显卡|卡|memory|内存", *[rf"\b{c}\b" for c in GPU_CARDS])
DATA_SIZE_AFTER = _rx(r"^\s*(?:of\s+)?(?:data|text|corpus|logs?|documents?|files?)", r"^\s*(?:的)?(?:数据|语料|文本|日志|文档)")
NO_GPU = _rx(
    r"\bno (?:local )?gpus?\b", r"\bwithout (?:a |any )?gpus?\b", r"\bcpu[- ]only\b", r"\bonly (?:a |have a )?cpu",
    r"\b(?:don'?t|do not) have (?:a |any )?gpus?\b",
    r"(?:没有|没|无)(?:任何)?(?:gpu|显卡|算力)", r"只有\s*cpu",
)
AMPLE_COMPUTE = _rx(
    r"\b(?:gpu )?cluster\b", r"\bplenty of (?:gpus?|compute)\b", r"\blots of (?:gpus?|compute)\b",
    r"\bample (?:gpus?|compute)\b", r"\bmany gpus\b", r"\bcompute is not (?:a|an) (?:problem|issue)\b",
    r"\bunlimited (?:gpus?|compute)\b", r"\b\d{2,}\s*(?:x\s*)?gpus\b", r"\b(?:dozens|hundreds) of gpus\b",
    r"(?:\d{2,}|几十|上百)\s*张\s*(?:卡|显卡|gpu)",
    r"集群", r"算力(?:很|非常)?(?:充足|充裕|不是问题|不成问题|管够)", r"(?:充足|充裕|大量)的?算力", r"多机多卡",
)
LIMITED_COMPUTE = _rx(
    r"\bconsumer(?:[- ]grade)? (?:gpu|card|hardware)", r"\bgaming (?:gpu|card)", r"\blimited (?:gpu|compute|hardware)",
    r"\bsingle (?:consumer )?(?:gpu|card)\b", r"\blaptop\b",
    r"消费级", r"算力有限", r"资源有限", r"单卡", r"一张(?:消费级)?(?:显卡|卡)",
)
FOUR_BIT_OK = _rx(
    r"\b4[- ]?bit\b.{0,30}\b(?:ok|okay|fine|acceptable|is fine|works?)\b",
    r"\b(?:ok|okay|fine|accept|acceptable|happy) (?:with )?(?:4[- ]?bit|quantiz)",
    r"\bquantiz\w*.{0,20}\b(?:ok|okay|fine|acceptable)\b",
    r"(?:可以|能|愿意)接受.{0,8}(?:4\s*位|量化)", r"(?:4\s*位|量化).{0,8}(?:可以接受|没问题|也行|可以)",
)

# ---- the remaining boolean facts: (yes, no)
KNOWLEDGE_CHANGES = (
    _rx(
        r"\bchang\w* (?:very )?(?:often|frequently|constantly|daily|weekly|every (?:day|week|month))",
        r"\b(?:updated?|refreshed|revised) (?:very )?(?:often|frequently|constantly|daily|weekly|monthly|every)",
        r"\b(?:daily|weekly|monthly|frequent|constant) (?:updates?|changes?)\b", r"\bmust be (?:current|up[- ]to[- ]date)",
        r"\bup[- ]to[- ]date\b", r"\blatest\b", r"\bin real[- ]?time\b", r"\bcurrent (?:prices?|news|data|events|rates)",
        r"\breal[- ]?time (?:data|info|information|prices?|inventory|news|stock)", r"\blive data\b",
        r"\b(?:prices?|inventory|stock levels?|regulations?|policies|news) (?:that )?chang",
        r"\bfast[- ]changing\b", r"\bkeeps? changing\b", r"\bvolatile\b", r"\bfresh(?:ness)?\b",
        r"每(?:天|日|周|星期|月)(?:都)?(?:会|在)?(?:更新|变化|变动|调整|变)", r"(?:经常|频繁|不断|随时|持续)(?:地)?(?:更新|变化|变动|改变|调整)",
        r"实时(?!对话|响应|交互|聊天|回复|语音)", r"最新(?:的)?(?:知识|信息|数据|政策|价格|资讯|法规)", r"时效性", r"(?:知识|信息|数据|政策|价格)(?:经常|总在|一直)(?:变|更新)",
        r"变化(?:很|非常)?(?:快|频繁)", r"更新(?:很|非常)?(?:快|频繁)",
    ),
    _rx(
        r"\b(?:rarely|never|seldom) (?:changes?|updated?)\b", r"\b(?:doesn'?t|does not|won'?t|will not) change\b",
        r"\bstatic (?:knowledge|content|data|docs?|documents?)\b", r"\bstable (?:knowledge|content|domain)\b",
        r"(?:很少|基本不|几乎不|不会|不常|从不)(?:会)?(?:变|更新|变化|改变)", r"(?:知识|内容|数据)(?:比较|很)?(?:稳定|固定)",
    ),
)
NEEDS_FORMAT = (
    _rx(
        r"\bjson\b", r"\byaml\b", r"\bxml\b", r"\bschema\b", r"\bmarkdown\b", r"\b(?:output |strict |fixed |specific )format",
        r"\bformat(?:ted|ting)?\b", r"\bstyle\b", r"\btone\b", r"\bbrand(?:'s)? voice\b", r"\bvoice\b", r"\bpersona\b",
        r"\bconsistent (?:output|answers?|responses?|behaviou?r)", r"\btemplate\b",
        r"格式", r"风格", r"语气", r"口吻", r"品牌(?:声音|调性)?", r"话术", r"人设", r"固定(?:的)?(?:流程|结构|模板)", r"一致(?:的)?(?:输出|行为|回复)",
    ),
    _rx(r"\bno (?:particular|special|specific|fixed) (?:format|style)", r"(?:不需要|没有)(?:特定|固定)?(?:的)?(?:格式|风格)要求"),
)
DOMAIN_TERMS = (
    _rx(
        r"\bmedic\w*", r"\bclinic\w*", r"\bpatients?\b", r"\bhealth ?care\b", r"\blegal\b", r"\blaw\b", r"\blawyers?\b",
        r"\bcontracts?\b", r"\bfinanc\w*", r"\bbank\w*", r"\binsurance\b", r"\bterminolog\w*", r"\bjargon\b",
        r"\bspeciali[sz]ed\b", r"\bdomain[- ]specific\b", r"\bniche\b", r"\bpharma\w*",
        r"医疗", r"医学", r"医院", r"病历", r"患者", r"罕见病", r"法律", r"合同", r"律师", r"金融", r"银行", r"保险", r"术语", r"专业(?:领域|知识)", r"行业(?:知识|专业)",
    ),
    None,
)
PRIVACY_BLOCKED = (
    _rx(
        r"\b(?:can(?:no|')?t|can not|cannot|unable to|impossible to|not able to)\b[\w\s,]{0,25}?\b(?:anonymi[sz]|de-?identif|redact|mask)",
        r"\b(?:not|non-?)anonymi[sz]able\b", r"\bcan(?:no|')?t (?:be )?used? (?:for|in) training\b",
        r"\bmust not (?:be used for|leave|go into) (?:training|the model)", r"\bno way to anonymi[sz]",
        r"(?:无法|不能|没法|没办法|难以|不可以|不可)(?:做)?(?:脱敏|匿名化|去标识)", r"不能用于训练", r"不能(?:拿|用)来训练",
    ),
    _rx(r"\balready (?:been )?(?:anonymi[sz]ed|de-?identified)", r"\b(?:is|are|were) anonymi[sz]ed\b",
        r"已(?:经)?(?:做过|完成)?(?:脱敏|匿名化)", r"可以(?:做)?脱敏"),
)
HIGH_VOLUME = (
    _rx(
        r"\bmillions? of (?:calls|requests|queries|api calls|users|messages)", r"\bhigh (?:call |request |query )?(?:volume|traffic|concurrency|qps)",
        r"\bheavy (?:traffic|load)\b", r"\bat scale\b", r"\b(?:calls|requests|queries) (?:per|a|each) second",
        r"\b(?:\d{6,}|\d{1,3}(?:,\d{3}){2,}|\d{3},\d{3}|\d+(?:\.\d+)?\s*(?:m|million)|\d{3}\s*k)\+?\s*(?:calls|requests|queries)\b",
        r"\bqps\b", r"(?:每天|每日|每秒|日均)(?:有)?\s*[\d几数上百千万亿,]+\s*(?:次|个)?(?:调用|请求|查询)",
        r"[百千万亿]次(?:的)?(?:调用|请求)", r"高并发", r"海量(?:的)?(?:请求|调用|用户)", r"(?:调用|请求)量(?:很|非常|特别)?大", r"大量(?:的)?(?:调用|请求)",
    ),
    # a stated small count is low volume, whatever else the sentence says
    _rx(r"(?<![\d,.])\d{1,4}\s+(?:calls|requests|queries)\s+(?:per|a|each)\s+(?:day|hour)",
        r"(?:每天|每日|日均)(?:只有|大约|约|大概)?\s*\d{1,4}(?![\d,.万亿])\s*(?:次|个)?(?:调用|请求|查询)"),
)
LONG_PROMPT = (
    _rx(
        r"\blong (?:few[- ]shot )?prompts?\b", r"\bprompts? (?:is|are|gets?|got) (?:very |too |really )?long\b",
        r"\blong few[- ]shot\b", r"\b(?:[5-9]\d\d|\d{1,2},?\d{3})[- ]?tokens? (?:of )?(?:prompts?|instructions?|few[- ]shot|context)",
        r"\bprompts?\b.{0,40}?\b(?:[5-9]\d\d|\d{1,2},?\d{3})[- ]?tokens?\b",
        r"(?:提示词?|prompt)(?:很|太|非常|特别)?长", r"长(?:的)?(?:提示词?|prompt|上下文)", r"(?:[5-9]\d\d|\d{4,})\s*(?:个)?\s*tokens?.{0,6}(?:提示|prompt)",
        r"(?:提示|prompt).{0,20}?(?:[5-9]\d\d|\d{4,})\s*(?:个)?\s*tokens?",
    ),
    None,
)
LOW_LATENCY = (
    _rx(
        r"\blow[- ]latency\b", r"\blatency\b", r"\bfast (?:responses?|replies|answers)\b", r"\brespond (?:very )?(?:quickly|fast)",
        r"\breal[- ]?time (?:chat|dialog(?:ue)?|conversation|responses?|assistant|voice)", r"\bunder \d+ ?ms\b", r"\bmilliseconds\b",
        r"延迟", r"响应(?:要|需要|必须)?(?:很|非常)?快", r"快速响应", r"实时(?:对话|响应|交互|聊天|回复|语音)", r"毫秒",
    ),
    None,
)
MULTI_STEP = (
    _rx(
        r"\bmulti[- ]?step\b", r"\bchain[- ]of[- ]thought\b", r"\bcot\b", r"\bstep[- ]by[- ]step (?:reasoning|thinking|logic)",
        r"\bcomplex reasoning\b", r"\breasoning (?:steps?|chains?|tasks?)\b", r"\bmulti[- ]hop\b",
        r"多步(?:骤)?", r"思维链", r"推理链", r"复杂(?:的)?(?:推理|逻辑)", r"一步一步(?:地)?(?:推理|思考)", r"逐步推理",
    ),
    None,
)
NOVEL_ARCHITECTURE = (
    _rx(
        r"\b(?:new|novel|our own|custom|brand[- ]new|new kind of) (?:model )?architecture", r"\bfoundation model\b",
        r"\bpre-?train(?:ing)? (?:a|our own|from)\b", r"\bbuild (?:our|my) own (?:llm|base model|foundation)",
        r"新(?:的)?架构", r"全新(?:的)?(?:模型)?架构", r"自研(?:的)?架构", r"基础模型", r"基座大模型", r"自己的基座",
    ),
    _rx(r"\b(?:no|not a|without a|don'?t need a) (?:new|novel) architecture", r"\bexisting (?:model )?architecture",
        r"(?:不|没有|无需|不需要|不打算|不用)[^,，。]{0,6}(?:新|全新|自研)(?:的)?架构", r"现有(?:的)?架构"),
)
DOCUMENTS = (
    _rx(
        r"\bdocs\b", r"\bdocuments?\b", r"\bdocumentation\b", r"\bmanuals?\b", r"\bknowledge ?base\b", r"\bwiki\b",
        r"\bpdfs?\b", r"\bpolic(?:y|ies)\b", r"\bhandbooks?\b", r"\bcatalog(?:ue)?s?\b", r"\bintranet\b",
        r"文档", r"知识库", r"手册", r"资料", r"规章制度", r"产品目录", r"公司(?:内部)?知识", r"说明书",
    ),
    None,
)
BUDGET_LOW = (
    _rx(
        r"\b(?:low|tight|small|limited|tiny|shoestring|minimal) budget\b", r"\bbudget is (?:very )?(?:low|tight|small|limited)",
        r"\bno budget\b", r"\bcan'?t (?:afford|spend) (?:much|anything)\b", r"\bcheap(?:est)?\b",
        r"预算(?:很|非常|比较)?(?:低|少|紧张|有限|不多|不足)", r"没(?:有)?(?:什么)?(?:预算|钱)", r"低预算", r"钱不多",
    ),
    _rx(r"\b(?:big|large|generous|unlimited) budget\b", r"\bbudget is (?:not|no) (?:a )?(?:problem|issue|concern)",
        r"预算(?:很|非常)?(?:充足|充裕|不是问题|不成问题)", r"不差钱"),
)
NO_BUDGET = _rx(r"\bno budget\b", r"\bzero budget\b", r"没(?:有)?(?:任何)?预算", r"零预算")

# ---- deadlines
DEADLINE = (
    ("today", _rx(r"\btoday\b", r"\btonight\b", r"\bthis (?:afternoon|morning|evening)\b", r"\bby (?:the )?end of (?:the )?day\b",
                  r"\beod\b", r"\bin (?:a few|two|2|three|3) hours\b", r"\bright now\b", r"\bimmediately\b", r"\basap\b",
                  r"今天", r"今晚", r"今日", r"当天", r"下午(?:就|之前|前)", r"马上", r"立刻", r"立即", r"几个小时内")),
    ("week", _rx(r"\bthis week\b", r"\bwithin (?:a|one|1) week\b", r"\bin (?:a|one) week\b", r"\bnext week\b", r"\bby (?:monday|tuesday|wednesday|thursday|friday)\b",
                 r"\b(?:in|within) (?:a few|several|two|three|\d) days\b", r"本周", r"这周", r"这个星期", r"一周内", r"下周", r"几天内", r"(?:两|三|几)天(?:之)?内")),
    ("quarter", _rx(r"\bthis quarter\b", r"\bnext quarter\b", r"\bwithin (?:a|one|this) quarter\b", r"\b(?:in|within) (?:a few|several|two|three|\d) months\b",
                    r"本季度", r"这个季度", r"下季度", r"(?:几|两|三)个月")),
)

# ---- intent
GREETING = _rx(
    r"^(?:hi|hello|hey|hiya|yo|howdy|greetings|good (?:morning|afternoon|evening)|thanks?|thank you|thx|cheers|"
    r"help|bye|ok|okay|test)(?: there| you| a lot| so much| bot)?[\s!.,?~]*$",
    r"^(?:你好|您好|嗨|哈喽|哈啰|早上好|下午好|晚上好|谢谢|多谢|感谢|帮助|帮忙|再见|在吗|测试)(?:你|您|啦|呀|啊)?[\s!！。.,，?？~]*$",
)
DECISION = _rx(
    r"\bshould (?:i|we|you)\b", r"\bwhich (?:approach|method|option|one|way)\b", r"\bwhat (?:approach|method|option) ",
    r"\brecommend", r"\badvi[cs]e\b", r"\bbest (?:approach|option|way|choice)\b", r"\bworth (?:it|fine-?tuning)\b",
    r"\bmake sense\b", r"\bdo (?:i|we) need\b", r"\b(?:or|vs\.?|versus) (?:rag|fine-?tun\w*|prompt\w*|lora|qlora|train\w*)\b",
    r"\bwhat (?:should|would|do) (?:i|we|you)\b", r"\bhow should (?:i|we)\b", r"\bgo with\b",
    r"应该", r"该(?:用|选|怎么|不该|如何)", r"推荐", r"建议", r"选(?:择|哪|什么)", r"还是", r"值得", r"要不要", r"需不需要", r"适合(?:用|哪|什么)?", r"哪种", r"怎么办", r"用什么方法", r"什么方案",
    r"怎么选", r"如何选", r"选哪", r"哪个(?:好|更好|合适)", r"用哪", r"该怎么(?:做|办)?", r"怎么做", r"what now\b", r"what next\b",
)
PERSONAL = _rx(r"\b(?:we|i|our|my|us|i'm|we're|i've|we've|me|team|company|startup|client)\b",
               r"我们|我|咱们|公司|团队|客户|本人")
FOLLOW_UP = _rx(r"^\s*(?:and|but|so|what|ok|okay)?\s*(?:what )?if\b", r"\bwhat about\b", r"\binstead\b", r"\bhow about\b",
                r"^\s*and\b", r"如果", r"假如", r"要是", r"换成", r"那(?:么)?", r"改成", r"呢\s*[?？]?\s*$")
QUESTION = _rx(r"\b(?:what|how|which|why|does|do|is|are|can|could|when|who|explain|define|describe|tell me|difference)\b",
               r"\?", r"什么", r"多少", r"几", r"怎么", r"如何", r"为什么", r"是否", r"吗", r"哪", r"区别", r"多大", r"多久", r"介绍", r"解释", r"？")
QUANTITY_QUESTION = _rx(r"\bhow (?:much|many|long|big|fast|large)\b", r"\bwhat (?:percentage|share|fraction|accuracy|price|cost|bit|size|rank)",
                        r"\b(?:bit width|bit-width|how few|how little)\b",
                        r"\bby how\b", r"\bnumber of\b", r"\bminimum\b", r"\breach\b", r"\bprice\b", r"\bcost\b",
                        r"多少", r"几", r"多久", r"多大", r"多长", r"百分之", r"价格", r"成本", r"费用", r"最少", r"至少", r"达到")
TOPIC = _rx(
    r"\blora\b", r"\bqlora\b", r"fine-?tun", r"finetun", r"\brag\b", r"\bretriev", r"\bprompt", r"few[- ]shot", r"zero[- ]shot", r"quantiz",
    r"\bphi-?2\b", r"\bgpt", r"\bllama", r"\bqwen", r"\btrain", r"\bmodels?\b", r"\bexamples?\b", r"\btokens?\b", r"\bgpus?\b",
    r"\bmemory\b", r"\badapters?\b", r"\bembedding", r"\bicl\b", r"in-context", r"chain[- ]of[- ]thought", r"hallucinat", r"overfit",
    r"\bllms?\b", r"from scratch", r"\bepochs?\b", r"\binference\b", r"\bvector", r"prefix tuning", r"\bdistill",
    r"微调", r"提示", r"检索", r"量化", r"训练", r"模型", r"示例", r"样本", r"显存", r"内存", r"全量", r"从零", r"适配器", r"上下文学习",
    r"思维链", r"幻觉", r"过拟合", r"向量", r"推理", r"大模型", r"蒸馏", r"数据",
    r"\bchat ?bots?\b", r"\bbots?\b", r"\bassistants?\b", r"\bclassifier", r"聊天机器人", r"机器人", r"助手", r"客服", r"分类",
)
COST_WORDS = _rx(r"\bcost", r"\bprice", r"\bpricing\b", r"\bhow much (?:would|will|does|do|is|to)\b", r"\bspend\b", r"\bestimat", r"\bbudget for\b",
                 r"多少钱", r"费用", r"成本", r"价格", r"花多少", r"估算", r"要花", r"收费")
