"""Question analysis: language, expected answer type, the wh-phrase and the terms to look for."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property, lru_cache

from ciie_qa.schema import Language
from ciie_qa.tokens import detect_language, fold, lexical_tokens, segmenter, tagged


class AnswerType(StrEnum):
    """What kind of span answers a question."""

    NUMBER = "number"
    PERCENT = "percent"
    DATE = "date"
    PERSON = "person"
    ORGANIZATION = "organization"
    LOCATION = "location"
    LIST = "list"
    DEFINITION = "definition"
    OTHER = "other"


SHAPED_TYPES = frozenset(
    {
        AnswerType.NUMBER,
        AnswerType.PERCENT,
        AnswerType.DATE,
        AnswerType.PERSON,
        AnswerType.ORGANIZATION,
        AnswerType.LOCATION,
        AnswerType.LIST,
    }
)


# Questions whose answer is an amount.
NUMERIC_TYPES = frozenset({AnswerType.NUMBER, AnswerType.PERCENT})

# How much a word met only through its translation counts, in coverage and in locating a span:
# a dictionary translation may carry another sense than the question meant.
TRANSLATED_WEIGHT = 0.8


@dataclass(frozen=True)
class Question:
    """A question taken apart for the reader."""

    text: str
    language: Language
    answer_type: AnswerType
    tokens: tuple[str, ...]  # lexical tokens, as the index counts them
    wh_start: int  # where the question word stands in ``text`` (-1: none found)
    wh_end: int
    unit_hint: str  # the unit or counted noun the question asks for: "家", "company", "%"
    head_noun: str  # the noun a "什么" question asks for: "活动" in "举办了什么活动"
    anchors: tuple[str, ...]  # numbers and ordinals the evidence must mention
    names: tuple[str, ...]  # proper names and quoted terms the evidence must mention (folded)
    # Token -> its translations into the other language (sets of tokens that must all be
    # present); filled by the engine from the glossary, empty without one.
    translations: Mapping[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    # Token of a name -> the other forms the corpus gives the name ("wto" -> "世贸组织"'s bigrams).
    name_forms: Mapping[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    # The head noun in the other language ("museum" -> "博物馆"), as written; from the glossary too.
    head_translations: tuple[str, ...] = ()
    # Stems that may name the things an English "how many" counts: the words after it
    # ("foreign", "bank") and, from the glossary, their synonyms.
    counted: frozenset[str] = frozenset()
    # "How much did X rise?" / "增长了多少?" asks for the change ("by 5 percent"), not the level.
    asks_change: bool = False
    # Which way the asked change goes: 1 up ("rise", "增长", "多了"), -1 down ("shrink"), 0 unsaid.
    change_direction: int = 0
    # "以前要多久?" / "How long did it previously take?": of "from A to B", A (else B, as now).
    asks_earlier: bool = False

    @cached_property
    def own_tokens(self) -> frozenset[str]:
        """The question's tokens and their translations: what a span restating it is made of."""
        return frozenset({*self.tokens, *self.translated_tokens()})

    @cached_property
    def counted_noun(self) -> str:
        """The stem of the noun an English "how many" counts: the second word after it when
        that is a plural ("how many foreign firms" -> "firm"; the first word narrows the
        count), else the first ("how many firms joined" -> "firm", not the verb)."""
        match = _EN_COUNTED.search(self.text)
        if match is None:
            return ""
        first, _, second = match.group(1).partition(" ")
        noun = second if _EN_PLURAL.fullmatch(second) else first
        words = lexical_tokens(noun)
        return words[-1] if words else ""

    @cached_property
    def left_context(self) -> str:
        """The folded question before its question word, without the aspect particles, "是" and
        light verbs that stand for the real verb ("在馆里做什么" / "在馆里品尝咖啡")."""
        return re.sub(r"(?:[了过着是]|做|干|搞)+\s*$", "", fold(self.text[: self.wh_start]))

    def translated_tokens(self) -> tuple[str, ...]:
        """Every token of every translation, in order (a repeated one counts again in BM25)."""
        return tuple(t for alts in self.translations.values() for alt in alts for t in alt)

    @cached_property
    def translated_heads(self) -> tuple[Question, ...]:
        """The question with its asked noun in the other language ("which museum" -> "博物馆"),
        one per translation: made once, so their cached views last the whole question."""
        return tuple(replace(self, head_noun=noun) for noun in self.head_translations)

    @cached_property
    def asked_items(self) -> int:
        """How many items a list question asks for ("哪五停?" -> 5), 0 if it names no number
        (asked of every candidate span, so found once per question)."""
        return asked_item_count(self.text)

    @cached_property
    def asks_total(self) -> bool:
        """Whether the question asks about a whole ("一共", "in total"), not a part of it."""
        return _ASKS_TOTAL.search(self.text) is not None

    @cached_property
    def asks_expansion(self) -> bool:
        """Whether the question asks what a name stands for ("What does NATO stand for?")."""
        return _ASKS_EXPANSION.search(self.text) is not None

    @cached_property
    def equivalents(self) -> Mapping[str, tuple[frozenset[str], ...]]:
        """Token -> every other way a text may say it: translations and the name's other forms
        (asked for every sentence read, so made once per question). A question asking what a
        name stands for has its other forms as the answer, not as its own words."""
        merged = dict(self.translations)
        if self.asks_expansion:
            return merged
        for token, forms in self.name_forms.items():
            merged[token] = (*forms, *merged.get(token, ()))
        return merged


# "What does NATO stand for?", "全称是什么?": the name an abbreviation is short for.
_ASKS_EXPANSION = re.compile(
    r"\b(?:stands? for|short for|abbreviation|acronym|full (?:name|form)|spelled out)\b"
    r"|缩写|简称|全称|全名|代表什么|什么意思",
    re.IGNORECASE,
)
# Nouns of a value ("a fair price", "a good share"): what they ask is a figure, not a meaning.
_EN_MEASURE_NOUNS = (
    "price|cost|rate|share|number|amount|total|value|fee|figure|percentage|level|sum|size"
)
# Ordered: the first pattern that matches decides. Each is a phrase of the language's grammar of
# questions, never a word of a particular article.
# Verbs of a change in amount, by direction ("增长了多少" asks for the change, "增长80%" states it).
_ZH_UP_VERBS = "增长|增加|提高|提升|上升|上涨|上调|扩大|延长|增产|涨"
_ZH_DOWN_VERBS = "下降|下跌|下调|减少|降低|缩小|缩短|减产"
ZH_CHANGE_VERBS = f"{_ZH_UP_VERBS}|{_ZH_DOWN_VERBS}"
# Change without a direction: what a follow-up about another subject asks ("变化了多少").
ZH_NEUTRAL_CHANGE = "变化"
# What follows a change verb that asks for its size: "增长了多少", "提高了百分之几".
ZH_CHANGE_AMOUNT = r"了?(?:百分之)?(?:多少|几)"
_EN_UP_VERBS = (
    r"rise|rises|rising|rose|risen|grow|grows|growing|grew|grown|increas(?:e[sd]?|ing)"
    r"|go(?:ne)? up|went up|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|expand(?:s|ed|ing)?"
    r"|advanc(?:e[sd]?|ing)|gain(?:s|ed)?"
)
_EN_DOWN_VERBS = (
    r"fall|falls|falling|fell|fallen|drop(?:s|ped|ping)?|declin(?:e[sd]?|ing)"
    r"|decreas(?:e[sd]?|ing)|go(?:ne)? down|went down|shrink(?:s|ing)?|shrank"
    r"|contract(?:s|ed|ing)?"
)
EN_CHANGE_VERBS = f"{_EN_UP_VERBS}|{_EN_DOWN_VERBS}"
# "比去年多了多少": "比" as a preposition, not the one of "比赛", "比例", "对比".
_ZH_COMPARED = r"(?<![对相])比(?![赛例较重率分如方拼喻])[^，,。?？]{1,8}?"

