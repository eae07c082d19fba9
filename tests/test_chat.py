"""Follow-up resolution: deterministic rewriting of questions that lean on earlier ones."""

from __future__ import annotations

import pytest

from ciie_qa.chat import bare_question, resolve_followup
from ciie_qa.reader.question import ZH_WH


@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        ([], "How many companies?", "How many companies?"),
        (["第八届博览会有多少家境外企业参展?"], "那展览面积呢?", "第八届博览会展览面积有多少？"),
        # the fragment's noun is the previous question's: its modifier takes the other's place
        # … and asks for a change without the direction: the other may have moved the other way
        (["车展中国品牌的销量增长了多少?"], "那德国品牌呢?", "车展德国品牌的销量变化了多少?"),
        (["公园的冬季门票多少钱?"], "那夏季门票呢?", "公园的夏季门票多少钱?"),
        (
            ["How much did exports fall in 2009?"],
            "And in 2019?",
            "How much did exports change in 2019?",
        ),
        (["山区的平均气温是多少度?"], "那城市的平均气温呢?", "城市的平均气温是多少度?"),
        (["本届花展的门票收入是多少?"], "那上届的门票收入呢?", "上届的门票收入是多少?"),
        (["品牌展区里中国品牌有多少?"], "那德国品牌呢?", "品牌展区里德国品牌有多少?"),
        # the same in English: the fragment's phrase takes the place of the one ending in its noun
        (
            ["By how much did the city's rent index go up in 2024?"],
            "And the national index?",
            "By how much did the national index change in 2024?",
        ),
        (
            ["How much was the summer price of the ticket?"],
            "What about the winter price?",
            "How much was the winter price of the ticket?",
        ),
        (["“温暖驼”来自哪个国家?"], "它的展位有多大?", "温暖驼的展位有多大?"),
        (["Who is Dorothy Tembo?"], "What did she highlight?", "What did Dorothy Tembo highlight?"),
        (
            ["What does free trade set a benchmark for?"],
            "Who said that?",
            "Who said that free trade set a benchmark for?",
        ),
        (
            ["How many firms attended?"],
            "How many countries took part?",
            "How many countries took part?",
        ),
        # "it" is what the name owns, not the owner; after "did" the last word is the verb
        (
            ["Where will Fjordair's new training centre be built?"],
            "How much will it cost?",
            "How much will Fjordair's new training centre cost?",
        ),
        (
            ["When did Fjordair's shares rise?"],
            "Why did it rise?",
            "Why did Fjordair's shares rise?",
        ),
    ],
)
def test_followups_are_resolved_with_the_history(
    history: list[str], question: str, expected: str
) -> None:
    assert resolve_followup(question, history) == expected


@pytest.mark.parametrize(
    ("previous", "question", "expected"),
    [
        (  # "they" are the things counted, not the event's name
            "How many bakeries opened at the Harbor Fair?",
            "Which towns did they come from?",
            "Which towns did the bakeries come from?",
        ),
        (
            "Which airlines fly to Oslo?",
            "What are their hubs?",
            "What are the airlines' hubs?",
        ),
        ("How many stores does Acme Foods run?", "Who founded it?", "Who founded Acme Foods?"),
        # one word only: a verb after the noun is not part of it
        ("How many stores does Acme Foods run?", "Where are they?", "Where are the stores?"),
        (
            "Which city hosts the Harbor Fair?",
            "What is their budget?",
            "What is Harbor Fair's budget?",
        ),
        # a relative "which", a singular in -s, a span of time, a possessive: no things asked for
        ("What is the firm which makes kites?", "Where are they sold?", "Where are they sold?"),
        ("Which business won the prize?", "What did they sell?", "What did they sell?"),
        ("How many times has the fair been held?", "When did they start?", "When did they start?"),
        ("Which towns' bakeries won?", "Who runs them?", "Who runs them?"),
        # at the start of the question the replacement keeps the capital
        ("How many bakeries opened?", "They came from where?", "The bakeries came from where?"),
    ],
)
def test_a_plural_pronoun_stands_for_the_things_the_previous_question_asked_about(
    previous: str, question: str, expected: str
) -> None:
    assert resolve_followup(question, [previous]) == expected


