"""Word cues, in both languages, for the facts a question states. Data only: compiled regexes.

Text reaching these patterns is prepared (``bot.understand.text.prepare``): simplified Chinese, ASCII digits,
lower case. Boolean slots have three lists (see ``BoolCues``): cues whose negation flips them ("we don't need
JSON"), cues that already carry their polarity ("can't be anonymized", "已脱敏"), and cues that say "no".
"""

from __future__ import annotations

import re

from bot.understand.patterns import rx

_rx = rx

# ---- what a number counts: the words right after it (or right before it)
_CORPUS_TOKENS = r"\s+(?:of\s+)?(?:[a-z-]+\s+)?(?:corpus|corpora|text|training data|pre-?training data|raw text)\b"
_PROMPT_PARTS = r"(?:context|prompts?|input|output|history|memory|headroom|budget|overhead|few-shot|instructions?|system|each|every|per|the prompt|a prompt|our prompt)\b"  # the prompt's own parts: their tokens are no corpus
_CALL_RECORDS = r"\s+(?:summaries|transcripts|notes|logs|recordings|records|reports|scripts)\b"  # "2,500 call summaries"
_ZH_CORPUS = r"\s*(?:的)?\s*(?:[\u4e00-\u9fff]{0,4})?(?:语料|训练数据|文本)"
EXAMPLE_UNIT_AFTER = _rx(
    r"^\s*\+?\s*(?:of (?:those|these|them|the|our)\s+)?(?:(?:[a-z]+-[a-z]+|\d+-(?:second|sec|minute|min|hour|page|word|line|frame)|labl?ed|[a-z]+-labell?ed|[a-z]+-written|[a-z]+-annotated|[a-z]+-reviewed|[a-z]+-approved|[a-z]+-curated|manually|high[- ]quality|quality|good|clean|cleaned|labell?ed|annotated|training|domain|customer|"
    r"support|service|real|curated|historical|past|hand[- ]written|human[- ]written|existing|internal|sample|"
    r"example|q&a|qa|question[- ]answer|chat|medical|legal|financial|product|sales|user|synthetic|gold|"
    r"instruction|input[- ]output|prompt[- ]response|of|our|such|more|only|task|classification|"
    r"conversation|dialogue|ticket|(?!(?:and|or|but|with|per|for|in|on|at|to|from|by|than|plus|about|each|a|an|the|"
    r"tokens?|calls?(?!\s*-?[→>]|" + _CALL_RECORDS + r")|requests?(?!\s*-?[→>])|gpus?|hours?|days?|weeks?|months?|years?|people|users?|times?)\b)(?:[a-z]{3,}|[a-z]{2}(?=\s*-?[→>]))(?:-[a-z]+){0,2}(?:\s*(?:-?[→>/+]+|\bto\b)\s*[a-z][a-z-]*)*)\s+){0,3}"
    r"(?:examples?|samples?|pairs?|records?|rows?|conversations?|dialogues?|dialogs?|transcripts?|tickets?|"
    r"emails?|instances?|data ?points?|labels?|annotations?|q&as?|qas?|reviews?|demonstrations?|replies|responses|"
    r"answers|outputs|solutions|summaries|translations|messages|letters|memos|comments|posts|questions|prompts|"
    r"completions|logs|chats|threads|cases|reports|notes|abstracts|sentences|descriptions|windows|images|narratives|"
    r"macros|forms|entries|filings|lines|segments|fragments|snippets|utterances|clips|sequences|scripts|orders|claims|incidents|invoices|"
    r"receipts|clauses|items|texts|rewrites|findings|headlines|interviews|captions|drafts|write-ups|critiques|newsletters|"
    r"walkthroughs|manifests|listings|quotes|briefs|recaps|digests|proposals|pitches|blurbs|bios|queries|exercises|essays|assignments|worksheets|"
    r"documents labell?ed)\b(?![^.;]{0,6}\b(?:per|a|each) (?:day|week|month|hour)\b)",
    r"^\s*(?:多|来|余|左右)?(?:条|笔|封|则|首|句对|句(?!话)|道?题|个(?:高质量|标注|训练|人工)?(?:的)?(?:示例|样本|例子|数据|问答对|对话样本|案例)|"
    r"组|对|份(?![^。;；]{0,14}(?:文档|文件|pdf|资料|手册|报告|合同|论文|说明书|文章|规格书|白皮书|标书|规范))|样本|示例|例子|个?标注|"
    r"篇(?:的)?(?:中文|英文|高质量)?(?:的)?语料|(?:token|词)?(?:的)?语料|"
    r"(?:篇|份|个|张|段)[^,，。;；]{0,10}(?:训练样本|训练数据|当样本|做样本|标注数据|当训练|当范例|当示例|当例子|做范例|做示例)|"
    r"段[^,，。;；]{0,14}样本|(?:篇|段|张|份|个)(?:[\u4e00-\u9fff]{0,4})?(?:范文|范例|示例|例子|样本))",
    r"^\s*(?:more\s+)?(?:[a-z]+[- ])?(?:labell?ed|labl?ed|annotated|tagged|coded|categori[sz]ed|classified|finished|completed|hand-labell?ed|written|reviewed|approved|authored|curated|scored|judged|graded|rated|transcribed|aligned|"
    r"summari[sz]ed|rewritten|corrected|edited|translated|vetted|drafted|signed[- ]off|hand[- ]picked|hand[- ]made)\s+(?:[a-z]+|\d+s\b)",
    r"^\s*(?:[a-z-]+\s+){0,2}[a-z]+s\s+(?:archived|on file|saved|kept|stored)\b",  # "1,500 newsletters archived"
    r"^\s*(?:[a-z-]+\s+){0,2}[a-z]+s\s+(?:done|written|finished|completed|drafted)(?:\s+so far)?\b",  # "40 cards done so far"
    r"^\s*(?:[a-z-]+\s+){0,2}[a-z]+s\s+(?:mapping|that map|which map|pairing|linking)\b",  # "22,000 fitting sessions mapping X to Y"
    # "3 million tokens of corpus", "2 billion tokens of text", "800万 token 的语料": a training corpus counted in tokens
    r"^\s*(?:[a-z-]+\s+)?tokens?" + _CORPUS_TOKENS,
    # "2 million tokens of quest scripts": tokens of anything but the prompt's own parts
    r"^\s*(?:[a-z-]+\s+)?tokens?\s+of\s+(?!" + _PROMPT_PARTS + r")(?:[a-z-]+\s+){0,2}[a-z-]+\b",
    r"^\s*(?:个)?\s*(?:tokens?|词元)" + _ZH_CORPUS,
    r"^\s*(?:usable|valid|clean|usable ones|good ones)\b|^\s*(?:[a-z-]+\s+){0,2}[a-z]+s\s+as\s+(?:our\s+)?(?:training|pre-?training)\s+(?:tokens|data|examples|samples|corpus)\b",  # "so ~75 usable" (of the items named before)
    # "1,100 texts the owners approved", "900 replies our editors signed off on"
    r"^\s*(?:[a-z-]+\s+){0,2}[a-z]+s\s+(?:that\s+|which\s+)?(?:the|our|my|their|his|her)\s+(?:[a-z]+\s+){0,2}"
    r"(?:approved|signed off|vetted|wrote|reviewed|edited|curated|rewrote|corrected|graded|labell?ed|annotated)\b",
    # "1,300 audit findings written in the regulator's required format"
    r"^\s*(?:[a-z-]+\s+){0,3}(?:written|formatted|filled in|laid out|drafted)\s+(?:in|to|per|following)\s+(?:the|our|a|their)\s+"
    r"(?:[\w'’-]+\s+){0,3}(?:format|template|style|layout|structure|voice)\b",
    r"^\s*(?:[a-z]+\s+){0,2}(?:(?:that|which) (?:already |all )?)?(?:have|has|got|carry|come with|with) (?:a |an |the |their )?(?:labels?|annotations?|tags?|gold answers?|commentary|comments|written answers|replies|feedback)\b",
    r"^\s*(?:examples?\s+)?(?:in total|in all|altogether|overall)\b",
    r"^\s*(?:[a-z-]+\s+){0,2}[a-z]+s\s+with\s+(?:[a-z-]+\s+){0,2}(?:corrections|feedback|answers|labels|annotations|explanations|"
    r"solutions|ratings|scores|rationales)\b",
    r"^\s*(?:[a-z-]+\s+){0,3}(?:labell?ed|annotated|tagged|graded|scored|rated)\s+(?:by|with|for|as)\b",
    r"^\s*(?:[a-z-]+\s+){0,3}(?:have been|has been|were|was)\s+(?:converted|written|labell?ed|annotated|done|corrected|rewritten|"
    r"translated|reviewed|approved)\b",
    r"^\s*(?:[a-z-]+\s+){0,3}(?:that|which)\s+(?:[a-z]+\s+){0,2}(?:have\s+|has\s+)?(?:been\s+)?(?:reviewed|approved|labell?ed|annotated|checked|"
    r"verified|graded|corrected)\b",
    r"^\s*(?:[a-z-]+\s+){1,3}(?:written|labell?ed|annotated|filled in|formatted|done)\s+(?:exactly\s+)?(?:that|this|the same) way\b",
    r"^\s*(?:[a-z-]+\s+){0,2}[a-z]+\s+(?:where|in which)\b[^.;]{0,40}?\b(?:wrote|written|labell?ed|annotated|approved|filled)\b",
)
EXAMPLE_UNIT_BEFORE = _rx(
    r"(?:examples?|samples?|data ?set size|dataset of|training set of)\s*(?:[:=]|of|is|are|about|around|~|≈)?"
    r"\s*(?:about|around|roughly|~)?\s*$",
    r"\b(?:paired|matched|mapped|aligned|kept|saved|archived|labell?ed|annotated|hand-labell?ed|curated|written|collected|gathered|transcribed|labell?ing|annotating|wrote|drafted|"
    r"produced|prepared|put together)\s*"
    r"(?:about|around|roughly|~|only|just|maybe|perhaps|some|nearly|almost)?\s*$",
    r"(?:样本(?:数|量)?|示例|例子|数据量|训练数据|标注数据|标注|资料|数据|语料|文案|范文|样例|问答对|工单|对话记录|聊天记录)\s*(?:目前|现在|眼下|手上|总共)?\s*"
    r"(?:[:：=]|有|约|大约|大概|是|为|只有|仅有|共|攒了|积累了|收集了|整理了|标注了|标了|存了|就|就有|才|只|也就)?\s*(?:约|大约|大概)?\s*$",
    r"(?:总共|一共|合计|加起来)(?:有|是)?\s*(?:约|大约|大概)?\s*$",
    r"(?:标好|标完|标注好|标注完|打好标)(?:了)?\s*(?:约|大约|大概)?\s*$",
    r"(?:写好|批改好|批好|标注好|标好|整理好|审核过|审好|改好|人工写|写过|发过)的[\u4e00-\u9fff]{1,8}?(?:有|共|约|大约|大概)?\s*$",
)
NOT_EXAMPLE_AFTER = _rx(
    r"^\s*-\s*(?:second|sec|minute|min|hour|day|week|page|word|token|line|frame)s?\b|^\s*(?:个)?\s*(?:类别|类目|分类|种类|种|个标签|标签|科室|类)|^\s*(?:来|多|余)?\s*对\s*(?:新人|夫妻|夫妇|情侣|双胞胎|父子|母女|恋人)|^\s*条[^,，。;；\d]{0,6}[\d一二两三四五六七八九十百千]+\s*(?:个)?\s*(?:tokens?|词元)|^\s*(?:条|个|份|笔|对)(?:[^,，。;；\d]{0,10}?(?:的|过))?(?:都|也)(?:还)?没|^\s*(?:[a-z-]+\s+)?(?:categories|classes|buckets|intents|labels|"
    r"label types|topics|languages)\b|"
    r"^\s*(?:[a-z]+\s+)?(?:messages|calls|requests|queries|users|tickets|emails|chats|conversations|orders|searches|visits)\s+"
    r"(?:per|a|each|every)\s+(?:day|week|month|year|hour|minute|second)\b|"
    r"^\s*(?:[a-z]+\s+)?(?:messages|calls|requests|queries|users)\s+(?:per|a|each|every)\b|"
    # "1.6 million records a year", "5 million reviews a day": what passes through, not examples at hand
    r"^\s*(?!(?:[\w-]+\s+){0,2}?(?:labell?ed|annotated|tagged|graded|scored|written))(?:[\w-]+\s+){0,2}[a-z]+s\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b|"
    r"^\s*(?:[a-z-]+\s+)?(?:items|titles|books|products|skus|records|volumes)\s+in\s+(?:the|our)\s+(?:catalogue|catalog|collection|inventory|stock|holdings)\b|"
    r"^\s*(?:个\s*)?(?:gb|g\b|gib|mb|tb|b\b|billion|(?:tokens?(?![a-z])|词元)(?!" + _CORPUS_TOKENS + r")(?!\s+of\s+(?!" + _PROMPT_PARTS + r")[a-z-]+)(?!" + _ZH_CORPUS + r")|epochs?\b|轮|遍|次|calls?\b(?!" + _CALL_RECORDS + r")|requests?\b(?!\s*-?[→>])|queries\b|qps\b|"
    r"users?\b|%|percent|ms\b|秒|小时|hours?\b|days?\b|天|周|weeks?\b|months?\b|月|年|years?\b|美元|元|块|dollars?\b|usd\b|"
    r"人|家(?!长|属|庭)|个?门店|所学校|docs?(?![a-z])|documents?|pages?|pdfs?|files?|文档|文件|页|gpus?|张|块|台|cards?\b(?!\s+(?:done|written|made|completed|finished|drafted|so far))|"
    # weights and measures: "一年出货三百吨", "40 tonnes a year"; buildings, vehicles, animals, lines: "四十八座吸附塔", "一条生产线"
    r"座|栋|幢|辆|艘|匹|棵|株|公里|千米|平方米|平方公里|千瓦|兆瓦|度电|条[\u4e00-\u9fff]{0,6}?(?:生产线|产线|流水线|管线|线路|公路|铁路|河|街|船)|吨|公斤|千克|斤|升|亩|平方|tons?\b|tonnes?\b|kg\b|kilos?\b|lbs?\b|pounds\b|acres?\b|hectares?\b|litres?\b|liters?\b|gallons?\b)"
)
INTO_PROMPT = _rx(r"\b(?:into|in|inside) (?:the|each|every|our|a) (?:system )?prompt\b", r"(?:塞进|放进|放在|写进)(?:了)?(?:系统)?提示词?(?:里)?")
UNLABELLED = _rx(r"没(?:有)?做过标注", r"\bunlabell?ed\b", r"\braw (?:chats|logs|transcripts|data|conversations|messages|emails)\b", r"\bnot (?:yet )?(?:been )?(?:labell?ed|annotated)", r"\b(?:nobody|no one|no-one) (?:has |have )?"
                 r"(?:ever )?(?:labell?ed|annotated|tagged)", r"\bwithout (?:any )?labels\b", r"\bnever (?:been )?labell?ed",
                 r"没(?:有)?(?:人)?(?:标注|标过|打标|打过标)", r"未(?:经)?(?:标注|打标)", r"还没(?:有)?(?:标注|标)", r"无标注")
