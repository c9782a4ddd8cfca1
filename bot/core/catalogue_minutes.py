"""The wording of corrections, statements as said, standing items and house styles."""

from __future__ import annotations

# key: (Swedish, English), joined into the one catalogue; refusals end with an example.
TEXTS: dict[str, tuple[str, str]] = {
    "unknown_entry": (
        "Ärende {number} har ingen anteckning {ref} (det har {refs}); se dem med `/arende visa {number}`.",
        "Item {number} has no entry {ref} (it has {refs}); see them with `/arende visa {number}`.",
    ),
    "need_entry_ref": (
        "Ange anteckningen som ärende.nummer, till exempel `{example}`.",
        "Name the entry as item.number, for example `{example}`.",
    ),
    "statement_other_party": (
        "Du kan bara skriva protokollsanteckningar för {party}; skriv till exempel `/protokollsanteckning {number}; Vi anser att …`.",
        "You can only write statements for {party}; write for example `/protokollsanteckning {number}; Vi anser att …`.",
    ),
    "statement_not_yours": (
        "Du kan bara ändra protokollsanteckningar från {party}; ordföranden eller sekreteraren ändrar övriga, se `/arende visa 4`.",
        "You can only change statements from {party}; the chair or secretary changes the others, see `/arende visa 4`.",
    ),
    "nothing_changed": (
        "Det finns inget att ändra; skriv till exempel `{example}`.",
        "There is nothing to change; write for example `{example}`.",
    ),
    "need_position": (
        "Ange platsen som ett tal från 1, till exempel `{example}`.",
        "Give the place as a number from 1, for example `{example}`.",
    ),
    "entry_changed": ("Anteckning {ref} är ändrad.", "Entry {ref} is changed."),
    "entry_removed": ("Anteckning {ref} är borttagen.", "Entry {ref} is removed."),
    "entry_moved": (
        "Anteckning {ref} står nu på plats {position}.",
        "Entry {ref} now stands at place {position}.",
    ),
    "no_statement": (
        "Ärende {number} har ingen protokollsanteckning från {party}; se `/arende visa {number}`.",
        "Item {number} has no statement from {party}; see `/arende visa {number}`.",
    ),
    "statement_removed": (
        "Protokollsanteckningen från {party} på ärende {number} är borttagen.",
        "The statement from {party} on item {number} is removed.",
    ),
    "item_changed": ("Ärende {number} är ändrat.", "Item {number} is changed."),
    "item_removed": (
        "Ärende {number} är borttaget från möte #{ref}.",
        "Item {number} is removed from meeting #{ref}.",
    ),
    "item_already_removed": (
        "Ärende {number} är redan borttaget; ångra med `/ångra` om det var ditt senaste.",
        "Item {number} is already removed; take it back with `/ångra` if it was your last change.",
    ),
    "no_decision": (
        "Ärende {number} har inget beslut; skriv till exempel `/beslut {number}; samverkat`.",
        "Item {number} has no decision; write for example `/beslut {number}; samverkat`.",
    ),
    "decision_removed": (
        "Beslutet på ärende {number} är borttaget.",
        "The decision on item {number} is removed.",
    ),
    "not_justerare": (
        "{name} är inte justerare på mötet; se justerarna med `/protokoll visa`.",
        "{name} is not a justerare of the meeting; see them with `/protokoll visa`.",
    ),
    "last_justerare": (
        "Protokollet är postat och behöver minst en justerare; lägg först till en annan, till exempel `/justerare lägg till @lina`.",
        "The minutes are posted and need at least one justerare; add another first, for example `/justerare lägg till @lina`.",
    ),
    "meeting_changed": (
        "Möte #{ref} är ändrat: {when}.",
        "Meeting #{ref} is changed: {when}.",
    ),
    "deadline_now": (
        "Sista dag för ärenden är nu {deadline}.",
        "The agenda deadline is now {deadline}.",
    ),
    "nothing_to_undo": (
        "Du har ingen ändring att ångra på möte #{ref}; se mötet med `/protokoll visa #{ref}`.",
        "You have no change to take back on meeting #{ref}; see it with `/protokoll visa #{ref}`.",
    ),
    "undone": (
        "Din senaste ändring på möte #{ref} är ångrad.",
        "Your last change on meeting #{ref} is taken back.",
    ),
    "decision_label": ("Beslut", "Decision"),
    "item_has_no_entries": (
        "Inget är antecknat på ärende {number} än.",
        "Nothing is recorded on item {number} yet.",
    ),
    "action_correct": ("ändra i mötets anteckningar", "correct the meeting's record"),
    "action_correct_statement": ("ändra protokollsanteckningar", "change statements"),
    "action_undo": ("ångra en ändring", "take back a change"),
    "field_meeting_title": ("Mötets rubrik", "The meeting's title"),
    "field_closing": ("Avslutningsraden", "The closing line"),
    "field_unit": ("Enhetsraden", "The unit line"),
    "field_style": ("Stilen", "The style"),
    "need_meeting_field": (
        "Jag känner inte igen fältet ”{given}”; skriv till exempel `{example}`.",
        "I don't know the field “{given}”; write for example `{example}`.",
    ),
    "need_item_field": (
        "Jag känner inte igen fältet ”{given}”; skriv till exempel `{example}`.",
        "I don't know the field “{given}”; write for example `{example}`.",
    ),
    "need_date": (
        "Mötets datum saknas: ”{given}” är inget datum jag förstår; skriv till exempel `{example}` (tid och plats får vänta).",
        "The meeting's date is missing: “{given}” is not a date I understand; write for example `{example}` (time and place may wait).",
    ),
    "action_group_layout": (
        "ändra gruppens stil och stående ärenden",
        "change the group's style and standing items",
    ),
    "unknown_style": (
        "Stilen ”{given}” finns inte (det finns {styles}); skriv till exempel `/grupp stil hr` eller ladda en egen med `/grupp stil ladda minstil.yaml`.",
        "There is no style “{given}” (there are {styles}); write for example `/grupp stil hr` or load your own with `/grupp stil ladda minstil.yaml`.",
    ),
    "style_invalid": (
        "Stilen går inte att använda: ”{problem}” är fel eller okänt; utgå från `/grupp stil export` och ladda den med `/grupp stil ladda minstil.yaml`, eller välj en inbyggd med `{example}`.",
        "The style cannot be used: “{problem}” is wrong or unknown; start from `/grupp stil export` and load it with `/grupp stil ladda minstil.yaml`, or choose a built-in one with `{example}`.",
    ),
    "style_chosen": (
        "Gruppens protokoll skrivs nu i stilen ”{name}”.",
        "The group's minutes are now written in the style “{name}”.",
    ),
    "style_loaded": (
        "Gruppens egen stil ”{name}” är laddad.",
        "The group's own style “{name}” is loaded.",
    ),
    "style_shown": (
        "Gruppens stil: {name} ({kind}). Inbyggda: {styles}.",
        "The group's style: {name} ({kind}). Built-in: {styles}.",
    ),
    "style_own": ("egen", "its own"),
    "style_built_in": ("inbyggd", "built-in"),
    "unit_set": (
        "Enhetsraden i protokollet är nu: {unit}",
        "The unit line of the minutes is now: {unit}",
    ),
    "standing_heading": ("Gruppens stående ärenden:", "The group's standing items:"),
    "standing_default_heading": (
        "Stående ärenden (standard; ändra med `/grupp stående lägg till Rubrik; Information`):",
        "Standing items (the default; change them with `/grupp stående lägg till Rubrik; Information`):",
    ),
    "standing_added": ("Stående ärende {position}: {title}.", "Standing item {position}: {title}."),
    "standing_removed": (
        "”{title}” är inte längre ett stående ärende.",
        "“{title}” is no longer a standing item.",
    ),
    "standing_exists": (
        "”{title}” är redan ett stående ärende; se dem med `/grupp stående visa`.",
        "“{title}” is already a standing item; see them with `/grupp stående visa`.",
    ),
    "unknown_standing": (
        "Det finns inget stående ärende {position} (det finns {count}); se dem med `/grupp stående visa`.",
        "There is no standing item {position} (there are {count}); see them with `/grupp stående visa`.",
    ),
    "standing_order_repeats": (
        "Ett stående ärende står två gånger i ordningen; nämn vart och ett en gång, till exempel `/grupp stående ordna 3, 1, 2`.",
        "A standing item is named twice; name each one once, for example `/grupp stående ordna 3, 1, 2`.",
    ),
    "standing_ordered": (
        "Gruppens stående ärenden, i den ordning nya möten får dem:",
        "The group's standing items, in the order new meetings get them:",
    ),
    "empty_style": (
        "Stilen är tom; utgå från `/grupp stil export` eller välj en inbyggd med `/grupp stil hr`.",
        "The style is empty; start from `/grupp stil export` or choose a built-in one with `/grupp stil hr`.",
    ),
    "followup_changed": (
        "Uppföljning {number} är ändrad: {line}",
        "Commitment {number} is changed: {line}",
    ),
    "followup_label": ("Uppföljning {number}", "Commitment {number}"),
    "followup_removed": (
        "Uppföljning {number} är borttagen från möte #{ref}.",
        "Commitment {number} is removed from meeting #{ref}.",
    ),
    "item_has_followups": (
        "Ärende {item} har uppföljning {numbers}, som protokollet visar under ärendet; ta bort den först med `/uppfoljning ta bort {number}` eller flytta den med `/uppfoljning ändra {number}; ärende: 5`.",
        "Item {item} has commitment {numbers}, which the minutes show under the item; remove it first with `/uppfoljning ta bort {number}` or move it with `/uppfoljning ändra {number}; ärende: 5`.",
    ),
    "need_followup_field": (
        "Jag känner inte igen fältet ”{given}”; skriv till exempel `/uppfoljning ändra 3; vem: HR-chef; vad: Ta fram ett förslag; när: oktober; ärende: 5`.",
        "I don't know the field “{given}”; write for example `/uppfoljning ändra 3; vem: HR-chef; vad: Ta fram ett förslag; när: oktober; ärende: 5`.",
    ),
    "help_angra": (
        "/ångra [#3] – tar tillbaka din senaste ändring på mötet.",
        "/ångra [#3] – takes back your last change on the meeting.",
    ),
}