def test_a_capitalised_possessive_takes_the_earlier_answer_as_a_possessive() -> None:
    resolved = resolve_followup("Her deputy is who?", ["Who chaired the Harbor Forum?"], _li_wei)
    assert resolved == "Li Wei's deputy is who?"


def _li_wei(question: str) -> str:
    return "Li Wei"


def test_fragment_keeps_the_previous_question_and_adds_the_new_detail() -> None:
    resolved = resolve_followup("And the year before?", ["How much did the index rise in 2024?"])
    assert "index change in 2024" in resolved  # the year before may have moved either way
    assert "the year before" in resolved


def test_ordinal_fragment_joins_the_previous_frame() -> None:
    resolved = resolve_followup("那首届呢?", ["温暖驼的展位面积现在有多大?"])
    assert "首届" in resolved and "温暖驼" in resolved and "多大" in resolved


def test_what_about_fragment_takes_the_previous_frame() -> None:
    resolved = resolve_followup("What about least developed countries?", ["How many firms came?"])
    assert resolved.startswith("How many firms came")
    assert "least developed countries" in resolved


def test_and_before_what_about_still_makes_a_fragment() -> None:
    resolved = resolve_followup(
        "And what about the junior league?", ["When does the senior league start?"]
    )
    assert resolved.startswith("When does the") and "junior league" in resolved
    # and a fragment of leads alone keeps its word
    assert resolve_followup("And then?", ["What happened after the vote?"]).endswith("then?")


def test_dropped_chinese_subject_comes_from_the_previous_question() -> None:
    assert resolve_followup("一共开了几家?", ["温暖驼在哪些城市开了门店?"]) == "温暖驼一共开了几家?"


def test_history_is_resolved_in_order() -> None:
    history = ["“温暖驼”来自哪个国家?", "它的展位有多大?"]
    assert "温暖驼" in resolve_followup("那首届呢?", history)


def test_resolution_is_deterministic() -> None:
    history = ["第八届博览会有多少家境外企业参展?"]
    assert resolve_followup("那展览面积呢?", history) == resolve_followup("那展览面积呢?", history)


def test_a_person_pronoun_after_a_who_question_stands_for_its_answer() -> None:
    asked: list[str] = []

    def answer_of(question: str) -> str | None:
        asked.append(question)
        return "Jane Roe" if question.startswith("Who") else "李明"

    history = ["Who chaired the meeting?"]
    resolved = resolve_followup("What is her position?", history, answer_of)
    assert resolved == "What is Jane Roe's position?"
    assert resolve_followup("她担任什么职务?", ["谁主持了会议?"], answer_of) == "李明担任什么职务?"
    # Only a question asking for a person is answered for it; other follow-ups keep their rules.
    asked.clear()
    resolved = resolve_followup("Where was it held?", ["When did the forum open?"], answer_of)
    assert resolved == resolve_followup("Where was it held?", ["When did the forum open?"])
    assert asked == []
    # "Who is X?" asks what X is: its answer is a description, the pronoun stays X.
    assert resolve_followup("What did he say?", ["Who is Jane Roe?"], answer_of) == (
        "What did Jane Roe say?"
    )
    # "其他" ("other") holds no pronoun.
    assert resolve_followup("其他嘉宾有哪些?", ["谁主持了会议?"], answer_of) == "其他嘉宾有哪些?"


def test_a_who_question_without_an_answer_leaves_the_pronoun_to_the_other_rules() -> None:
    history = ["Who did Jane Roe meet?"]
    assert resolve_followup("What is her position?", history, lambda _: None) == (
        resolve_followup("What is her position?", history)
    )


