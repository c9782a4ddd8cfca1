"""The body of minutes: sections, items, föredragande and decisions, line by line."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from bot.importer.header import (
    _DNR_ONLY,
    _INLINE_TITLE,
    _JUSTERARE_ITEM,
    _LONGEST_TITLE,
    _PROPOSAL_BEFORE,
    _agenda_item,
    _attendance_line,
    _follows,
    _item_number,
    _list_goes_on,
    _long_title,
    _prose_start,
    _role_sentence,
    _splits_date,
    _standing_then_text,
    _title_so_far,
)
from bot.importer.model import OPENING, ImportedItem
from bot.importer.people import (
    _ATTENDANCE_AFTER,
    _CHOICE_LABEL,
    _DASH_AT_END,
    _DASH_BEFORE_LAST,
    _DASH_FIRST,
    _DECISION_LINE,
    _DECISION_WORD,
    _JUSTERAR,
    _JUSTERAS_AV,
    _JUSTERING_WORD,
    _ROLE_LABEL,
    _SENTENCES,
    _SIGN_FOR,
    _TITLED_PRESENTER,
    _TRAILING_SEPARATOR,
    _VERBS,
    _justering_in,
    _justering_statements,
    _more_people,
    _names_from_list,
    _names_only,
    _people_listed,
    _split_presenter,
    _states_samverkan,
)
from bot.importer.shapes import (
    _JUSTERARE_LABEL,
    _LABEL_AT_END,
    _asked,
    _colon_title,
    _cut_after,
    _ends_on_connective,
    _ends_sentence,
    _heading_wraps,
    _is_line_label,
    _Layout,
    _sentence_tail,
    _starts_lower,
    _strip_marker,
    _titleish,
    _topic_question,
)
from bot.importer.signatures import (
    _CHAIR,
    _JUSTERING_CAPTIONS,
    _caption_row,
    _chairs,
    _role_row,
    _signature,
    _two_signatures,
)
from bot.importer.vocabulary import (
    ACTION_OWNER,
    ASIDE_FOR,
    ATTENDANCE,
    BOARD_DECISION,
    BODY_LEFT_UNDECIDED,
    CLOSING,
    CLOSING_SENTENCE,
    CONNECTIVES,
    COUNTED_NOUNS,
    DECIDING_BODY,
    DECISION_HEADING,
    DECISION_TAKEN,
    DNR_WORDS,
    ENDORSEMENT,
    FIELD_TITLE,
    LETTERED,
    NAME_TOKEN,
    NO_DECISIONS,
    NOTED,
    PARAGRAPH_NUMBER,
    PRESENTER_AT_END,
    PRESENTER_LABEL,
    PRESENTER_NAMED,
    SECRETARY,
    SIGNATURE_BOXES,
    SIGNATURES_HEAD,
    TABLE_COLUMN,
    THANKED,
    decision_of,
    is_agenda_approval,
    is_agenda_marker,
    is_closing_item,
    is_deciding_kind,
    is_discussion_title,
    is_other_questions,
    is_party,
    is_person_name,
    is_presenter,
    is_samverkan_kind,
    is_standing,
    is_subheading,
    names_other_items,
    outcome_text,
    section_of,
    section_prefix,
    sourced_section,
    subheading_section,
    tells_discussion,
)

# "… inför hösten (Marie Åhs)": a title's line that ends on a parenthesis.
_PRESENTER_AT_END = re.compile(r"\([^()]+\)\s*$")


# The meeting chooses: "A valdes att justera", "Till justerare utsågs B", "Gruppen utser C".
_CHOOSING = re.compile(r"\b(?:valdes|utsågs|utses|väljs|väljer|utser|valde|utsåg)\b", re.I)


# The verb, not "justerare" under a signature ("Rune Sandell, justerare").
_JUSTERA_VERB = re.compile(r"\bjuster(?:a|ar|as)\b", re.IGNORECASE)


# "Att justera protokollet utses:", "… justera dagens protokoll valdes:": the people follow,
# one a line (a list).
_HEADS_JUSTERARE = re.compile(
    r"\bjustera\b.*:$|\b(?:protokoll)?justerare\b.*\b(?:valdes|utses|utsågs)\s*:$", re.IGNORECASE
)


@dataclass
class _Building:
    section: str
    title: str
    presenter: str = ""
    lines: list[str] = field(default_factory=list)
    subheadings: bool = False
    decided: list[str] = field(default_factory=list)  # "Beslut: …" and what a label heads
    inferred: bool = False  # no section heading above it: its section is read from the item
    number: tuple[int, ...] | None = None  # "§ 26", "3.2": the item's own number, if any
    written: str = ""  # the title line as written, presenter and all
    presented: bool = False  # "Föredragande: …" stood under the title, which ended above it
    # The widest line of the title as written: a title the page width broke is as wide as the
    # page on its first lines, however short the line before its last piece is.
    widest: int = 0
    letter: str = ""  # "b": a lettered sub-item read as an item of its own ("b) Motion om …")
    parent: str = ""  # the title its lettered sub-items replaced ("10. Övriga frågor")

    def build(self, layout: _Layout, kind: str, *, owners_apart: bool = False) -> ImportedItem:
        written = _reflow(self.lines, layout)
        # A central negotiation's account of the local one before it is no outcome of its own.
        text = outcome_text(written, kind)
        # "Nämnden beslutar att anta … Bo Sten (SD) reserverar sig mot beslutet." in one
        # paragraph: the decision is its sentence, and a reservation against it no disagreement.
        # A board's sentence in a samverkan group's minutes reports another body's decision
        # ("Regionfullmäktige fastställer ramarna i juni" at an MBL §19 meeting).
        stated = outcome_text(" ".join(self.decided), kind) or " ".join(
            sentence
            for line in text.split("\n")
            for sentence in _SENTENCES.split(line)
            if BOARD_DECISION.search(sentence) and not is_samverkan_kind(kind)
        )
        if is_closing_item(self.title) and not stated:
            # "Förhandlingen förklaras avslutad. Förhandlingen i punkt 3 avslutas i oenighet,
            # punkt 4 och 5 i enighet.": the closing item sums up how the items it names ended;
            # those outcomes are theirs, not its own.
            text = "\n".join(
                " ".join(s for s in _SENTENCES.split(line) if not names_other_items(s))
                for line in text.split("\n")
            )
        outcome = decision_of(stated) or ("beslutat" if stated else decision_of(text))
        if (
            outcome == "bordlagt"
            and not self.decided
            and (is_other_questions(self.title) or (self.section == "Övrigt" and not self.inferred))
        ):
            # "Övriga frågor: … återkommer vid nästa möte" puts off an answer only, as does
            # "Friskvårdsbidrag 2026" / "Vision frågar … HR återkommer till nästa möte" under
            # an "Övriga frågor" heading: a question raised at the end, not an item put off.
            outcome = ""
        if outcome == "inget beslut" and is_standing(self.title) and not stated:
            # "Mötet är ett informationsmöte och inga beslut fattas" under "Mötets öppnande"
            # speaks of the whole meeting, not of an item.
            outcome = ""
        if outcome == "beslutat" and NOTED.match(stated.strip()):
            stated, outcome = "", ""  # took note (filed it): no decision, a board's neither
        if outcome == "beslutat" and THANKED.match(stated.strip()):
            stated, outcome = "", ""
        if outcome == "beslutat" and not self.decided and is_agenda_approval(self.title):
            # "Nämnden godkänner dagordningen", "Nämnden beslutar att godkänna ärendelistan":
            # the body's own sentence on its agenda is an opening formality, as every key with
            # one has it; under a "Beslut" label most keys record it as decided, so that stays.
            stated, outcome = "", ""
        section = self.section
        sentences = _SENTENCES.split(" ".join(text.split()))
        # "Förhandlingen avslutades i enighet den 18 februari. Informationen noteras." under a
        # board: the outcome of a negotiation elsewhere, reported and taken note of; the board
        # decided nothing (in a negotiation's own protocol the outcome is the item's).
        reported = (
            not stated
            and outcome in ("enighet", "oenighet")
            and is_deciding_kind(kind)
            and not kind.startswith("MBL")
            and bool(NOTED.match(sentences[-1].strip()))
        )
        if reported:
            outcome = ""
        if self.inferred and reported:
            section = "Information"
        elif self.inferred:
            # Minutes without section headings: what the item is says where it belongs.
            # "10. Övriga frågor" over "a) Parkeringen (Emma Grip)": a sub-item under the
            # closing parent it stands for is a closing item too.
            if any(
                is_closing_item(t) or section_of(t) == "Övrigt"
                for t in (self.title, self.parent)
                if t
            ):
                section = "Övrigt"
            elif is_standing(self.title) or section_of(self.title) == OPENING:
                section = OPENING  # "§ 1 Inledning" too: an item named after the opening
            elif (
                (stated and (outcome != "bordlagt" or is_deciding_kind(kind)))
                or outcome in _SAMVERKAN_OUTCOMES
                or (
                    outcome == "enighet"
                    and (
                        ENDORSEMENT.search(text)
                        or DECISION_TAKEN.search(text)
                        or _states_samverkan(text)
                    )
                )
                or (outcome and is_deciding_kind(kind) and outcome != "inget beslut")
                # "Arbetsutskottet fattade inget beslut i ärendet": before it for decision.
                or (outcome == "inget beslut" and BODY_LEFT_UNDECIDED.search(" ".join(sentences)))
                # "Förslaget till arbetsmiljöplan presenterades. Något beslut fattades inte …":
                # a proposal was before the meeting, for decision, and none was taken.
                or (outcome == "inget beslut" and bool(_PROPOSAL_BEFORE.search(text)))
            ):
                section = "Beslut"
            elif is_discussion_title(self.title) or (
                outcome in ("", "inget beslut")
                and not stated
                and tells_discussion(self.title, _SENTENCES.split(text.strip())[0], text)
            ):
                # "Diskussion: hur …?", "Gruppen diskuterade … Inget beslut.": a dialog item,
                # though no heading says Dialog (the twentyfifth and twentysixth writers').
                section = "Dialog"
            else:
                section = "Information"
        if outcome == "inget beslut" and section != "Beslut" and not stated:
            # "Gruppen samtalade om … Inga beslut fattades." under information or dialogue: no
            # decision was to be taken, so none is recorded; an item for decision keeps it.
            outcome = ""
        if (
            section == "Information"
            and outcome == "enighet"
            and not (stated or ENDORSEMENT.search(text) or _states_samverkan(text))
        ):
            # "Parterna är överens" about information is agreement, not a decision.
            outcome = ""
        presenter = self.presenter
        at_end = None if presenter else PRESENTER_AT_END.search(written)
        if at_end and owners_apart and ACTION_OWNER.match(at_end.group().lstrip(".!? \n")):
            at_end = None  # an action's owner where the minutes name presenters apart
        if at_end and is_presenter(at_end["who"].strip()):
            presenter = at_end["who"].strip()
        return ImportedItem(
            section=section,
            title=self.title,
            presenter=presenter,
            text=written,
            decision=outcome,
        )


# "Ärendet är samverkat", "oenighet": what a samverkan group decides, in any kind of group.
_SAMVERKAN_OUTCOMES = frozenset({"samverkat", "oenighet"})


def _reflow(lines: list[str], layout: _Layout) -> str:
    """Join the lines the page width cut; keep the breaks the writer made."""
    paragraphs: list[str] = []
    last = ""
    for line in lines:
        marker = _strip_marker(line)[0]
        goes_on = _starts_lower(line) or layout.wrapped(last)
        joins = bool(paragraphs) and not marker and (goes_on or _first_name_cut(paragraphs[-1]))
        if joins:
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        last = line
    return "\n".join(paragraphs)


# "… valdes Pia Ekholm och Sune" + "Björklund.": a narrow page cut a name after its first word.
_FIRST_NAME_AT_END = re.compile(rf"(?:,|\boch)\s+(?P<word>{NAME_TOKEN})$")


def _first_name_cut(text: str) -> bool:
    cut = _FIRST_NAME_AT_END.search(text)
    return bool(cut) and not (is_party(cut["word"]) or is_presenter(cut["word"]))


_TITLE, _SUB, _BODY = "title", "sub", "body"


# A justering sentence broken by the page width spans at most this many lines.
_STATEMENT_LINES = 4


_RUN_SCAN = 40  # how far below a numbered title the next one is looked for


# Short lines that answer rather than head: "Inga synpunkter", "Ingen förändring".
_NOT_HEADINGS = frozenset({"inga", "ingen", "inget", "ej", "inte", "ok", "klart", "godkänd", "se"})


class _Body:
    """Walks the lines after the header: sections, item titles, their text, justering lines."""

    def __init__(
        self,
        layout: _Layout,
        headings: frozenset[str] = frozenset(),
        joined: frozenset[str] = frozenset(),
    ) -> None:
        self.layout = layout
        self.headings = headings
        self.joined = joined  # titles the page width broke, read as one line
        self.items: list[_Building] = []
        self.owners_apart = False
        self.numbers_items = False
        self.unplaced: list[str] = []
        self.justerare: list[tuple[str, str]] = []
        self.signed: list[tuple[str, str]] = []  # names under "Justeras": used when none else
        self.chairs: list[tuple[str, str]] = []  # who signs there as ordförande
        # Whether the signature block puts "För Vision" above the names (or below them), as
        # its first caption or name shows; the sides read above, waiting for their names.
        self.captions_above: bool | None = None
        self.sides_above: list[str] = []
        # "Ordförande | Sekreterare" above "Henrik Palm | Lisa Moberg": the roles a row of
        # captions gives the names on the rows below it, one each. Whether such captions stand
        # above their names or below says the first of them: below, when names came before it.
        self.roles_above: list[str] = []
        self.roles_placed = ""
        self.names_signed = False
        self.section: str | None = None
        self.sections_seen = False
        # How the lines that named a section stand: (numbered, levels, in capitals).
        self.section_shapes: set[tuple[bool, int, bool]] = set()
        self.item: _Building | None = None
        self.expect_body = False
        self.in_list = False
        self.pending_number = False  # "§ 4" alone: the title is on the next line
        self.title_cut = False  # that title stopped on a connective: it goes on below
        self.last_number: tuple[int, ...] | None = None  # the last item's "7." or "§ 21"
        self.deciding = False  # after a "Beslut" label inside an item
        self.table = False  # inside a table of the item (after its head row)
        self.aside: _Building | None = None  # "Reservation § 26" after item 29: § 26's text
        self.previous = ""
        self.previous_kind = ""
        self.inline_items = False  # items written "Rubrik: text" on one line
        self.ahead: list[str] = []  # the few lines after the one being read
        self.lines: list[str] = []  # all of them, and where the one being read stands
        self.index = 0

    def read(self, lines: list[str], front: tuple[str, ...] | list[str] = ()) -> None:
        # Minutes that name presenters with "Föredragande:" mean by "Ansvarig:" who answers
        # for an action, not who presented the item.
        self.owners_apart = any(PRESENTER_NAMED.match(line) for line in lines)
        # Minutes that number their items ("§ 4", "2.") more than once.
        self.numbers_items = (
            sum(1 for line in lines if _strip_marker(line)[0] in ("para", "num")) >= 2
        )
        # Notes that write their standing items "Mötets öppnande: …", "Val av justerare: …"
        # write the others so too ("Bemanning i höst: Två nya …").
        inline = [_INLINE_TITLE.match(line) for line in lines]
        self.inline_items = sum(1 for m in inline if m and is_standing(m["title"])) >= 2
        closing = ""  # "", "end" (after "Mötet avslutas."), "secretary", "sign"
        # "Justerandes signatur | Utdragsbestyrkande" under every item: boxes at each item's
        # foot, not the minutes' end (that block stands once). Counted on the front page too:
        # there they are the page header's, which stands again at the top of a later page.
        boxes = Counter(
            _normalise_line(ln) for ln in [*front, *lines] if SIGNATURE_BOXES.match(ln.strip())
        )
        collecting_justerare = False
        attendance = False
        agenda = False
        agenda_titles: set[str] = set()
        skip = 0
        for index, line in enumerate(lines):
            if skip:
                skip -= 1
                continue
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if collecting_justerare:
                people = _names_only(line)
                if people:
                    self.justerare.extend(people)
                    continue
                collecting_justerare = False
            in_own_item = self.item is not None and _JUSTERARE_ITEM.match(self.item.title)
            if _HEADS_JUSTERARE.search(line) and _names_only(following) and not in_own_item:
                # "Att justera protokollet utses:" above a list of the people.
                self.unplaced.append(line)
                collecting_justerare = True
                continue
            label = _JUSTERARE_LABEL.match(line)
            if re.match(r"^(?:justeras|justerandes)\b", line, re.IGNORECASE):
                label = None  # the signature block at the end
            if label and index and _starts_lower(line) and not _ends_sentence(lines[index - 1]):
                label = None  # "Protokollet" + "justeras av A och B": a sentence the width broke
            if label and not label["names"].strip() and _names_only(following):
                # "Justerare:", "Justerat av" with the people on the lines below it (a list,
                # not a sentence the page width broke).
                collecting_justerare = True
                continue
            wrapped = self._wrapped_statement(lines, index)
            if wrapped:
                # A justering sentence the page width broke over lines: read it whole.
                people, skip = wrapped
                self.justerare.extend(people)
                self.unplaced.extend(lines[index : index + skip + 1])
                continue
            if label and not (self.item is not None and _JUSTERARE_ITEM.match(self.item.title)):
                people = _names_from_list(label["names"])
                if people:
                    self.justerare.extend(people)
                    continue
            if closing and (
                self._next_item(line)
                or self._numbered_run(lines, index)
                or self._opens_first_item(line)
                or self._title_after_boxes(lines, index, boxes)
            ):
                # "Justerandes sign" under each § (the box for the justerare's initials), then
                # "§ 113 …": the minutes go on; what looked like their end was the item's foot.
                # So too a run of numbered items ("§ 1", "§ 2" …) below what looked like the
                # end before any numbered item: a header line read as an item ("Sekreterare:"
                # under it then closing the minutes) loses no more than itself.
                closing = ""
            # "Anteckningarna förs av A och" + "justeras av B och C.": the page width broke a
            # sentence before the closing's word; the line goes on above, it closes nothing.
            goes_on = index > 0 and _starts_lower(line) and not _ends_sentence(lines[index - 1])
            if closing or (
                not goes_on
                and (
                    (CLOSING.match(line) and not _role_sentence(line))
                    or self._closing_sentence(line, following)
                )
                and not self._choice_heading(line, _sentence_from(lines, index + 1))
                and not self._role_chosen(line)
            ):
                closing = self._closing(line, following, closing)
                continue
            if agenda:
                listed = _strip_marker(line)
                repeated = _normalise_line(listed[1]) in agenda_titles
                listing = _strip_marker(following)[0] in ("num", "bullet", "para")
                # The list's last line, the body repeating its first title below it unnumbered
                # ("6. Övriga frågor" above "Välkommen och val av justerare").
                last = bool(agenda_titles) and _normalise_line(following) in agenda_titles
                if (
                    listed[0] in ("num", "bullet", "para")
                    and len(line) < 90
                    and not repeated
                    and (listing or last or section_of(following))
                ):
                    agenda_titles.add(_normalise_line(listed[1]))
                    self.unplaced.append(line)
                    continue
                agenda = False
            if ATTENDANCE.match(line) and (self.item is None or _people_listed(line)):
                attendance = True  # also after the items: "Närvarande: A, rektor; B, Kommunal"
            if attendance:
                listed = ATTENDANCE.match(line) or _attendance_line(line)
                if listed or (index and _list_goes_on(lines[index - 1])):
                    self.unplaced.append(line)
                    continue
                attendance = False
            if is_agenda_marker(line) and not _agenda_item(following):
                agenda = True
            self.ahead = lines[index + 1 : index + 4]
            self.lines, self.index = lines, index
            self._line(line, following)

    def _wrapped_statement(
        self, lines: list[str], index: int
    ) -> tuple[list[tuple[str, str]], int] | None:
        """People of "X justerar protokollet för Y, Z för" + "W." when only the lines joined
        make the sentence, and how many lines after this one it took; else None."""
        if self.item is not None and _JUSTERARE_ITEM.match(self.item.title):
            return None  # the item's text is read as a whole when it is built
        joined = lines[index]
        if "justera" not in joined.casefold():
            return None
        alone = _justering_statements(joined) or []
        best: tuple[list[tuple[str, str]], int] | None = None
        for extra in range(1, _STATEMENT_LINES):
            if index + extra >= len(lines):
                break
            following = lines[index + extra]
            goes_on = self.layout.wrapped(joined) or _starts_lower(following)
            if not goes_on or _strip_marker(following)[0] or section_of(following):
                break
            joined = f"{joined} {following}"
            people = _justering_statements(joined)
            if people and _more_people(people, best[0] if best else alone):
                best = people, extra
            if best and _ends_sentence(joined):
                # The sentence ended: its last line ("arbetsgivaren.") is the statement's too.
                return best[0], extra
        return best

    def _role_chosen(self, line: str) -> bool:
        """ "Sekreterare: Emma Strand" under "Val av sekreterare och justerare": the item's own
        choice of that role, its text, not the caption of a signature where the minutes end
        (the signatures stand after the items, not inside the one that chooses them)."""
        role = _ROLE_LABEL.match(line.strip())
        if role is None or self.item is None:
            return False
        # Its lines so far the other roles' ("Ordförande: Maria Holm" above it), no prose.
        if not all(_ROLE_LABEL.match(ln.strip()) for ln in self.item.lines):
            return False
        title = self.item.title.casefold()
        return title.startswith("val av") and role["role"].casefold() in title

    def _next_item(self, line: str) -> bool:
        """Whether a line is the title of the item after the last one ("§ 113 Godkännande av
        föredragningslista" after § 112): numbering that goes on, whatever stood before it."""
        marker, bare = _strip_marker(line)
        # "Paragraf 89" or "§ 89" alone, its title on the next line, goes on as a titled one does.
        alone = marker == "para" and not bare
        number = _item_number(line)
        # No item yet: what looked like the minutes' end ("Justering" above its sentence, on
        # the front page) came before the first "§ 34" or "1.", where the items begin.
        first = not self.items and (marker == "para" or number == (1,))
        return (
            marker in ("para", "num")
            and (first or _follows(number, self.last_number))
            and (bare[:1].isupper() or alone)
            and not _ends_sentence(bare)
            and len(bare) <= _LONGEST_TITLE
        )

    def _title_after_boxes(self, lines: list[str], index: int, boxes: Counter[str]) -> bool:
        """ "Ärendelista" right under the boxes for the justerare's initials (on one line or a
        cell a line), when those boxes stand under more than one item: the next item's title,
        unnumbered as the others are (a numbered one goes on by its number). A name there is
        the signature block's."""
        start = index
        while start and SIGNATURE_BOXES.match(lines[start - 1].strip()):
            start -= 1
        if start == index or all(boxes[_normalise_line(x)] < 2 for x in lines[start:index]):
            return False
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        marker, bare = _strip_marker(line)
        # "Föredragande: …" below vouches for a long title, as it does anywhere in the minutes,
        # the page width's break in it or not.
        vouched = False
        title = bare
        for below in lines[index + 1 : index + _TITLE_LINES_TO_LABEL + 1]:
            if PRESENTER_LABEL.match(below):
                vouched = _long_title(title) and not _ends_sentence(title)
                break
            title = f"{title} {below}"
        return (
            not marker
            and (_titleish(bare, strong=True) or vouched)
            and not (SIGNATURE_BOXES.match(line.strip()) or CLOSING.match(line))
            and not CLOSING_SENTENCE.match(line)
            and not (is_person_name(bare) or _names_only(line) or _names_only(following))
        )

    def _numbered_run(self, lines: list[str], index: int) -> bool:
        """ "§ 1 Mötets öppnande" with "§ 2 …" further down, when no numbered item came yet:
        numbered titles in sequence, which no signature block or appendix after the minutes'
        end holds."""
        if self.last_number is not None:
            return False
        line = lines[index]
        marker, bare = _strip_marker(line)
        number = _item_number(line)
        if marker not in ("para", "num") or number is None or not _titleish(bare, strong=True):
            return False
        for later in lines[index + 1 : index + 1 + _RUN_SCAN]:
            if _strip_marker(later)[0] == marker and _follows(_item_number(later), number):
                return _titleish(_strip_marker(later)[1], strong=True)
        return False

    def _opens_first_item(self, line: str) -> bool:
        """No item yet: a section heading ("INFORMATIONSPUNKTER", "Inledning") or a standing
        item's title ("Mötets öppnande") after a justering block on the front page begins the
        items, numbered or not; the minutes do not end before their first item."""
        if self.items or self.item is not None or len(line) > _LONGEST_TITLE:
            return False
        bare = _strip_marker(line)[1].strip()
        if bare.endswith(":") and not bare[:-1].endswith(":"):
            bare = bare[:-1].rstrip()  # "Informationsärenden:", a heading with a colon
        return not _ends_sentence(bare) and bool(section_of(bare) or is_standing(bare))

    def _closing_sentence(self, line: str, following: str = "") -> bool:
        return bool(CLOSING_SENTENCE.match(line)) and not (
            (self.item is not None and is_closing_item(self.item.title) and not self.item.lines)
            or self._closing_title(line, following)
        )

    def _choice_heading(self, line: str, following: str) -> bool:
        """ "Justering" over "A valdes att justera anteckningarna." among unnumbered items:
        the item that chooses the justerare, not the head of the signatures (a choice is made
        as the meeting opens; the signatures' head stands above names or a date)."""
        if self.last_number is not None or not _JUSTERARE_ITEM.match(line.strip()):
            return False
        if (
            self.items
            and _CHOOSING.search(following)
            and (_JUSTERA_VERB.search(following) or "justerare" in following.casefold())
        ):
            return True
        # Unnumbered minutes that begin with it, or with their opening items only ("Öppnande"
        # above "Justering" over "Maja Öst justerar tillsammans med ordföranden."): the choice
        # made as the meeting opens, someone chosen or justering, not the signatures' head (the
        # items are still to come; a front page's block stands above minutes that number them).
        return (
            not self.numbers_items
            and all(is_standing(b.title) or b.section == OPENING for b in self.items)
            and bool(_CHOOSING.search(following) or _JUSTERAR.search(following))
            and bool(_JUSTERA_VERB.search(following))
            and _ends_sentence(following)
        )

    def _closing_title(self, line: str, following: str) -> bool:
        """ "Mötet avslutas" without its full stop under a section heading ("Avslutning"),
        bold or above a sentence of its own ("Ordföranden tackade …"): the last item's title,
        not the minutes' end."""
        if line.rstrip().endswith("."):
            return False
        if _normalise_line(line) in self.headings:
            return True  # the file marks it a heading, as it does the other items' titles
        # Minutes without sections whose titles stand unnumbered and unpunctuated above their
        # text write their last one so too ("Mötet avslutas" over "Ordföranden tackade …").
        if not (self.sections_seen or (self.items and not self.numbers_items)):
            return False
        return (
            _ends_sentence(following)
            and not CLOSING.match(following)
            and not CLOSING_SENTENCE.match(following)
            and not _justering_statements(following)
        )

    def _closing(self, line: str, following: str, mode: str) -> str:
        """The end of the minutes: justering sentences, signatures, the secretary's name."""
        self.unplaced.append(line)
        label = _JUSTERARE_LABEL.match(line)
        if label and label["names"].strip():
            self.justerare.extend(_names_from_list(label["names"]))
            return "sign"
        if SECRETARY.match(line):
            # "Antecknat av Oskar Lindahl. Justerat av Rebecka Sundin.": the justering beside
            # the note-taker's name on the line.
            people = _justering_statements(line) if _JUSTERING_WORD.search(line) else None
            self.justerare.extend(people or [])
            return "secretary"
        if SIGNATURES_HEAD.match(line):
            # "Justeras av A, enhetschef, och B, Kommunal.": a sentence naming them, not the
            # head of a signature block whose names stand below it.
            people = _justering_statements(line) if _JUSTERAS_AV.match(line) else None
            if people:
                self.justerare.extend(people)
            return "sign"
        if mode and _ATTENDANCE_AFTER.match(line):
            # "Närvarolista" under the signatures: the people below it were there, not signing.
            return "attendance"
        if mode == "attendance":
            return mode
        roles = _role_row(line)
        if mode == "sign" and roles:
            self.roles_placed = self.roles_placed or ("below" if self.names_signed else "above")
            if self.roles_placed == "above":
                self.roles_above.extend(roles)  # "Mötesordförande" / "Gustav Ek" / …
                return mode
        if CLOSING_SENTENCE.match(line) or re.match(r"^ordförande\b", line, re.IGNORECASE):
            return mode or "end"
        # "Utskottet utser A (M) att jämte ordföranden justera protokollet. Justering sker
        # digitalt …": the sentence naming them, among others about the justering.
        people = _justering_statements(line) or (
            _justering_in(line, whole=False) if _JUSTERA_VERB.search(line) else []
        )
        if people:
            self.justerare.extend(people)
            return mode
        signed = _SIGN_FOR.match(line)
        if signed:
            self.justerare.append((signed["name"], signed["party"].strip()))
            return "sign"
        if mode == "sign":
            self._sign(line, following)
        return mode

    def _sign(self, line: str, following: str) -> None:
        """A line of the signature block. "För arbetsgivaren" may stand above the name that
        signs for it or below: the block's first caption or name says which, for all of it."""
        sides = _caption_row(line)
        if sides and self.captions_above is None:
            self.captions_above = True
        if sides and self.captions_above:
            self.sides_above.extend(sides)
            return
        below = "" if self.captions_above else following
        # "Lars Bohm, ordförande   Eva Sand (S)": two signatures the line's spaces kept apart.
        line = _ROLE_THEN_NAME.sub(r"\g<first> | \g<second>", line)
        line = _two_signatures(line)
        if self.roles_above:
            people = _signature(line, "")
            if people and len(people) <= len(self.roles_above):
                # The chair signs as ordförande, the secretary as sekreterare: neither justerar.
                roles = self.roles_above[: len(people)]
                del self.roles_above[: len(people)]
                self.chairs.extend(p for p, r in zip(people, roles, strict=True) if r in _CHAIR)
                self.signed.extend(
                    p for p, r in zip(people, roles, strict=True) if r in _JUSTERING_CAPTIONS
                )
                return
        people = _signature(line, below)
        self.names_signed = self.names_signed or bool(people)
        if people and self.captions_above is None:
            self.captions_above = False
        if self.captions_above:
            people = [(name, party or self._side_above()) for name, party in people]
        self.signed.extend(people)
        self.chairs.extend(_chairs(line, below))

    def _side_above(self) -> str:
        return self.sides_above.pop(0) if self.sides_above else ""

    def _line(self, line: str, following: str) -> None:
        if self._aside(line):
            return
        if self.deciding and ":" in line and is_subheading(line.split(":", 1)[0]):
            self.deciding = False  # "Reservation: X reserverar sig …": the decision's text ended
        section = section_of(line) or self._section_between_items(line, following)
        if section and section_of(line):
            shape = _heading_shape(line)
            if shape is not None:
                self.section_shapes.add(shape)
        elif not section and self._unnamed_heading(line, following):
            # "2   EKONOMI" like the minutes' "1   INLEDNING": a heading, though it names no
            # section of ours; its items take their section from what each is.
            self._open_section(None)
            return
        if self.item is not None and DECISION_HEADING.match(line):
            # "Förhandlingens resultat" above "Parterna är överens.": the outcome's text.
            self._add(line)
            self.deciding = True
            self._remember(line, _BODY)
            return
        if self.item is not None and _DNR_ONLY.match(line):
            # "Dnr KS 2024/0214" under a § item's title: the item's diary number, its text.
            self._add(line)
            self._remember(line, _BODY)
            return
        if section and self._decision_label(line, following):
            self._add(line)
            self.deciding = True
            self._remember(line, _BODY)
            return
        if section and self._numbered_item(line, section, following):
            # "8. Övriga frågor" after item 7, "§ 22 Övriga frågor": an item of its own.
            self._open_item(line)
            return
        if (
            section
            and is_standing(line)
            and (
                (self.items and not self.sections_seen)
                or (self.section == section and self.item is None and self.previous_kind == _TITLE)
            )
        ):
            # "Övriga frågor" after items of minutes without sections, or right under the
            # heading "Övrigt": one more item.
            self._open_item(line)
            return
        if section:
            self._open_section(section)
            return
        if self.item is None and self.section and NO_DECISIONS.match(line):
            self.unplaced.append(line)
            return
        if is_agenda_marker(line) and not self.pending_number and _agenda_item(following):
            # "Dagordning" above "Dagordningen godkändes.": the item that approves the agenda.
            self._open_item(line)
            return
        if is_agenda_marker(line) and not self.pending_number:
            # "Dagordning" under "Ärende 2." alone is that item's title, not the agenda's head.
            self.item, self.expect_body, self.in_list = None, False, False
            self._remember(line, _TITLE)
            return
        inline = _INLINE_TITLE.match(line)
        if (
            inline
            and is_standing(inline["title"])
            and not (is_closing_item(inline["title"]) or "." in inline["title"])
            and not self._in_standing(inline["title"])
        ):
            # "Val av justerare: A (Vision) och B (Kommunal).": a standing item and its text.
            self._open_item(inline["title"])
            self._body(inline["rest"], following)
            return
        in_justerare_item = self.item is not None and _JUSTERARE_ITEM.match(self.item.title)
        people = None if in_justerare_item else _justering_statements(line)
        if people:
            self.justerare.extend(people)
            return
        presenter = PRESENTER_LABEL.match(line)
        if presenter and self.owners_apart and ACTION_OWNER.match(line):
            # Under the title it names the item's presenter still; after the text, an owner.
            presenter = None if self.item is not None and self.item.lines else presenter
        if (
            presenter
            and self.item is not None
            and self.item.presenter
            and not self.item.lines
            and self.item.written.endswith(f"({self.item.presenter})")
        ):
            # "Uppföljning av det systematiska arbetsmiljöarbetet (SAM)" above "Föredragande:
            # Anna Ek": the label names who presents, so the parenthesis was the title's own.
            self.item.title, self.item.presenter = self.item.written, ""
        if presenter and self.item is not None and not self.item.presenter:
            # Above the item's text or after it ("Ansvarig: Agnes Falk" at its end).
            who = presenter["who"].strip().rstrip(".")
            if not self.item.lines or len(who.split()) <= 4:
                self.item.presenter = who
                self.item.presented = True
                return
        decided = _DECISION_LINE.match(line)
        if decided and decided["label"].casefold() != "beslut" and not decision_of(decided["text"]):
            decided = None  # "Resultat: 86 procent svarade": a figure, no outcome
        if decided and self.item is not None and self._decision_text(decided["text"], following):
            self._add(line)
            self.item.decided.append(decided["text"])
            # The item's text has begun: the line after the decision may open the next item
            # ("Val av justerare" + "Beslut: Att justera …" + "Ekonomisk rapport").
            self.expect_body = False
            self._remember(line, _BODY)
            return
        if self._inline_item(line):
            inline = _INLINE_TITLE.match(line)
            self._open_item(inline["title"])
            self._body(inline["rest"], following)
            return
        number = PARAGRAPH_NUMBER.match(line)
        if number and not _DNR_ONLY.sub("", number.group(1)).strip():
            # "§ 4" or "§ 13 Dnr KFN 2024/33": the title follows on the next line.
            self.pending_number = True
            self.last_number = _item_number(line) or self.last_number
            self.unplaced.append(line)
            return
        if self.pending_number:
            self.pending_number = False
            line = FIELD_TITLE.sub("", line)
            if _titleish(_TRAILING_SEPARATOR.sub("", line), strong=True):
                self._open_item(line)
                return
            if not _ends_sentence(line) and _long_title(_TRAILING_SEPARATOR.sub("", line)):
                self._open_item(line)  # the § number above vouches for a long title
                return
            whole = _TRAILING_SEPARATOR.sub("", f"{line} {following}")
            if _cut_after(line) and not _ends_sentence(following) and _long_title(whole):
                # "§ 115" + "Yttrande över … Norrskogen med" + "särskild inriktning på …".
                self._open_item(line)
                self.title_cut = True
                return
        titled = _TITLED_PRESENTER.match(line)
        if (
            titled
            and self._after_break()
            and (self.item is None or self.previous_kind != _TITLE)  # under a title: its text
            and _titleish(titled["title"], strong=False)
            and not _VERBS & set(titled["title"].casefold().split())
        ):
            self._open_item(line)  # "Budget. Föredragande: Anna Ek": a title and who presents
            return
        if self._title_goes_on(line):
            item = self.item
            assert item is not None
            # "… kvartalet 2025," + "ekonomichef": the presenter may be the part that wrapped.
            # "…, avdelningschef" + "bygglov": split again from the whole line as written.
            from_title = _split_presenter(item.written)[1] if item.written else ""
            item.written = f"{item.written or item.title} {line}"
            item.widest = max(item.widest, len(line))
            title, presenter = _split_presenter(item.written)
            if item.presenter and item.presenter != from_title:
                presenter = item.presenter  # "Föredragande: …" named them apart
            item.title, item.presenter = title, presenter
            self._remember(line, _TITLE)
            return
        if self._lettered_item(line):
            self._open_lettered(line)
            return
        kind = self._classify(line, following)
        if kind == _TITLE:
            self._open_item(line)
        elif kind == _SUB:
            self._add(line)
            self.expect_body = True
            self.deciding = False  # "Reservation" under "Beslut": the decision's text ended
            self.aside = None
            self._remember(line, _SUB)
        else:
            self._body(line, following)

    def _lettered_item(self, line: str) -> bool:
        """ "§ 10 Motioner" + "a) Motion om …" + "Föredragande: Ulf Dahl": a parent with no text
        of its own whose lettered sub-item has its own presenter line is a heading over items;
        each sub-item is an item, its siblings ("b) Motion om …") too. Sub-items that share
        their parent's text and decision ("§ 5 Resor" + "a) Vadstena" + "b) Teater" + "Styrelsen
        beslutade …") have no presenter of their own and stay the parent's text."""
        letter = LETTERED.match(line)
        if letter is None or self.item is None:
            return False
        if self.item.letter:
            return ord(line[0]) == ord(self.item.letter) + 1
        if line[0] != "a" or self.item.lines or self.item.presenter or self.previous_kind != _TITLE:
            return False
        if _PRESENTER_AT_END.search(line) and _split_presenter(_strip_marker(line)[1])[1]:
            # "5. Information från rektor" + "a) Personalläget inför hösten (Marie Åhs)": the
            # sub-item names its own presenter in the parenthesis after its title.
            return True
        if _heads_section(self.item.title) and self._titled_part(line):
            # "5. Information från bolaget" / "10. Övriga frågor" over "a) Stambyte på
            # Lärkvägen" and its own text: the parent names a section, as a heading does, and
            # its parts are the items in it ("a) Vårfest i maj" under "§ 5 Vårens aktiviteter"
            # is part of one item; "a) Vårstädning genomförs i april." a line of its text).
            return True
        # The label below the sub-item's title, which the page width may have broken.
        for ahead in self.ahead[:_TITLE_LINES_TO_LABEL]:
            ahead = ahead.strip()
            if PRESENTER_LABEL.match(ahead):
                return True
            if _ends_sentence(ahead) or _strip_marker(ahead)[0] or section_of(ahead):
                break
        return self._sub_items_decide()

    def _sub_items_decide(self) -> bool:
        """ "11. Val" + "a) Val av ordförande" + "Årsmötet beslutar att välja …" + "b) Val av
        ledamöter" + "Årsmötet beslutar att välja …": every sub-item states a decision of its
        own, so each is an item. One decision for them all ("a) Vadstena" / "b) Teater" /
        "Styrelsen beslutade att genomföra båda"), or in one of them only, leaves them text."""
        texts: list[list[str]] = []
        for later in self.lines[self.index : self.index + 60]:
            later = later.strip()
            marker = _strip_marker(later)[0]
            if marker == "letter":
                if later[0] != chr(ord("a") + len(texts)):
                    return False
                texts.append([])
            elif marker in ("num", "para") or section_of(later) or not texts:
                break
            else:
                texts[-1].append(later)
        return len(texts) >= 2 and all(BOARD_DECISION.search(" ".join(text)) for text in texts)

    def _titled_part(self, line: str) -> bool:
        """ "a) Tvättstugebokning via app" over "Bokningstavlorna ersätts …": a lettered line
        that is a title (no sentence, no "Label: text") with its own text below it."""
        bare = _strip_marker(line)[1].strip()
        title = _split_presenter(bare)[0]
        below = self.ahead[0].strip() if self.ahead else ""
        return (
            not _ends_sentence(bare)
            and ":" not in bare
            and _titleish(title, strong=True)
            and bool(below)
            and below[:1].isupper()
            and not _strip_marker(below)[0]
            and not section_of(below)
        )

    def _open_lettered(self, line: str) -> None:
        parent = self.item
        assert parent is not None
        if not parent.letter:
            self.items.remove(parent)  # the parent heads its sub-items: no item of its own
        # Where no heading names the section, the parent's title does ("Information från …",
        # "Övriga frågor"): its parts are filed there, as under a heading.
        if parent.letter:
            named = None if parent.inferred else parent.section
        else:
            named = _heads_section(parent.title) if parent.inferred else None
        number = self.last_number
        self._open_item(line)
        self.last_number = number
        assert self.item is not None
        self.item.letter = line[0]
        self.item.parent = parent.parent if parent.letter else parent.title
        if named and self.item.inferred:
            self.item.section, self.item.inferred = named, False

    def _in_table(self, line: str, following: str) -> bool:
        """Whether the line is a cell or row of a table in the item: its head ("Åtgärd",
        "Ansvarig", "Klart" one a line, or on one line) or a row after it that is no sentence."""
        words = line.split()
        head = bool(words) and all(TABLE_COLUMN.match(w) for w in words)
        beside = TABLE_COLUMN.match(self.previous or "-") or TABLE_COLUMN.match(following or "-")
        if head and (len(words) >= 2 or beside):
            self.table = True
            return True
        prose_next = _ends_sentence(following) and len(following) > 40  # a title above its text
        ends = _ends_sentence(line) or _strip_marker(line)[0] or section_of(line) or prose_next
        if self.table and not ends:
            return True
        self.table = False
        return False

    def _in_standing(self, title: str) -> bool:
        """Whether the item being read is that standing item already ("Val av justerare" above
        "Val av justerare: …")."""
        if self.item is None:
            return False
        # "Val av justerare" above "Protokollsjusterare: A (Seko).": the same item by two names.
        both_justering = all(_JUSTERARE_ITEM.match(t) for t in (self.item.title, title))
        return self.item.title.casefold() == title.casefold() or both_justering

    def _decision_text(self, text: str, following: str) -> bool:
        """ "Beslut: Ärendet är samverkat." and "Beslut: Att ge …" (a board's att-sats, or text
        that goes on in the next line) decide; "Beslut: Budget 2026" is a title in its section."""
        if not _titleish(text, strong=True) or BOARD_DECISION.search(text):
            return True  # "Beslut: Styrelsen beslutade att … Peter" + "Nylander …": a sentence
        return bool(re.match(r"att\s", text, re.IGNORECASE)) or _starts_lower(following)

    def _decision_label(self, line: str, following: str) -> bool:
        """ "Beslut:" above "Ärendet är samverkat." labels a decision, it opens no section;
        "Beslut (MBL §19)" above "Inga beslut" or above a title opens the section."""
        if section_of(line) != "Beslut" or self.item is None or "(" in line:
            return False
        if not _DECISION_WORD.match(line.strip()):
            return False  # "Beslutsärenden", "Ärenden för beslut": a section's name, no label
        if self._heading(line) and self._heading(following):
            return False  # a heading above a heading: the section and its first title
        if NO_DECISIONS.match(following) or not following:
            return False
        # "BESLUT" above "9. Ny organisation för … från 1 maj 2026 (Erik Lundmark)": the next
        # item's number below it, however wide its title, opens the section.
        if _strip_marker(following)[0] in ("num", "para") and _follows(
            _item_number(following), self.last_number
        ):
            return False
        if decision_of(following) or BOARD_DECISION.search(following):
            return True
        if DECIDING_BODY.match(following):
            return True  # "Nämnden lägger meddelandena … till handlingarna."
        # Prose below it, a sentence or a line the page width cut: the decision's text.
        prose = following.rstrip().endswith(".") or self.layout.wrapped(following)
        return prose and not _titleish(following, strong=False)

    def _aside(self, line: str) -> bool:
        """ "Reservation § 26: …" under a later item (after a table of items, at the protocol's
        end) is the text of the item it names, not of the item above it; so are the lines of
        its paragraph after it."""
        named = ASIDE_FOR.match(line)
        if named is None:
            return False
        number = (int(named["number"]),)
        target = next((item for item in self.items if item.number == number), None)
        if target is None or target is self.item:
            self.aside = None
            return False
        target.lines.append(line)
        self.aside = target
        self._remember(line, _BODY)
        return True

    def _inline_item(self, line: str) -> bool:
        """ "Bemanning i höst: Två nya …" opening a paragraph of notes that write their items
        so: a short title before the colon that is no label ("Ansvarig:", "Bakgrund:")."""
        inline = _INLINE_TITLE.match(line) if self.inline_items else None
        if inline is None or (self.previous_kind == _BODY and not _ends_sentence(self.previous)):
            return False
        title = inline["title"].strip()
        return not (
            len(title.split()) > 6
            or "." in title
            or _strip_marker(line)[0]
            or _is_line_label(title, line)
        )

    def _numbered_item(self, line: str, section: str, following: str = "") -> bool:
        """Whether a section's word with a number is an item: a standing item whose number
        follows the last item's at the same level ("7." then "8. Övriga frågor"), one under
        that very section ("ÖVRIGT" then "9. Övriga frågor"), or one with its prose right under
        it ("1. Inledning" above "Per Holm hälsade välkommen.")."""
        number = _item_number(line)
        if number is None:
            # "§ 22" alone above "Övriga frågor" or "Anmälningsärenden": the number was the
            # line before, and a § numbers an item, never a section.
            return self.pending_number
        if _strip_marker(line)[0] == "para":
            return True  # "§ 66 Anmälningsärenden": a § numbers an item, never a section
        if self.section == section and self.sections_seen:
            return True
        if (
            following
            and _prose_start(following, self.layout)
            and not (_strip_marker(following)[0] or section_of(following))
            and not is_standing(following)
            and not (_INLINE_TITLE.match(following) or _CHOICE_LABEL.match(following))
        ):
            return True
        if not is_standing(_strip_marker(line)[1]):
            return False  # "2. Information" after "1. Val av justerare" opens a section
        last = self.last_number
        return (
            last is not None
            and len(number) == len(last)
            and number[:-1] == last[:-1]
            and number[-1] == last[-1] + 1
        )

    def _section_between_items(self, line: str, following: str) -> str | None:
        """ "DISKUSSION" above "8. Diskussion om …", in minutes with section headings: the word
        that heads text inside an item ("Diskussion" above its prose) heads the next item's
        section when that item follows at once: numbered next after the last one, or a
        heading under a heading."""
        # "Information från ledningen" between "Ärende 3: …" and "Ärende 4: …": in minutes that
        # number their items, an unnumbered line naming whose information follows, right above
        # the next item in sequence, heads Information (numbered, it is an item's title).
        sourced = None if _strip_marker(line)[0] else sourced_section(line)
        if sourced and _follows(_item_number(following), self.last_number):
            return sourced
        section = subheading_section(line) if self.sections_seen else None
        if section is None:
            return None
        number, last = _item_number(following), self.last_number
        if number is not None and last is not None:
            follows = len(number) == len(last) and number[:-1] == last[:-1]
            return section if follows and number[-1] == last[-1] + 1 else None
        follows = self._heading(line) and self._heading(following) and not section_of(following)
        return section if follows else None

    def _unnamed_heading(self, line: str, following: str) -> bool:
        """A heading that names no section of ours ("EKONOMI", "3   AKTIVITETER") but stands as
        the minutes' own section headings do: the shape of one that named a section (its
        numbering, its capitals), with the next item right below it, in sequence or numbered
        under it ("2.1" below "2")."""
        shape = _heading_shape(line)
        if shape is None or shape not in self.section_shapes:
            return False
        number, below = _item_number(line), _item_number(following)
        if below is None:
            return False
        if number is not None:
            return len(below) > len(number) and below[: len(number)] == number
        if not shape[2] and not self._heading(line):
            return False  # "Ekonomi" unmarked and unnumbered may be a short item's title
        return _follows(below, self.last_number)

    def _open_section(self, section: str | None) -> None:
        self.section = section
        self.sections_seen = True
        self.item, self.expect_body, self.in_list = None, False, False
        self.deciding, self.aside = False, None
        self._remember("", _TITLE)

    def _heading(self, line: str) -> bool:
        """Word's heading styles, a PDF's bold or larger type: the writer marked a heading."""
        return _normalise_line(line) in self.headings

    def _classify(self, line: str, following: str) -> str:
        marker, bare = _strip_marker(line)
        if marker == "letter":
            return _BODY
        if marker in ("para", "num"):
            bare = _colon_title(bare, following, numbered=True)
            # A list item ends its line ("- Per Wall, arbetsgivaren") as a sentence does.
            listed = _strip_marker(self.previous)[0] == "bullet"
            if (
                (self._after_break() or listed)
                and (_follows(_item_number(line), self.last_number) or self._numbering_begins(line))
                and bare[:1].isupper()
                and not _ends_sentence(bare)
                and len(bare) <= _LONGEST_TITLE
            ):
                # "3." after item 2's finished text: the numbering says a title begins, however
                # long it is or whatever stop it has inside ("Sjukfrånvaron. Statistik för Q3").
                return _TITLE
        if line in self.joined and self._after_break():
            return _TITLE
        if (
            PRESENTER_LABEL.match(following)
            and not PRESENTER_LABEL.match(line)
            and self._after_break()
            and _long_title(_TRAILING_SEPARATOR.sub("", bare))
            and not _ends_sentence(bare)
        ):
            return _TITLE  # "Föredragande: …" below it vouches for a title, however long
        if (
            self._heading(line)
            and self._heading(following)
            and _heading_wraps(line, following)
            and not section_of(following)
            # "… inom" + "… kvartalet 2023," + "EC Utredning": a comma at the end of the two
            # lines says the heading goes on (to its presenter), not that it is no title.
            and _titleish(
                _TRAILING_SEPARATOR.sub("", f"{bare} {following}").rstrip(","), strong=True
            )
        ):
            # A heading the page width broke: "Verksamhetsplan … 2026 för" + "avdelningen …".
            return _TITLE
        tagged = section_prefix(bare)
        if (
            tagged
            and _titleish(tagged[1], strong=True)
            and not (decision_of(tagged[1]) or BOARD_DECISION.search(tagged[1]))
        ):
            return _TITLE
        if marker == "para" and _titleish(_asked(_TRAILING_SEPARATOR.sub("", bare)), strong=True):
            return _TITLE
        if marker in ("para", "num") and self._wrapped_title(bare, following):
            return _TITLE
        if (
            is_standing(bare)
            and _titleish(bare, strong=True)
            # "Nästa sammanträde äger rum den 26 augusti" + "2026.": the page width broke the
            # date of a sentence that names the next meeting, no title of it.
            and not _splits_date(bare, following)
            # "Nästa möte hålls 2026-05-19 kl. 13.00 på tekniska" + "kontoret.": so too one
            # whose sentence goes on below in lower case to its end.
            and not _sentence_below([ahead.strip() for ahead in self.ahead])
        ):
            return _TITLE
        if self.item is not None and not marker and self._opens_next(line, following):
            return _TITLE
        if self.item is not None and is_subheading(line):
            return _SUB
        if self.item is not None and (" | " in line or self._in_table(line, following)):
            return _BODY  # a table's rows in an item ("Åtgärd | Ansvarig | Klart") are its text
        bare_title = _TRAILING_SEPARATOR.sub("", bare)
        if self._heading(line) and (
            _titleish(_asked(bare_title), strong=True)
            # The file marks it a heading (Word's style, a PDF's bold): a title however long
            # ("Överenskommelse om lokalvård för … med nya krav på städfrekvens", 18 words),
            # as long as it is no sentence.
            or (_long_title(bare_title) and not _ends_sentence(bare_title))
        ):
            return _TITLE
        if self.expect_body:
            if (
                self.item is not None
                and not self.item.lines
                and self._short_heading(line, following)
            ):
                # An item that opens with "GR" / "Vuxen": its later short lines are headings too.
                self.item.subheadings = True
                return _SUB
            return _BODY
        if marker in ("bullet", "num"):
            bare = _asked(_TRAILING_SEPARATOR.sub("", _colon_title(bare, following)))
            following_bare = _strip_marker(following)[1] if LETTERED.match(following) else following
            if self.in_list or not _titleish(bare, strong=True) or _starts_lower(following_bare):
                return _BODY
            return _TITLE
        if _LABEL_AT_END.search(self.previous):
            return _BODY  # "… Ansvarig:" + "Fredrik Nord": the label's value
        continues = self.previous_kind == _BODY and self.layout.wrapped(self.previous)
        candidate = _TRAILING_SEPARATOR.sub("", _colon_title(line, following))
        if (
            not continues
            and self._after_break()
            and self._wrapped_title(candidate, following)
            and not self._ends_as_sentence()
        ):
            # A title as wide as the page after a finished paragraph, its end on the next line.
            return _TITLE
        if continues or _starts_lower(following):
            return _BODY
        if len(line) >= self.layout.wrap:
            # A line longer than the page's prose lines was never wrapped: a whole paragraph,
            # or a long title when it ends without a full stop and the next line begins anew.
            # Right under a section's heading no sentence was begun above for the next line to
            # end, and a long title (to about 160 characters) may stand there.
            first = self.item is None and self.previous_kind == _TITLE
            # Its length without the presenter after it; a presenter there ("…, Omar Haddad")
            # says no sentence goes on below, though the next line open with a short one
            # ("Svarsfrekvens 81 %. Lägst …").
            title, presenter = _split_presenter(candidate)
            # A topic's question ends its sentence with its line: none goes on below it.
            asks = _topic_question(title)
            if not (
                (
                    _titleish(title, strong=True)
                    or asks
                    or (first and _long_title(title) and not _ends_sentence(title))
                    # "Hot och våld … under tredje kvartalet - Sofia Mäkinen": a presenter set
                    # off after the title vouches for a long one, as "Föredragande:" below does.
                    or (presenter and _long_title(title) and not _ends_sentence(title))
                )
                and self._after_break()
                and (first or presenter or asks or not _sentence_tail(following))
            ):
                return _BODY
        elif not (_titleish(candidate, strong=False) or _topic_question(candidate)):
            return _BODY
        if self.item is not None and self.item.subheadings and self._short_heading(line, following):
            return _SUB
        if (
            self.item is not None
            and self.last_number
            and not marker
            and not self._heading(line)
            and not self._vouched_title(following)
            and self._numbering_rules()
        ):
            # Minutes that number their items number each title: an unnumbered, unmarked short
            # line inside an item is its text (a table's cells, "Anläggning" / "Datum" / "3").
            return _BODY
        return _TITLE

    def _opens_next(self, line: str, following: str) -> bool:
        """A title-like line (a colon in it too) over a diary number, inside an item that has
        its text already ("Regionstyrelsen" under "Expedieras till", then "Remiss: …" over "Dnr
        HSN 2025/18"): the next item's title, its own diary number below it."""
        item = self.item
        if item is None or not item.lines or is_subheading(line) or _DNR_ONLY.match(line):
            return False
        return _titleish(_TRAILING_SEPARATOR.sub("", line), strong=True) and bool(
            _DNR_ONLY.match(following)
        )

    def _numbering_rules(self) -> bool:
        """Whether the items read so far are numbered more often than not: minutes that number
        their items number each title, but where most titles came without a number ("Mötet
        öppnas", "Val av justerare", then one "Punkt 3."), one number makes no rule."""
        numbered = sum(1 for item in self.items if item.number is not None)
        return numbered * 2 >= len(self.items)

    def _numbering_begins(self, line: str) -> bool:
        """ "3. Förhandlingsfråga: …" or "§ 3 …" after two unnumbered items ("Mötets öppnande",
        "Val av justerare"): the numbering begins where the writer began it, counting the items
        above; a list in an item's text ("1. Fler vikarier") counts from one."""
        number = _item_number(line)
        return (
            self.last_number is None
            and bool(self.items)
            and number is not None
            and number == (len(self.items) + 1,)
        )

    def _vouched_title(self, following: str) -> bool:
        """A short line after a finished sentence with what opens an item right below it (its
        diary number, "Föredragande: …", "Nämndens beslut"): a title, numbered or not (the
        numbering of the minutes may stop or leave one out)."""
        return self._after_break() and bool(
            _DNR_ONLY.match(following)
            or PRESENTER_LABEL.match(following)
            or DECISION_HEADING.match(following)
        )

    def _wrapped_title(self, bare: str, following: str) -> bool:
        """A numbered title as long as the page is wide, its last words on the next line."""
        fragment = following.strip()
        return (
            len(bare) >= self.layout.wrap * 0.8
            and (_starts_lower(fragment) or _cut_after(bare))
            and not (_strip_marker(fragment)[0] or PRESENTER_LABEL.match(fragment))
            and not _ends_sentence(fragment)
            and len(fragment.split()) <= 6
            and _titleish(f"{bare} {fragment}", strong=True)
        )

    def _ends_as_sentence(self) -> bool:
        """Whether the lines below that go on in lower case end a sentence: "Arbetsutskottet
        beslutar att bevilja Björkviks" + "konstförening 35 000 kronor i extra" +
        "verksamhetsbidrag för 2026." is a paragraph the width broke twice, not a title and the
        end of it (a title's last line stops without a full stop)."""
        return _sentence_below([ahead.strip() for ahead in self.ahead[1:]])

    def _title_goes_on(self, line: str) -> bool:
        """The page width broke a long title: a lower-case fragment, or a heading line after
        a heading line."""
        if self.item is None or self.item.lines or self.previous_kind != _TITLE:
            return False
        if self.item.presented:
            # "§ 8 Upphandling … december 2027" / "Föredragande: …" / "Yrkande": the label
            # closed the title; the heading under it is the item's own.
            return False
        if self.title_cut:
            self.title_cut = False
            return True
        # The title as joined so far: a narrow column may leave the dash, the first name and
        # the surname each on a line ("… Solrosen –" + "Emma" + "Rosén").
        written = self.item.written or self.item.title
        if (
            len(line.split()) == 1
            and (", " in written or _DASH_BEFORE_LAST.search(written))
            and is_person_name(f"{written.rsplit(' ', 1)[-1]} {line}")
        ):
            return True  # "…, Olle" + "Sten", "… – Roger" + "Dahlin": the presenter's name cut
        if _DASH_AT_END.search(written) and is_person_name(line.strip()):
            return True  # "… per augusti –" + "Sofie Ahl": the presenter after the dash wrapped
        if (
            _DASH_AT_END.search(written)
            and re.fullmatch(NAME_TOKEN, line.strip())
            and self.ahead
            and is_person_name(f"{line.strip()} {self.ahead[0].strip()}")
        ):
            return True  # "… Solrosen –" + "Emma" + "Rosén": the name after the dash cut too
        if (
            written.count("(") > written.count(")")
            and ")" in line
            and line.count("(") < line.count(")")
            and not _ends_sentence(line.split(")", 1)[0])
        ):
            # "9. Verksamhetsplan … 2027 (Cecilia" + "Wennberg)": a parenthesis the page width
            # broke goes on to the line that closes it.
            return True
        if _PRESENTER_ALONE.match(line) and not self.item.presenter:
            # "8. Pågående rekryteringar" + "(kommundirektör)": the title's presenter in its
            # parenthesis on the line below, put there by the writer or the page width.
            written = self.item.written or self.item.title
            return bool(_split_presenter(f"{written} {line}")[1])
        if _YEAR_THEN_PRESENTER.match(line) and not self.item.presenter:
            # "§ 5 Arbetsmiljöenkät" + "2025 (Karin Östlund)", "… enligt bokslut" + "2025 – Li
            # Wårdh": the page width left the title's year, and the presenter after it, for the
            # next line.
            return bool(_split_presenter(f"{self.item.written or self.item.title} {line}")[1])
        written = self.item.written or self.item.title
        if (
            _COUNT_THEN_PRESENTER.match(line)
            and not self.item.presenter
            and written.split()[-1:] != []
            and written.split()[-1].lower() in COUNTED_NOUNS
        ):
            # "… mellan arbetslagen i årskurs" + "4–6 – rektor": the narrow column left the
            # number the title's last noun counts, and the presenter after it, for this line.
            return bool(_split_presenter(f"{written} {line}")[1])
        # "§ 26 Avgångsvederlag och särskild avtalspension" + "– policy för tillämpning …": the
        # title's second part after its dash, in lower case, goes on as a lower-case line does.
        subtitle = bool(_DASH_FIRST.match(line)) and _starts_lower(line.lstrip("–—- "))
        if _DASH_FIRST.match(line) and not self.item.presenter:
            # "§ 8 Riktlinjer för … av skolenhet" + "– Helena Marklund": the title's presenter
            # after its dash on the line below, when what follows the dash reads as one.
            written = self.item.written or self.item.title
            if _split_presenter(f"{written} {line}")[1]:
                return True
            if not subtitle:
                return False
        # "… verksamhetsår" + "2026 och effekter av …": a year and a connective open no title
        # (one opens "2026 års budget"); the page width left the title's year for this line,
        # and the line reads as a lower-case one would.
        lower = (
            _starts_lower(line)
            or subtitle
            or _year_goes_on(line)
            or _count_goes_on(self.item.written or self.item.title, line)
        )
        if _ends_sentence(line) or section_of(line) or (_strip_marker(line)[0] and not subtitle):
            return False  # "a) Kommunens bud" under a long title is its first sub-item
        if self._presenter_below(line):
            return True
        # A title the writer broke and the narrow column broke again ("3. Omorganisation av …
        # mätavläsning" / "med Sjöbacka Vatten" / "AB från den 1 april 2026" above
        # "Föredragande:"): the line above is short, but the title's first line was as wide as
        # the page, and the label below says where the title ends.
        labelled = self._label_below() and not _ends_sentence(self.previous)
        wide = max(len(self.previous), self.item.widest)
        wraps = (
            len(self.previous) > 40
            or _heading_wraps(self.previous, line)
            or (labelled and self.item.widest > 40)
        )
        if self._heading(line) and self._heading(self.previous) and wraps:
            return True
        # A lower-case line opens no sentence: the title's rest, however many words the page
        # width left for it ("… med särskild" + "inriktning på landsbygdens tillgång till …").
        # So is a line after a title the page cut on a connective ("… vid Lindmarksskolan och" +
        # "Björkvallens gymnasium från och med läsåret 2026/2027"): no title ends on "och".
        short = len(line.split()) <= (14 if lower or _ends_on_connective(self.previous) else 6)
        # A narrow column breaks a title early ("8. Ny delegationsordning för" +
        # "livsmedelskontrollen, förvaltningschef", "4. Förhandlingsfråga: Förändrad" +
        # "förläggning av förtroendetid …"): a lower-case line under a title, or any line under
        # one cut on a connective, is its rest though the title's line is far from the page's
        # width; only a very short one is read as a title alone above odd prose.
        if lower and _ends_on_connective(self.previous):
            width = 0.0
        elif lower:
            width = 0.4
        else:
            width = 0.8 if _cut_after(self.previous) else 0.85
        # The width is the title's widest line: "… samt" / "vuxna" / "inom individ- och …":
        # the line above may be a wrapped line's short end, the title its paragraph.
        return (
            (lower or _cut_after(self.previous) or labelled)
            and wide >= self.layout.wrap * width
            and short
            and _long_title(_title_so_far(f"{self.item.title} {line}"))
            and not PRESENTER_LABEL.match(line)
        )

    def _label_below(self) -> bool:
        """The next line labels the item's presenter or its diary number ("Föredragande: …",
        "Dnr KS 2025/301"): a title's last line stands above it."""
        following = self.ahead[0].strip() if self.ahead else ""
        return bool(PRESENTER_LABEL.match(following) or _DNR_ONLY.match(following))

    def _presenter_below(self, line: str) -> bool:
        """ "6. Avveckling av korttidsboendet" + "Björkhagen och överflytt av platser till" +
        "Solgården från den 1 oktober 2026" + "(Anna-Karin Falk)": a narrow column broke a long
        title before a name, and the presenter's parenthesis under it closes the title. The
        lines up to that parenthesis, none ending a sentence, are the title's."""
        assert self.item is not None
        if self.item.presenter or _ends_sentence(self.previous):
            return False
        rest = [line]
        for ahead in self.ahead[:2]:
            ahead = ahead.strip()
            if _PRESENTER_ALONE.match(ahead):
                written = " ".join([self.item.written or self.item.title, *rest, ahead])
                return bool(_split_presenter(written)[1]) and _long_title(
                    _split_presenter(written)[0]
                )
            if (
                _ends_sentence(ahead)
                or section_of(ahead)
                or _strip_marker(ahead)[0]
                or PRESENTER_LABEL.match(ahead)
            ):
                return False
            rest.append(ahead)
        return False

    def _after_break(self) -> bool:
        """The line before ended a sentence, a section or a title: a new block may begin."""
        previous = self.previous
        return self.previous_kind != _BODY or _ends_sentence(previous)

    def _short_heading(self, line: str, following: str) -> bool:
        words = line.split()
        return (
            len(words) <= 2
            and words[0].casefold() not in _NOT_HEADINGS
            and _titleish(line, strong=False)
            and bool(following)
            and not _starts_lower(following)
        )

    def _open_item(self, line: str) -> None:
        self.title_cut = False
        _, bare = _strip_marker(line)
        section = self.section or OPENING
        tagged = section_prefix(bare)
        if tagged and not decision_of(tagged[1]):
            section, bare = tagged
            self.section = section
            self.sections_seen = True
        self.last_number = _item_number(line) or self.last_number
        self.pending_number = False
        named = section_of(bare)
        if named and self.section is not None:
            section = self.section = named  # "9. Övriga frågor" belongs to Övrigt
        # "Val av justerare – A (Vision) och B (arbetsgivaren) väljs.": a standing item whose
        # text follows its dash on the title's line; what follows is no presenter.
        dashed = _standing_then_text(bare)
        rest = ""
        number = _DNR_AT_END.search(bare)
        if number and number.start() > 0 and not dashed:
            # "§ 18  Årsredovisning 2025    Dnr RTÅ 2026/012": the diary number set after the
            # title on its line is the item's, its text, no words of the title.
            bare, rest = bare[: number.start()].rstrip(" ,;–-"), number["dnr"]
        if dashed:
            title, presenter, rest = dashed["title"], "", dashed["rest"]
        else:
            title, presenter = _split_presenter(bare)
        self.item = _Building(
            section=section,
            title=title,
            presenter=presenter,
            inferred=self.section is None,
            written=bare,
            number=_item_number(line),
            widest=len(line),
        )
        self.items.append(self.item)
        if rest:
            self._add(rest)
        self.expect_body, self.in_list, self.deciding = True, False, False
        self.aside = None
        self._remember(line, _TITLE)

    def _body(self, line: str, following: str) -> None:
        if self.aside is not None:
            self.aside.lines.append(line)  # the paragraph of "Reservation till § 35"
            self._remember(line, _BODY)
            return
        marker, _ = _strip_marker(line)
        if self.item is None:
            if self.section is None:
                self.unplaced.append(line)
                self._remember(line, _BODY)
                return
            # Text right under a section heading is that section's item ("Övrigt: …").
            self.item = _Building(section=self.section, title=self.section)
            self.items.append(self.item)
        self._add(line)
        if self.deciding:
            self.item.decided.append(line)
        if (
            line.rstrip().endswith(":")
            or marker in ("bullet", "num", "letter")
            or (self.in_list and _starts_lower(line))
        ):
            self.in_list = True
        else:
            self.in_list = False
        self.expect_body = False
        self._remember(line, _BODY)

    def _add(self, line: str) -> None:
        assert self.item is not None
        self.item.lines.append(line)

    def _remember(self, line: str, kind: str) -> None:
        self.previous, self.previous_kind = line, kind


# A diary number ending a title's line, its register's letters and its number with a digit.
_DNR_AT_END = re.compile(
    rf"\s(?P<dnr>(?:{DNR_WORDS})\.?\s*:?\s*(?:[A-ZÅÄÖ]{{1,8}}\s*)?\d[\d./:-]*\d)\s*$",
    re.IGNORECASE,
)


# "Information från förvaltningen", "Information från rektor": a point of the agenda that
# gathers the information of others, as a section's heading does.
_INFORMATION_FROM = re.compile(r"^information\s+från\s+\S", re.IGNORECASE)


def _heads_section(title: str) -> str | None:
    """The section a parent point's title names ("Övriga frågor", "Information från bolaget")."""
    named = section_of(title)
    if named:
        return named
    return "Information" if _INFORMATION_FROM.match(title.strip()) else None


_TITLE_LINES_TO_LABEL = 4  # a title's lines above the "Föredragande:" that vouches for it


_YEAR_THEN_PRESENTER = re.compile(
    r"^(?:19|20)\d{2}\s+(?:\([^()]{3,60}\)|[–—-]\s+[^\W\d][^()]{2,60})$"
)


_PRESENTER_ALONE = re.compile(r"^\([^()]{2,80}\)$")


_YEAR_FIRST = re.compile(r"^(?:19|20)\d{2}(?:[/-]\d{2,4})?\s+(\w+)\b")


def _sentence_below(lines: list[str]) -> bool:
    """Whether the lines, from the first, go on in lower case to a sentence's end."""
    if not lines or not _starts_lower(lines[0]):
        return False
    for line in lines:
        if not _starts_lower(line):
            return False
        if _ends_sentence(line):
            return True
    return False


def _year_goes_on(line: str) -> bool:
    """ "2026 och effekter av …": a year then a connective, the end of a phrase begun above."""
    match = _YEAR_FIRST.match(line.strip())
    return bool(match) and match.group(1) in CONNECTIVES


_COUNT_THEN_PRESENTER = re.compile(
    r"^\d{1,3}(?:\s?[–—/-]\s?\d{1,3})?\s+(?:\([^()]{3,60}\)|[–—-]\s+[^\W\d][^()]{2,60})$"
)


_COUNT_FIRST = re.compile(r"^\d{1,3}(?:\s?[–—/-]\s?\d{1,3})?(?:\s+(\w+)\b|$)")


def _count_goes_on(written: str, line: str) -> bool:
    """ "… i årskurs" + "4–6 och fritidshemmet", "… etapp" + "2": the number a counted noun at
    the end of the line above wants, alone or before a connective."""
    words = written.split()
    if not words or words[-1].lower() not in COUNTED_NOUNS:
        return False
    match = _COUNT_FIRST.match(line.strip())
    return bool(match) and (match.group(1) is None or match.group(1) in CONNECTIVES)


def _sentence_from(lines: list[str], start: int) -> str:
    """The sentence that begins at lines[start], with the lines a narrow column broke it over
    ("Lina Åkerblom, Kommunal, utses att" + "justera anteckningarna …"): lines that go on in
    lower case until one ends it, at most _STATEMENT_LINES."""
    if start >= len(lines):
        return ""
    text = lines[start]
    for line in lines[start + 1 : start + _STATEMENT_LINES]:
        if _ends_sentence(text) or not _starts_lower(line):
            break
        text = f"{text} {line}"
    return text


# A section heading is a few words: "EKONOMI", "Ekonomi och personal".
_HEADING_WORDS = 4


def _heading_shape(line: str) -> tuple[bool, int, bool] | None:
    """How a line that may be a section heading stands: whether it is numbered, at how many
    levels ("2" one, "2.1" two), and whether it is written in capitals; None for a line no
    heading's ("§ 3 …", a sentence, a long line)."""
    marker, bare = _strip_marker(line.strip())
    if marker not in ("", "num") or _ends_sentence(bare) or bare.endswith((",", ":", ";")):
        return None
    words = bare.split()
    if not words or len(words) > _HEADING_WORDS or not any(c.isalpha() for c in bare):
        return None
    number = _item_number(line)
    capitals = bare == bare.upper() and sum(c.isalpha() for c in bare) >= 3
    return marker == "num", len(number) if number else 0, capitals


def _normalise_line(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip().casefold()


_ROLE_THEN_NAME = re.compile(
    rf"^(?P<first>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}}\s*,\s*"
    r"(?:(?:mötes)?ordförande|ordf\.?|(?:mötes)?sekreterare|justerare|ledamot|kassör))"
    rf"\s+(?P<second>{NAME_TOKEN}\s+{NAME_TOKEN}.*)$"
)
