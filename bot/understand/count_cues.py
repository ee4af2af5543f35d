"""Word cues for how a follow-up changes the count of examples: a share of it gone ("half of those are
duplicates", "其中一半是重复的"), a part removed, a multiple ("twice as many", "翻倍") or an addition ("5,000 more",
"再加两千条"). Data only: compiled regexes over prepared text."""

from __future__ import annotations

from bot.understand.patterns import rx as _rx

# a part of the count under discussion that is gone: "4k of those were duplicates", "其中两千条是重复的"
# a share of the count under discussion that is gone: "a third of those are junk", "其中一半是重复的"
FRACTION_GONE = _rx(r"(?<!other )(?<!the rest )\b(?P<f>half|a third|one third|two thirds|a quarter|one quarter|three quarters|\d{1,2}\s*%)\s+of (?:all (?:of )?)?(?:those|them|these|it|the (?:data|examples|rows|records|set|\w+s))\b"
                    r"[^.;]{0,70}?\b(?:duplicates?|bad|wrong|dropped|removed|thrown out|unusable|junk|garbage|invalid|broken|drafts?|"
                    r"scrapp?ed|deleted|filler|useless|noise|low[- ]quality|placeholders?|dummy|test data|drop (?:them|those|these)|toss (?:them|those|these)|"
                    r"throw (?:them|those|these) out|bin (?:them|those|these)|"
                    r"(?:are|is) (?:just|only|mostly|all)(?= [\'\"]))\b",
                    # "Half are from old seasons with wrong info; drop them": the share said first, with no "of those"
                    r"(?:^|[.;,]\s*|\b(?:and|but)\s+)(?P<h>half|a third|one third|two thirds|a quarter|one quarter|three quarters)\s+"
                    r"(?:of them\s+)?(?:are|were|is|was)\b[^.;]{0,60}?\b(?:duplicates?|wrong|outdated|obsolete|stale|bad|junk|garbage|invalid|"
                    r"unusable|useless|broken)\b",
                    # "drop the quarter of them that are low quality", "remove the half that are duplicates"
                    r"\b(?:drop|remove|exclude|cut|toss|discard|filter out|throw out|lose|delete)\s+the\s+(?P<t>half|third|quarter)\b"
                    r"(?=\s+(?:of (?:them|those|these|the \w+)\s+)?(?:that|which|who)\b)",
                    # "其中百分之二十五是旧菜单的，不要了": the removal said in the next clause
                    r"(?:其中)?(?<!另)(?P<z4>一半|三分之一|三分之二|四分之一|四分之三|[一二三四五六七八九]成|\d{1,2}\s*%|百分之[一二三四五六七八九十]{1,3})"
                    r"是[^,，。;；]{0,12}[,，\s]\s*(?:要|得|都|全)?(?:删掉|删除|去掉|不要了|扔掉|剔除)",
                    r"(?:其中)?(?<!另)(?P<z>一半|三分之一|三分之二|四分之一|四分之三|[一二三四五六七八九]成|\d{1,2}\s*%|百分之[一二三四五六七八九十]{1,3})[^,，。;；]{0,10}(?:是)?(?:重复|作废|删掉|删除|去掉|不能用|用不了|没法用|无效|垃圾|草稿|噪声|质量太差|测试(?:数据|资料|样本|用的)|假数据)")
FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25,
             "three quarters": 0.75, "一半": 0.5, "三分之一": 1 / 3, "三分之二": 2 / 3, "四分之一": 0.25, "四分之三": 0.75,
             **{f"{d}成": k / 10 for k, d in enumerate("一二三四五六七八九", 1)}}
REMOVED_PART = _rx(r"^\s*(?:of (?:those|them|these|the \w+)|of our \w+)\b[^.;]{0,50}?\b(?:duplicates?|bad|wrong|dropped|removed|"
                   r"thrown out|unusable|junk|garbage|invalid|broken|drafts?|scrapp?ed|deleted)\b",
                   r"^\s*(?:条|个|份|笔)?[^,，。;；]{0,12}(?:重复|作废|删掉|删除|去掉|不能用|没法用|无效|是草稿|假数据|造的|测试数据|有问题|不合格|质量差|扔掉)")