def test_other_and_others_are_no_pronouns_for_the_topic_rule_either() -> None:
    # "其他" (other) and "他人" (others) hold no "其"/"他" to replace with the earlier topic.
    assert "其他嘉宾" in resolve_followup("其他嘉宾有哪些?", ["博览会的主持人是谁?"])
    assert "他人" in resolve_followup("帮助他人的是谁?", ["博览会的主持人是谁?"])
    assert resolve_followup("其规模多大?", ["博览会在哪里举办?"]).startswith("博览会")


@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        (
            ["What did the children draw at the festival?"],
            "Who painted that mural?",
            "Who painted that mural (the children draw at the festival)?",
        ),
        (
            ["图书馆在哪里举办讲座?"],
            "这张海报是谁设计的?",
            "这张海报是谁设计的（图书馆在举办讲座）？",
        ),
        (  # the measure word of a count of times goes with its question word
            ["灯会办了多少届?"],
            "这张海报是谁设计的?",
            "这张海报是谁设计的（灯会办了）？",
        ),
        (  # every question word of the reader is dropped, "how long" too
            ["How long did the lantern parade last?"],
            "Who organised that parade?",
            "Who organised that parade (the lantern parade last)?",
        ),
        (  # a pointing question passes on the context it carried, not itself
            ["What did the children draw at the festival?", "Who painted that mural?"],
            "Where is that mural now?",
            "Where is that mural now (the children draw at the festival)?",
        ),
    ],
)
def test_a_demonstrative_brings_what_the_previous_question_spoke_of(
    history: list[str], question: str, expected: str
) -> None:
    assert resolve_followup(question, history) == expected


@pytest.mark.parametrize(
    ("history", "question"),
    [
        (["When did the fair open?"], "What is the name of the robot that plays table tennis?"),
        (["Where was the fair held?"], "How many exhibitors came this year?"),
        (["博览会在哪里举办?"], "这次博览会有多少家企业参展?"),
        (["博览会在哪里举办?"], "这些年来本市进口增长了多少?"),
        (["What was the girl carving?"], "Who took the picture?"),
        (["What did the mayor announce at the forum?"], "Who said that prices rose?"),
        (["What did the mayor announce?"], "Who spoke this afternoon?"),
    ],
)
def test_a_question_that_stands_alone_is_left_alone(history: list[str], question: str) -> None:
    assert resolve_followup(question, history) == question


def test_a_long_word_counts_once_when_a_question_points_back() -> None:
    # jieba's search mode also gives "年轻" of "年轻人": still a short question
    resolved = resolve_followup("这些年轻人来自哪里?", ["什么活动吸引了很多人?"])
    assert resolved == "这些年轻人来自哪里（活动吸引了很多人）？"


@pytest.mark.parametrize(
    ("previous", "fragment", "wrong"),
    [
        ("哪个国家的企业最多?", "那美国的企业呢?", "哪个美国的企业最多?"),
        ("谁的展位最大?", "那中国的展位呢?", "中国的展位最大?"),
        ("多少展商来自中国?", "那国外展商呢?", "国外展商来自中国?"),
    ],
)
def test_a_question_word_is_no_modifier_to_replace(
    previous: str, fragment: str, wrong: str
) -> None:
    resolved = resolve_followup(fragment, [previous])
    assert resolved != wrong
    assert ZH_WH.search(resolved)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Jane Roe - what is her job?", "what is Jane Roe's job?"),
        ("UAV — what's that short for?", "what's UAV short for?"),
        ("那座新桥——它有多长?", "那座新桥有多长?"),
        # no pronoun for the topic, a question before the dash, a hyphen inside a word: unchanged
        ("在上海：哪个展馆最大?", "在上海：哪个展馆最大?"),
        ("Who opened it - the mayor?", "Who opened it - the mayor?"),
        ("What is Covid-19?", "What is Covid-19?"),
    ],
)
def test_a_topic_set_before_the_question_takes_the_place_of_its_pronoun(
    question: str, expected: str
) -> None:
    assert resolve_followup(question, []) == expected