DATA_WORDS = _rx(r"\b(?:examples?|samples?|labell?ed|data(?:set)?|training data)\b", r"样本|示例|数据|标注")
NO_DATA = _rx(
    r"\bnothing to train (?:on|with)\b", r"\bnever (?:kept|saved|collected|archived|stored) (?:any|a single|(?:our |the )?(?:past|old|previous) [a-z]+s (?:anywhere|at all)\b)", r"没有(?:任何)?(?:可以|能)(?:拿来|用来)?训练的", r"一(?:条|个|份|笔|对)[^,，。;；\d]{0,12}?(?:都|也)(?:还)?没(?:有)?",
    r"\b(?:haven'?t|have not|hasn'?t|has not|didn'?t|never) (?:yet )?(?:collected|gathered|saved|kept|written|labell?ed|made|built|put together) "
    r"(?:any|a single) (?:[\w-]+ )?(?:examples?|samples?|data|pairs|records)\b",
    r"\bno (?:labell?ed |training |annotated |task |real |usable |useful |good |clean |decent )?(?:q&a |qa |question[- ]answer )?(?:data|examples?|samples?|dataset|pairs|labels)\b",
    r"\b(?:don'?t|do not|doesn'?t|does not|haven'?t|have not|without) (?:have )?(?:any )?"
    r"(?:labell?ed |training |annotated )?(?:q&a |qa |question[- ]answer )?(?:data|examples?|samples?|dataset|pairs)\b",
    r"\b(?:don'?t|do not|haven'?t|have not) (?:have )?any (?:past|old|previous|existing|usable|saved|labell?ed|historical) [a-z]+",
    r"\b(?:don'?t|do not|doesn'?t|does not) (?:have|own) (?:a single|one|even one) (?:labell?ed |annotated |written )?(?:[\w/&-]+ ){0,2}"
    r"(?:examples?|samples?|pairs?|q&as?|rows?|records?)\b",
    r"\bzero (?:labell?ed |training |usable |good )?(?:examples?|samples?|data|scripts|records|rows|pairs|conversations|summaries|"
    r"q&as?|tickets|transcripts|annotations)\b", r"\bzero (?:labell?ed|annotated|tagged) [a-z]+s\b", r"\bno tra(?:i)?n(?:n)?(?:i)?ng data\b",
    r"\b(?:examples?|exmaples?|samples?|data)\b[^.;]{0,40}\b(?:we have|we've got|there are|we got) none\b",
    r"(?:没有|没|无|缺乏|缺少)(?:任何)?(?:的)?(?:标注|训练|现成的?)?\s*(?:数据|示例|样本|例子|范例|语料|资料|training examples|examples|training data)",
    r"零(?:条|个)?(?:数据|示例|样本)", r"\b(?:no|zero) (?:old|past|previous|existing|saved|archived) (?:[\w-]+ )?(?:posts|emails|replies|messages|tickets|transcripts|records|reports|letters|descriptions|captions|examples|samples|summaries|notes|write-ups)\b", r"\b(?:don\'?t|do not|doesn\'?t|does not) have (?:a single|one single|even one) (?:[\w-]+ ){0,2}(?:posts?|examples?|samples?|emails?|replies|messages?|tickets?|transcripts?|records?|reports?|letters?|descriptions?|captions?|articles?)\b", r"(?:没有|没|无)(?:任何)?(?:人工)?(?:标注|整理)(?:好|过)?的[\u4e00-\u9fff]{0,4}?(?:数据|示例|样本|例子|范例)",
    r"(?:没有|没|无)(?:任何|什么)?(?:整理过|整理好|现成|标注好|写好|做过)?的?(?:问答对|问答数据|问答样本|问答资料|qa\s*对|"
    r"问答(?!功能|环节|系统|机器人|助手|模块))",
)

DOC_UNIT_AFTER = _rx(
    r"^\s*-?\s*(?:[a-z-]+\s+){0,3}(?:docs?|documents?|documentation pages|pages?|pdfs?|files?|manuals?|articles?|"
    r"wiki(?: pages?)?|reports?|papers?|handbooks?|glossar(?:y|ies)|style guides?|spec(?:ification)?s?|(?<!under )(?<!on )contracts?|agreements?|policies|faqs?|web ?pages?|(?:data|spec) ?sheets?|"
    r"slides?|(?<!on the )(?<!off the )books?(?!\s+(?:in stock|on (?:the |our )?shel\w*|sold|for sale)))\b(?!\s+(?:[\w-]+\s+)?prompts?\b)(?!\s*-?>|\s*[→/]|[\w-]*\s+(?:clauses|summaries|excerpts|snippets|sentences|paragraphs|questions|answers|pairs|labels|"
    r"annotations|examples|samples|q&as|rows|records|reviews|comments|translations)\b)",
    r"^\s*(?:多)?(?:份|篇|个|页|本|册|套)(?:[\u4e00-\u9fff]{0,6})?\s*(?:文档|文件|资料|手册|报告|论文|说明书|合同|文章|卷宗|案卷|判决书|"
    r"网页|pdf|制度|规章|书籍|图书|稿件|稿子|新闻稿|datasheet|规格书|规格表)", r"^\s*(?:多)?(?:本|册)书",
    r"^\s*(?:多|来|余)?页(?![^,，。;；]{0,4}(?:提示|prompt))", r"^\s*(?:[\u4e00-\u9fff]{0,4})?(?:文档|文件|手册|说明书|pdf|网页|规格书|白皮书|标书)",
)
# a count named just before by a document noun is a collection to retrieve from: "药品说明书一万多份"
DOC_NOUN_BEFORE = _rx(r"(?:说明书|文档|文件|手册|合同|pdf|论文|文章|报告|判决书|备忘录|公文|制度|规章|网页|书籍|条款|指南|公告|规范|法规|sop|作业指导书|规程)\s*(?:[,，、]\s*)?"
                      r"(?:的)?(?:加起来|总共|一共|合计)?(?:有|约|大约|大概|共|一共|总共|加起来){0,2}\s*$")