# a multiple of the amount under discussion: (the words, the factor)
TIMES_FACTORS = ((r"twice as (?:many|much)|double (?:that|it|the \w+|as many|as much)|two times as (?:many|much)|(?:两|二)倍|翻(?:了)?(?:一)?(?:倍|番)",
                  2.0),
                 (r"three times as (?:many|much)|triple (?:that|it|the \w+)|三倍", 3.0),
                 (r"(?:make it |it'?s )?ten times (?:that|it)|\b10x (?:that|it)\b", 10.0),
                 (r"half as (?:many|much)|\b(?:only )?(?:train|use|fine-?tune|keep|get)(?: it)?(?: on| with)? (?:only )?half (?:of )?(?:them|those|these|it|the \w+)\b|"
                  r"(?:只)?用(?:其中)?一半(?:的(?:数据|样本|资料))?(?:来训|训练|呢|的话)", 0.5),
                 (r"\b(?:only )?(?:train|use|used|using|fine-?tune|keep)(?: it)?(?: on| with)? (?:only )?(?:a|one) third (?:of )?(?:them|those|these|it|the \w+)\b|"
                  r"(?:只)?用(?:其中)?三分之一(?:的(?:数据|样本|资料))?", 1 / 3),
                 (r"\b(?:only )?(?:train|use|used|using|fine-?tune|keep)(?: it)?(?: on| with)? (?:only )?(?:a|one) quarter (?:of )?(?:them|those|these|it|the \w+)\b|"
                  r"(?:只)?用(?:其中)?四分之一(?:的(?:数据|样本|资料))?", 0.25), (r"ten times as (?:many|much)|十倍", 10.0),
                 (r"four times as (?:many|much)|quadruple (?:that|it|the \w+)|四倍", 4.0), (r"five times as (?:many|much)|五倍", 5.0),
                 (r"(?:数量|总量|条数)?(?:跟|和|与)(?:原来|之前|以前)的?一样多", 2.0))
TIMES = _rx(*(words for words, _ in TIMES_FACTORS))
MONEY_WORDS = _rx(r"\b(?:money|budget|cash|funding|funds|spend)\b", r"预算|钱|经费|资金")
RELATIVE_ADD = _rx(
    r"^\s*(?:[a-z]+ly\s+)?(?:more|additional|extra|new)\b(?!\s+than)", r"\b(?:another|additional|extra|plus|added|add)(?:\s+(?:the|an?))?\s*$",
    r"再加上(?:[\u4e00-\u9fff]{0,6}的)?\s*$|(?:还能|还会|还可以)?再给(?:我们|咱们)?\s*$|(?:其实|另外|而且|居然|竟然|那边|这边|手上|手里)(?:还|也)有\s*$|(?:又|再|(?<!差不)(?<!不)多|新增|追加|加了|补充了?|增加了?|另外|补)\s*(?:标注了?|收集了?|整理(?:出|了)?|加了?|标了?|写了?|攒了?|导出了?|找到了?|多出(?:来)?了?|冒出(?:来)?了?|了)?\s*$",
    r"又(?:交|送|发|给|传|提供)(?:过来|上来|了)?(?:了)?\s*$", r"(?:又|还)从[^,，。;；\d]{0,12}?(?:拿到|收到|找到|导出|整理出|弄到|搞到|挖出)了?\s*$", r"又[^,，。;；\d一二两三四五六七八九十百千万]{0,10}?(?:出来|过来|上来|进来|到了|了)\s*$",
)
# "none of our data or documents may leave the site": documents kept in, not none at all
STAYS_IN = _rx(r"\b(?:may|can|could|must|should|is allowed to|are allowed to)(?:n'?t| not)? (?:ever )?(?:leave|be sent|be uploaded|go out)\b",
              r"\bleave (?:the|our) (?:site|building|premises|network|country)\b", r"不(?:能|得|允许)(?:出|离开|外传|上传)|出域")
# "the other rinks are throwing in their 9,000 logs": added to the count
THROWN_IN = _rx(r"\b(?:throw(?:ing|s)? in|threw in|chip(?:ping|s)? in|pitch(?:ing|es)? in|contribut(?:e|es|ing)) "
               r"(?:their|its|his|her|another|an extra|a further)?\s*(?:~|about |around |roughly )?$")
# "工人两百多", "会员四万几": a count of people, not of examples
PEOPLE_BEFORE = _rx(r"(?:工人|员工|职员|职工|师傅|会员|客户|用户|学生|学员|老师|教练|医生|护士|同事|店员|司机|技师|员工人数|人数)\s*"
                           r"(?:有|约|大概|大约|共|总共|一共|差不多|将近)?\s*$")
# "一条整理好的样例都没有": not a single one; "预算又加了一万": money added, not examples
NOT_ONE = _rx(r"^\s*(?:条|个|份|笔|对)[^,，。;；\d]{0,12}?(?:都|也)(?:还)?没")
MONEY_ADDED = _rx(r"(?:预算|经费|资金|钱)\s*(?:又|再|也)?(?:加|批|拨|给|追加|多)了?\s*$|\bbudget\s+(?:up|raised|increased)\s+by\s*$")
# "over 6 years our growers labelled…": a span of time, whatever is labelled after it
SPAN_AFTER = _rx(r"^\s*(?:full |whole |long )?(?:years?|yrs?|months?|weeks?|days?|hours?|decades?)\b(?!\s*(?:of (?:data|logs|records|transcripts)))")