@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        # a plural pronoun stands for the plural noun, not for its owner before "的"
        (["山区小学的学生在比赛上表演了什么?"], "他们一共有多少人?", "山区小学的学生一共有多少人?"),
        # "X是艘什么船?" is about X whole, "的" inside its name or not
        (["大海的女儿号是艘什么船?"], "它在哪里下水?", "大海的女儿号在哪里下水?"),
        # a comparison with no subject asks about what the count question counted
        (
            ["本届花展有多少家来自山区的苗圃参展?"],
            "比上届增加了百分之多少?",
            "本届花展来自山区的苗圃比上届增加了百分之多少?",
        ),
        (["书店一共有多少家?"], "比去年多了几家?", "书店比去年多了几家?"),
        (["本届花展有多少家苗圃参展?"], "那同比涨了多少?", "本届花展苗圃同比涨了多少?"),
    ],
)
def test_a_chinese_followup_takes_the_subject_it_leaves_unsaid(
    history: list[str], question: str, expected: str
) -> None:
    assert resolve_followup(question, history) == expected


@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        (
            ["How did the global price index change in 2024?"],
            "And Japan's?",
            "How did Japan's price index change in 2024?",
        ),
        (
            ["Did global trade grow or shrink in 2024?"],
            "What about Japan's?",
            "Did Japan's trade grow or shrink in 2024?",
        ),
        (
            ["How did the exports change in 2024?"],
            "And Japan's?",
            "How did Japan's exports change in 2024?",
        ),
        (
            ["What is the UK's share of the market?"],
            "And France's?",
            "What is France's share of the market?",
        ),
    ],
)
def test_an_owner_alone_takes_the_place_of_the_previous_owner_or_modifier(
    history: list[str], question: str, expected: str
) -> None:
    assert resolve_followup(question, history) == expected


@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        (
            ["How much rain fell in the valley last year?"],
            "And in 2017?",
            "How much rain fell in the valley in 2017?",
        ),
        (
            ["How much rain fell in the valley in 2017?"],
            "What about this year?",
            "How much rain fell in the valley this year?",
        ),
        (
            ["What did the 2020 survey find?"],
            "And in 2022?",
            "What did the 2022 survey find?",
        ),
        (["山谷去年降雨多少毫米？"], "2017年呢？", "山谷2017年降雨多少毫米？"),
        (
            ["How long is the drive from Alder Creek to the coast?"],
            "And from Millbrook Falls?",
            "How long is the drive from Millbrook Falls to the coast?",
        ),
        (
            ["How many nurses work at the clinic in Dunmore?"],
            "What about the one in Carrickfield?",
            "How many nurses work at the clinic in Carrickfield?",
        ),
    ],
)
def test_a_fragment_s_year_or_named_place_takes_the_place_of_the_previous_one(
    history: list[str], question: str, expected: str
) -> None:
    assert resolve_followup(question, history) == expected


def test_qizhong_among_them_is_no_pronoun_for_the_previous_subject() -> None:
    resolved = resolve_followup("其中郁金香是哪个国家的?", ["本届花展有哪些洋花卉?"])
    assert "其中郁金香是哪个国家的" in resolved
    assert resolve_followup("其展位有多大?", ["“温暖驼”来自哪个国家?"]) == "温暖驼展位有多大?"