# how a follow-up changes the count: a share gone, a part removed, a multiple, an addition
from bot.understand.count_cues import (  # noqa: E402,F401
    FRACTION_GONE,
    FRACTIONS,
    MONEY_WORDS,
    RELATIVE_ADD,
    REMOVED_PART,
    STAYS_IN,
    THROWN_IN,
    TIMES,
    TIMES_FACTORS,
)

# ---- the boolean slots: (negatable yes cues, fixed yes cues, no cues)
BoolCues = tuple[re.Pattern | None, re.Pattern | None, re.Pattern | None]
# "IT 把名字和电话都去掉了", "we stripped the names": the data is anonymised (a privacy fact, not a retraction)
PII_REMOVED = _rx(r"(?:名字|姓名|电话|手机号|身份证号?|住址|个人信息|敏感信息|隐私信息)[^。;；]{0,10}?(?:都|全|全部)?(?:已经)?(?:去掉|删掉|删除|抹掉|隐去|遮掉|打码|脱敏)了?",
                  r"\b(?:stripped|removed|scrubbed|masked|redacted|blanked)\b (?:out )?(?:all )?(?:the |their )?(?:names|phone numbers|pii|personal (?:data|details|info))\b")
BOOL: dict[str, BoolCues] = {
    "knowledge_changes": (
        _rx(r"\b(?:change|changes|shift|shifts|move|moves|vary|varies) with the (?:tides?|seasons?|weather|market|demand|news)\b", r"\b(?:chang|shift|mov|fluctuat|rotat)\w* (?:very |quite |pretty |literally |basically |almost |nearly |like )?(?:often|frequently|constantly|hourly|daily|weekly|monthly|every|all the time|a lot|"
            r"by the (?:minute|hour|second|day))", r"\bminute[- ]by[- ]minute\b", r"\b(?:chang|shift|mov|var)\w* (?:from )?(?:week to week|day to day|month to month|hour to hour)\b",
            # "the schedule is literally different from one hour to the next", "retimed constantly"
            r"\b(?:different|changes?|changing) from one (?:minute|hour|day|week) to the next\b",
            r"\b(?:cancel+ed|retimed|rescheduled|repriced|updated|revised) (?:or (?:cancel+ed|retimed|rescheduled|delayed) )?(?:constantly|all the time|every (?:hour|day))\b",
            r"\b(?:updated?|updates|refreshed|revised|edited) (?:(?:those|these|the|its|their|our) [\w-]+ )?(?:very |pretty |pretty much |almost |nearly )?(?:often|frequently|constantly|daily|weekly|monthly|"
            r"every|all the time|regularly)",
            r"\b(?:daily|weekly|monthly|frequent|constant|regular|hourly) (?:updates?|changes?|edits)\b",
            r"\b(?:must|has to|have to|need to|needs to) (?:be|stay) (?:current|up[- ]to[- ]date|fresh)",
            r"\bup[- ]to[- ]date\b", r"\breal[- ]?time (?:data|info\w*|updates?|prices?|news|inventory|stock|knowledge)",
            r"\b(?:latest|current|today'?s|live|fresh|breaking) (?:news|prices?|stock|rates?|inventory|info\w*|data|"
            r"policies|regulations|releases?|versions?|figures)", r"\bstock prices?\b", r"(?<!good )(?<!bad )(?<!great )(?<!sad )(?<!big )(?<!some )(?<!more )\bnews\b(?! from)(?!\s*[:!])", r"\bfast[- ]moving\b",
            r"\bkeeps? changing\b", r"\b(?:minute|hour|day) (?:to|by) (?:minute|hour|day)\b", r"\bknows? what'?s (?:available|in stock|open|on sale) (?:right )?now\b", r"\blive (?:[\w-]+ ){0,3}(?:data|feed|status|tracking|inventory|prices)\b", r"\b(?:daily|weekly|hourly|monthly)\s*更新", r"\b(?:chang|shift|vary|varies|fluctuat)\w* with (?:every|each)\b", r"\b(?:roughly|about|almost|nearly) (?:daily|weekly|monthly)\b", r"\b(?:rewrit\w*|revis\w*|updat\w*(?<!update)(?<!updates)|updates?(?! (?:emails?|letters?|messages?|notes?|reports?|newsletters?|calls?)\b)|refresh\w*|publish\w*|releas\w*|replac\w*|amend\w*)\b[\w\s]{0,30}?\b(?:hourly|daily|weekly|"
            r"monthly|quarterly|biweekly|fortnightly|eve?ry (?:other |few |couple of |\d+ )?(?:minute|hour|day|week|month|quarter|sprint)s?)\b", r"\bquote (?:the |whatever is )?(?:current|latest|live)\b", r"\buse the (?:current|latest|up[- ]to[- ]date) (?:terms|version|rules|prices|glossary|policy|policies)\b",
            r"\bwhenever\b[^.;]{0,40}\bchanges\b", r"\bchang\w* (?:through(?:out)? the (?:season|year)|mid-?season|without (?:much )?(?:notice|warning)|at short notice)\b", r"\b(?:a|one) day'?s notice\b", r"\bevery (?:two|three|few|couple of|other|\d+) (?:days|weeks|months)\b", r"(?<!draft )(?<!drafts )(?<!write )(?<!writes )(?<!generate )(?<!generates )\brelease notes\b", r"(?<!\bsends )(?<!\bsent )(?<!\bcalls )(?<!\bpings )(?<!\breports )\b(?:several|sevral|many|multiple|a few|few) times (?:a|per|each) (?:day|hour|week|month|quarter|year)\b(?![^.;]{0,12}\b(?:and we want|we want|to be classified))",
            r"\b(?:reshuffl\w*|rotat\w*|swap\w*|add\w*|chang\w*|updat\w*(?<!update)(?<!updates)|updates?(?! (?:emails?|letters?|messages?|notes?|reports?|newsletters?|calls?)\b)|mov\w*|shift\w*)\b[\w\s]{0,50}?\beve?ry (?:day|week|month|quarter|sprint|shipment|delivery|release)\b", r"\bout of date\b", r"\bstale\b", r"\b(?:today'?s|latest|breaking|daily|current|live) headlines?\b", r"\bcurrent events\b",
            r"\bwhat happened\b", r"\b(?:this morning|today|yesterday)'s\b(?!\s+(?:[\w-]+\s+)?(?:meeting|demo|presentation|review|standup|pitch|call|all-hands|session))",
            r"\bthis (?:week|month)'?s (?:[\w-]+ ){0,2}(?:schedules?|prices|pricing|menus?|specials|rates|timetables?|rotas?|rosters?|availability|stock|offers|deals|hours|line-?up|catalog(?:ue)?)\b", r"\bchangelogs?\b(?![^.;]{0,40}\bpairs\b)", r"\bnew (?:releases|products) every\b",
            r"(?:实时|即时)(?!对话|响应|交互|聊天|回复|回答|应答|语音|推理|性要求|翻译|生成|客服)", r"最新", r"时效", r"(?:每天|每日|每个?(?:周|星期|礼拜|月|季度|学期)|每年[^,，。;；]{0,12}?都|经常|常常|频繁|不断|随时|天天|时常|定期|不定期|一直|隔三差五|三天两头|老是)[^,，。;；]{0,6}?"
            r"(?:更新|变|调整|(?<=[会要都就在])调(?![^,，。;；]{0,8}(?:查|用|研|模型|接口|api|次))|修改|修订|改|换|上新|发布|发函|波动|涨跌)",
            r"(?:更新|变化|变动|调整|修订|修改|改动)(?:得)?(?:很|非常|特别|比较)?(?:频繁|快|多)", r"(?<![是不])(?:都|也|总|老)(?:会|在|要)?(?:变|变化|变动|更新|调整)(?![成得好差])", r"现行有效", r"最新(?:的)?(?:法规|法条|规定|版本)", r"(?:[一两二三四五六七八九十半]|每)(?:天|周|个?星期|个?月|季度)一(?:更|换|变|调)", r"每[一两二三四五六七八九十半\d]*(?:天|周|个?星期|个?月|季度)(?:发|出|更新|迭代|上)(?:一)?(?:版|次|个版本)(?![\u4e00-\u9fff]{0,3}(?:刊|书|图书|杂志|漫画|期刊|读物))", r"每[一两二三四五六七八九十半\d]*(?:天|周|个?星期|个?月|季度)(?:都|会|都会)?\s*(?:update|refresh|change)", r"跟着[^,，。;；]{0,14}?(?:改|变|更新|调整|调)", r"(?:每天|每日|每周|每月|每季度|经常|不断|天天|随时|时常)(?:都)?(?:会)?有新(?:的|内容|文件|规定|政策|数据|条文|版本)?", r"(?:当天|当日|今天|今日)(?:最新)?的(?:新闻|价格|股价|行情|数据|资讯)",
            r"新闻(?!标题|分类|稿)", r"股价", r"行情", r"动态(?:变化|更新|数据)", r"(?:一天|一日|每天|一小时|每小时|一周|每周)(?:都|要|会|能|得)?(?:变|更新|改|调整|调|刷新)(?:好几|几|多|很多|两三|一两|三四|[二三四五六七八九十])次", r"每(?:隔)?(?:[一两二三四五六七八九十半几\d]+)?(?:个)?(?:分钟|小时|钟头|天|日|周|星期|礼拜|月|季度)(?:就|都)?(?:会)?(?:变|更新|调整|改|刷新|变化|变动|换|调(?=一次|一回|一遍|一下))(?:一次|一回|一遍)?", r"(?:一|每)(?:天|日|周)一个(?:样|价|行情)", r"(?:每天|天天|日日|每日|每周|每个?月)[^,，。;；]{0,6}?(?:都)?(?:不一样|不同|不同|不一定一样)"),
        None,
        _rx(r"\b(?:rarely|seldom|never|hardly ever) (?:changes?|updated?)", r"\b(?:is|are|stays?|remains?|pretty|fairly|very) stable\b",
            r"\bstatic\b", r"\bdoesn'?t change\b", r"\b(?:don'?t|doesn'?t|do not|does not) (?:move|change|shift) (?:much|often)\b",
            r"\b(?:one|a single) (?:revision|update|change) a year\b", r"\bonce a year\b", r"\b(?:revised|updated|changed?) (?:maybe |only |about |roughly )?once every (?:couple of |few |two |three |\d+ )?years\b", r"\b(?:locked|fixed|frozen|set) (?:in )?for the (?:whole|entire|full) (?:year|quarter|season|term|contract)\b", r"\bnothing (?:here )?(?:needs|has) to be (?:real[- ]?time|live|current|up[- ]to[- ]date)\b", r"\bdon'?t change\b", r"\bnothing(?: is| there| here)? (?:chang|mov|shift)ing\b", r"\bfixed (?:set of |body of )?(?:knowledge|facts|content)",
            r"(?:很少|几乎不|基本不|不怎么|不常|不会|一般不)(?:会)?(?:变|更新|改)", r"\bfro(?:ze|zen)\b", r"冻结(?:了)?", r"(?:比较|很|非常)?稳定", r"固定不变", r"一成不变", r"(?:半年|一年|几年|好几个月|两年|三年)才(?:变|更新|改|调整|调|修订)一次", r"基本(?:是|上)?固定(?:的|不变)?"),
    ),
    "needs_format": (
        _rx(r"\bjson\b", r"\bxml\b", r"\byaml\b", r"\b(?:fixed|strict|specific|consistent|exact|particular|house|our|brand|company'?s?) "
            r"(?:output )?(?:format|style|tone|template|schema|structure|voice|sections|fields|headings)", r"\bbrand voice\b", r"\b(?:standard|fixed) (?:[\w-]+ ){0,2}(?:block|layout|form|template|structure|sheets?|cards?|forms)\b", r"\b(?:in|with) (?:our|the|a|their|his|her|each|every|my) (?:[\w'-]+ ){0,4}voice\b", r"\b(?:in|with) (?:our|their|his|her) (?:own )?(?:[\w'-]+ ){1,3}(?:style|tone)\b", r"^(?!.*(?:中文|英文|日文|韩文|english|chinese|japanese|\bvs\b|\bversus\b))\s*[^\W\d_][^/\d.;:]{0,24}(?:\s*/\s*[^\W\d_][^/\d.;:]{0,24}){2,}\s*$", r"^(?!.*(?:中文|英文|日文|韩文|english|chinese|japanese|french|german|spanish)).*?[:：]\s*[^\W\d_][^/\d.;:]{0,24}(?:\s*/\s*[^\W\d_][^/\d.;:]{0,24}){2,}\s*$", r"\btone of voice\b", r"\bsound(?:s|ing)? like (?:us|our|the company|the brand|a human)\b",
            r"\b(?:has to|have to|must|should|needs? to) be (?:a |an )?(?:short |brief |single |one-line )?(?:sms|text message|tweet|one-liner)s?\b", r"\b(?:under|within|at most|no more than|max(?:imum)?) \d+ (?:chars|characters|words)\b",
            r"(?:不超过|不能超过|以内|之内)\s*\d+\s*(?:个)?字|\d+\s*(?:个)?字(?:以内|之内)",
            r"\b(?:our|their|the (?:company|brand|shop|store)'?s?) (?:['\"‘“][^'\"’”]{1,30}['\"’”] )voice\b", r"\b(?:must|should|has to|have to|need to|needs to) sound like (?:him|her|them|the owner|the founder|our \w+)\b",
            r"\bon[- ]brand\b", r"\b(?:in )?(?:the|that|this|their|our) same (?:style|tone|voice)\b", r"\blayouts?\b", r"\b(?:written|formatted|laid out|structured) (?:as|in|like) (?:our|the|a) (?:standard|house|company|fixed|usual)\b",
            r"\bstandard (?:memo|report|letter|layout|template)s?\b", r"\b(?:rewritten|converted|turned|written up) into (?:our|the|a) (?:standard|house|fixed|usual|official)\b", r"统一(?:的)?[\u4e00-\u9fff]{0,2}口径", r"口径(?:要)?(?:统一|一致)", r"(?:规范|标准|正式|官方)(?:的)?(?:公文)?口径", r"公文(?:口径|格式|体例|文风)", r"(?:按|按照|依照|遵循|遵照)[^,，。;；]{0,12}(?:规范|格式|模板|体例)(?:来)?(?:输出|作答|回答|填写|生成|撰写)", r"固定(?:的)?(?:几个)?字段",
            r"\b(?:always|must be|should be|has to be|have to be) (?:written|formatted|laid out|structured|delivered|returned) (?:up )?"
            r"(?:as|in) (?:a |an )?(?:[\w-]+ )?(?:memo|report|letter|table|checklist|brief|form)s?\b",
            r"\b(?:written|typed|formatted) up as (?:a |an )?(?:[\w-]+ )?(?:memo|report|letter|brief)s?\b",
            r"\b(?:in|follow|follows|following|use|uses|using|match|matches) (?:our|the|a|this|that|their) (?:[\w-]+ ){0,3}(?:layout|format|template|structure|macro|outline|script)\b",
            r"\b(?:laid out|formatted|structured|organi[sz]ed|written|set out|broken down) (?:as|like|into|in)\b[^.;/]{1,40}/[^.;/]{1,40}/",
            r"\b(?:follow|follows|following|stick to|sticks to|match|matches) (?:our|the|their) (?:['\"‘“]?[\w-]+['\"’”]? ){0,3}(?:guide|guidelines|voice|style|house style)\b",
            r"\bstructured (?:[\w-]+ ){0,2}(?:entries|records|fields|output|json|summary|summaries|reports?|notes?)\b",
            r"\b(?:always |must |should |has to |have to )?follow\s*:?\s*[^/.;]{1,30}/[^/.;]{1,30}/",
            r"\b(?:reply|replies|answer|answers|response|responses|output|reports?|summary|summaries|notes?)\b[^.;]{0,40}:\s*[^/.;:]{1,30}/[^/.;:]{1,30}/",
            r"\b(?:output|response|reply|answer) (?:format|style|structure|schema|template)", r"\bstructured outputs?\b",
            r"\bformat(?:ting)? (?:rules?|requirements?|consistency)", r"\bin (?:our|the company'?s?|a consistent) (?:tone|style|voice)",
            r"\btone\b", r"\bstyle guide\b", r"\bschema\b", r"\bformat(?:ted)?\b(?! (?:it|them|that|those|these|everything) (?:themselves|himself|herself|ourselves|myself|yourselves|by hand|manually|later)\b)", r"\btemplates?\b", r"\bboilerplate\b",
            r"规定的(?:开头|结尾|结束语|开场白)", r"(?:开头|开场白)和(?:结尾|结束语)", r"标准答复", r"(?:按|按照|照)[^,，。;；]{0,10}(?:规定|固定|统一)的",
            r"格式", r"[一二三四五两\d]段式", r"[一二三四五两\d]段(?:来)?写", r"按\s*[“\"「『][^”\"」』]{2,40}→[^”\"」』]{2,40}[”\"」』]", r"固定的?\s*[“\"「]", r"(?:整理|填|写|排)成(?:固定|统一|标准|规范)的?[\u4e00-\u9fff]{0,4}", r"(?:学会|学习|模仿)(?:我们|我司|公司)的?(?:回复|说话|写作|沟通)(?:方式|风格|口吻)", r"语气", r"口气", r"风格", r"(?<!违规)(?<!违禁)(?<!敏感)话术", r"口吻", r"模板", r"结构化(?:输出|数据)?", r"文风", r"调性"),
        None,
        _rx(r"\b(?:don'?t|doesn'?t|do not|does not) (?:really )?care (?:about )?how (?:the )?(?:replies|answers|outputs?|responses|it|they) (?:look|looks|are (?:formatted|laid out))\b", r"\b(?:free[- ]form|any format|plain text is fine|format doesn'?t matter)",
            r"\b(?:skip|drop|ditch|lose|forget)\b (?:the |our |that )?(?:[\w-]+ )?(?:template|format|formatting|json|schema|style)\b",
            r"(?:格式|风格|语气|文风)(?:上)?(?:都|也)?(?:无所谓|随意|随便|不限|不重要|没(?:有)?(?:什么)?(?:特别|特殊)?(?:的)?要求|不讲究|不强求|不用统一|不必统一)"),
    ),
    "domain_terms": (
        _rx(r"\bmedic\w*", r"\bclinic\w*", r"\bpatients?\b", r"\bhealth ?care\b",
            r"\blegal\b(?!\s+(?:says?|said|team|dept|department|signed|approved|cleared|okayed|counsel|review(?:ed)?|wants?|told|"
            r"confirmed|agreed|is fine|came back|has|have|won'?t|doesn'?t|vetoed|blocked))", r"\blaw(?:yers?| firm)?\b",
            r"(?<!under )(?<!on )\bcontracts?\b", r"(?<!from )(?<!with )(?<!by )\bfinanc\w*(?! (?:said|says|team|dept|department|approved|signed|okayed|told|came back|wants?|is fine)\b)", r"\bbank\w*", r"\binsurance\b", r"\bterminolog\w*", r"\bjargon\b",
            r"\bspeciali[sz]ed\b", r"\bdomain[- ]specific\b", r"\bniche\b", r"\bpharma\w*", r"\bacronyms?\b",
            r"医疗", r"医学", r"医院", r"病历", r"患者", r"罕见病", r"法律", r"法务(?!(?:刚|那边|部门|同事)?(?:刚|也|都|已经|终于|又)?(?:说|表示|同意|确认|回复|回话|批|审|不让|不同意|放行))", r"合同", r"律师", r"金融", r"银行", r"保险",
            r"\bpart[- ]numbers?\b", r"\b(?:naming )?conventions\b", r"\bchapter references\b", r"\bcodes? (?:like|such as)\b",
            r"术语", r"专业(?:领域|知识|词汇|名词)", r"行业(?:知识|专业|黑话)", r"黑话", r"缩写"),
        None, None,
    ),
    "privacy_blocked": (
        None,
        _rx(r"\b(?:can(?:no|')?t|can not|cannot|unable to|impossible to|not able to|couldn'?t|not allowed to|no way to)\b[\w\s,]{0,25}?"
            r"\b(?:anonymi[sz]|de-?identif|redact|mask|scrub)",
            r"\b(?:haven'?t|have not|hasn'?t|has not|never|wasn'?t|weren'?t|isn'?t|aren'?t|not yet|not been|not) (?:been )?"
            r"(?:anonymi[sz]|de-?identif|redact|scrub)\w*",
            r"\b(?:non|un)-?anonymi[sz]\w*", r"\bnot anonymi[sz]able\b", r"\bun-?redacted\b", r"\b(?:can(?:no|')?t|cannot|can not|must not|may not|not allowed to) train (?:on|with)\b", r"\bnothing (?:in|from) (?:it|them|this|there|the \w+) (?:may|can|is allowed to|should) be used (?:to (?:train|fine-?tune)|for (?:model )?(?:training|fine-?tuning))\b",
            r"\b(?:none of (?:it|them|this)|nothing) (?:is |are )?allowed (?:off|outside|out of) (?:our |the )?(?:premises|site|building|network|servers?)\b",
            r"\b(?:forbids?|prohibits?|bars?|bans?|rules? out)\b[^.;]{0,24}\b(?:using|use)\b[^.;]{0,24}\b(?:training|train|fine-?tun\w*)\b",
            r"\b(?:nothing|none of (?:it|them|this)) (?:is|has been|was) (?:de-?identified|anonymi[sz]ed|redacted|scrubbed)\b",
            r"\bnothing (?:de-?identified|anonymi[sz]ed|redacted|scrubbed|masked)\b",  # "full of licence numbers, nothing redacted"
            r"\bnone of (?:it|them|this|the \w+) (?:ever )?(?:leaves|goes (?:out|outside)|gets? (?:sent|uploaded|shared))\b",
            r"\b(?:not|never|none|nothing|no)\b[^.;]{0,60}\b(?:or|nor) (?:gets? |is |be )?used (?:to train|for training|in training)\b",
            r"\b(?:said|says|say) no (?:to )?training on (?:them|it|these|those|this)\b",
            r"\bde-?identif\w*[^.;]{0,40}\b(?:isn'?t|is not) something we can\b", r"\braw (?:pii|phi|patient data|customer data)\b",
            r"\b(?:can(?:no|')?t|cannot|must not|may not|mustn'?t|not allowed to|never) (?:leave|go (?:out|outside)|be sent|be uploaded|"
            r"be shared|cross|be used (?:for|in|as) (?:training|train)|be used to train|go into (?:training|a model))",
            r"\b(?:on-?prem(?:ise)?s?|air-?gapped)[- ]only\b",
            r"\bnothing(?: (?:with|containing|that has|that contains|about) [\w-]+(?: [\w-]+)?)? (?:may|can|should|must|is allowed to) (?:leave|go out|be sent)", r"\b(?:forbids?|prohibits?|bans?|rules? out|no) (?:any |all |the use of |using )?(?:third[- ]party|external|outside|hosted) (?:cloud )?(?:apis?|llms?|services|models|providers)\b", r"\b(?:can(?:no|\')?t|cannot|can not|must not|may not|mustn\'?t|never|not allowed to) (?:ever )?(?:go|be sent|be uploaded|be passed|be shared) (?:out )?(?:to|with) (?:a |an |any )?(?:third[- ]party|external|outside|cloud|hosted|vendor|openai)", r"\b(?:nothing|none of (?:it|them|this|the \w+)) (?:may|can|should|must|is allowed to) (?:ever )?(?:go|be sent|be uploaded|be passed) (?:out )?to (?:a |an |any )?(?:third[- ]party|external|outside|cloud|hosted|vendor|openai)", r"\bnothing can be (?:trained on|used for training)\b", r"\bno (?:training|fine-?tuning) on (?:the |our |any )?(?:raw|real|customer|patient|original|unredacted|unmasked)\b", r"\bnone of (?:it|them|this|the \w+) (?:can|may|is allowed to|should) (?:leave|go (?:out|outside)|be (?:sent|uploaded|shared) (?:out|outside|externally))", r"\bcan'?t (?:strip|remove|scrub|redact|anonymi[sz]e)\b", r"\bnone of (?:it|them|this|the \w+) (?:can|may|is allowed to) be used (?:as|for|in) (?:model |any )?(?:training|train)", r"\b(?:none|nothing|no part) of [\w\s]{0,20}?(?:may|can|is allowed to|should) be used (?:to (?:train|fine-?tune)|for (?:model )?(?:training|fine-?tuning))\b",
            r"\b(?:stays?|remains?|kept|keep|must stay) (?:inside|within|in|on) [\w' ]{0,24}?(?:data ?cent(?:er|re)|premises|"
            r"network|vpc|firewall|country|servers?)\b", r"\b(?:are|is|be) never used (?:for|to|in) train", r"\bnever (?:be )?used to train\b", r"\bno third[- ]party (?:apis?|services|vendors|llms?|models)\b",
            r"\b(?:vetoed|banned|forbidden|forbade|prohibited|ruled out|blocked|won'?t allow|doesn'?t allow|does not allow)\b"
            r"[\w\s,'-]{0,40}?\b(?:training|train on|fine-?tun\w*)\b(?!\s+(?:an?|the|any)\s+(?:[\w-]+\s+)?(?:llms?|models?)\b)",  # not "fine-tuning an existing LLM"
            r"\b(?:can(?:no|')?t|cannot|can not|must not|may not|not allowed to|never|won'?t be allowed to)\s+(?:\w+\s+){0,2}"
            r"(?:share|send|move|upload|transfer|copy|export)\b[\w\s,'-]{0,40}?\b(?:outside|off-?site|off-?prem\w*|externally|"
            r"third[- ]part\w*|(?:the |a )?cloud|vendors?|openai|abroad|out of (?:the )?(?:country|building|company))", r"\bmust (?:stay|remain|be kept) (?:on-?prem\w*|in-?house|inside|internal|local)",
            r"\b(?:can(?:no|')?t|cannot|not allowed to) (?:use|send)[\w\s]{0,20}(?:cloud|openai|third[- ]part|external|outside)",
            r"(?:无法|不能|没法|没办法|难以|不可以|不可|不允许|不准|未|没有?|还没|冇)(?:做)?(?:过)?(?:脱敏|匿名化|去标识|去识别)",
            r"(?:唔|不)(?:可以|准|得|能|好)[^,，。;；]{0,4}?(?:攞|拿|用)(?:去|来)(?:做)?(?:训练|训)",
            r"(?:不能|不允许|不可以|不准|禁止|不得|无法)(?:出域|出网|出内网|出公司|出境|离开|外传|上传|上云|外发|外泄|发给|传到外)",
            r"不能(?:拿|用)(?:来)?(?:做)?训练", r"(?:不能|不可以|不准|不许|不得|禁止)(?:传|发|上传|送)(?:出去)?(?:俾|给|到|去)?(?:任何)?(?:外面|外部|外边|出面|第三方)的?\s*(?:api|服务|公司|云|平台|系统)", r"(?:不能|不许|不准|不允许|禁止|不得|不同意|不让)[^,，。;；]{0,12}(?:拿去|拿来|用来|用于|用作|去)?训练",
            r"(?:不许|不准|不能|禁止|不得)[^,，。;；]{0,4}(?:传|发|上传|拷|带)(?:到|出|给)?(?:院外|行外|司外|公司外|外部|境外|外网|云端?|院|行|公司)外?",
            r"(?:不许|不准|禁止|不得|不能|不可以|不可)出(?:本地|我们的?|公司的?)?(?:医院|医馆|诊所|院|馆|行|公司|单位|机构|机房|内网|行内网络|国|境|学校|校|园区|厂)", r"(?:不能|不许|不准|不允许|禁止|不得)(?:调用?|用|走|接)(?:任何)?(?:的)?(?:第三方|外部|云端?|公有云|国外|外国|境外|海外)", r"(?:做|搞)不了(?:脱敏|匿名化)", r"(?:不能|不允许|不可以|禁止|不准|不得)(?:把)?[^,，。;；]{0,12}(?:发给|传给|交给|上传到?|发送给?|提供给)(?:任何)?(?:第三方|外部|外面|云端?|openai|国外|境外)", r"不能用于训练", r"(?:必须|只能)(?:在)?(?:本地|内网|私有化|内部)(?:部署|处理|运行)?"),
        _rx(r"\balready (?:been )?(?:anonymi[sz]ed|de-?identified|redacted)",
            r"\b(?:cleared|approved|allowed|permitted)\b[\w\s-]{0,20}\b(?:for|to) (?:train|use|fine-?tun)", r"\brestriction (?:is|was|has been) (?:lifted|removed)",
            r"(?:可以|允许|批准)(?:在[^,，。;；]{0,4})?(?:用于|拿来|用来)?(?:做)?训练", r"去识别化(?:之后|以后|后)", r"脱敏(?:之后|以后|后)(?:就)?(?:可以|能)", r"没(?:有)?(?:限制|约束)了", r"脱敏(?:之后|以后|后)(?:的)?(?:数据)?[^,，。;；]{0,6}(?:训练|用)[^,，。;；]{0,4}(?:没问题|可以|没事|行)", r"(?:限制|规定)(?:已经?)?(?:解除|取消|放开)", r"\b(?:is|are|were|was|been) (?:fully )?anonymi[sz]ed\b",
            r"\banonymi[sz]ed (?:data|records|tickets|logs)", r"\b(?:can|could) (?:be )?anonymi[sz]",
            r"已(?:经)?(?:全部|都)?(?:做过|完成|做了)?(?:脱敏|匿名化|去识别化|去标识化)", r"可以(?:做)?脱敏", r"脱敏(?:过|好)了", r"(?:脱敏|去识别化|去标识化|匿名化)(?:工作)?(?:已经|都)?(?:做完|完成|搞定|弄完|处理完)了?", r"(?:已|都)?脱敏(?:处理)?(?:过|完)",
            r"\b(?:the )?(?:data|it|they|records|documents|logs|files) (?:can|may|is allowed to|are allowed to) (?:now |actually |in fact )?(?:leave|go out|be sent out|be uploaded)\b",
            r"(?:现在|其实|已经)(?:可以|允许|能)(?:出域|外传|上传到?(?:第三方|外部|云))",
            r"\bsigned off\b", r"\bwe can (?:now )?train (?:on (?:them|it) )?now\b", r"\bcan now (?:be )?train(?:ed)?\b", r"现在可以(?:拿来|用来)?训练了", r"(?:隐私|保密|合规|数据安全|敏感)(?:那块|那部分|方面|这块|这部分|问题)?(?:其实)?(?:不是|不算|没有?)(?:什么)?(?:问题|事)", r"(?<!不)(?<!没)(?:可以|能)(?:先)?(?:做)?(?:匿名化|脱敏|去标识化?|去识别化?)(?:之?后|先|再|了)?(?:就)?(?:可以|能)?(?:用|使用|拿来用|训练)",
            r"(?:都是|均为|全是)(?:可以)?公开(?:的)?(?:内容|资料|数据|信息)", r"\b(?:privacy|pii|compliance) (?:is|isn'?t) (?:actually )?(?:not )?(?:an? )?(?:issue|problem|concern|blocker)\b", r"\b(?:are|is|were|was) (?:fine|ok|okay|allowed|cleared|good) to (?:train|use|fine-?tune)\b",
            r"(?:就|也|都)可以(?:用|拿来用|拿去训练|用来训练|拿来训练)(?:这批|这些|这部分|这份)(?:数据|样本)",
            r"(?:法务|合规|安全|领导)[^,，。;；]{0,8}(?:回复|说|表示|同意|确认)[^。;；]{0,30}(?:就)?(?<!不)可以(?:用|拿来|拿去|用来|训练)", r"没(?:有)?(?:什么)?\s*(?:privacy|隐私|合规|数据安全)\s*(?:问题|风险|顾虑)", r"\bno (?:privacy|pii|compliance) (?:issues?|concerns?|problems?)\b", r"\boverruled\b", r"\btraining is (?:now )?(?:allowed|permitted|ok|okay|fine)\b", r"\b(?:compliance|legal|security|the board) (?:has |have )?(?:approved|cleared|okayed|green-?lit)\b", r"\b(?:legal|compliance|security|infosec|the lawyers?|dpo|privacy team)\b[^.;]{0,20}?\b(?:says?|said|confirmed|agreed)\b[^.;]{0,12}?\b(?:it'?s|that'?s|we'?re|is|are) (?:fine|ok|okay|allowed|cleared)\b", r"\bcan (?:now )?(?:train|fine-?tune) on (?:the )?(?:masked|anonymi[sz]ed|redacted|scrubbed|de-?identified)\b",
            r"\b(?:already )?scrubbed\b", r"(?<!n't been )(?<!not been )\b(?:all|already|fully|been|are|were) de-?identified\b", r"\balready[- ]anonymi[sz]ed\b", r"\b(?:are|is) (?:all )?public records?\b", r"\bnothing (?:is )?(?:sealed|confidential)\b", r"\b(?:aren'?t|isn'?t|are not|is not|not) (?:very |particularly )?sensitive\b",
            r"\b(?:that|which|and|they|these|those) (?:can|may) (?:now )?be used (?:for|in|to) (?:model )?(?:training|train|fine-?tun\w*)\b", r"合规(?:那边|部门)?(?:已经)?(?:放行|批准|同意|通过|点头)", PII_REMOVED.pattern, r"(?:法务|安全)(?:那边)?(?:也|都)?(?:已经)?(?:放行|批准|同意)"),
    ),
    "high_volume": (
        _rx(r"\bmillions? of (?:calls|requests|queries|api calls|users|messages|conversations)", r"\bhigh (?:call |request |query )?"
            r"(?:volume|traffic|concurrency|qps|throughput)", r"\bheavy (?:traffic|load)\b", r"\bat scale\b",
            r"\b(?:calls|requests|queries) (?:per|a|each) second", r"\bqps\b", r"\bhigh[- ]traffic\b",
            r"\b(?:\d+(?:\.\d+)?\s*(?:m|mn|million|billion)|\d{1,3}(?:,\d{3}){2,}|\d{7,})\s+(?:\w+\s+){0,2}?(?:times|calls|requests|queries|"
            r"messages|conversations|api calls)\b", r"(?:\d+(?:\.\d+)?\s*(?:百万|千万|亿)|[1-9]\d{2,}\s*万)\s*(?:次|个请求|条请求|次调用|次请求)",
            r"(?:[一二两三四五六七八九十几数上]+\s*多?\s*(?:百万|千万|亿)|(?:[一二两三四五六七八九]?十|[一二两三四五六七八九几]百)\s*多?\s*万)\s*次",
            r"高并发", r"海量(?:的)?(?:请求|调用|用户)", r"(?:调用|请求|访问)量(?:很|非常|特别)?大", r"大量(?:的)?(?:调用|请求)", r"流量(?:很|非常)?大"),
        None,
        _rx(r"\b(?:low|small|modest|tiny) (?:volume|traffic)\b", r"(?:调用|请求)量(?:很|比较)?(?:小|少|不大)"),
    ),
    "long_prompt": (
        _rx(r"\blong (?:few[- ]shot )?prompts?\b", r"\bprompts? (?:is|are|gets?|got|has become) (?:very |too |really |super )?(?:long|huge|massive)\b",
            r"\blong few[- ]shot\b", r"\bhuge (?:system )?prompts?\b",
            r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|multi|several)[- ]pages? (?:long )?(?:system |few[- ]shot )?prompts?\b",
            r"(?:\d+|[两二三四五六七八九十几]+)\s*(?:多)?页(?:的|长的)?\s*(?:系统)?\s*(?:提示词?|prompt)",
            r"(?:提示词?|prompt)[^,，。;；]{0,4}?(?:\d+|[两二三四五六七八九十几]+)\s*(?:多)?页",
            r"\b(?:[1-9]\d{3,}|\d{1,2},\d{3}|\d+(?:\.\d+)?k)[- ]?tokens?\b[\w\s-]{0,20}?prompts?",
            r"(?:[1-9]\d{3,}|\d+(?:\.\d+)?k|[一二两三四五六七八九几]千)\s*(?:个)?\s*tokens?\s*的?\s*(?:few[- ]?shot\s*)?(?:提示词?|prompt)",
            r"(?:提示词?|prompt)[^,，。;；]{0,4}(?:[1-9]\d{3,}|[一二两三四五六七八九几]千)\s*多?\s*(?:个)?\s*tokens?",
            r"(?:提示词?|prompt)\s*(?:很|太|非常|特别|超级)?(?:长|大)", r"长(?:的)?\s*(?:提示词?|prompt)", r"超长(?:的)?\s*(?:提示|prompt|上下文)"),
        None, None,
    ),
    "low_latency": (
        _rx(r"\blow[- ]latency\b", r"\blatency\b", r"\bfast (?:responses?|replies|answers|inference)\b", r"\brespond (?:very )?(?:quickly|fast)",
            r"\breal[- ]?time (?:chat|dialog(?:ue)?|conversation|responses?|assistant|voice|inference|replies)", r"\b(?:under|within|below|less than) \d+ ?ms\b", r"\d+\s*(?:ms|毫秒)\s*(?:内|以内|之内)",
            r"\bmilliseconds\b", r"\bresponse time\b", r"\b(?:in |within )?(?:under|below|less than) (?:half a|a|one) second\b", r"\bsub-?second\b",
            r"延迟", r"时延", r"响应(?:要|需要|必须)?(?:很|非常)?快", r"快速响应", r"实时(?:对话|响应|交互|聊天|回复|语音|推理)", r"毫秒", r"响应时间"),
        None, None,
    ),
    "multi_step": (
        _rx(r"\bmulti[- ]?step\b", r"\bchain[- ]of[- ]thought\b", r"\bcot\b", r"\bstep[- ]by[- ]step\b",
            r"\breason(?:s|ing)? (?:the same way|like (?:a|our|the)|through)\b", r"\bshow (?:its|their|the) (?:work|reasoning)\b",
            r"\bin (?:a|that|this|the) (?:fixed |specific |certain |strict )?order\b", r"\bjump(?:s|ing)? (?:straight )?to the (?:last|final) step\b",
            r"\bskip(?:s|ping)? steps\b", r"\bfirst\b[^.;]{0,60}\bthen\b[^.;]{0,60}\bthen\b",
            r"\bcomplex reasoning\b", r"\breasoning (?:steps?|chains?|tasks?)\b", r"\bmulti[- ]hop\b",
            r"多步(?:骤)?(?:推理)?", r"分(?:几|[两三四五]|好几)步", r"第一步[^。;；]{0,80}第二步", r"一步步", r"一步一步", r"跳步", r"先[^,，。;；]{1,12}[、,，]?\s*再[^,，。;；]{1,12}[、,，]?\s*(?:最后|然后)", r"思维链", r"逐步(?:计算|推导|分析|思考)", r"拆解问题", r"分步(?:骤)?(?:推理|计算|解决|讲解|说明|写)", r"每一步都(?:要|得)(?:写|列|讲|说)", r"(?:直接)?跳(?:到|过)(?:最后的?)?(?:答案|结论|结果)", r"推理链", r"复杂(?:的)?(?:推理|逻辑)", r"一步一步(?:地)?(?:推理|思考)", r"逐步推理"),
        None, None,
    ),
    "novel_architecture": (
        _rx(r"\b(?:new|novel|our own|own|custom|brand[- ]new|new kind of|proprietary|experimental|purpose[- ]built|bespoke|home[- ]?grown|"
            r"in[- ]house) (?:[\w-]+ )?architecture", r"\barchitecture (?:designed|built) from scratch\b",
            r"\b(?:our|my) own (?:foundation|base|pretrained) model\b", r"\bfoundation model\b", r"\bpre-?train(?:ing)? (?:a|our own|from|an?)\b",
            r"\bbuild (?:our|my) own (?:llm|base model|foundation|language model)", r"\bown llm from scratch\b",
            r"新(?:的)?(?:网络|模型|神经网络)?架构", r"全新(?:的)?(?:网络|模型|神经网络)?架构", r"自研了?(?:的)?(?:模型)?架构", r"(?:自己的|自研|自有)(?:的)?(?:基座|基础模型|大模型)",
            r"基座大模型", r"预训练(?:一个|自己的)", r"新的?(?:网络|模型)?结构", r"从头设计", r"自研(?:的)?(?:网络|模型)?结构", r"自己设计的?(?:网络|模型)?(?:结构|架构)", r"全新(?:的)?(?:网络)?结构", r"不是\s*transformer", r"\bnot (?:a |based on )?(?:the )?transformers?\b", r"(?:网络结构|模型结构|架构)[^,，。;；]{0,6}(?:自己搭|自己设计|自研|自己写|重新设计)", r"(?:别|不)用现成的\s*(?:backbone|基座|模型|预训练)", r"架构[^,，。;；]{0,10}(?:自己|自研|自行)设计", r"(?:自己|自研|自行)设计的?(?:模型)?架构",
            r"不基于(?:任何)?现有(?:的)?[\u4e00-\u9fff]{0,4}?(?:模型|架构|基座)", r"从零(?:开始)?(?:设计|搭建|构建|造)", r"设计(?:一个)?自己的[^,，。;；]{0,16}(?:架构|结构|tokenizer|分词器)", r"(?:自研|自己的|自有的?|自己设计的?)\s*(?:的)?\s*(?:architecture|tokenizer|分词器)", r"\b(?:our|my|an?|its) own (?:[\w-]+ )?(?:variant|tokeni[sz]er)\b", r"\bcustom (?:[\w-]+ )?tokeni[sz]er\b", r"全新(?:的)?\s*architecture", r"(?:自己|我们|自行)(?:提出|设计|研究)的[^,，。;；]{0,16}(?:结构|架构)",
            r"不是在现成(?:的)?模型上改", r"(?:做|训|搞|打造|训练)(?:一个)?[^,，。;；]{0,12}(?:自己的)?基座模型",
            r"\bnot based on (?:any )?(?:existing|off-the-shelf|pretrained) (?:models?|architectures?|checkpoints?)",
            r"\b(?:our|my) own (?:tokenizer and )?(?:architecture|backbone)\b", r"\bour own design\b", r"\bcustom (?:attention|layers?|backbone|network)\b",
            r"\bnot a (?:transformer|model)[\w\s]{0,12}you can download\b", r"\bdesign(?:ed|ing)? (?:our|my|the|a|an) (?:own )?(?:[\w-]+ )?architecture\b", r"(?:研发|训练|打造|做)(?:一个)?(?:自己的|自有的?)?(?:基础|基座)模型", r"自研(?:一个|一套)?[\u4e00-\u9fff]{0,4}(?:基础|基座)模型", r"架构(?:是|为|要)?(?:完全)?全新(?:设计)?"),
        None,
        _rx(r"\bexisting (?:model )?architectures?\b(?![^.;,]{0,20}\b(?:can'?t|cannot|couldn'?t|don'?t|doesn'?t|won'?t|fail\w*|aren'?t|isn'?t|unable)\b)",
            r"现有(?:的)?架构(?![^,，。;；]{0,8}(?:处理不了|不行|不支持|搞不定|做不到|无法|不能|不适用|不够|都不|没法|处理不))", r"架构不(?:再)?自研了?", r"不(?:再)?自研(?:架构|模型|基座)了?", r"就(?:在|用)\s*[a-z][\w.-]*\s*上(?:面)?(?:做|改|训)", r"(?<!\bany )(?<!\bother )(?<!\bno )\b(?:an? )?(?:off-the-shelf|open[- ]source|open|existing|pretrained) (?:[\w-]+ )?(?:base )?model\b"),
    ),
    "documents": (
        _rx(r"(?:根据|依据|按照|参照)[^,，。;；]{0,12}(?:公告|文件|规定|手册|文档|制度|条款|法规|规范|记录|纪录|档案|病历|卷宗|资料)(?:来|去)?(?:回答|答复|解答)", r"\bdocs\b", r"\bdocuments?\b", r"\bdocumentation\b", r"(?<!-)\bmanuals?\b", r"\bknowledge ?base\b", r"\bwiki\b",
            r"\bpdfs?\b", r"(?<!\dk )(?<!\d,\d{3} )(?<!\d\.\dm )\bpolicies\b", r"(?<!style )(?<![\d,] )(?<!\bform )(?<!\btv )(?<!\bracing )\bguides\b", r"\b(?:brochures|leaflets|pamphlets)\b",
            r"\b(?:assistant|chatbot|bot|q&a|search|answers?) (?:over|on top of|across|grounded in) (?:our |the |all )?(?:[\w-]+ ){0,3}"
            r"(?:guides|brochures|terms|pages|articles|notes|materials|content|archive)\b", r"\bpolicy (?:docs|documents|manuals?|handbooks?|library)\b", r"\b(?:api|technical|product) reference\b", r"\bcome from (?:our|the) [\w\s-]{0,20}(?:docs|documents|sources|articles|pages)\b", r"\bhandbooks?\b", r"\brule ?books?\b", r"\b(?:need|needs|want|wants|have|has) to look (?:things |stuff |it |them |answers )?up in\b", r"\blook(?:s|ing)? (?:[\w-]+ ){0,3}up\b[^.;]{0,40}\b(?:in|from|across) (?:our|the|their) (?:\d+ )?(?:[\w-]+ ){0,2}(?:glossar(?:y|ies)|style guides?|guides|references|dictionar(?:y|ies)|standards|catalog(?:ue)?s?)\b", r"\b(?:answer\w*|questions?|ask\w*) (?:about|on|from) (?:the |our )?(?:[\w']+ ){0,3}patch notes\b", r"\bplaybooks?\b", r"\brunbooks?\b", r"\bcase files\b", r"(?<!style of our )(?<!style of the )(?<!voice of our )(?<!format of our )(?<!style of our printed )(?<!style of our old )(?<!style of our past )(?<!for the trade )(?<!for our trade )(?<!notes for the )(?<!notes for our )\bcatalog(?:ue)?s?\b(?! team| goes| is going| will go| entr(?:y|ies)| descriptions?| copy| text| blurbs?| listings?| style| format| voice| tone| pages?)", r"\bintranet\b", r"\bfaqs?\b", r"\bdigiti[sz]ed\b", r"\b(?:assistant|chatbot|bot|q&a|search) (?:over|on top of|across) (?:our|its|their|the) (?:[\w-]+ ){0,2}(?:collection|archive|library|records|corpus)\b", r"\bsearchable\b", r"\bsops\b", r"\b(?:test|operating|standard|internal) procedures\b", r"\bgrounded in\b", r"\bexcerpts\b", r"(?<!pairs )(?<!examples )(?<!samples )(?<!records )(?<!tickets )\bscanned\b(?!\s+(?:in\s+)?(?:~|about |around |roughly |some |over )?[\d,.]+k?\s+(?:old|past|previous|earlier|of them|of those|of these)\b)(?!\s+(?:a|per|each|every) (?:year|month|week|day|shift)\b)", r"^(?:(?!\b(?:turned up|turn up|turns up|dug up|dug|digging|pulled|surfaced|found|discovered|came from|ingest\w*|collect\w*|scrap\w*|gather\w*)\b|\b(?:old|past|previous|prior|earlier) [a-z]+s (?:(?:sit|sits|are|live|kept|stored|saved|archived)\s+)?(?:in|on|from)\b)[^.;])*?(?<!out of the )(?<!out of our )(?<!from our )(?<!\bhis )(?<!\bher )(?<!\bmy )(?<!\btheir )(?<!\bfor the )(?<!\binto the )(?<!\bto the )\barchives?\b(?! (?:turned up|had|has|gave|yielded|contained|coughed up|produced|held|wants|needs|would like|is looking|plans)\b)(?! (?:was|were|is|are|has been|have been) (?:already |fully |since )?(?:de-?identified|anonymi[sz]ed|redacted|scrubbed|cleared|approved|pseudonymi[sz]ed)\b)(?!d)",
            r"\banswers? (?:[\w-]+ ){0,4}?(?:using|from|based on|out of) (?:our|the|their) (?:[\w-]+ ){0,2}(?:records|notes|files|documents|docs|archives?|sheets|spreadsheets|schedules|timetables|price lists)\b",
            r"\banswers? (?:[\w-]+ ){0,2}?(?:pulled|drawn|taken|sourced|quoted|coming|extracted|grounded) (?:straight )?(?:from|out of|in) (?:our |the |their |those |these |its )?(?:[\w-]+ ){0,2}"
            r"(?:records|notes|files|documents|docs|archives?|contracts|agreements|reports|filings|papers|policies|manuals|guidelines|regulations|minutes|texts)\b",
            r"\b(?:ask|search|query|look (?:things )?up)\b[\w\s]{0,20}?\b(?:across|through|over|in) (?:our |the |past |all )?(?:(?:~|about |around |roughly )?[\d,.]+k?\+? )?(?:[\w-]+ ){0,2}"
            r"(?:files|documents|docs|records|agreements|archives|manuals|reports|contracts|dossiers|write-ups|profiles|case notes)\b", r"\bcit(?:e|ing) (?:the |its |their )?sources?\b", r"\bwith citations\b",
            r"(?:简历|案例|题|合同|法规|知识|文章|政策)库", r"判决书(?!摘要)", r"裁判文书", r"指南", r"办事流程", r"规范文件", r"卷宗", r"备忘录", r"条款文件", r"操作规程", r"制度文件", r"政策文件", r"法规库", r"(?:给|标|注明|附上?)出处",
            r"\b(?:want|wants|need|needs|like) to (?:search|look things up in|query) (?:through |across |over |in )?(?:about |around |~)?"
            r"(?:\d|all|our|the|thousands|hundreds)", r"(?:查|搜|检索)(?:询|索|找)?[^,，。]{0,6}合同", r"合同库",
            r"文档", r"知识库", r"(?<!生成)(?<!写)(?<!健康)(?<!客户)(?<!个人)(?<!员工)(?<!病人)(?<!患者)(?<!会员)(?<!学生)(?<!学员)(?<!病历)(?<!批次)(?<!规范的)(?<!成)档案(?!的?(?:固定)?(?:格式|模板|样式|生成|写法))", r"(?:必须|只能|要|得)(?:出自|来自|基于|依据|根据)(?:我们|我司|公司|馆里|院里)?(?:的)?", r"手册", r"(?<!测试)(?<!标注)(?<!训练)(?<!标记)(?<!样本)(?<!标好的)(?<!标注的)(?<!笔)(?<!条)(?<!问答)(?<!对话)(?<!监测)(?<!观测)(?<!监控)(?<!传感)(?<!测量)(?<!运行)(?<!时序)(?<!序列)(?<!影像)(?<!图像)(?<!声纳)(?<!病历)(?<!病例)(?<!个人)(?<!客户)(?<!会员)(?<!用户)(?<!病人)(?<!患者)(?<!身份证)(?<!」的)(?<!”的)(?<!」)(?<!”)资料(?!量)(?!有多少|多少)(?!(?:自动|直接)?(?:写|生成|撰写|填写)(?!得))(?![^,，。;；]{0,4}?(?:不允许|不能|不可以|不准|不得|禁止)(?:出域|外传|外流|出|传|发|上传))(?!还在|正在|在采集|在收集|采集中|收集中|还没)(?![^,，。;；]{0,4}?(?:没|未|不能|不允许|无法)(?:有|做)?(?:过)?(?:脱敏|匿名))(?![^,，。;；]{0,4}?[\d一二两三四五六七八九十百千万]+\s*(?:笔|条|组|对|个样本))", r"规章制度", r"产品目录", r"价目表|价格表|收费标准表", r"公司(?:内部)?知识", r"说明书", r"制度文件"),
        None,
        _rx(r"\bnothing to (?:look up|search|retrieve)\b",
            r"\b(?:doesn'?t|does not|don'?t|do not|won'?t|will not|never) (?:need|have) to (?:look (?:anything |things )?up|search|retrieve|consult)\b", r"\bno (?:documents|docs|files) to (?:search|retrieve|look (?:up|through))\b", r"没(?:有)?(?:什么)?(?:需要|要)?(?:检索|查找?)的(?:文档|资料|东西)"),
    ),
    "budget_low": (
        _rx(r"\b(?:low|tight|small|limited|tiny|shoestring|minimal|modest|constrained) budget\b", r"\bon a budget\b", r"\bnot a (?:huge|big|large) budget\b",
            r"\bbudget(?: is|'s|s) (?:very |pretty |quite |really |a bit |a little |kinda |kind of |somewhat |fairly |rather )?(?:low|tight|small|limited|constrained|thin)",
            r"\bcan'?t (?:afford|spend) (?:much|a lot)\b", r"\bcash[- ]strapped\b",
            r"\b(?:we'?re|i'?m|we are|i am|pretty|totally|flat|basically) broke\b", r"\bcheap as possible\b",
            r"预算(?:很|非常|比较|有点|特别)?(?:低|少|紧张|有限|不多|不足|紧|不够)", r"没(?:有)?(?:什么|多少)(?:预算|钱)", r"低预算",
            r"钱不多", r"经费(?:有限|紧张|不多)", r"\bbudget (?:is not|isn'?t|'s not) (?:that |so |very |exactly )?(?:huge|big|large|massive|generous|much)\b", r"缺钱", r"省钱", r"能省则省", r"能省就省",
            r"预算[^。;；]{0,12}?(?:说)?(?:不多|很少|有限|紧张|不够)"),
        None,
        _rx(r"\b(?:big|large|generous|unlimited|healthy|decent|ample|plenty of) budget\b",
            r"\bbudget (?:is not|isn'?t|'s not) (?:that |so |too |very |really |particularly )?(?:tight|low|small|limited|constrained)\b", r"\bbudget (?:is|isn'?t) (?:\w+ )?(?:not )?(?:a |an |the )?(?:problem|issue|concern|constraint)",
            r"\bmoney (?:is|isn'?t) (?:not )?(?:really )?(?:a |an |the )?(?:problem|issue|concern)", r"\bwell[- ]funded\b",
            r"(?:预算|经费|资金)(?:也|倒|都)?(?:很|非常|比较)?(?:充足|充裕|不是问题|不成问题|够|多|宽裕)", r"不差钱", r"钱不是问题", r"(?:预算|经费|资金|钱)(?:方面|上面|这块|这边)?(?:也|倒|都)?(?:没有|没)(?:什么)?(?:大)?问题", r"\bnot short (?:of|on) (?:money|cash|funds|funding|budget)\b"),
    ),
}
RETRACT = _rx(
    r"\b(?:restriction|constraint|limit) (?:is|was|has been|got) (?:lifted|removed|dropped)\b", r"\blifted\b",
    r"\b(?:forget|ignore|disregard|never ?mind|remove)\b", r"\bvetoed (?:the|that|this|our|using (?:the|our|that|this))\b", r"\bleave (?:the|our|those|these|that|it|them) (?:[\w-]+ ){0,2}?out\b", r"\bno (?:hard |real )?deadline\b", r"\b(?:killed|scrapped|shelved|scrap|kill|shelve) (?:the|that|this)\b", r"\b(?:doesn'?t|does not|don'?t|do not) matter any ?more\b", r"\b(?:won'?t|will not|don'?t) need (?:the|our|any) [\w\s]{0,20}?after all\b", r"\bdrop (?:the|that|this|it|our|any|all)\b", r"\bscratch (?:that|the|this|our)\b", r"\bno longer\b", r"\bnot anymore\b",
    r"\b(?:is|are|was|were) (?:gone|cancel+ed|off the table|no longer available)\b", r"\bwe lost\b", r"\bnot relevant any ?more\b",
    r"\bno (?:rush|hurry)(?: at all)? (?:any ?more|now|after all)\b", r"\b(?:launch|deadline|demo|release) (?:got |was |has been )?(?:pushed|postponed|delayed|moved)\b", r"\bnot urgent any ?more\b", r"不用了", r"用不上", r"用不到", r"不急了", r"不着急了", r"不赶(?:时间)?了", r"没有(?:什么)?(?:截止|期限)",
    r"不用考虑", r"不考虑", r"不用(?:再)?(?:查|找|检索|搜)[^,，。;；]{0,6}了", r"不(?:做|要|需要)(?:检索|搜索|查询|查资料)了", r"忘掉", r"忽略", r"去掉", r"算了", r"取消", r"(?:就)?当我没说", r"当没说过?", r"不作数", r"不算数", r"不再", r"没了", r"撤了", r"收回",
    r"(?:先)?不做了", r"先不做", r"不用理", r"(?:先)?放一放", r"不要了", r"先不管", r"不需要了", r"拿掉", r"砍掉", r"不归我们管", r"不用(?:我们|模型|你|它|机器人|ai|bot)?(?:管|答|回答|回|处理)了?",
    r"不管了", r"交给(?:别的|另一个|其他)", r"交给[^,，。;；]{0,12}(?:平台|官网|网站|系统|部门|团队|小程序|app|客服|公司)了?", r"(?:我们|咱们)不(?:用)?管(?!理)", r"被收回", r"收回了", r"不搞了", r"不弄了", r"不折腾了", r"\bscratch (?:the|that|this|our)\b",
    r"\b(?:will|would|is going to) live (?:somewhere|elsewhere)", r"\bout of scope\b", r"\b(?:are|is) (?:now )?handled by (?:the |their |its |our |a )?[\w'’ -]{0,40}?\b(?:app|page|site|website|portal|system|team|desk|helpdesk|tool|service|platform|bot)\b", r"\bwon'?t (?:touch|handle|answer|deal with|cover) (?:them|those|that|it)\b", r"\bwe don'?t (?:answer|handle|cover) (?:those|them|that|these) any ?more\b", r"\bgo(?:es)? to (?:the |their |its )?[\w'’ -]{0,30}?\b(?:helpdesks?|help desks?|websites?|sites?|portals?|teams?|desks?)\b now\b",
    r"\bmoved (?:to|into|over to) (?:a |another |the )?(?:separate|different|other|another) (?:system|team|bot|tool|service|product)\b",
    r"\b(?:handled|covered|taken care of) (?:by|in) (?:a |another |the )?(?:separate|different|other|another) (?:system|team|bot|tool|service)\b",
)
UPDATE = _rx(r"\bupdate\b", r"\bactually\b", r"\binstead\b", r"\bcorrection\b", r"\bturns out\b", r"\bchange(?:d)? (?:of plans|to)\b",
             r"其实", r"改成", r"不过", r"更正", r"纠正", r"修改", r"换成", r"变成")
# "Examples? I have eight.": the data asked about, then the count
DATA_ASKED = re.compile(r"^\s*(?:and |as for |how many )?(?:labell?ed |training )?(?:examples?|samples?|training data|pairs|样例|样本|示例|例子|训练数据)\s*$")
HAVE = re.compile(r"^\s*(?:i|we) (?:have|got|'ve got|have got|only have)\b|^\s*(?:我们|我)?(?:只)?(?:有|手上有)")
# "we've bound something like 14,000 books", "已经印了两万本": goods the business made or sold, not documents to read
MADE_BEFORE = re.compile(r"\b(?:bound|rebound|printed|sold|shipped|repaired|restored|bind|print|sell|ship|repair|restore)\s+"
                         r"(?:(?:something like|about|around|roughly|over|more than|nearly|almost|some)\s+)?(?:~\s*)?$|(?:装订|印|卖|修复|售出|发货)了?\s*(?:大约|约|差不多)?\s*$|"
                         r"\b(?:average|avg|typical|median|mean)\s+(?:[a-z-]+\s+){0,2}(?:is|of|runs?|=|:)?\s*(?:about |around |roughly |~\s*)?$")  # "average matter size is ~2.1 million documents"
