"""Seed minutes rebuilt through the console in their house style: only the bot's additions differ.

The seeds are read where they are (../shared/seeds); nothing of them is kept in the repository.
The commands are made from the seed at test time: its items (as the importer reads them) proposed
and noted by the secretary, its justerare chosen and approving.
"""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path

import pytest

from bot.console.app import Console, ConsoleState
from bot.core.service import Justera
from bot.importer.parse import parse_minutes

ROOT = Path(__file__).resolve().parents[1]
# From /work/main the seeds are ../shared/seeds; from a worktree under /work/wt one more up.
CANDIDATES = [ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds"]
SEEDS = next((p for p in CANDIDATES if p.is_dir()), CANDIDATES[0])
STYLE = {
    "minnesanteckningar-2021-09-20.txt": "2021",
    "minnesanteckningar-2023-10-30.txt": "hr",
    "minnesanteckningar-2025-03-19.txt": "hr",
}
# What the bot adds on purpose: the justering block and what follows it, and its hash.
BOT_BLOCK = re.compile(r"\n(Justering:?)\n.*", re.DOTALL)
# Word-export furniture of the seeds: running dates and page numbers.
FURNITURE = re.compile(r"^(\d{4}-\d{2}-\d{2}|SID \d+\(\d+\))$")
# A word Word broke at its hyphen over two lines ("FSG-" / "protokoll") is one word.
BROKEN_WORD = re.compile(r"(\w)-[ \t]*\n\s*(?=[a-zåäö])")
# The two HR forms differ, and a group writing either loads its own style on top of "hr": the
# 2023 form has no Ärendelista heading; the 2025 form names no group in its title line and lists
# the justerare without a sentence. (The keys left out keep the hr values.)
OWN_STYLES = {
    "minnesanteckningar-2023-10-30.txt": ["name: hr-2023", 'agenda_heading: ""'],
    "minnesanteckningar-2025-03-19.txt": [
        "name: hr-2025",
        'header: ["{group_name}", "{unit}", "Minnesanteckningar från samverkansgrupp"]',
        'chosen_sentence: "{names}"',
    ],
}
# What the rebuilt minutes say that the seed does not, besides the justering block: each
# difference as (the seed's words, ours). None today: the 2021 style's justering sentence ("A
# justerar protokollet för …") opens its justering block, which the seed, never justerad in the
# bot, does not have.
ADDED: dict[str, list[tuple[str, str]]] = {name: [] for name in STYLE}
# What the justering block says of the justerare, in each style's wording (the seed names no
# party for them, so the script gives them one called "Fack").
BLOCK_SAYS = {
    "minnesanteckningar-2021-09-20.txt": (
        "Justering:\nChristina Gustafsson och Cecilia Cederström justerar protokollet för Fack.\n"
    ),
    "minnesanteckningar-2023-10-30.txt": "Justering\nJusterare: Cecilia Cederström (SSR)\n",
}


def words(text: str) -> list[str]:
    text = BROKEN_WORD.sub(r"\1-", text)
    lines = [line.strip() for line in text.splitlines()]
    kept = [line for line in lines if line and not FURNITURE.match(line)]
    # Word's bullets and the bot's item markers are the same thing written two ways.
    return " ".join(kept).replace("•", " ").split()


def commands(seed: str, style: str, own_style: list[str] | None = None) -> list[str]:
    minutes = parse_minutes(seed, source="seed")
    key = minutes.group_kind or "FSG"
    lines = [
        ":nu 2020-01-01T09:00",
        ":som maria",
        f"/grupp skapa {key}; {minutes.group_name or 'Socialförvaltningen'}",
        "/grupp medlem maria; Maria Ordförande; Arbetsgivaren; ordförande; admin",
        "/grupp medlem sara; Sara Sekreterare; Arbetsgivaren; sekreterare",
        f"/grupp stil {style}",
    ]
    if own_style:
        style_lines = [f"{line} \\" for line in own_style[:-1]] + list(own_style[-1:])
        lines += ["/grupp stil ladda \\", *style_lines]
    if style == "hr":
        lines.append("/grupp enhet HR")
    parties: dict[str, str] = {}
    people = []
    for n, (name, party) in enumerate(minutes.justerare, start=1):
        party = party or "Fack"
        if party not in parties:
            parties[party] = party
            lines.append(f"/grupp part {party}; fack")
        lines.append(f"/grupp medlem j{n}; {name}; {party}; ledamot")
        people.append(f"j{n}")
    day = minutes.date.isoformat()
    plan = f"/mote planera {key}; {day}"
    if minutes.place:
        plan += f"; {minutes.place}"
    if minutes.protocol_number:
        plan += f"; protokoll {minutes.protocol_number}"
    lines.append(plan)
    # The form's big heading names the kind of meeting when it is more than "Minnesanteckningar".
    first = next(line.strip() for line in seed.splitlines() if words(line))
    own_title = first.removeprefix("Minnesanteckningar").strip()
    if style == "hr" and own_title and not own_title.startswith("från"):
        lines.append(f"/mote ändra; titel: {own_title}")
    lines.append(":som sara")
    # The standing items become the seed's own opening items.
    standing = {1: "Val av justerare", 2: "Föregående mötesanteckningar"}
    lines.append("/arende ta bort 3")
    number = 3
    plan_items: list[tuple[int, str]] = []
    for item in minutes.items:
        if item.title in standing.values() and item.section in ("Inledning", "Information"):
            own = next(n for n, t in standing.items() if t == item.title)
            section = (
                "" if style == "2021" or item.section == "Inledning" else "; sektion: Information"
            )
            if item.presenter or section:
                lines.append(f"/arende ändra {own}; föredragande: {item.presenter}{section}")
            if item.title != "Val av justerare" and item.text:
                plan_items.append((own, item.text))
            continue
        if plan_items and re.search(rf"^\s*- +{re.escape(item.title)}\s*$", seed, re.MULTILINE):
            # A "- " line with text under it is a point of the item before, as the seed lists it.
            target, text = plan_items[-1]
            plan_items[-1] = (target, f"{text}\n- {item.title}\n{item.text}".rstrip())
            continue
        number += 1
        section = (
            "Övrigt" if item.section not in ("Information", "Dialog", "Beslut") else item.section
        )
        line = f"/arende {section}; {item.title}"
        if item.presenter:
            line += f"; föredragande: {item.presenter}"
        lines.append(line)
        if item.text:
            plan_items.append((number, item.text))
    lines.append(f":nu {day}T10:00")
    lines.append("/justerare " + ", ".join(people))
    for target, text in plan_items:
        # One script line per line of text, each but the last continued with a backslash.
        text_lines = text.splitlines()
        continued = [f"{line} \\" for line in text_lines[:-1]] + text_lines[-1:]
        continued[0] = f"/anteckning {target}; {continued[0]}"
        lines += continued
    lines.append("/protokoll posta")
    for person in people:
        lines += [f":som {person}", "/protokoll godkänn"]
    lines.append("/protokoll visa")
    return lines


@pytest.mark.parametrize("name", sorted(STYLE))
def test_a_seed_meeting_rebuilt_differs_only_where_the_bot_adds(store_factory, name: str) -> None:
    path = SEEDS / name
    if not path.exists():
        pytest.skip("../shared/seeds is not here")
    seed = path.read_text(encoding="utf-8")
    out = io.StringIO()
    console = Console(Justera(store_factory), ConsoleState(user="admin", channel="seed"), out)
    code = console.run_script(commands(seed, STYLE[name], OWN_STYLES.get(name, [])))
    transcript = out.getvalue()
    assert code == 0, "\n".join(line for line in transcript.splitlines() if "Fel:" in line)
    minutes = transcript.rsplit("/protokoll visa\n", 1)[1]
    assert "SHA-256" in minutes, "justerade minutes carry their hash"
    if name in BLOCK_SAYS:
        assert BLOCK_SAYS[name] in minutes, minutes[minutes.index("\nJustering") :]
    ours = words(BOT_BLOCK.sub("", minutes))
    theirs = words(seed)
    matcher = difflib.SequenceMatcher(a=theirs, b=ours, autojunk=False)
    differences = [
        (" ".join(theirs[i1:i2]), " ".join(ours[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
    # Everything the secretary typed is there word for word, in the seed's order; what differs
    # is listed above, each the bot's own wording, and nothing else.
    assert differences == ADDED[name], differences[:20]
    added = sum(len(ours_words.split()) for _theirs, ours_words in ADDED[name])
    assert matcher.ratio() >= 1 - 2 * added / (len(theirs) + len(ours)), matcher.ratio()