@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        # words that begin with 比 open no comparison; a label before a colon is no topic
        (["有多少所来自山区的学校参赛?"], "比赛在哪里举行?", "比赛在哪里举行?"),
        (["本届博览会有多少家企业参展?"], "比利时有几家企业参展?", "比利时有几家企业参展?"),
        (["有多少位嘉宾出席了开幕式?"], "比去年多了几位?", "嘉宾比去年多了几位?"),
        ([], "问：它有多长?", "问：它有多长?"),
        ([], "By the way - what is its name?", "By the way - what is its name?"),
        # a contraction is no owner; "how many" has no owner's phrase to change
        (
            ["What's China's share of the market?"],
            "And Japan's?",
            "What's Japan's share of the market?",
        ),
        (
            ["What was this year's deal total?"],
            "And last year's?",
            "What was last year's deal total?",
        ),
        (
            ["How many people visited the expo?"],
            "What about Japan's?",
            "How many people visited the expo, Japan's?",
        ),
        (["“温暖驼”来自哪个国家?"], "尤其是哪个国家的企业最多?", "尤其是哪个国家的企业最多?"),
    ],
)
def test_this_sessions_followup_rules_keep_off_questions_they_do_not_describe(
    history: list[str], question: str, expected: str
) -> None:
    assert resolve_followup(question, history) == expected


def test_a_bare_noun_question_in_a_conversation_is_about_what_was_asked_before() -> None:
    history = ["How many bakeries took part in this year's fair?"]
    resolved = resolve_followup("What was the year-on-year increase?", history)
    assert (
        resolved == "What was the year-on-year increase (bakeries took part in this year's fair)?"
    )
    # A name makes it stand alone.
    assert (
        resolve_followup("What is the capital of Peru?", history) == "What is the capital of Peru?"
    )


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("Can you tell me how many companies attended?", "How many companies attended?"),
        ("Could you please tell me, who opened the fair?", "Who opened the fair?"),
        ("Hi, do you know when the fair opened?", "When the fair opened?"),
        ("I'd like to know: who is Jane Roe?", "Who is Jane Roe?"),
        ("Please, where was the fair held?", "Where was the fair held?"),
        ("Where was the fair held, please?", "Where was the fair held?"),
        ("Tell me which cities took part.", "Which cities took part."),
        ("请问博览会在哪里举办?", "博览会在哪里举办?"),
        ("你知道博览会在哪里举办吗?", "博览会在哪里举办?"),
        ("你能告诉我博览会是哪天开幕的吗？", "博览会是哪天开幕的？"),
        ("我想知道有多少家企业参展。", "有多少家企业参展?"),
        ("Hi there, could you tell me please who opened the fair?", "Who opened the fair?"),
        ("Any idea how many countries took part?", "How many countries took part?"),
        ("请问你知道博览会在哪里举办吗？", "博览会在哪里举办？"),  # a request inside a request
        ("我想问下博览会几号开幕？", "博览会几号开幕？"),
        ("你知道吗，博览会有新馆吗？", "博览会有新馆吗？"),
        ("请问几内亚参加了博览会吗？", "几内亚参加了博览会吗？"),  # 几 of 几内亚 asks nothing
        ("So, when did the fair open?", "When did the fair open?"),
        ("Quick question: who opened the fair?", "Who opened the fair?"),
        ("Could anyone tell me where the fair was held?", "Where the fair was held?"),
        ("Can you explain why the fair moved?", "Why the fair moved?"),
        ("Can you check how many firms came?", "How many firms came?"),
        ("帮我查一下博览会有多少家企业参展?", "博览会有多少家企业参展?"),
        ("求问博览会在哪里举办?", "博览会在哪里举办?"),
        ("谁能告诉我博览会几号开幕?", "博览会几号开幕?"),
        ("问题：博览会在哪里举办?", "博览会在哪里举办?"),
        ("能不能说一下博览会在哪里举办?", "博览会在哪里举办?"),
        ("想知道博览会在哪里举办", "博览会在哪里举办"),
    ],
)
def test_the_words_of_a_request_are_taken_off(typed: str, asked: str) -> None:
    assert bare_question(typed) == asked
    assert resolve_followup(typed, []) == asked


