"""Events: who did what to whom, when and where, from a parsed paragraph.

    find_events(doc, sentences, timexes, actors, lexicon, state) -> list[Event]

Modules, one stage each: `lexicon` (trigger table and matcher), `mentions` (the filters that
tell a stated happening from a named one), `roles` (actors and place), `dates`, `modality`,
`document` (the pass over a document's sentences, holding its `model.State`), `syntax`
(token helpers they share).

`doc` is a GiNZA-parsed paragraph; `sentences` are (start, end) character spans in it,
`timexes` the paragraph's temporal expressions (records.Timex, offsets into doc.text),
`actors` its entities (records.Entity, offsets into doc.text); `state` carries the reference
date and the last actors from one sentence and paragraph to the next.

Rules (SPEC §3, docs/annotation.md §3), all from syntax and the trigger lexicon:
- Trigger: the longest lexicon entry that starts at a token and ends at a token end, leftmost first
  (`首脳会談` before `会談`), its last word in any inflection (`結んだ` for `結ぶ`): spaCy's
  `Matcher` over the lexicon, run as the `event_triggers` component (`doc.spans
  ["event_triggers"]`); a word split by a space or line break left by conversion (`首脳会\n談`) is
  looked up in its characters.  A verbal noun that only modifies a following noun (`制裁委員会`,
  `供給ライン`) is not a trigger; an entry marked `light` needs a light verb (`協力を行う`) or
  `する` — except in telegraphic rows (chronology and table rows, headlines: no `。` in the text and
  the noun ends its clause, `ロシアが拒否権、中国は…`), where the verbal noun is the predicate and
  its `obj:` may stand anywhere in the row; `obj:` entries look at the verb's arguments, their whole
  compound nouns and the noun a relative clause modifies.
- Not events (named, not stated): a verbal noun that is the object of another predicate
  (`支援を減らす`), the theme of an evaluative adjective (`支持は根強い`, `支援に肯定的`), a topic
  of discussion (`…について`), a back-reference (`この/同…`), an undated time anchor
  (`侵攻開始後、`), a document cited for its content (`共同声明では「…」`), a non-past clause
  nominalised as the object of another predicate (`攻撃することを容認`) or describing a disposition
  (`協調する傾向`), a habitual saying (`…と述べるように`), statement content inside 「…」 (a
  report's wording — `によれば「…」`, `「…」と報じた/とある` — is narration and counts, and so is a
  short quoted term used as a noun, `ガザの「完全封鎖」を開始`), the verb issuing a document already
  found (`共同声明が発表された`), and a second trigger of one type restating the first in its
  sentence (`訪問し…視察した`; not with an argument marked も, `…にも打撃を加えた`: one act more; a
  later trigger of the same doer with more sides stands for the earlier row), a quoting verb framing
  the same speaker's criticism (`…を批判し、…と述べた`), an act nominalised as the topic of a count
  of an act already told (`…を攻撃したのは初めて`), a saying named as the topic or subject of
  another predicate (`両国の発表は食い違った`; not `非難が相次いだ`, `提案がなされた`), an act in
  the よう-complement of a request (`…を行わないよう求めた`: asked for, not done), a verbal noun
  that is the subject of another act (`停戦が発効した`: the 発効 is the row), a domestic measure
  declared (`非常事態を宣言`), one state's own statement, visit or meeting in a sentence naming a
  natural disaster (`気象庁は大津波警報を 発表`: its domestic response, §6.8), a meeting with one
  state alone (`日銀の決定会合`), a meeting named as the occasion of another act with no clause
  saying it took place (`APEC首脳会議に合わせて…会談`), confirming an act that is its own row
  (`合意を確認した`), what a resolution in a table row condemns (`決議2722（…）　…を非難　採択`),
  the place one is visiting with no place named after it (`訪問先は`).  A nominal trigger modifying
  a noun is an event when a relative clause says it happened (`開催された首脳会談の…`).
- Arguments from the dependency parse: on the trigger (and on a light verb governing it),
  `は/が/による` (and 自身 with no particle, `プーチン氏自身、`) mark actor1,
  `を/に/と/へ/への/に対し/との/から` actor2, `で/において` the place; a bracket between a noun and
  its particle keeps the case (the particle after the bracket closes: `X（以下、Yとする）は`); on a
  nominal trigger `Xの` is actor1 (names listed before an argument with 、 or ・, `ロシア、中国が`,
  are its sides too) and a compound modifier (`ウクライナ侵攻`, `対ロ制裁`, `露朝首脳会談`) and a
  state inside the trigger (`訪中`) name the other side (then a modifier is the doer: `習主席訪ロ`);
  `対X` is always the side acted against, and inside a noun that is not an actor
  (`対北朝鮮制裁決議案`) no side at all; a city or facility is a side only as a movement's
  destination or a place attacked, and a facility's owner (`カタールの米軍基地`: USA) is its side,
  the state it stands in only where it is; a noun marked が/は/を/で is never a modifier inside
  another noun phrase.  The passive (`非難された`) and `〜を受ける` make the subject actor2 and the
  に/による-marked doer actor1 (and an organisation marked で, the body it was done in:
  `決議が安保理で採択された`); a passive speech verb has only an explicit agent as speaker.  A
  subject missing from the parse comes from, in order: a nominal event's setting (`会談でAは…`), the
  noun a relative clause modifies (`制裁を受けたロシア`, `…を非難する国連総会決議`), the clauses
  that govern it (a topic は scopes up to the main predicate and never sits inside a relative
  clause), the last が/は outside quotes before the trigger (skipping the が-subject of an embedded
  clause), the previous event of the sentence, the previous sentence's topic — but a written subject
  that names no state (`専門家は`) blocks these.  The subject of a て-clause before the predicate is
  its subject too (`ロシアが反対して拒否権を行使し`); `訪問先のX` is the visit of the subject of the
  predicate it is the setting of; an act noted in brackets after a name
  (`オーストラリア（2022年1月署名）`) is that side's with the sentence's topic; what enters into
  force (`停戦は…発効した`) has the parties of the last agreement made; an act criticised with no
  doer named (`攻撃を非難した`) is the last act of its type, and its doer the target; a meeting that
  is the に-goal of a verb (`首脳会議に出席した`) has that verb's subject as a participant; a state
  after 駐, 親 or 反 inside a noun phrase is a post or an alignment, not a side.  `両国` whose last
  pair is no longer named refers to the pair the text has told most about.  A saying whose content
  condemns the act of a named doer (`…による…は断じて認められない旨述べた`) is a CRITICIZE of it. 
  An act in brackets or told as a setting is an aside: it does not become the pair `両国` refers
  back to.  A nominal trigger with no sides, naming again an act of its type found earlier in the
  sentence, has that act's sides.  The target of criticising an act told by a clause is that
  clause's doer.  `両国`, `両首脳` expand to the two sides of the last two-sided event while both
  are still named, else to the last two states named; a two-sided type with one side named takes
  that event's partner.  Two states declaring together to no addressee agree (AGREE_COOPERATE);
  JOIN_ORG's organisation is actor2; a recalled envoy's post (`駐英大使`,
  `英仏独に駐在する大使を召還`) is the other side of the recall; a visit or deployment takes its
  destination as location, a visit with no host the country of its place.  Coordinated actors each
  with a bracketed date (`フィンランド（2023 年）とスウェーデン（2024 年）が加盟`) give one row per
  actor.
- Date: a timex in the trigger's clause (reached through the parse with no other predicate between),
  else the nearest timex of the sentence, else the last narrative date of the previous sentence of
  the same paragraph (`date_source=discourse`; a date the date grammar reads as an aside —
  attributive, relative-clause, bracketed, looking back — does not carry), and further — up to three
  sentences — while the text narrates in the past tense with no time-shift word (`その後`, `現在`);
  a cited report's date (`20日付『…』`) dates only statements, a dated bracketed note (`（12 月 4
  日発効）`) only its own act; an undated act done at a setting that holds a dated row of its
  sentence (`…日に開催された会談の共同声明で、…確認した`) takes that row's date; a date the act is
  counted from (`…の後`) is not one of its coordinated dates, nor is a date attributive to another
  noun (`2018年、…2015年の核合意から離脱`: the clause's own date first); an ongoing or habitual
  act that is no saying (`…の供与を進めている`) takes no carried date; a time with its day
  (`きのう深夜`) carries like a date.  In a news report — its first dated happening (or, before any
  dated row, a past narrative sentence: `きのう深夜、採決が行われました`) at most 3 days before the
  report's date; a later day of the news days moves it, not the day something was reported,
  `朝鮮中央通信は1日、…と報じた` — the undated past-tense acts of later paragraphs (not habitual
  `…してきた`, not relative clauses) take the day the story stands at (`date:news_peg`).
- Modality: `予定/見通し/計画/用意/…する考え/…してまいります` planned (an act named with a plan or
  readiness for it, `支援の用意を表明`, `訪問の予定を発表`, is stated: planned); `…する際の` (a
  generic rule's act) and `可能性/れば/だろう/であろう/恐れ/ても…できる/どの…か` hypothetical;
  `なかった/せず/行われず/ことなく` negated — read in the words after the trigger, in its clause (a
  table row's cell gap ends it); an act in the continuative form (`…と連携し、`) shares the modality
  ending its sentence (`…べきだ`, `…予定だ`), and a question about an act in the non-past
  (`…約束するのは…ではありませんか`) is hypothetical.
"""

from .document import find_events
from .lexicon import LexiconError, Trigger, load_lexicon
from .model import Event, Rejection, State

__all__ = ["Event", "LexiconError", "Rejection", "State", "Trigger", "find_events", "load_lexicon"]
