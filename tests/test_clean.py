import pytest
from hypothesis import given, settings, strategies as st

from pipeline.clean import clean, paragraphs

LONG = "あ" * 45  # a body line long enough not to be a heading

# (raw, expected cleaned text) — one composed case per rule
CASES = [
    ("パート\nナーシップを結んだ。", "パートナーシップを結んだ。"),
    ("2023\n年に会談した。", "2023年に会談した。"),
    ("会談した。\n次の文。", "会談した。\n次の文。"),
    ("見出し\n\n本文である。", "見出し\n\n本文である。"),
    ("その点だ 1。次に", "その点だ。次に"),
    ("署名した（発効）12。", "署名した（発効）。"),
    ("協力を確認した²。", "協力を確認した。"),
    ("拡大した¹⁰。", "拡大した。"),
    ("第 8 期の会議。", "第 8 期の会議。"),
    ("2024 年 6 月 19 日に訪問。", "2024 年 6 月 19 日に訪問。"),
    ("事業を中止した。ロ\n\n¹ 注の本文である。\n\nシアは制裁した。", "事業を中止した。ロシアは制裁した。"),
    ("## 見出し\n\n**強調**と本文。", "見出し\n\n強調と本文。"),
    ("[リンク文](#)を見よ。", "リンク文を見よ。"),
    ("*Survival* 誌。", "Survival 誌。"),
    ("参照 <https://example.com/a_1> を見よ。", "参照  を見よ。"),
    ("題名  \n本文。", "題名本文。"),
    (LONG + "\n\n続きの文である。", LONG + "続きの文である。"),
    ("短い見出し\n\n本文である。", "短い見出し\n\n本文である。"),
    ("本文。\n\nhttps://example.com/x\n\n次の段落。", "本文。\n\n\n次の段落。"),
    # note 3 broken over lines between notes 3 and 4 inside a sentence: all of it goes
    ("条約を国\n\n³ https://example.com/a\n\nなお、邦訳は\n\n<https://example.com/b>\n\nを参照。\n\n⁴ 注の本文。\n\n"
     "家として承認した。", "条約を国家として承認した。"),
    # a page of body text between two notes is not a note: kept
    ("本文の文。\n\n³ 注。\n\n" + LONG * 5 + "。\n\n⁴ 注。\n\n次。", "本文の文。\n\n\n" + LONG * 5 + "。\n\n\n次。"),
    # notes not numbered in sequence: the text between is kept
    ("本文の文。\n\n³ 注。\n\n短い本文。\n\n⁵ 注。\n\n次。", "本文の文。\n\n\n短い本文。\n\n\n次。"),
    # items of their own stay apart (issue 18): chronology rows, table rows, bullets, headings,
    # speaker labels, datelines — only a line cut at full width is joined to the next
    ("【2023年5月】\n3日　外相が訪問\n同日　首脳が会談\n下旬　共同声明を発表",
     "【2023年5月】\n3日　外相が訪問\n同日　首脳が会談\n下旬　共同声明を発表"),
    ("年月日\t主な出来事\n2021.2.1\t国軍が全権を掌握\n2021.3.27\t国軍が各地で発砲",
     "年月日\t主な出来事\n2021.2.1\t国軍が全権を掌握\n2021.3.27\t国軍が各地で発砲"),
    ("・2019年4月25日　首脳が初会談\n・2022年2月24日　侵攻が始まる", "・2019年4月25日　首脳が初会談\n・2022年2月24日　侵攻が始まる"),
    ("北朝鮮がミサイル発射\n2024/11/01 09:18\n通信社名", "北朝鮮がミサイル発射\n2024/11/01 09:18\n通信社名"),
    ("【記者】きょうの発射について\n【長官】強く抗議した", "【記者】きょうの発射について\n【長官】強く抗議した"),
    ("（1）双方は協力を確認\n（2）双方は懸念を共有", "（1）双方は協力を確認\n（2）双方は懸念を共有"),
    ("見出しの行\n" + LONG + "\n続きの文である。", "見出しの行\n" + LONG + "続きの文である。"),
    ("振り返る（日付は現地時間）" + LONG + "\n\n【2023年10月】\n7日　奇襲", "振り返る（日付は現地時間）" + LONG + "\n\n【2023年10月】\n7日　奇襲"),
    # notes labelled 注N with their broken tails, page numbers and rule lines; markers in the body
    ("会談を行った注1。次の文。\n\n―――――――――\n注1\u3000両首脳の会談は19年10月に行われ\nた会談以来となる。\n\n－ 4 －\n\n本文の続き。",
     "会談を行った。次の文。\n\n\n\n本文の続き。"),
    # a running header after a page number goes, with its other occurrences
    ("研究会　論考\n本文の文。\n\n－ 4 －\n\n研究会　論考\n次の文。", "本文の文。\n\n\n次の文。"),
    # page furniture that ends an article: references, related articles, share buttons, notes
    ("本文である。\n\n脚注[編集]\n^ 「記事」新聞、2021年2月1日。\n", "本文である。\n\n"),
    ("本文である。\n\n脚注[編集]\n^ 「記事」新聞。\nカテゴリ: 地震\n最終更新 2025年8月24日", "本文である。\n\n最終更新 2025年8月24日"),
    ("本文である。\n\nこの記事をシェア\nポスト　シェア\n\n関連記事\n別の記事（10月31日）", "本文である。\n\n"),
    ("本文である。\n\n【参考】\n・会合（令和5年4月9日）\n", "本文である。\n\n"),
    ("本文である。\n（注）礁には1999年以降、船が置かれている。\n次の文。", "本文である。\n次の文。"),
    # the same words inside the body are text
    ("参考までに言えば、関連記事も出典も多い。", "参考までに言えば、関連記事も出典も多い。"),
]