@pytest.mark.parametrize(
    "question",
    [
        "How many companies attended?",
        "Who told me the fair opened?",  # "told me" inside, not a request at the start
        "博览会在上海举办吗?",  # its 吗 asks the question itself: no question word
        "知识产权保护怎么样?",
        "Please",  # nothing would be left
        # What would be left is no question: the request is all there is to it.
        "Do you know Jane Roe?",
        "Tell me about the opening ceremony.",
        "Can you tell me if the fair was free?",
        "Can I ask you a question?",
        "Hi-tech firms from which countries came?",
        "Hello Kitty maker Sanrio, did it exhibit?",
        "Who said please?",
        "你知道博览会吗？",
        "谁知道这个消息？",  # who knew: its own subject
        "请告诉我们博览会的举办时间。",
        "知道创宇参加了博览会吗？",  # a company name
        "So what?",
        "Can you explain the opening ceremony?",
        "Question time: who came?",
        "问题出在哪里?",  # 问题 is the subject, not a label
        "帮我查一下博览会",  # a request with no question left
    ],
)
def test_a_question_without_a_request_is_left_alone(question: str) -> None:
    assert bare_question(question) == question


def test_a_request_in_the_history_is_taken_off_before_the_follow_up_leans_on_it() -> None:
    history = ["Can you tell me how many companies attended the fair in 2024?"]
    assert resolve_followup("And in 2023?", history) == resolve_followup(
        "And in 2023?", ["How many companies attended the fair in 2024?"]
    )


def test_that_noun_after_a_which_question_stands_for_its_answer() -> None:
    def answer_of(question: str) -> str | None:
        return "Birchwood Partners" if question.startswith("Which") else "青禾农业"

    history = ["Which firm does Ada Morrow advise?"]
    resolved = resolve_followup("Where is that firm headquartered?", history, answer_of)
    assert resolved == "Where is Birchwood Partners headquartered?"
    resolved = resolve_followup("那家公司有多少员工？", ["李文在哪家公司工作？"], answer_of)
    assert resolved == "青禾农业有多少员工？"
    # a noun the previous question did not ask for keeps its own rules
    resolved = resolve_followup("Where is that bank headquartered?", history, answer_of)
    assert resolved == resolve_followup("Where is that bank headquartered?", history)


def test_it_without_a_name_to_stand_for_takes_the_previous_question_along() -> None:
    resolved = resolve_followup("What did it cost?", ["When did the old bridge reopen?"])
    assert resolved == "What did it cost (the old bridge reopen)?"


def test_the_subject_of_a_previous_chinese_question_ends_before_its_predicate() -> None:
    # "共计收到了" is the predicate: the next question is about the library, not its total
    resolved = resolve_followup("这次展出的有多少册？", ["图书馆共计收到了多少册捐书？"])
    assert resolved == "图书馆这次展出的有多少册？"
    # the subject stands in the question word's own clause
    history = ["凭着展会上的订单,青禾农业让当地多少户农民增收?"]
    assert resolve_followup("它今年的展位有多大?", history) == "青禾农业今年的展位有多大?"


def test_that_noun_stands_for_the_answer_to_which_adjective_noun() -> None:
    resolved = resolve_followup(
        "How much did that court award?",
        ["Which provincial court first heard the appeal?"],
        lambda question: "the Harbour District Court",
    )
    assert resolved == "How much did the Harbour District Court award?"


@pytest.mark.parametrize(
    ("previous", "question", "expected"),
    [
        # a place, or the whole of one, takes the place of the one the question opens with
        ("石桥镇去年种了多少亩油菜？", "那全县呢？", "全县去年种了多少亩油菜？"),
        ("梅州市一共新建了多少座桥？", "那韶关市呢？", "韶关市一共新建了多少座桥？"),
        # (the question's time stays; a word that only ends like a place is none)
        ("上半年石桥镇新增了多少家民宿？", "那全县呢？", "上半年全县新增了多少家民宿？"),
        ("市场规模有多大？", "那全县呢？", "市场规模全县有多大？"),
        ("楼市成交额增长了多少？", "那股市呢？", "楼市成交额增长了股市多少？"),
    ],
)
def test_a_place_fragment_takes_the_place_of_the_place_asked_about(
    previous: str, question: str, expected: str
) -> None:
    assert resolve_followup(question, [previous]) == expected