# Auxiliaries after which a plural is the subject, not the thing asked for ("What do farmers …").
EN_AUXILIARIES = "do|does|did|have|has|had|will|would|can|could|should|may|might|must"
EN_HOW_MEASURED = r"(?:many|much|large|big|long|heavy|old|far)"
# "how" with any other word of degree before a verb asks for a figure too, a measure or a share
# ("How strong were the gusts?": "55 mph"; "How crowded was the hall?": "about 90%"); not an
# adverb ("how well", "how seriously"), a judgement ("how important") or "how come".
EN_HOW_DEGREE = re.compile(
    rf"\bhow (?!{EN_HOW_MEASURED}\b)"
    r"(?!(?:come|so|soon|well|important|significant|serious|bad|good|hard|easy|difficult"
    r"|true|sure)\b|[a-z]+ly\b)[a-z]+(?= (?:is|was|are|were|did|does|do|has|have|had|will"
    r"|would|can|could)\b)",
    re.IGNORECASE,
)
# What may stand between "which" and its noun: a kind ("which kind of shops") and up to two
# modifiers ("which Chinese city", "which medical tech company"), never a function word ("what
# does the company …"); a number too ("which three cities"), which makes the question a list
# one, so the answer types leave it out.
_EN_KIND_OF = r"(?:(?:kinds?|types?|sorts?|forms?|categor(?:y|ies)) of\s+)?"
_EN_WHICH_MODIFIER = r"(?-i:[A-Z][\w-]*\s+)?"  # the head noun follows at most a capitalised one
EN_IRREGULAR_PARTICIPLES = (
    "known|given|taken|shown|seen|made|held|built|sold|paid|won|set|cut|put|brought|bought"
    "|found|told|said|spent|grown|drawn|chosen|written|driven|begun|hit|run|led|met|kept|left"
    "|lost|sent|struck|thrown|undertaken|broken|spoken|done"
)
_EN_NOT_MODIFIER = (
    rf"(?:of|the|an?|its|their|this|that|these|those|is|are|was|were|{EN_AUXILIARIES}"
    r"|\d+|two|three|four|five|six|seven|eight|nine|ten)"
)
# "which", "what", and "what is the name of the" before the noun asked for.
_EN_WHICH = (
    rf"(?:which {_EN_KIND_OF}|what (?:(?:is|was|are|were) the names? of (?:the |an? )?)?)"
    rf"(?:(?!{_EN_NOT_MODIFIER}\b)[\w-]+\s+){{0,2}}"
)
# Nouns that name a person by what they are or do ("which UN official", "what photographer").
EN_PERSON_NOUNS = (
    r"(?:person|people|official|leader|expert|economist|analyst|scholar|researcher|professor"
    r"|photographer|reporter|journalist|editor|author|writer|director|manager"
    r"|spokes(?:man|woman|person)|minister|president|chairman|chairwoman|ambassador|envoy"
    r"|representative|founder|athlete|judge|lawyer|attorney|prosecutor|mayor|governor|senator"
    r"|scientist|archaeologist|engineer|coach|player|doctor|champion|winner|arbiter|referee"
    r"|business(?:man|woman|person|men|women|people)|entrepreneur|benefactor|philanthropist"
    r"|composer|conductor|pianist|violinist|cellist|singer|actress|novelist|poet|architect"
    r"|villager|council+or|lawmaker|surgeon|firefighter|curator)s?"
    # (not "chief", "executive", "speaker", "artist", "donor", "investor", "farmer", "resident",
    # "teacher", "nurse", "politician": as often a modifier of another noun, "donor countries")
)
_EN_HYPHENATED = r"[a-z]+(?:-[a-z]+)+"  # "long-term", "state-owned"
# Small counts written as words: "which three conditions", "what two options".
_EN_SMALL_NUMBERS = {
    word: n
    for n, word in enumerate("two three four five six seven eight nine ten".split(), start=2)
}
_EN_COUNT_WORD = rf"(?:{'|'.join(_EN_SMALL_NUMBERS)}|\d+)"
_EN_WHICH_COUNT = rf"(?:{_EN_COUNT_WORD}\s+)?"
# "How did the index change (in 2024)?" asks by how much, "How did the city change its rules?"
# does not: nothing but a time or a comparison follows the verb.
EN_HOW_CHANGED = (
    r"\bhow (?:did|has|have|does|do)\b[^?,]*\b(?:change|changed|move|moved|shift|shifted)\b"
    r"(?=\s*(?:[?.]|$|(?:in|from|over|between|since|during|last|compared)\b))"
)
# A year, or a year said from now ("last year", "去年").
YEAR_SAID = r"(?<!\d)(?:19|20)\d{2}(?!\d)|\b(?:last|this|next)\s+year\b|[去今明前]年|上年"
# Sums of money paid for something, named by what they are.
EN_CHARGES = r"fares?|fees?|tolls?|fines?|rents?|salar(?:y|ies)|wages?"
# Amounts of a thing made, moved or used: a figure of the thing, never a sum of money.
EN_AMOUNTS_OF_THINGS = (
    "output|production|yield|harvest|capacity|ridership|attendance|throughput|consumption|emissions"
)
AMOUNT_OF_THINGS = re.compile(
    rf"\b(?:{EN_AMOUNTS_OF_THINGS})\b|产量|产能|容量|客流量|吞吐量|排放量|用电量|用水量",
    re.IGNORECASE,
)