@pytest.mark.parametrize("raw,expected", CASES)
def test_cleaning_rules(raw, expected):
    assert clean(raw).text == expected


@pytest.mark.parametrize("raw,expected", CASES)
def test_offsets_map_back_to_raw(raw, expected):
    c = clean(raw)
    assert all(c.raw[o] == ch for o, ch in zip(c.offsets, c.text))


def test_to_raw_span_covers_line_break():
    raw = "露朝首脳会\n談を行った。"
    c = clean(raw)
    s = c.text.index("会談")
    assert c.to_raw(s, s + 2) == (4, 7)
    assert raw[4:7] == "会\n談"


def test_paragraph_spans():
    c = clean("一段落目。\n\n二段落目。\n")
    assert [c.text[s:e] for s, e in paragraphs(c)] == ["一段落目。", "二段落目。"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("あ漢ロ。、 \n¹²1234年月日#*[]()<>:/htps.")), max_size=200))
def test_offsets_always_exact(raw):
    c = clean(raw)
    assert len(c.offsets) == len(c.text)
    assert all(c.raw[o] == ch for o, ch in zip(c.offsets, c.text))
    assert list(c.offsets) == sorted(set(c.offsets))
    for s, e in paragraphs(c):
        rs, re_ = c.to_raw(s, e)
        assert 0 <= rs < re_ <= len(raw)


def test_a_paragraph_too_long_for_the_tokenizer_is_cut_at_sentence_ends():
    sentence = "北朝鮮は弾道ミサイルを発射したと発表した。"  # 21 characters, 63 bytes
    raw = sentence * 1000  # one line, 63,000 bytes: over SudachiPy's 49,149-byte limit
    cleaned = clean(raw)
    spans = paragraphs(cleaned, max_bytes=40_000)
    assert len(spans) == 2
    assert all(len(cleaned.text[a:b].encode("utf-8")) <= 40_000 for a, b in spans)
    assert cleaned.text[spans[0][0]:spans[0][1]].endswith("。")
    assert "".join(cleaned.text[a:b] for a, b in spans) == cleaned.text  # nothing lost


def test_a_long_paragraph_without_punctuation_is_cut_at_the_byte_budget():
    raw = "あ" * 50_000
    spans = paragraphs(clean(raw), max_bytes=40_000)
    assert [b - a for a, b in spans] == [13_333, 13_333, 13_333, 10_001]
