"""The author block: a short line with the author's name or a title of its own, at the top or
bottom of an article — never a row of a table that mentions a council (`理事国`, `理事会`)."""

from pipeline.byline import byline_ranges


def lines_of(text, ranges):
    return [text[a:b] for a, b in ranges]


def test_title_lines_at_the_top_and_bottom():
    text = "題名\n研究員　山田　太郎\n\n本文である。\n\n（やまだ・たろう　大学准教授）"
    assert lines_of(text, byline_ranges(text)) == ["研究員　山田　太郎", "（やまだ・たろう　大学准教授）"]


def test_author_name_from_the_manifest():
    text = "題名\n山田 太郎\n\n本文である。"
    assert lines_of(text, byline_ranges(text, "山田太郎")) == ["山田 太郎"]


def test_council_words_in_rows_are_not_bylines():
    rows = "\n".join(f"2024.{m}.1\u3000非常任理事国が決議案を提出\u3000否決" for m in range(1, 10))
    text = "資料　安全保障理事会の採決\n\n" + rows
    assert byline_ranges(text) == []


def test_a_title_in_the_middle_of_a_long_article_is_not_a_byline():
    body = "\n".join("本文の段落である。" for _ in range(15))
    text = "題名\n\n" + body + "\n研究員の見方\n" + body
    assert byline_ranges(text) == []


def test_speaker_labels_of_a_transcript():
    from pipeline.byline import speaker_label_ranges

    text = "【外務大臣】冒頭、申し上げます。\n○山田委員長　これより会議を開きます。\n本文【注】は続く。"
    assert [text[a:b] for a, b in speaker_label_ranges(text)] == ["【外務大臣】", "○山田委員長"]


def test_credits_navigation_and_agency_lines():
    from pipeline.byline import credit_ranges

    text = ("トップ > 国際 > 中東\n"
            "ロイター通信　国際部\n"
            "カイロで会談した両外相＝5日（ロイター）\n"
            "エジプト外相は5日、声明を発表した。（新華社＝共同）\n"
            "外相は「（支援を）続ける」と述べた（要旨）\n"
            "会談はカイロで行われた。")
    assert lines_of(text, credit_ranges(text)) == [
        "トップ > 国際 > 中東", "ロイター通信　国際部", "（ロイター）", "（新華社＝共同）"]


def test_a_source_note_is_furniture_to_the_end_of_its_line():
    """`（出所）…` closing a table row or a chronology is furniture (guideline §5.2): no timex,
    entity or event comes from it, and the row before it still ends its clause there."""
    from pipeline.api import extract_text
    from pipeline.byline import credit_ranges

    text = "国連安保理の記録\n2024年3月1日　停戦を求める決議案（ブラジル）　否決　米国が拒否権（出所）国連発表を基に筆者作成\n"
    assert lines_of(text, credit_ranges(text)) == ["（出所）国連発表を基に筆者作成"]
    tables = extract_text(text, doc_date="2024-07-01")
    assert tables["events"][["trigger", "event_type", "participants"]].values.tolist() == [
        ["拒否権", "VETO_REJECT", "UNSC;USA"]]
    assert "国連" not in tables["entities"]["text"].tolist()