# A time said after a verb of value: "What had the debt reached by 2030?"
_EN_TIME_AFTER_VALUE = r"(?:in|by|on|at|during|after|before|over)\b"
# … and after "reach", a year or a month only ("What did the talks reach in Geneva?" asks a deal)
_EN_BY_A_TIME = (
    r"(?:by|in)\s+(?:the end of\s+)?"
    r"(?:(?:19|20)\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)


_EN_TYPES: tuple[tuple[AnswerType, str], ...] = (
    (
        AnswerType.PERCENT,
        r"\bby how much\b|\bwhat (?:[\w-]+ )?(?:percentage|percent|share|rate|proportion|stake)\b"
        # "How much of the water is reused?" asks for a part of it: a share first.
        r"|\bhow much of (?:the|its|their|his|her|this|that)\b"
        # Narrower than the change verbs on purpose: "how much did X expand / gain" asks for
        # an amount as often as for a percentage (measured: the full list typed one more gold
        # test question as a percentage and lost its sentence).
        # (not a compound's part: "wheat-growing farms")
        r"|\bhow much\b.*(?<!-)\b(?:grow|grew|rise|rose|increase|decline|fall|fell|drop)"
        # "How did the index change?" asks by how much (and which way)
        rf"|{EN_HOW_CHANGED}"
        # "What was the year-on-year increase?": the size of a change
        # (its modifiers, not "the reason for the decline")
        r"|\bwhat (?:is|was|were|are) the (?:(?!(?:of|for|in|on|to|behind|about|after|from|the"
        r"|reason|cause|effect|impact|result)\b)[\w-]+ ){0,2}(?:increase|growth|rise|decline"
        r"|decrease|drop|fall|gain)(?=\s*(?:[?.!(（]|$)|\s+(?:in|from|since|over|compared|on)\b)"
        r"(?! (?:in) (?:the )?(?:number|amount)\b)"
        r"|\bhow many percent",
    ),
    (
        AnswerType.DATE,
        # "when" asks unless another question word opens ("What fee did it pay when …?")
        r"^(?!\W*(?:(?:and|but|so|then)\s+)?(?:what|which|who|whom|whose|where|why|how)\b)"
        r".*?\bwhen\b"
        r"|\bwhat (?:date|day|year|month|time|deadline)\b|\bwhich (?:date|day|year|month)\b"
        r"|\bwhat (?:is|was|were) the (?:[\w-]+ )?(?:date|deadline)\b"
        r"|\bin what year\b|\bsince when\b|\bhow long ago\b",
    ),
    (
        AnswerType.NUMBER,
        rf"\bhow {EN_HOW_MEASURED}\b|{EN_HOW_DEGREE.pattern}"
        r"|\bwhat (?:is|was|were) the (?:number|total|amount|size|value|scale|area|count)\b"
        r"|\bthe number of\b|\bwhat number\b"
        # a terse "count of X?", "what was the tally of X?"
        r"|^\W*(?:the\s+)?(?:number|count|tally|total) of\b|(?-i:\bthe (?:count|tally) of\b)"
        # "What value did the debt reach?", "What level had the river risen to?": the noun right
        # before the verb ("what value chain", "what figure skater", "what level of" name kinds).
        rf"|\bwhat (?:value|figure|level|sum|amount|total)\s+(?:is|was|were|are|{EN_AUXILIARIES})\b"
        # "What was the unemployment rate in May?": a measure asks for a number.
        r"|\bwhat (?:is|was|were|are)\b[^?]*\b(?:index|rate|value|total|amount|figure|level"
        r"|score|population|revenue|turnover|volume)\b"
        # money the noun asked for is ("What were adjusted earnings per share?"), not a
        # modifier of another noun ("What is her sales target?")
        r"|\bwhat (?:is|was|were|are)\b[^?]*\b(?:sales|profits?|earnings|income|margins?"
        rf"|expenditure|budget|price|dividend|deficit|estimate|{EN_CHARGES}"
        # and amounts of a thing made, moved or used ("What was the county's apple output
        # last year?"; not "the production company")
        rf"|{EN_AMOUNTS_OF_THINGS})"
        r"(?=\s*(?:[?.!]|$)|\s+(?:in|for|of|per|from|at|on|during|this|last|when|before|after"
        r"|now|currently|today|so far|to date)\b)"
        # "What did the debt stand at in 2010?", "What had it fallen to by May?", "What has
        # the debt reached?": a verb of value asks for a number.
        r"|\bwhat (?:did|does|do|will|has|have|had)\b[^?]*\b(?:(?:stand|stood) at"
        r"|(?:amount|come|came|fall|fell|fallen|drop|dropped|rise|rose|risen|climb|climbed"
        r"|grow|grew|grown|shrink|shrank|shrunk|slip|slipped|jump|jumped) to"
        rf"|reach(?:ed)?(?=\s+{_EN_BY_A_TIME}))"
        rf"(?:\s+{_EN_TIME_AFTER_VALUE}[^?]*)?\W*$",
    ),
    (
        AnswerType.LOCATION,
        # Plural places ("which cities") are a list, as "哪些城市" is.
        rf"\bwhere\b|\b{_EN_WHICH}(?:city|country|place"
        r"|venue|province|region|continent|location)\b",
    ),
    (
        AnswerType.ORGANIZATION,
        rf"\b{_EN_WHICH}(?:organi[sz]ations?|compan(?:y|ies)|institutions?"
        r"|agenc(?:y|ies)|firms?|brands?|banks?|bod(?:y|ies)|forums?|enterprises?|groups?"
        r"|departments?|ministr(?:y|ies)|universit(?:y|ies)|committees?|commissions?|councils?"
        r"|associations?|bureaus?|fund|funds|teams?|clubs?|publishers?|outlets?|cooperatives?"
        r"|co-ops?|authorit(?:y|ies)|shipyards?|regulators?|institutes?|foundations?|charit(?:y|ies)"
        r"|airlines?|newspapers?|broadcasters?|startups?|start-ups?|conglomerates?|insurers?"
        r"|lenders?|retailers?|carmakers?|automakers?|manufacturers?|suppliers?|studios?)\b"
        # "which ministry official" asks for a person ("which bank's analysts" for the bank)
        rf"(?!\s+{EN_PERSON_NOUNS}\b)"
        # "Whose robots put on a show?": an owner of things, more often a company than a person
        # (a person is the fallback when the sentence names no organisation)
        r"|^\W*whose (?:[\w-]+ ){0,2}(?:robots?|products?|booths?|stands?|stalls?|pavilions?"
        r"|brands?|exhibits?|displays?|machines?|devices?|cars?|vehicles?|goods|shops?|stores?"
        r"|factor(?:y|ies)|plants?|technolog(?:y|ies)|services?)\b",
    ),
    # "Who is the Harbour Authority spokesman?" names a role (a common noun after the capitals)
    # and asks for the person; "Who is the Dalai Lama?" asks what the named one is.
    (
        AnswerType.DEFINITION,
        r"^(?!\s*(?i:who) (?i:is|was|are|were) the (?:[A-Z][\w’'.-]*\s+)+(?!(?:of|and|for)\b)[a-z])"
        r"\s*(?i:who|what) (?i:is|was|are|were) (?!the (?:number|total))(?:the )?[A-Z\"“]"
        # not of a possessive: "What is Jane Roe's new target?" asks for the target; nor of a
        # verb's subject: "Who is Jane Roe replacing?" asks for the one she replaces
        r"(?![\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*(?:['’]s\s|\s+[a-z]+(?:ing|ed)\b))",
    ),
    # "What is a sandbox clause?", "What is a tie-break, as the article puts it?": a kind of
    # thing named with "a", alone in the question, asks what it is; a measure asks for a value
    # ("What is a fair price, according to the union?").
    (
        AnswerType.DEFINITION,
        r"^\W*(?i:what (?:is|are) an?) (?![\w-]+ (?:of|for|that|which|who|to)\b)"
        rf"(?![\w -]*\b(?:{_EN_MEASURE_NOUNS})\b)[\w -]{{2,40}}?"
        r"\s*(?:\?|,\s+(?:as|according to the (?:article|report|text|story))\b|$)",
    ),
    # "What position did Jane Roe hold?" asks what she is, as "Who is Jane Roe?" does.
    (
        AnswerType.DEFINITION,
        r"(?i:\bwhat (?:position|post|title|role|job)s? (?:did|does|has|had|is|was) )[A-Z]"
        r"|(?i:['’]s (?:position|post|title|job)\W*$)",
    ),
    (AnswerType.PERSON, rf"\bwho\b|\bwhom\b|\bwhose\b|\b{_EN_WHICH}{EN_PERSON_NOUNS}\b"),
    (
        AnswerType.LIST,
        # A plural noun after what/which ("which sectors"), not a verb ("which report was").
        # After "what do/did" the plural is the subject ("What do farmers grow?").
        r"\b(?:what|which) "
        rf"(?!(?:{EN_AUXILIARIES}|is|are|was|were)\b)(?:\w+ )?"
        r"(?!(?:was|is|has|does|this|its|his|us)\b)\w+s\b(?! of the)"
        # "which long-term goals did …": after a hyphenated modifier, a plural the verb follows
        # ("which co-founder leads" asks for one person).
        rf"|\b(?:what|which) {_EN_HYPHENATED} \w+s\b(?=\s+(?:{EN_AUXILIARIES}|are|were)\b)"
        # "List the …" asks for a list; "at list prices" does not
        r"|^\W*(?:(?:please|can you|could you)\s+)?list\b|\bname (?:the|some)\b",
    ),
)
# Question words; also used by chat.py to tell a question from a fragment.
EN_WH = re.compile(
    rf"\b(?:how {EN_HOW_MEASURED}|what|which|who|whom|whose|when|where|why"
    r"|how)\b",
    re.IGNORECASE,
)

# Measure words of things (not of times: 次, 届, 年): "三台", "这张", "多少家", "哪首歌".
ZH_MEASURE_WORDS = "个位名家座台款种类项件只辆架部套批场张份篇条处首本册"
# A Chinese question word of count with its measure word: "多少家", "几所", "多少户".
ZH_COUNT_WORD = rf"(?:多少|几)[{ZH_MEASURE_WORDS}所户]?"
# Last characters of words that name what a person is: 冠军, 局长, 运动员, 火炬手, 教练, 主任 …
ZH_ROLE_ENDINGS = "军长员手师任官理席记练裁授士家"
# … and words for people that end otherwise (not every 生 is one: 卫生, 民生, 人生).
_ZH_PERSON_WORD_ENDS = (
    *("学生", "医生", "考生"),
    *("大户", "农户", "养殖户", "商户", "住户", "农民", "渔民"),  # who farm, fish or keep a shop
)


def is_person_word(word: str) -> bool:
    """Whether a Chinese word names what a person is ("局长", "大学生")."""
    return len(word) >= 2 and (word[-1] in ZH_ROLE_ENDINGS or word.endswith(_ZH_PERSON_WORD_ENDS))


# Words for what a person is: "李明担任什么职务?" asks for the title before the name.
ZH_ROLE_WORDS = "职务|职位|头衔|身份"
# Rates that are percentages: interest, tax, unemployment, inflation, return, coverage, the
# share of rooms, seats or people that are used, present or done … (not 汇率, 分辨率, 出生率 ‰)
_ZH_PERCENT_RATES = (
    "利|税|失业|就业|通胀|收益|回报|占有|覆盖|渗透|普及|成功|合格|达标|利用|入学|存活|治愈|有效"
    "|入住|上座|出勤|完成|使用|通过|投票|转化|留存|控制|满意|接种|参保|准确|正确|空置"
)
# A day of the week asked for (not "每周几次", "一周几天": how often in a week).
_ZH_ASKS_WEEKDAY = r"(?<![每一])(?:星期|周|礼拜)几(?![次天日回])"
_ZH_TYPES: tuple[tuple[AnswerType, str], ...] = (
    (
        AnswerType.PERCENT,
        r"百分之(?:几|多少)|百分比|增幅|增长率|增速|(?:增长|增加|下降|提高|上升)了?(?:多少|几)"
        # a share: "占了多大比重", "占比是多少" (not "比例", often a ratio: "男女比例")
        r"|(?:多大|多少)的?(?:比重|占比)|(?:比重|占比)(?:是|为|有)?(?:多少|几)"
        # a rate said in percent ("存款利率下调到了多少"), unlike "分辨率" or "汇率"
        rf"|(?:{_ZH_PERCENT_RATES})率[^，,。？?]{{0,6}}(?:多少|几)",
    ),
    (
        AnswerType.DATE,
        r"什么时候|何时|哪天|哪一天|哪几天|哪几年|几月几[日号]|几号|哪一?年(?!的)|什么时间|"
        r"哪几?个月|"
        rf"什么日子|哪一?日|(?:截止|最后)(?:日期|期限)|{_ZH_ASKS_WEEKDAY}",
    ),
    (
        AnswerType.NUMBER,
        r"多少|(?<!哪)几(?!乎)|多大|多高|多长|多重|多远|多久|多深|多宽|多厚|多快|规模如何",
    ),
    (AnswerType.DEFINITION, rf"什么(?:{ZH_ROLE_WORDS})|担任什么"),  # what the person is
    # "院长叫什么名字?": the name of a person, said by a role or a pronoun
    (
        AnswerType.PERSON,
        r"谁|哪位|何人|什么人"
        rf"|(?<!国)(?:[人者{ZH_ROLE_ENDINGS}]|{'|'.join(_ZH_PERSON_WORD_ENDS)}|他|她)"
        r"(?:的名字(?:是|叫)|名?叫)什么(?:名字)?"
        # "这位种植大户叫什么名字?": 位 counts people
        r"|(?<!第)[这那一]位(?!于)[^，,。？?的]{0,12}?(?:的名字(?:是|叫)|名?叫)什么",
    ),
    (
        AnswerType.LIST,
        r"哪些|哪[两二三四五六七八九十几][个座家位名项种类]?",
    ),  # "哪三家公司": more than one
    (
        AnswerType.LOCATION,
        # a modifier may stand before the kind of place: "哪座外国城市", "哪个非洲国家"
        rf"哪里|哪儿|何地|何处|在哪|哪[一二两三四五六七八九十几]?[个座]?"
        rf"(?:(?![{ZH_MEASURE_WORDS}])[\u4e00-\u9fff]){{0,2}}?"
        r"(?:城市|国家|地方|省|地区|地点|场所)|哪[个座]?[\u4e00-\u9fff]?[馆厅区场院站港]|什么地方"
        r"|哪一?国(?![际内企])",  # "哪国来的"
    ),
    (AnswerType.ORGANIZATION, r"哪[家个]|什么(?:企业|公司|机构|品牌|组织|银行)"),
    # "X是什么?" asks what X is; "X是什么乐器?" asks for a kind of instrument (its head noun).
    (AnswerType.DEFINITION, r"(?<!的)是什么(?:意思|含义)?[?？]?$|什么是|指什么|指的是什么|是指"),
)
ZH_WH = re.compile(
    # "几乎" (almost) is no question word
    r"百分之几|什么时候|几月几[日号]|多少|几(?!乎)|谁|哪[些里儿个家位天年座一]?|何[时地处人]|什么|多[大高长重远久]"
)

# (past a comparative: "how many more seats" counts seats, "how much more did it earn" none)
_EN_UNIT_AFTER_WH = re.compile(
    r"\bhow (?:many|much) (?:(?:more|fewer|less|extra) )?([a-z]+)", re.IGNORECASE
)
_EN_COUNTED = re.compile(r"\bhow many ([a-z]+(?: [a-z]+)?)", re.IGNORECASE)
# "How many of the 80 buildings were homes?" counts homes, the part, not the whole (not "How
# many of them were sold?", a verb's participle).
_EN_COUNTED_PART = re.compile(
    r"\bhow many of (?:the|them|these|those|its|their)\b[^?]*?\b(?:were|are|was|is)"
    rf" (?![a-z]+ed\b|(?:{EN_IRREGULAR_PARTICIPLES})\b)([a-z]+(?: [a-z]+)?)",
    re.IGNORECASE,
)
_EN_PLURAL = re.compile(r"[a-z]+(?<![sui])s", re.IGNORECASE)  # "firms", not "bus", "glass"
# The plural noun a question counts or picks from, right after "how many"/"which" at its start
# ("How many companies …", "In which cities …"; not a relative "… which makes"). One word only:
# in "Which city hosts …" a second word would be the verb.
_EN_ASKED_PLURAL = re.compile(
    r"^\W*(?:(?:and|but|so|in|from|to|of|at|for|with|by|on)\s+)?(?:how many|which)\s+"
    rf"({_EN_PLURAL.pattern})\b(?!['’])",
    re.IGNORECASE,
)


def asked_plural(text: str) -> str:
    """The plural things an English question counts or picks, as written and lower case
    ("How many bakeries opened?" -> "bakeries"), or ""."""
    match = _EN_ASKED_PLURAL.search(text)
    if match is None or match.group(1).lower() in _EN_NOT_THINGS:
        return ""
    return match.group(1).lower()


_ZH_UNIT_AFTER_WH = re.compile(r"(?:多少|几)([^\s\d,，。?？!！、的]{1,3})")
# Chinese units and measure words a number may carry, longest first ("平方公里" before "公里",
# "个月" before "个"). Not 部 nor 头 ("一部分", "两头" are no counts; see ``ZH_COUNTED_UNITS``)
# nor 度 ("年度").
ZH_UNITS = tuple(
    sorted(
        (
            "平方公里 平方千米 平方米 立方米 公顷 亩 公里 千米 厘米 毫米 米 英里 海里"
            " 公斤 千克 克 吨 斤 升 亿美元 万美元 美元 亿欧元 万欧元 欧元 亿元 万元 元"
            " 人次 架次 班次 车次 标箱 千瓦时 万千瓦 千瓦 兆瓦 小时 分钟 秒 个月 周年 周 天 年"
            " 个 家 项 名 人 场 件 届 次 台 款 位 倍 条 座 种 批 户 所 辆 架 艘 列 趟 只 张 份"
            " 篇 套 棵 株 册 盏 摄氏度 ℃ 百帕 千帕 毫升 毫克 级 周岁 岁"
        ).split(),
        key=len,
        reverse=True,
    )
)
# Measure words of counted things after a figure in digits: films (12部), screens (3000块),
# satellites (6颗) … (after a numeral they open idioms: "一部分", "一本正经", "两块饼干").
ZH_COUNTED_UNITS = "部块本头匹首幅支颗枚栋间层节门类集轮"
# Units of time: a number in them is a span of time ("3小时", "2 hours"), not a count.
ZH_TIME_UNITS = frozenset("小时 分钟 秒 个月 周 天 年".split())
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
_ZH_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
ANCHOR_PATTERN = re.compile(
    r"(?P<ord_num>\d+)(?:st|nd|rd|th)\b"
    r"|\b(?P<ord_word>" + "|".join(_ORDINAL_WORDS) + r")\b"
    r"|第(?P<ord_zh>[一二两三四五六七八九十\d]+)[届次]"
    # "首飞", "首航": a maiden flight or voyage is the first ("首发" is a product's debut)
    r"|(?P<ord_first>首届|首[个次位批飞航])"
    r"|(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)",
    re.IGNORECASE,
)


# Words that ask what a person is; like question words, no sentence needs to hold them.
_ROLE_WORDS = re.compile(rf"\b(?:position|post|title|role|job)s?\b|{ZH_ROLE_WORDS}", re.IGNORECASE)
_DOCUMENT_REFERENCE = re.compile(
    r"\b(?:according to |in |from |as )?(?:the|this|that)\s+(?:(?:English|Chinese|news)\s+)?"
    r"(?:article|photo story|news story|news report)(?:['’]s)?\b"
    # "本文"/"文中" only as words of their own: not inside "日本文化" or "论文中"
    r"|(?:这篇|本篇|该篇?|此)(?:文章|图片故事|报道|稿件|组图|图文)"
    r"|(?<![\u4e00-\u9fff])(?:文中|本文)|(?<=[这那该此])(?:文中|本文)",
    re.IGNORECASE,
)


def analyze(text: str) -> Question:
    """Take a question apart: language, answer type, wh-phrase position, tokens, unit, anchors."""
    language = detect_language(text)
    answer_type = _answer_type(text, language)
    unit_hint = _unit_hint(text, language)
    if answer_type is AnswerType.OTHER and (unit_hint == MONEY or unit_hint in MEASURES):
        answer_type = AnswerType.NUMBER  # "What were the deals worth?" asks for an amount
    wh_pattern = ZH_WH if language is Language.ZH else EN_WH
    wh = wh_pattern.search(text)
    # Question words are not evidence: "多大" must not match "大舞台"; nor is a mention of the
    # article itself ("这篇报道", "the English article"), whose words its text need not hold.
    content = _DOCUMENT_REFERENCE.sub(" ", wh_pattern.sub(" ", text))
    if answer_type is AnswerType.DEFINITION:  # "what is her position?": the kind of answer
        content = _ROLE_WORDS.sub(" ", content)
    return Question(
        text=text,
        language=language,
        answer_type=answer_type,
        tokens=tuple(dict.fromkeys(lexical_tokens(content))),
        wh_start=wh.start() if wh else -1,
        wh_end=wh.end() if wh else -1,
        unit_hint=unit_hint,
        head_noun=_head_noun(text) if language is Language.ZH else _en_head_noun(text),
        anchors=_anchors(text),
        names=_names(text),
        counted=_counted(text),
        asks_change=answer_type in NUMERIC_TYPES and bool(_CHANGE_QUESTION.search(text)),
        change_direction=asked_direction(ZH_WH.sub(" ", text)),  # the 少 of 多少 is no fall
        asks_earlier=bool(_ASKS_EARLIER.search(text)),
    )


# A question about how things were before a change.
_ASKS_EARLIER = re.compile(
    r"以前|原来|原先|此前|最初|起初|当初|\b(?:previously|formerly|used to|originally|initially)\b"
    # "the figure a year earlier", "the previous forecast", "上一年" (not "前年": two back)
    r"|\b(?:a|one|the) (?:year|quarter|month|decade) (?:earlier|before)\b|\bprevious\b"
    r"|上一?(?:年|季度|个月)|前一(?:年|季度|个月)",
    re.IGNORECASE,
)


_CHANGE_QUESTION = re.compile(
    rf"{EN_HOW_CHANGED}|"
    rf"\b(?:{EN_CHANGE_VERBS})\b|(?:{ZH_CHANGE_VERBS}|{ZH_NEUTRAL_CHANGE}){ZH_CHANGE_AMOUNT}"
    r"|\bhow much\b[^?]*\bchange\b"
    # comparisons ask for the difference: "比去年多了多少", "how many more … than"
    rf"|{_ZH_COMPARED}[多少高低快慢早晚][\u4e00-\u9fff]?了?(?:多少|几)"
    r"|\bhow (?:many|much) (?:more|fewer|less)\b",
    re.IGNORECASE,
)
# Which way a change goes: in a question also "比去年多了多少" / "how many more"; in a sentence
# only its change verbs ("300多亿元", "不少" are no change).
_ASKED_UP = re.compile(
    rf"\b(?:{_EN_UP_VERBS}|more)\b|{_ZH_UP_VERBS}|{_ZH_COMPARED}[多高]", re.IGNORECASE
)
_ASKED_DOWN = re.compile(
    rf"\b(?:{_EN_DOWN_VERBS}|fewer|less)\b|{_ZH_DOWN_VERBS}|{_ZH_COMPARED}[少低]", re.IGNORECASE
)
_SAID_UP = re.compile(rf"\b(?:{_EN_UP_VERBS}|up)\b|{_ZH_UP_VERBS}", re.IGNORECASE)
_SAID_DOWN = re.compile(rf"\b(?:{_EN_DOWN_VERBS}|down)\b|{_ZH_DOWN_VERBS}", re.IGNORECASE)


def asked_direction(question: str) -> int:
    """1 when a question asks for a change upwards only, -1 downwards only, else 0."""
    return _direction(question, _ASKED_UP, _ASKED_DOWN)


def said_direction(text: str) -> int:
    """The direction of the last change verb of a stretch of a sentence ("imports were falling
    while exports were growing by" -> up), 0 without one."""
    ups = [m.end() for m in _SAID_UP.finditer(text)]
    downs = [m.end() for m in _SAID_DOWN.finditer(text)]
    if not ups and not downs:
        return 0
    return 1 if max(ups, default=-1) > max(downs, default=-1) else -1


def _direction(text: str, up: re.Pattern[str], down: re.Pattern[str]) -> int:
    return int(bool(up.search(text))) - int(bool(down.search(text)))


def _counted(text: str) -> frozenset[str]:
    """The stems of the (at most two) words after "how many": the counted noun is one of them
    ("how many banks", "how many foreign banks")."""
    match = _EN_COUNTED_PART.search(text) or _EN_COUNTED.search(text)
    return frozenset(lexical_tokens(match.group(1))) if match else frozenset()


# "Why did the number of exhibitors jump?" asks for a reason, whatever else its words ask.
# "Why …?", and the questions that ask for a cause in other words.
EN_ASKS_WHY = re.compile(
    r"^\W*(?:(?:and|but|so)\s+)?(?:why|how come|what(?:['’]s| is| was| lies| lay)? behind"
    r"|what (?:is|was) the reason for|for what reason"
    # "What caused the delay?", "What did the mayor credit for the fall?" ask for a cause too
    r"|what (?:caused|causes|led to|leads to|prompted|triggered|sparked)"
    # (not "What did the coach blame on bad luck?", which asks the effect)
    r"|what (?:did|does|do|has|have|had) [^?]*?\b(?:(?:credit(?:ed)?|blamed?) for\b"
    r"|(?:attribut(?:e|ed)|blamed?)\b[^?]*\b(?:to|on)\W*$))",
    re.IGNORECASE,
)
_ASKS_WHY = re.compile(
    rf"{EN_ASKS_WHY.pattern}|^[^哪谁几多]*?(?:为什么|为何)|什么原因|原因(?:是什么(?!时)|何在)"
    r"|(?:归功于|归因于|归咎于)什么",
    re.IGNORECASE,
)


def asks_why(text: str) -> bool:
    """Whether the question asks for a cause ("Why …?", "为什么…?", "原因是什么?")."""
    return _ASKS_WHY.search(text) is not None


# "李明是谁?" asks who he is; "学校的校长是谁?", "项目总设计师是谁?" (a role) ask for a name.
_ZH_WHO_IS = re.compile(r"^([^，,。?？的]{1,12})是(?:谁|什么人)[?？]?$")


def _answer_type(text: str, language: Language) -> AnswerType:
    if _ASKS_WHY.search(text):
        return AnswerType.OTHER
    who_is = _ZH_WHO_IS.match(text) if language is Language.ZH else None
    if who_is:
        return AnswerType.DEFINITION if _ends_with_a_name(who_is.group(1)) else AnswerType.PERSON
    table = _ZH_TYPES if language is Language.ZH else _EN_TYPES
    flags = 0 if language is Language.ZH else re.IGNORECASE
    for answer_type, pattern in table:
        # DEFINITION relies on the capital letter of a name, so it is matched case-sensitively.
        case = 0 if answer_type is AnswerType.DEFINITION else flags
        if re.search(pattern, text, case):
            return answer_type
    return AnswerType.OTHER


DURATION = "duration"  # unit hint of "how long" / "how many days" questions
MONEY = "money"  # unit hint of "how much does it cost" / "多少钱" questions
ORDINAL = "ordinal"  # unit hint of "第几届" / "which edition" questions
WEEKDAY = "weekday"  # unit hint of "which day of the week" / "星期几" questions
# Asked for a day of the week, which only a weekday's name answers.
_ASKS_WEEKDAY = re.compile(
    rf"\b(?:what|which) (?:day of the week|weekday)\b|{_ZH_ASKS_WEEKDAY}", re.IGNORECASE
)
WEEKDAY_NAME = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:星期|周|礼拜)[一二三四五六日天]",
    re.IGNORECASE,
)
# What marks a sum of money, in a question's unit or after a number.
# Currencies written as words after the figure ("1.12 billion Swedish kronor", "5,000 yen").
EN_CURRENCY_WORDS = (
    r"yuan|dollars|euros|kronor|kroner|krona|yen|won|rupees|francs|pesos|reais|rand|baht"
    r"|ringgit|lira|riyals|dirhams|zloty|roubles|rubles"
)
MONEY_MARK = re.compile(
    r"[$¥€£]|元|美元|欧元|yuan|dollar|euro|\bUSD\b|\bRMB\b"
    rf"|\b(?:{EN_CURRENCY_WORDS}|(?:million|billion) pounds|sterling)\b",
    re.IGNORECASE,
)
_MONEY_QUESTION = re.compile(
    r"多少钱|价格|售价|价值多少|花费|[交成销金]\w?额|\bcost\b|\bprice\b|\bworth\b"
    # income asked as such ("灯会带来了多少收入", "进账是多少"), not its growth ("收入增长了多少")
    r"|多少(?:收入|进账|营收|利润)|(?:收入|进账|营收|利润)(?:是|为|有)?多少"
    r"|\bhow much money\b"
    # nouns that are sums of money: "What upfront fee did it pay?", "What fine was imposed?"
    # ("What is the one-way adult fare?" as well)
    rf"|\b(?:what|which) (?:(?:is|was|are|were) the )?(?:[\w-]+ ){{0,2}}?(?:{EN_CHARGES}"
    r"|penalt(?:y|ies)|compensation|payments?|bonus(?:es)?|budgets?)(?![\w-])",
    re.IGNORECASE,
)
# Spending and funds asked about with no unit named: "花了多少经费", "总投资多少", "How much
# will it invest?" (not "花了多少天", "How much time did they spend").
_SPENDING_QUESTION = re.compile(
    r"(?:经费|资金|预算|耗资|造价|投资)(?:了|额|总额)?(?:是|为|有)?(?:多少|几)(?![天年月])"
    r"|花了多少(?:钱|经费|资金)?(?![天年月个家人])"
    # money earned: "多挣了多少", "增收多少", "How much more did the shop earn?"
    r"|(?:[挣赚]|增收)了?多少(?:钱)?(?![天年月个家人])"
    r"|\bhow much (?:more |less |extra )?(?:funding |capital |investment )?(?:does|did|do|will"
    r"|would|is|was|has|have|had)\b.*\b(?:invest(?:s|ed|ing)?|spen(?:d|ds|t|ding)"
    r"|pa(?:y|ys|id|ying)|earn(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)
# Questions that name a measure want a value in its units.
MEASURES = {
    "weight": (
        r"多重|重量|\bhow heavy\b|\bweigh",
        # ("jin" and "mu" are how English writes the Chinese 斤 and 亩)
        # (and their stems, as "how many tonnes" names them: "tonn", "kilometr", "hectar")
        r"公斤|千克|毫克|克|吨|斤|kg|kilograms?|tons?|tonn(?:es?)?|\bjin\b|catties",
    ),
    "length": (
        r"多高|多长|多远|多深|多宽|多厚|高度|长度|距离|深度|宽度|厚度"
        r"|\bhow (?:tall|high|far|deep|wide|thick|long (?:is|was|are|were|will))\b",
        # ("多少毫米" names the unit whole: a prefix before 米 is no counted noun)
        r"毫米|厘米|米|公里|千米|km|(?:kilo|centi|milli)?(?:meters?|metr(?:es?)?)|miles?",
    ),
    # "area" is a measure when asked of ("the area of", "how large an area"), not when it
    # names a place ("the picnic area?").
    "area": (
        r"面积|占地|多大(?:的)?(?:地方|场地)|\bhow (?:large|big|much)\b[^?]*\b(?:area|space)\b"
        r"|\bwhat (?:is|was|were) the (?:\w+ ){0,2}area\b|\barea (?:of|covered)\b"
        r"|\bsquare (?:met|kilomet)"
        # space for things, not space of a mind ("the space to innovate"): "floor space"
        r"|\b(?:floor|exhibition|exhibit|display|office|retail|storage|warehouse) space\b",
        r"平方|公顷|亩|square|hectar(?:es?)?|km2|\bmu\b",
    ),
    # A person's age: "54岁", "a 47-year-old", "aged 80 or over" (the word before it).
    "age": (
        # (not a condition on the things counted: "有几部的导演年龄不满40岁?")
        r"多大年纪|多少岁|几岁|年龄(?:是|为|有)?(?:多大|多少|几)|岁数"
        r"|\bhow old\b|\b(?:at )?what age\b"
        r"|\bwhat (?:is|was|are|were) (?:the |his |her |their )?(?:average |median )?ages?\b",
        r"岁|\byears?\b",
    ),
    # How many people live somewhere: "人口约3.6万", "a population of 86,000", "3.6万人口".
    "population": (
        r"人口|\bpopulation\b",
        r"人口|\b(?:residents|inhabitants)\b",  # not "people": "300 people left" is no population
    ),
}
# What each measure is called in either language, as the index writes it: a question asking
# for an area looks for "面积" in an article of the other language, though none of its own
# words may translate so ("How big was the floor space?").
MEASURE_NAMES: dict[str, dict[Language, tuple[str, ...]]] = {
    "area": {Language.ZH: ("~面积",), Language.EN: ("area",)},
    "weight": {Language.ZH: ("~重量",), Language.EN: ("weight",)},
    "population": {Language.ZH: ("~人口",), Language.EN: ("popul",)},
}
# The words that name a measure before its figure rather than after it ("aged 80", "人口约3.6万").
MEASURE_LEADS = {
    "age": r"(?:\baged|\bages? of|年龄|享年|(?<=[a-z]),)\s*$",
    "population": r"(?:人口|\bpopulation(?:\s+of\s+[^,.;]{1,40}?)?(?:\s+(?:of|is|was|stood at"
    r"|stands at|reached|totals?))?)\s*(?:为|达|有|是)?\s*$",
}
EN_TIME_UNITS = frozenset({"day", "year", "week", "month", "hour"})
# Words ending in -s that name no plural things, or a span of time ("how many times / years").
_EN_NOT_THINGS = frozenset(
    {"news", "series", "species", "means", "times", "minutes", *(f"{u}s" for u in EN_TIME_UNITS)}
)


_EN_HOW_MUCH = re.compile(r"\bhow much\b", re.IGNORECASE)
# Money asked by what it is ("how much revenue", "how much operating profit"), not how it moved
# ("how much revenue growth"; "how much did revenue rise" has no noun after "how much").
_EN_HOW_MUCH_MONEY = re.compile(
    # ("how much of the money" asks a share of it, not a sum)
    r"\bhow much (?!of\b)(?:[\w-]+ ){0,2}?(?:profit|revenue|sales|income|earnings|turnover|loss"
    r"|funding|investment|debt|cash|money|capital|aid|subsid(?:y|ies)|dividends?|financing|spending"
    rf"|compensation|damages|{EN_CHARGES})\b"
    r"(?!\s+(?:growth|increase|rise|decline|fall|drop|margin))",
    re.IGNORECASE,
)


_ASKS_DURATION = re.compile(
    # not of a thing that runs along the ground: "How long is the railway?" asks its length
    r"\bhow long\b(?! (?:is|was|are|were|will) (?:the |a |an |its |this |that )?(?:[\w-]+ ){0,4}?"
    r"(?:railway|railroad|rail line|line|road|highway|motorway|expressway|tunnel|bridge|river"
    r"|runway|pipeline|track|canal|coastline|border|wall|trail|cable|dam|pier|ship|vessel"
    r"|course)s?\b(?! (?:take|last|run|stay|remain|be closed|be shut)))|多久|多长时间|多少时间"
    r"|\bhow much (?:more |extra |longer |less )?time\b",
    re.IGNORECASE,
)
# "比上次提前了多少?", "快了多少?": how much sooner or later, with no unit named after it.
_ZH_TIME_GAINED = re.compile(r"(?:提前|推迟|缩短|延长|[早晚快慢])了?多少(?![\u4e00-\u9fff])")


def _unit_hint(text: str, language: Language) -> str:
    if _ASKS_WEEKDAY.search(text):
        return WEEKDAY
    if _ASKS_DURATION.search(text) or _ZH_TIME_GAINED.search(text):
        return DURATION
    ordinal = re.search(r"第几([届次期号])?|\bwhich edition\b", text, re.IGNORECASE)
    if ordinal:  # "第几次" wants "首次", "第几届" wants "第五届": the measure word is kept
        return f"{ORDINAL}:{ordinal.group(1) or ''}"
    if _MONEY_QUESTION.search(text):
        return MONEY
    for measure, (asks, _units) in MEASURES.items():
        if re.search(asks, text, re.IGNORECASE):
            return measure
    unit = _named_unit(text, language)
    # "多少平方米", "how many kilograms": a measure, not things counted. A Chinese unit may
    # run past the pattern's ("平方" + "米"); an English one is a whole word.
    tail = r"[\u4e00-\u9fff]?" if language is Language.ZH else ""
    for measure, (_asks, units) in MEASURES.items():
        if unit and re.fullmatch(rf"(?:{units}){tail}", unit, re.IGNORECASE):
            return measure
    if MONEY_MARK.search(unit):
        return MONEY  # "多少美元", "how many dollars": a sum of money
    if unit in EN_TIME_UNITS or unit in ZH_TIME_UNITS:
        return f"{DURATION}:{unit}"
    if not unit and _SPENDING_QUESTION.search(text):
        return MONEY
    if _EN_HOW_MUCH_MONEY.search(text):
        return MONEY  # "how much operating profit did it make?": a sum of money
    if _EN_HOW_MUCH.search(text):
        return ""  # "how much net profit": an amount of a mass noun, not a count of "net"
    if not unit and _counts_people_named_after(text):
        return PEOPLE_UNITS[0]
    return unit


# The measure words that count people: "3万人", "120名", "5位".
PEOPLE_UNITS = ("人", "名", "位")
# "选手里有多少是外国选手?": what is counted, named after "多少是", with no measure word.
_ZH_COUNTED_AFTER_IS = re.compile(r"(?:多少|几)(?:是|为)([\u4e00-\u9fff]{2,6}?)[?？]?$")
# Last characters of words for people as a count names them: 观众, 游客, 居民, 志愿者, 员工, 工人.
_ZH_PEOPLE_ENDINGS = ("众", "客", "民", "者", "工", "人")
_ZH_NOT_PEOPLE = ("机器人", "法人")


def _counts_people_named_after(text: str) -> bool:
    counted = _ZH_COUNTED_AFTER_IS.search(text)
    noun = counted.group(1) if counted else ""
    if not noun or noun.endswith(_ZH_NOT_PEOPLE):
        return False
    return is_person_word(noun) or noun.endswith(_ZH_PEOPLE_ENDINGS)


_ZH_COUNTED_IN = re.compile(r"按(?:照)?([\u4e00-\u9fff]{1,4}?)(?:计算|来算|算|计)")


def _named_unit(text: str, language: Language) -> str:
    """The unit or counted noun right after the question word ("多少家" -> "家")."""
    if language is Language.EN:
        match = _EN_COUNTED_PART.search(text) or _EN_UNIT_AFTER_WH.search(text)
        words = lexical_tokens(match.group(1)) if match else []
        return words[0] if words else ""  # "how much did ..." names no unit
    # (or named as what the figure is counted in: "按公顷算有多大?")
    match = _ZH_UNIT_AFTER_WH.search(text) or _ZH_COUNTED_IN.search(text)
    following = match.group(1) if match else ""
    return next((unit for unit in (*ZH_UNITS, *ZH_COUNTED_UNITS) if following.startswith(unit)), "")


def _head_noun(text: str) -> str:
    """The noun a "什么"/"哪个" question asks for: "举办了什么比赛" -> "比赛", "什么补贴政策" ->
    "补贴政策", "一款什么首次亮相的新车" -> "新车" (the head follows the last "的"), "哪个园区建了
    工厂" -> "园区" (the word right after the measure word), "是哪款智能手表?" -> "智能手表"."""
    which = re.search(rf"(是?){_ZH_WHICH_MEASURE}([\u4e00-\u9fff]{{1,12}})", text)
    if which:
        phrase = _PHRASE_END.split(which.group(2))[0]
        rest = text[which.start(2) + len(phrase) :].strip(" ?？")
        # "是哪款智能手表?" / "哪家咖啡馆是…" ask for the whole noun phrase; "在哪个展区发传单"
        # for the noun after the measure word.
        copula = rest.startswith("是") or (which.group(1) and not rest)
        return phrase if copula and _is_one_noun(phrase) else _first_word(phrase)
    which_ones = re.search(r"哪些([\u4e00-\u9fff]{1,12})", text)
    if which_ones:  # "哪些国家的企业" asks for countries; "哪些新兴行业?" for the whole phrase
        phrase = _PHRASE_END.split(which_ones.group(1))[0]
        ends = text.rstrip(" ?？").endswith(phrase)
        return phrase if ends and _is_one_noun(phrase) else _first_word(phrase)
    # ("什么时候", "什么地方" are question words of their own: "什么时候开幕" names no noun)
    match = re.search(
        r"(?:什么(?!时候|时间|地方)|何种|怎样的|怎么样的)([\u4e00-\u9fff]{1,12})", text
    )
    if not match:
        return ""
    phrase = _PHRASE_END.split(match.group(1).split("的")[-1])[0]
    if _is_one_noun(phrase):
        return phrase
    words = segmenter().lcut(phrase)
    return words[-1] if words else ""


# Where the noun phrase after "哪个"/"哪些" ends: a particle, a copula or a preposition.
_PHRASE_END = re.compile(r"[的是在有为了呢吗]")


def _is_one_noun(phrase: str) -> bool:
    """A compound noun ("电动自行车", "补贴政策": two words at most) is asked for whole; a
    longer phrase holds more than a noun."""
    return len(segmenter().lcut(phrase)) <= 2


def _first_word(phrase: str) -> str:
    words = segmenter().lcut(phrase)
    return words[0] if words else ""


def _en_head_noun(text: str) -> str:
    """The noun of a "which <noun>" question ("Which bridge was closed?" -> "bridge"): the
    answer is a name that holds it ("the Golden Gate Bridge")."""
    # The modifier is told by its capital ("which UN department"), so only "which" ignores case.
    modifier = (
        _EN_WHICH_COUNT
        + _EN_KIND_OF
        + _EN_WHICH_MODIFIER
        + _EN_HYPHENATED_MODIFIER
        + _EN_ADJECTIVE_MODIFIER
    )
    match = re.search(
        rf"\b(?i:which) {modifier}([a-z]{{3,}}{_EN_COMPOUND_TAIL})\b(?!-)", text
    ) or re.search(
        rf"\bwhat {modifier}([a-z]{{3,}}) (?:was|is|were|are|did|does|has|had|will)\b",
        text,
        re.IGNORECASE,
    )
    if match is None:
        # "What kind of lending out does …": the kind asked for may be two words.
        match = _EN_WHAT_KIND.search(text)
    if not match or match.group(1).lower() in _EN_FUNCTION_WORDS:
        return ""
    noun = match.group(1).lower()
    ends = not text[match.end() :].strip(" ?.!")
    if " " in noun and ends and _EN_OPENS_WITH_WHICH.match(text):
        return noun.split()[0]  # "Which company won?": the second word is the verb
    return noun


# A verb that ends the noun after "which": an auxiliary or a form of "be".
_EN_VERB_AFTER = rf"(?:{EN_AUXILIARIES}|is|was|are|were)\b"
# "which long-term goals did": a hyphenated modifier is no noun of its own, when the verb
# follows the word after it ("which co-founder leads" has no such noun).
_EN_HYPHENATED_MODIFIER = rf"(?:{_EN_HYPHENATED}\s+(?=[a-z]{{3,}}\s+{_EN_VERB_AFTER}))?"
_EN_IRREGULAR_PASTS = (
    "began|became|came|went|took|gave|ran|rose|fell|grew|saw|chose|drew|wrote|did|had"
)
# "Which regional court first ruled?": a word shaped like an adjective before another word is
# that word's modifier, unless the other word is the verb ("Which festival opened first?",
# "Which rival won?"; no tagger tells them apart, a verb's past form does).
_EN_ADJECTIVE_MODIFIER = (
    r"(?:[a-z]+(?:al|ic|ive|ous|ful|ese|ian|ish|ary|ern)\s+"
    rf"(?=(?![a-z]+ed\b|(?:{EN_IRREGULAR_PARTICIPLES}|{_EN_IRREGULAR_PASTS})\b|{_EN_VERB_AFTER})"
    r"[a-z]{3,}\b))?"
)
# "which trade fair is …", "… in which trade fair?": a second noun before the verb or the end
# makes one compound noun with the first.
_EN_COMPOUND_TAIL = rf"(?: (?!{_EN_VERB_AFTER})[a-z]{{3,}}(?= {_EN_VERB_AFTER}|\s*[?.!]?\s*$))?"
# "Which N V?" asks with "which" first; "… in which N N?" keeps it in place, after its verb.
_EN_OPENS_WITH_WHICH = re.compile(r"^\W*(?:which|what)\b", re.IGNORECASE)
_EN_WHAT_KIND = re.compile(
    rf"\bwhat (?:kinds?|types?|sorts?|forms?) of ([a-z]{{3,}}(?: [a-z]{{2,}})?) "
    # "what kind of approach to market openness does …": the noun's complement may follow it
    r"(?:(?:to|of|for|in|on|towards?) (?:[a-z-]+ ){0,2}?[a-z-]+ )?"
    rf"(?:was|is|were|are|{EN_AUXILIARIES})\b",
    re.IGNORECASE,
)


_EN_FUNCTION_WORDS = frozenset(
    "was were is are has have had did does do will would can could should the this that these "
    "those one ones".split()
)
_ZH_WHICH_MEASURE = rf"哪[一二两三四五六七八九十几]?[{ZH_MEASURE_WORDS}]"


# A capitalised word ("O'Brien" too), without a possessive: "the CIIE's Global South efforts"
# names the CIIE and the Global South, and a sentence says "CIIE" more often than "CIIE's".
# In a Chinese question the name's letters end where the Chinese starts ("Lindholm Bay市长"), and
# a capital after Chinese, or opening it, marks a name, not the start of a sentence.
_LATIN = r"(?:[^\W\u3400-\u9fff]|-)"
_EN_NAME_WORD = rf"[A-Z]{_LATIN}*(?:['’](?!s\b){_LATIN}+)*"
_EN_NAME = re.compile(
    r"(?:(?<=[a-z,;:'’] )|(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])|^(?=.*[\u3400-\u9fff]))"
    rf"{_EN_NAME_WORD}(?:\s+(?:of|and|for|the)?\s*{_EN_NAME_WORD})*"
)
_QUOTED = re.compile(r"“([^”]{2,30})”|\"([^\"]{2,30})\"|《([^》]{2,30})》")


def _names(text: str) -> tuple[str, ...]:
    """Proper names (capitalised words inside an English question) and quoted terms, folded
    (lower case, half-width) for comparison."""
    names = [m.group(0) for m in _EN_NAME.finditer(text)]
    names += _quoted_terms(text)
    return tuple(dict.fromkeys(fold(n) for n in names if len(n) >= 2))


def quoted_terms(text: str) -> list[str]:
    """The terms a question puts in quotation marks, folded ("the “Silver Spring” scheme")."""
    return [fold(term) for term in _quoted_terms(text)]


def _quoted_terms(text: str) -> list[str]:
    return [next(g for g in m.groups() if g) for m in _QUOTED.finditer(text)]


def _anchors(text: str) -> tuple[str, ...]:
    return tuple(sorted(anchor_keys(_ADVERBIAL_FIRST.sub(r"\1", text))))


# "When did residents first organise?": "first" after the subject says when, it names no first
# edition (unlike "the first expo", "its first plant").
_ADVERBIAL_FIRST = re.compile(
    r"(\b(?:did|does|do|was|were|is|are|has|have|had|will|would)(?:\s+[\w'’-]+){0,3}?)"
    + "".join(rf"(?<!\b{word})" for word in "the its their his her a an this that our very".split())
    + r"\s+first\b(?!-)",
    re.IGNORECASE,
)


def anchor_keys(text: str) -> set[str]:
    """Ordinals and numbers that pin a text to one fact, in a canonical form ("ord:8", "num:2024").

    "8th", "eighth" and "第八届" all give "ord:8", so the question's anchors can be looked for in
    evidence of either wording; a question whose anchors the evidence lacks asks about something
    else (the 4th fair instead of the 5th, 2021 instead of 2022).
    """
    keys: set[str] = set()
    for match in ANCHOR_PATTERN.finditer(text):
        if match.group("ord_num"):
            keys.add(f"ord:{int(match.group('ord_num'))}")
        elif match.group("ord_word"):
            keys.add(f"ord:{_ORDINAL_WORDS[match.group('ord_word').lower()]}")
        elif match.group("ord_zh"):
            keys.add(f"ord:{_chinese_number(match.group('ord_zh'))}")
        elif match.group("ord_first"):
            keys.add("ord:1")
        else:
            keys.add(f"num:{match.group('num').replace(',', '')}")
    return keys


# Words that point at the edition an article reports on without naming it.
_THIS_EDITION = re.compile(r"本届|本次|\bthis year'?s?\b|\bthis edition\b", re.IGNORECASE)


def main_ordinal(text: str) -> str | None:
    """The ordinal a text is mostly about ("ord:5" for an article on a 5th fair that also
    recalls the first): the one it writes most often."""
    counts = Counter(key for key in anchor_keys_in_order(text) if key.startswith("ord:"))
    return counts.most_common(1)[0][0] if counts else None


@lru_cache(maxsize=4096)  # asked for every candidate span of a sentence
def anchor_keys_in_order(text: str) -> tuple[str, ...]:
    """``anchor_keys`` of each anchor of ``text``, in the order they are written."""
    return tuple(k for m in ANCHOR_PATTERN.finditer(text) for k in sorted(anchor_keys(m.group(0))))


def implied_anchors(text: str, main: str | None) -> frozenset[str]:
    """Anchors ``text`` refers to without writing them: "本届" / "this year's" is the edition
    its article reports on (``main``, from ``main_ordinal``)."""
    return frozenset({main}) if main and _THIS_EDITION.search(text) else frozenset()


_ZH_ORDINALS = {n: f"第{ch}" for ch, n in _ZH_DIGITS.items() if ch != "两"} | {10: "第十"}


def ordinal_spellings(number: int, language: Language) -> tuple[str, ...]:
    """How a language writes ordinal ``number`` ("8th", "eighth"; "第八"), the inverse of the
    ordinal part of ``anchor_keys``; nothing for ordinals beyond the small tables."""
    if language is Language.ZH:
        first = ("首届",) if number == 1 else ()
        return (_ZH_ORDINALS[number], *first) if number in _ZH_ORDINALS else ()
    teens = 11 <= number % 100 <= 13
    suffix = "th" if teens else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    words = [word for word, n in _ORDINAL_WORDS.items() if n == number]
    return (f"{number}{suffix}", *words)


# "哪五停", "哪三家", "which three conditions", "what 2 options": how many items are asked for.
_ASKED_ITEMS = re.compile(
    rf"哪([{''.join(_ZH_DIGITS)}十])|\b(?:what|which)\s+({_EN_COUNT_WORD})\s+[a-z]",
    re.IGNORECASE,
)
# A question about a whole, which a clause giving a part of it ("其中…", "of which …") does not
# answer.
# Chinese adverbs of a total (jieba does not always tag them as adverbs: "一共" is "j").
ZH_TOTAL_WORDS = ("一共", "总共", "共计", "累计", "合计", "总计")
_ASKS_TOTAL = re.compile(
    rf"{'|'.join(ZH_TOTAL_WORDS)}|总数|\b(?:in total|total|altogether|in all|overall)\b",
    re.IGNORECASE,
)


def asked_item_count(text: str) -> int:
    """How many items a list question asks for ("哪五停?" -> 5), or 0 if it names no number."""
    match = _ASKED_ITEMS.search(text)
    if match is None:
        return 0
    if match.group(1):
        return _chinese_number(match.group(1))
    word = match.group(2).lower()
    return int(word) if word.isdigit() else _EN_SMALL_NUMBERS[word]


def _chinese_number(text: str) -> int:
    """Small Chinese numerals as used in ordinals: 八 -> 8, 十二 -> 12, 二十 -> 20, 12 -> 12."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return sum(_ZH_DIGITS.get(ch, 0) * 10**i for i, ch in enumerate(reversed(text)))
    tens, _, ones = text.partition("十")
    return _ZH_DIGITS.get(tens, 1) * 10 + _ZH_DIGITS.get(ones, 0)


def _ends_with_a_name(text: str) -> bool:
    """Whether ``text`` ends with a person's name or a Latin-script one ("李明", "Rashid"), not
    with what a person is ("总设计师", "CEO")."""
    words = tagged(text)
    if not words:
        return False
    start, end, flag = words[-1]
    last = text[start:end]
    return flag.startswith("nr") or (flag == "eng" and last[:1].isupper() and not last.isupper())
