"""The Swedish and English wording of every reply and refusal; {names} are filled in when shown."""

from __future__ import annotations

# key: (Swedish, English). Refusals are one sentence that ends with an example that works.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- general --------------------------------------------------------------------------
    "raw": ("{sv}", "{en}"),
    "teams_unknown_caller": (
        "Teams sa inte vem du är, så inget har ändrats; öppna dialogen igen och skicka den på nytt.",
        "Teams did not say who you are, so nothing has changed; open the dialog again and send it again.",
    ),
    "internal_error": (
        "Något gick fel hos Justera och inget har ändrats; försök igen om en stund, till exempel `/mote lista`.",
        "Something went wrong in Justera and nothing has changed; try again in a moment, for example `/mote lista`.",
    ),
    "outcome_unknown": (
        "Justera hann inte svara i tid, så kommandot kan ha sparats eller inte; titta efter innan du försöker igen, till exempel med `/mote visa`.",
        "Justera could not answer in time, so the command may or may not have been saved; check before you try again, for example with `/mote visa`.",
    ),
    "unknown_command": (
        "Kommandot ”{name}” finns inte; skriv till exempel `/hjalp` för att se alla kommandon.",
        "There is no command “{name}”; type for example `/hjalp` to see every command.",
    ),
    "usage": (
        "Kommandot är inte fullständigt; skriv till exempel `{example}`.",
        "The command is incomplete; write for example `{example}`.",
    ),
    "extra_arguments": (
        "Jag förstår inte ”{extra}” här; skriv till exempel `{example}`.",
        "I don't understand “{extra}” here; write for example `{example}`.",
    ),
    "need_number": (
        "”{given}” är inget ärendenummer; skriv till exempel `{example}`.",
        "“{given}” is not an item number; write for example `{example}`.",
    ),
    "need_numbers": (
        "Ange ett eller flera ärendenummer, till exempel `{example}`.",
        "Give one or more item numbers, for example `{example}`.",
    ),
    "need_yes_no": (
        "Svara ja eller nej i stället för ”{given}”, till exempel `{example}`.",
        "Answer ja (yes) or nej (no) instead of “{given}”, for example `{example}`.",
    ),
    "too_long": (
        "{field} får vara högst {limit} tecken men är {length}; korta den och lägg längre underlag som länk, till exempel `; länk: https://intranat/underlag.pdf`.",
        "{field} may be at most {limit} characters but is {length}; shorten it and link longer material, for example `; länk: https://intranet/material.pdf`.",
    ),
    "field_group_key": ("Gruppens kortnamn", "The group's short name"),
    "field_group_name": ("Gruppens namn", "The group's name"),
    "field_party_name": ("Partens namn", "The party's name"),
    "field_display_name": ("Namnet", "The name"),
    "field_place": ("Platsen", "The place"),
    "field_protocol_number": ("Protokollnumret", "The protocol number"),
    "field_dnr": ("Diarienumret", "The registry number"),
    "field_group_kind": ("Grupptypen", "The group kind"),
    "field_title": ("Rubriken", "The title"),
    "field_presenter": ("Föredragande", "The presenter"),
    "field_description": ("Beskrivningen", "The description"),
    "field_links": ("Länkarna", "The links"),
    "field_note": ("Anteckningen", "The note"),
    "field_statement": ("Protokollsanteckningen", "The statement"),
    "field_decision": ("Beslutstexten", "The decision text"),
    "field_comment": ("Kommentaren", "The comment"),
    "field_forbidden_word": ("Ordet", "The word"),
    "empty_forbidden_word": (
        "Ange ordet, till exempel `/grupp ord lägg till Solrosen`.",
        "Give the word, for example `/grupp ord lägg till Solrosen`.",
    ),
    "empty_place": (
        "Ange var mötet hålls, till exempel `/mote planera 19 mars kl 13; Sof, Bredgatan`.",
        "Say where the meeting is held, e.g. `/mote planera 19 mars kl 13; Sof, Bredgatan`.",
    ),
    "empty_title": (
        "Ärendet behöver en rubrik, till exempel `/arende Dialog; Kvalitetsrapport 2024`.",
        "The item needs a title, for example `/arende Dialog; Kvalitetsrapport 2024`.",
    ),
    "empty_note": (
        "Anteckningen är tom; skriv till exempel `/anteckning 5; Informationen noterades.`.",
        "The note is empty; write for example `/anteckning 5; Informationen noterades.`.",
    ),
    "empty_statement": (
        "Protokollsanteckningen är tom; skriv till exempel `/protokollsanteckning 7; Vision anser …`.",
        "The statement is empty; write for example `/protokollsanteckning 7; Vision anser …`.",
    ),
    "empty_comment": (
        "Skriv vad som ska ändras, till exempel `/protokoll ändring; Stavfel i punkt 5`.",
        "Say what should change, for example `/protokoll ändring; Stavfel i punkt 5`.",
    ),
    "comment_required": (
        "Skriv vad som ska ändras, till exempel `/protokoll ändring; Stavfel i punkt 5`.",
        "Say what should change, for example `/protokoll ändring; Stavfel i punkt 5`.",
    ),
    # --- groups -----------------------------------------------------------------------------
    "no_group_here": (
        "Den här kanalen hör inte till någon grupp; skapa en med "
        "`/grupp skapa FSG; Förvaltningssamverkansgrupp` eller koppla en med `/grupp koppla FSG`.",
        "This channel belongs to no group; create one with "
        "`/grupp skapa FSG; Förvaltningssamverkansgrupp` or link one with `/grupp koppla FSG`.",
    ),
    "unknown_group": (
        "Det finns ingen grupp ”{key}”; se gruppen i din kanal med `/grupp visa`.",
        "There is no group “{key}”; see your channel's group with `/grupp visa`.",
    ),
    "other_groups_channel": (
        "Den här kanalen hör till {bound}, inte {key}; skriv kommandot i {key}s kanal "
        "eller utan gruppnamn, till exempel `/mote lista`.",
        "This channel belongs to {bound}, not {key}; use {key}'s channel "
        "or leave out the group name, for example `/mote lista`.",
    ),
    "not_member": (
        "Du är inte med i grupp {group}; be gruppens administratör lägga till dig med "
        "`/grupp medlem @du; Ditt Namn; Vision; ledamot`.",
        "You are not a member of group {group}; ask its admin to add you with "
        "`/grupp medlem @you; Your Name; Vision; ledamot`.",
    ),
    "group_exists": (
        "Gruppen {key} finns redan; välj ett annat kortnamn, till exempel `/grupp skapa {key}2; …`.",
        "Group {key} already exists; choose another short name, e.g. `/grupp skapa {key}2; …`.",
    ),
    "channel_taken": (
        "Den här kanalen hör redan till grupp {bound}; skapa den nya gruppen i en egen kanal, "
        "till exempel `/grupp skapa VSG; Verksamhetssamverkansgrupp`.",
        "This channel already belongs to group {bound}; create the new group in a channel of "
        "its own, for example `/grupp skapa VSG; Verksamhetssamverkansgrupp`.",
    ),
    "group_created": (
        "Grupp {key} – {name} är skapad och kopplad till den här kanalen; {user} är ordförande "
        "och administratör. Lägg till parter med `/grupp part Vision; fack`.",
        "Group {key} – {name} is created and linked to this channel; {user} is chair and admin. "
        "Add parties with `/grupp part Vision; fack`.",
    ),
    "channel_bound": (
        "Kanalen är nu kopplad till grupp {key}.",
        "This channel is now linked to group {key}.",
    ),
    "unknown_party_kind": (
        "”{given}” är ingen sorts part; skriv arbetsgivare eller fack, till exempel `{example}`.",
        "“{given}” is not a kind of party; write arbetsgivare or fack, for example `{example}`.",
    ),
    "party_exists": (
        "Parten {party} finns redan i gruppen; se parterna med `/grupp visa`.",
        "The party {party} is already in the group; see the parties with `/grupp visa`.",
    ),
    "party_added": (
        "{party} ({kind}) är tillagd som part.",
        "{party} ({kind}) is added as a party.",
    ),
    "unknown_party": (
        "Det finns ingen part ”{party}” i gruppen (parter: {parties}); lägg till den med "
        "`/grupp part {party}; fack`.",
        "There is no party “{party}” in the group (parties: {parties}); add it with "
        "`/grupp part {party}; fack`.",
    ),
    "unknown_role": (
        "”{given}” är ingen roll; skriv ordförande, sekreterare eller ledamot, till exempel "
        "`{example}`.",
        "“{given}” is not a role; write ordförande, sekreterare or ledamot, for example "
        "`{example}`.",
    ),
    "mention_lookup_slow": (
        "Teams svarade inte i tid på vem {name} är; skicka kommandot igen om en stund, till exempel `justerare @Jonas Ek`.",
        "Teams did not say in time who {name} is; send the command again in a moment, for example `justerare @Jonas Ek`.",
    ),
    "unknown_user": (
        "Jag känner inte igen ”{given}” som en person; nämn personen, till exempel `@anna`.",
        "I don't recognise “{given}” as a person; mention them, for example `@anna`.",
    ),
    "keep_own_admin": (
        "Du kan inte ta bort din egen administratörsrätt; låt en annan administratör göra det, "
        "eller behåll den med `; admin` sist.",
        "You cannot remove your own admin right; let another admin do it, "
        "or keep it by ending with `; admin`.",
    ),
    "member_set": ("{user} är {role} för {party}.", "{user} is {role} for {party}."),
    "parties_heading": ("Parter:", "Parties:"),
    "members_heading": ("Medlemmar:", "Members:"),
    "kind_employer": ("arbetsgivare", "employer"),
    "kind_union": ("fack", "union"),
    "role_chair": ("ordförande", "chair"),
    "role_secretary": ("sekreterare", "secretary"),
    "role_member": ("ledamot", "member"),
    # --- permissions ------------------------------------------------------------------------
    "denied_create_group": (
        "Bara de administratörer som angavs vid installationen (JUSTERA_ADMINS) kan skapa grupper; be en av dem, eller be en grupps administratör koppla den hit med `/grupp koppla FSG`.",
        "Only the admins named at installation (JUSTERA_ADMINS) can create groups; ask one of them, or ask a group's admin to link it here with `/grupp koppla FSG`.",
    ),
    "imported_field_only": (
        "Fältet {field} finns bara på möten importerade från arkivet; för ett möte i boten väljer du justerare med `/justerare @Anna, @Erik`.",
        "The field {field} exists only on meetings imported from the archive; for a meeting in the bot choose justerare with `/justerare @Anna, @Erik`.",
    ),
    "justerare_name_character": (
        "Ett namn eller parti bland justerarna kan inte innehålla tecknet {char}; skriv till exempel `/mote ändra #{ref}; justerare: Tove Rask (Vision), Anders Holm (arbetsgivaren)`.",
        "A justerare's name or party cannot contain the character {char}; write for example `/mote ändra #{ref}; justerare: Tove Rask (Vision), Anders Holm (employer)`.",
    ),
    "imported_admin_only": (
        "Möte #{ref} är importerat från arkivet och rättas bara av gruppens administratörer, till exempel `/anteckning ändra #{ref} 1.1; Rätt text.`; se vem som är administratör med `/grupp visa`.",
        "Meeting #{ref} was imported from the archive and only the group's admins correct it, for example `/anteckning ändra #{ref} 1.1; The right text.`; see who is an admin with `/grupp visa`.",
    ),
    "denied_admin": (
        "Bara gruppens administratörer kan {what}; be en administratör, se vem med `/grupp visa`.",
        "Only the group's admins can {what}; ask an admin, see who with `/grupp visa`.",
    ),
    "denied_leads": (
        "Bara ordförande och sekreterare kan {what}; be dem, se vem med `/grupp visa`.",
        "Only the chair and the secretary can {what}; ask them, see who with `/grupp visa`.",
    ),
    "denied_member": (
        "Bara gruppens medlemmar kan {what}; be administratören lägga till dig med `/grupp medlem @du; Ditt Namn; Vision; ledamot`.",
        "Only the group's members can {what}; ask the admin to add you with `/grupp medlem @you; Your Name; Vision; ledamot`.",
    ),
    "denied_justerare": (
        "Bara mötets justerare kan {what}; se vilka de är med `/protokoll visa`.",
        "Only the meeting's justerare can {what}; see who they are with `/protokoll visa`.",
    ),
    "wrong_state": (
        "Det går inte att {what} när möte #{ref} är {status}; se mötet med `/mote visa #{ref}`.",
        "You cannot {what} while meeting #{ref} is {status}; see it with `/mote visa #{ref}`.",
    ),
    "meeting_locked": (
        "Möte #{ref} är justerat och låst, så inget kan ändras; läs det med `/protokoll visa #{ref}`.",
        "Meeting #{ref} is justerat and locked, so nothing can change; read it with "
        "`/protokoll visa #{ref}`.",
    ),
    "meeting_cancelled": (
        "Möte #{ref} är inställt; se gruppens möten med `/mote lista`.",
        "Meeting #{ref} is cancelled; see the group's meetings with `/mote lista`.",
    ),
    "action_manage_group": (
        "ändra gruppens parter och medlemmar",
        "change the parties and members",
    ),
    "action_view": ("se gruppens möten", "see the group's meetings"),
    "action_plan_meeting": ("planera möten", "plan meetings"),
    "action_change_meeting": ("flytta eller ställa in möten", "move or cancel meetings"),
    "action_propose_item": ("föreslå ärenden", "propose items"),
    "action_add_item_in_meeting": (
        "lägga till ärenden under mötet",
        "add items during the meeting",
    ),
    "action_manage_agenda": ("ändra ärendelistan", "change the agenda"),
    "action_publish_agenda": ("publicera ärendelistan", "publish the agenda"),
    "action_choose_justerare": ("välja justerare", "choose justerare"),
    "action_add_note": ("skriva anteckningar", "write notes"),
    "action_add_statement": ("skriva protokollsanteckningar", "write party statements"),
    "action_record_decision": ("föra in beslut", "record decisions"),
    "action_post_minutes": ("posta protokollet för justering", "post the minutes for justering"),
    "action_approve": ("justera protokollet", "approve the minutes"),
    "status_planned": ("planerat", "planned"),
    "status_published": ("publicerat", "published"),
    "status_held": ("genomfört", "held"),
    "status_draft": ("under justering", "awaiting justering"),
    "status_justerad": ("justerat", "justerat"),
    "status_cancelled": ("inställt", "cancelled"),
    # --- meetings ---------------------------------------------------------------------------
    "meeting_in_past": (
        "{when} har redan varit; ange en kommande tid, till exempel `{example}`.",
        "{when} is in the past; give a time ahead, for example `{example}`.",
    ),
    "deadline_after_meeting": (
        "Sista dag för ärenden måste vara före mötet, till exempel `; sista dag 12 mars`.",
        "The agenda deadline must be before the meeting, for example `; sista dag 12 mars`.",
    ),
    "meeting_exists": (
        "Gruppen har redan möte #{ref} vid den tiden; se det med `/mote visa #{ref}`.",
        "The group already has meeting #{ref} at that time; see it with `/mote visa #{ref}`.",
    ),
    "meeting_planned": (
        "Möte #{ref} för {key} är planerat {when}. Sista dag för ärenden: {deadline}. "
        "Föreslå ärenden med `/arende Dialog; Rubrik`.",
        "Meeting #{ref} of {key} is planned for {when}. Agenda deadline: {deadline}. "
        "Propose items with `/arende Dialog; Title`.",
    ),
    "carried_over": (
        "Bordlagda ärenden föreslås igen: {titles}.",
        "Postponed items are proposed again: {titles}.",
    ),
    "meeting_moved": (
        "Möte #{ref} är flyttat till {when}; sista dag för ärenden är nu {deadline}.",
        "Meeting #{ref} is moved to {when}; the agenda deadline is now {deadline}.",
    ),
    "meeting_cancelled_done": ("Möte #{ref} är inställt.", "Meeting #{ref} is cancelled."),
    "no_meetings": (
        "{key} har inga möten; planera ett med `/mote planera 19 mars kl 13; Sof, Bredgatan`.",
        "{key} has no meetings; plan one with `/mote planera 19 mars kl 13; Sof, Bredgatan`.",
    ),
    "meetings_heading": ("Möten för {key}:", "Meetings of {key}:"),
    "unknown_meeting": (
        "Gruppen har inget möte #{ref}; se mötena med `/mote lista`.",
        "The group has no meeting #{ref}; see the meetings with `/mote lista`.",
    ),
    "no_meeting_agenda": (
        "Gruppen har inget kommande möte; planera ett med "
        "`/mote planera 19 mars kl 13; Sof, Bredgatan`.",
        "The group has no upcoming meeting; plan one with "
        "`/mote planera 19 mars kl 13; Sof, Bredgatan`.",
    ),
    "no_meeting_session": (
        "Inget möte pågår i dag; ange mötet med nummer, till exempel `/beslut #3 7; samverkat`.",
        "No meeting is on today; name the meeting by number, e.g. `/beslut #3 7; samverkat`.",
    ),
    "no_meeting_minutes": (
        "Det finns inget genomfört möte att skriva protokoll för; ange mötet, "
        "till exempel `/protokoll visa #3`.",
        "There is no held meeting to write minutes for; name the meeting, "
        "for example `/protokoll visa #3`.",
    ),
    "no_meeting_read_minutes": (
        "Det finns inget protokoll att visa än; ange mötet, till exempel `/protokoll visa #3`.",
        "There are no minutes to show yet; name the meeting, for example `/protokoll visa #3`.",
    ),
    "no_meeting_justering": (
        "Inget protokoll väntar på justering; se mötena med `/mote lista`.",
        "No minutes are awaiting justering; see the meetings with `/mote lista`.",
    ),
    # --- agenda -----------------------------------------------------------------------------
    "unknown_section": (
        "”{given}” är ingen sektion; välj Information, Dialog, Beslut eller Övrigt, "
        "till exempel `{example}`.",
        "“{given}” is not a section; choose Information, Dialog, Beslut or Övrigt, "
        "for example `{example}`.",
    ),
    "opening_is_standing": (
        "De inledande punkterna läggs till av sig själva; föreslå i stället under en sektion, "
        "till exempel `/arende Information; Rubrik`.",
        "The opening items are added automatically; propose under a section instead, "
        "for example `/arende Information; Title`.",
    ),
    "risk_only_beslut": (
        "Riskbedömning anges bara för Beslut-ärenden, till exempel "
        "`/arende Beslut; Ny organisation; riskbedömning: ja`.",
        "A risk assessment is only given for Beslut items, for example "
        "`/arende Beslut; New organisation; riskbedömning: ja`.",
    ),
    "item_proposed": (
        "Ärende {number} är föreslaget under {section} till möte #{ref}; ordföranden tar ställning.",
        "Item {number} is proposed under {section} for meeting #{ref}; the chair will decide.",
    ),
    "item_added": (
        "Ärende {number} står på ärendelistan för möte #{ref} under {section}.",
        "Item {number} is on the agenda of meeting #{ref} under {section}.",
    ),
    "item_late": (
        "Det kom in efter sista dag för ärenden och är markerat som sent inkommet.",
        "It came after the agenda deadline and is marked late.",
    ),
    "unknown_item": (
        "Möte #{ref} har inget ärende {number}; se ärendena med `/arende visa`.",
        "Meeting #{ref} has no item {number}; see the items with `/arende visa`.",
    ),
    "nothing_to_accept": (
        "Inga förslag väntar för möte #{ref}; se ärendelistan med `/arende visa`.",
        "No proposals are waiting for meeting #{ref}; see the agenda with `/arende visa`.",
    ),
    "items_accepted": (
        "Ärende {numbers} står nu på ärendelistan för möte #{ref}.",
        "Item {numbers} is now on the agenda of meeting #{ref}.",
    ),
    "standing_item_stays": (
        "Ärende {number} är en stående punkt och avvisas inte; ta bort den från mötet med "
        "`/arende ta bort {number}`.",
        "Item {number} is a standing item and is not rejected; take it off the meeting with "
        "`/arende ta bort {number}`.",
    ),
    "item_rejected": (
        "Ärende {number} är avvisat från möte #{ref}.",
        "Item {number} is rejected from meeting #{ref}.",
    ),
    "order_repeats": (
        "Ett ärende står två gånger i ordningen; nämn varje ärende en gång, "
        "till exempel `/arende ordna 6, 4, 5`.",
        "An item is named twice; name each item once, for example `/arende ordna 6, 4, 5`.",
    ),
    "order_changed": ("Ordningen är ändrad.", "The order has changed."),
    "items_ordered": (
        "Ärendelistan för möte #{ref} är omordnad.",
        "The agenda of meeting #{ref} is reordered.",
    ),
    "item_moved": (
        "Ärende {number} ligger nu under {section}.",
        "Item {number} is now under {section}.",
    ),
    "agenda_published": (
        "Ärendelistan för möte #{ref} är publicerad i kanalen.",
        "The agenda of meeting #{ref} is published in the channel.",
    ),
    "agenda_republished": (
        "Ärendelistan för möte #{ref} är publicerad på nytt.",
        "The agenda of meeting #{ref} is published again.",
    ),
    "proposals_waiting": (
        "{count} förslag väntar fortfarande; acceptera dem med `/arende acceptera alla`.",
        "{count} proposals are still waiting; accept them with `/arende acceptera alla`.",
    ),
    "agenda_title": ("Ärendelista – {key}, möte #{ref}", "Agenda – {key}, meeting #{ref}"),
    "agenda_deadline": ("Sista dag för ärenden: {deadline}", "Agenda deadline: {deadline}"),
    "agenda_waiting": ("Förslag som väntar på ordföranden:", "Proposals waiting for the chair:"),
    "risk_done": ("riskbedömning gjord", "risk assessed"),
    "risk_not_done": ("riskbedömning ej gjord", "risk not assessed"),
    "late_mark": ("sent inkommet", "late"),
    # --- in session ---------------------------------------------------------------------------
    "justerare_missing": (
        "Nämn minst en justerare, till exempel `/justerare @evert, @denniz`.",
        "Name at least one justerare, for example `/justerare @evert, @denniz`.",
    ),
    "justerare_repeated": (
        "Samma person står två gånger; nämn varje justerare en gång, "
        "till exempel `/justerare @evert, @denniz`.",
        "The same person is named twice; name each justerare once, "
        "for example `/justerare @evert, @denniz`.",
    ),
    "justerare_not_member": (
        "En av de nämnda är inte med i grupp {group}; lägg först till personen med "
        "`/grupp medlem @namn; Namn; Kommunal; ledamot`.",
        "One of those named is not a member of group {group}; first add them with "
        "`/grupp medlem @name; Name; Kommunal; ledamot`.",
    ),
    "justerare_chosen": (
        "Justerare för möte #{ref}: {names}.",
        "Justerare of meeting #{ref}: {names}.",
    ),
    "justerare_parties_missing": (
        "Obs: ingen justerare från {parties}.",
        "Note: no justerare from {parties}.",
    ),
    "item_not_accepted": (
        "Ärende {number} står inte på ärendelistan; acceptera det först med "
        "`/arende acceptera {number}`.",
        "Item {number} is not on the agenda; accept it first with `/arende acceptera {number}`.",
    ),
    "note_added": (
        "Anteckning {entry} är sparad på ärende {number} (möte #{ref}).",
        "Note {entry} is saved on item {number} (meeting #{ref}).",
    ),
    "statement_added": (
        "Protokollsanteckning {entry} från {party} är sparad på ärende {number}.",
        "Statement {entry} from {party} is saved on item {number}.",
    ),
    "statement_replaced": (
        "Protokollsanteckningen {entry} från {party} på ärende {number} är ersatt med den nya texten.",
        "Statement {entry} from {party} on item {number} is replaced with the new text.",
    ),
    "unknown_outcome": (
        "”{given}” är inget beslut jag känner; skriv samverkat, enighet, oenighet, bordlagt, "
        "information eller inget beslut, till exempel `{example}`.",
        "“{given}” is not an outcome I know; write samverkat, enighet, oenighet, bordlagt, "
        "information or inget beslut, for example `{example}`.",
    ),
    "party_only_oenighet": (
        "En part anges bara vid oenighet, till exempel `/beslut 7; oenighet; Vision; motivering`.",
        "A party is only named for oenighet, for example `/beslut 7; oenighet; Vision; reason`.",
    ),
    "decision_recorded": (
        "Beslutet på ärende {number} är sparat: {outcome}.",
        "The decision on item {number} is saved: {outcome}.",
    ),
    "mbl14_started": (
        "Facket kan begära central förhandling enligt MBL §14 till och med {date}.",
        "The union may ask for central negotiation under MBL §14 until {date}.",
    ),
    "carry_when_planned": (
        "Ärendet föreslås på nästa möte när det planeras.",
        "The item will be proposed on the next meeting when it is planned.",
    ),
    "imported_no_follow_up": (
        "Möte #{ref} är importerat från arkivet, så inget förs vidare till nästa möte och ingen "
        "påminnelse planeras; ska ärendet tas upp igen, föreslå det med `/arende {section}; {title}`.",
        "Meeting #{ref} was imported from the archive, so nothing is carried to the next meeting "
        "and no reminder is planned; to take the item up again, propose it with "
        "`/arende {section}; {title}`.",
    ),
    "carried_to": (
        "Ärendet är föreslaget på möte #{ref}.",
        "The item is proposed on meeting #{ref}.",
    ),
    # --- minutes and justering ----------------------------------------------------------------
    "draft_unposted": (
        "Utkast till protokoll för möte #{ref}, inte postat för justering ännu.",
        "Draft minutes of meeting #{ref}, not yet posted for justering.",
    ),
    "draft_is_version": (
        "Utkast version {version} för möte #{ref}, postat för justering.",
        "Draft version {version} of meeting #{ref}, posted for justering.",
    ),
    "draft_changed": (
        "Utkast för möte #{ref}, ändrat sedan version {version}; posta det igen med "
        "`/protokoll posta`.",
        "Draft of meeting #{ref}, changed since version {version}; post it again with "
        "`/protokoll posta`.",
    ),
    "approval_status": ("Version {version}: {states}.", "Version {version}: {states}."),
    "verdict_waiting": ("väntar", "waiting"),
    "verdict_approved": ("godkänt", "approved"),
    "verdict_change_requested": ("begär ändring", "asks for a change"),
    "minutes_before_meeting": (
        "Möte #{ref} har inte börjat än; posta protokollet efter mötet med `/protokoll posta`.",
        "Meeting #{ref} has not started yet; post the minutes after it with `/protokoll posta`.",
    ),
    "no_justerare_yet": (
        "Välj justerare innan protokollet postas, till exempel `/justerare @evert, @denniz`.",
        "Choose justerare before posting the minutes, for example `/justerare @evert, @denniz`.",
    ),
    "minutes_unchanged": (
        "Inget har ändrats sedan version {version}; ändra först, till exempel "
        "`/anteckning 5; Rättad text`.",
        "Nothing has changed since version {version}; change something first, for example "
        "`/anteckning 5; Corrected text`.",
    ),
    "minutes_posted": (
        "Protokollet för möte #{ref} är postat som version {version}; justerarna godkänner "
        "med `/protokoll godkänn`.",
        "The minutes of meeting #{ref} are posted as version {version}; the justerare approve "
        "with `/protokoll godkänn`.",
    ),
    "nothing_posted": (
        "Inget protokoll är postat för möte #{ref} än; sekreteraren postar med `/protokoll posta`.",
        "No minutes are posted for meeting #{ref} yet; the secretary posts with "
        "`/protokoll posta`.",
    ),
    "draft_changed_wait": (
        "Protokollet har ändrats sedan version {version} och är inte postat igen; vänta tills sekreteraren postar det med `/protokoll posta`.",
        "The minutes have changed since version {version} and are not posted again; wait until the secretary posts them with `/protokoll posta`.",
    ),
    "not_the_latest_draft": (
        "Det meddelandet är inte det senaste utkastet; godkänn det senaste med ✅ eller `/protokoll godkänn`.",
        "That message is not the latest draft; approve the latest one with ✅ or `/protokoll godkänn`.",
    ),
    "superseded_draft": (
        "Det utkastet är ersatt av en nyare version; godkänn den senaste i tråden med ✅ eller `/protokoll godkänn`.",
        "That draft has been replaced by a newer version; approve the latest one in the thread with ✅ or `/protokoll godkänn`.",
    ),
    "already_approved": (
        "Du har redan godkänt version {version}; se läget med `/protokoll visa`.",
        "You have already approved version {version}; see the status with `/protokoll visa`.",
    ),
    "approved_waiting": (
        "Du har godkänt version {version}; {count} justerare återstår.",
        "You approved version {version}; {count} justerare to go.",
    ),
    "minutes_justerade": (
        "Protokollet för möte #{ref} är justerat (version {version}) och låst.",
        "The minutes of meeting #{ref} are justerat (version {version}) and locked.",
    ),
    "change_requested": (
        "Din begäran om ändring av version {version} är skickad till sekreteraren.",
        "Your request for a change to version {version} is sent to the secretary.",
    ),
    # --- search ---------------------------------------------------------------------------------
    "search_empty": (
        "Skriv vad du söker efter, till exempel `/sok OSA mål`.",
        "Say what you are looking for, for example `/sok OSA mål`.",
    ),
    "search_too_long": (
        "Sökningen får vara högst {limit} tecken men är {length}; sök på några ord, till exempel `/sok OSA mål`.",
        "A search may be at most {limit} characters but is {length}; search for a few words, for example `/sok OSA mål`.",
    ),
    "search_none": (
        "Inget justerat protokoll nämner ”{query}”; pröva färre eller andra ord, till exempel `/sok arbetsmiljö`.",
        "No justerade minutes mention “{query}”; try fewer or other words, for example `/sok arbetsmiljö`.",
    ),
    "search_heading": ("{count} träffar för ”{query}”:", "{count} hits for “{query}”:"),
    "search_heading_one": ("1 träff för ”{query}”:", "1 hit for “{query}”:"),
    "help_sok": (
        "/sok ord – söker i gruppens justerade och importerade protokoll, till exempel `/sok OSA mål`.",
        "/sok words – searches the group's justerade and imported minutes, for example `/sok OSA mål`.",
    ),
    # --- import ---------------------------------------------------------------------------------
    "unknown_format": (
        "”{given}” är inget filformat jag gör; välj pdf, docx, html eller md, till exempel `{example}`.",
        "“{given}” is not a file format I make; choose pdf, docx, html or md, for example `{example}`.",
    ),
    "exported": ("Protokollet är sparat som {name}.", "The minutes are saved as {name}."),
    # --- slack adapter: forms, shortcuts, exports --------------------------------------------
    "edit_form_failed": (
        "Formuläret kunde inte öppnas i tid; välj ärendet i menyn igen, eller skriv ändringen direkt, till exempel `/anteckning ändra 4.1; Ny text.`",
        "The form could not open in time; choose the item in the menu again, or type the change, for example `/anteckning ändra 4.1; New text.`",
    ),
    "edit_form_failed_command": (
        "Formuläret kunde inte öppnas i tid; skriv kommandot igen, eller skriv ändringen direkt, till exempel `/anteckning ändra 4.1; Ny text.`",
        "The form could not open in time; type the command again, or type the change, for example `/anteckning ändra 4.1; New text.`",
    ),
    "form_failed": (
        "Formuläret kunde inte öppnas eftersom Slack inte svarade i tid; försök igen, eller skriv förslaget direkt, till exempel `/arende Dialog; Lokalfrågor`.",
        "The form could not open because Slack did not answer in time; try again, or type the proposal, for example `/arende Dialog; Lokalfrågor`.",
    ),
    "export_started": (
        "Filen görs nu och delas i kanalen om en stund: {what}.",
        "The file is being made and will be shared in the channel shortly: {what}.",
    ),
    "export_failed": (
        "Filen kunde inte delas i kanalen eftersom Slack inte tog emot den; försök igen om en stund, till exempel `/protokoll export pdf`.",
        "The file could not be shared in the channel because Slack did not take it; try again in a moment, for example `/protokoll export pdf`.",
    ),
    "export_shared": (
        "Filen {name} är delad i kanalen.",
        "The file {name} is shared in the channel.",
    ),
    "agenda_reordered": (
        "Ordningen är ordförandens: numren följer inte alltid ordningen.",
        "The order is the chair's: the numbers do not always follow it.",
    ),
    "agenda_links": ("Underlag: {links}", "Material: {links}"),
    "deadline_passed_warning": (
        "Obs: sista dag för ärenden ({deadline}) har redan passerat, så varje förslag blir sent inkommet; var det inte meningen, skriv `/mote ställ in #{ref}` och planera igen med till exempel `sista dag {example}`.",
        "Note: the deadline for items ({deadline}) has already passed, so every proposal will be late; if that was not meant, type `/mote ställ in #{ref}` and plan again with for example `sista dag {example}`.",
    ),
    "deadline_moved": (
        "Sju dagar före mötet hade redan passerat, så sista dag för ärenden är {deadline}.",
        "Seven days before the meeting had already passed, so the deadline for items is {deadline}.",
    ),
    "teams_home_personal_only": (
        "Det som väntar på dig visas bara i din egen chatt med Justera, eftersom alla i kanalen ser svaret här: skriv `hem` till Justera i en chatt.",
        "What waits for you is shown only in your own chat with Justera, since everyone in the channel sees the answer here: write `home` to Justera in a chat.",
    ),
    "home_title": ("Det som väntar på dig", "What waits for you"),
    "home_nothing": ("Inget väntar på dig just nu.", "Nothing waits for you right now."),
    "home_to_justera": ("*Protokoll att justera*", "*Minutes to approve*"),
    "home_draft": (
        "{group} möte #{ref}, {when}: utkast version {version}",
        "{group} meeting #{ref}, {when}: draft version {version}",
    ),
    "home_change_asked": (" (du har begärt ändring)", " (you asked for a change)"),
    "home_upcoming": ("*Kommande möten*", "*Coming meetings*"),
    "home_meeting": (
        "{group} möte #{ref}, {when}; ärenden senast {deadline}",
        "{group} meeting #{ref}, {when}; items by {deadline}",
    ),
    "home_deadline_passed": (" (sista dag har passerat)", " (the deadline has passed)"),
    "home_proposals": ("*Dina förslag*", "*Your proposals*"),
    "home_commitments": ("*Dina uppföljningar*", "*Your commitments*"),
    "home_proposal": (
        "{group} möte #{ref}, ärende {number} {title}: {status}",
        "{group} meeting #{ref}, item {number} {title}: {status}",
    ),
    "home_late": (", sent inkommet", ", late"),
    "home_status_föreslaget": (
        "föreslaget, väntar på ordföranden",
        "proposed, waiting for the chair",
    ),
    "home_status_accepterat": ("accepterat", "accepted"),
    "home_status_avvisat": ("avvisat", "rejected"),
    "import_duplicate": (
        "{source}: redan importerad, hoppades över.",
        "{source}: already imported, skipped.",
    ),
    "import_no_date": (
        "{source}: hittar inget datum i texten; lägg till en rad som `Datum: 2021-09-20` och importera igen.",
        "{source}: no date found in the text; add a line such as `Datum: 2021-09-20` and import again.",
    ),
    "import_done": ("{source}: möte #{ref} ({found}).", "{source}: meeting #{ref} ({found})."),
    "import_preview": (
        "{source}: skulle bli ett möte ({found}); inget är sparat (--dry-run).",
        "{source}: would become a meeting ({found}); nothing is stored (--dry-run).",
    ),
    "import_uncertain": ("osäkert", "uncertain"),
    "import_too_long": (
        "{source}: texten är längre än {limit} 000 tecken och ser inte ut som ett protokoll; "
        "dela upp filen per möte, till exempel `protokoll-2024-03-12.docx`.",
        "{source}: the text is longer than {limit},000 characters and does not look like minutes; "
        "split the file by meeting, for example `protokoll-2024-03-12.docx`.",
    ),
    "import_too_many_items": (
        "{source}: {count} ärenden är för många för ett möte; dela upp filen per möte, till "
        "exempel `protokoll-2024-03-12.docx`.",
        "{source}: {count} items are too many for one meeting; split the file by meeting, for "
        "example `protokoll-2024-03-12.docx`.",
    ),
    "import_not_swedish": (
        "{source}: inte importerad, texten ser ut att vara på engelska och importen läser bara "
        "svenska protokoll (till exempel `minnesanteckningar-2024-03-12.docx`).",
        "{source}: not imported, the text looks English and the import reads only Swedish "
        "minutes (for example `minnesanteckningar-2024-03-12.docx`).",
    ),
    "import_similar": (
        "{source}: nästan samma text ({share} %) som möte #{ref} samma dag, hoppades över; "
        "importera med `--även-liknande` om det verkligen är ett annat möte.",
        "{source}: nearly the same text ({share}%) as meeting #{ref} on the same day, skipped; "
        "import with `--allow-similar` if it really is another meeting.",
    ),
    "imported_facts": ("Importerat från {source}", "Imported from {source}"),
    "imported_report": ("Vid importen: {report}", "When imported: {report}"),
    "imported_report_corrected": (
        "Vid importen: {report} (fälten har rättats sedan; de ovan gäller)",
        "When imported: {report} (the fields have been corrected since; those above apply)",
    ),
    # --- privacy --------------------------------------------------------------------------------
    "privacy_personnummer": (
        "Texten innehåller något som ser ut som ett personnummer ({number}); ta bort det och "
        "skriv till exempel `en brukare` i stället.",
        "The text contains what looks like a personal identity number ({number}); remove it and "
        "write for example `a client` instead.",
    ),
    "privacy_samordningsnummer": (
        "Texten innehåller något som ser ut som ett samordningsnummer ({number}); ta bort det och "
        "skriv till exempel `en brukare` i stället.",
        "The text contains what looks like a coordination number ({number}); remove it and write "
        "for example `a client` instead.",
    ),
    "control_character": (
        "Texten innehåller ett osynligt styrtecken ({code}) som inte kan sparas; skriv texten igen eller klistra in den som oformaterad text, till exempel `/arende Dialog; Bemanning i sommar`.",
        "The text contains an invisible control character ({code}) that cannot be stored; type the text again or paste it as plain text, for example `/arende Dialog; Staffing this summer`.",
    ),
    "field_text": ("Texten", "The text"),
    "privacy_forbidden_word": (
        "Texten nämner ”{word}”, som kan peka ut en brukare; ta bort det och skriv till exempel "
        "`en enhet inom förvaltningen` i stället.",
        "The text mentions “{word}”, which may identify a client; remove it and write for "
        "example `a unit within the department` instead.",
    ),
    "forbidden_words_heading": (
        "Ord som inte får stå i anteckningarna:",
        "Words that must not appear in the minutes:",
    ),
    "forbidden_words_none": (
        "Gruppen har inga förbjudna ord; lägg till ett med `/grupp ord lägg till Solrosen`.",
        "The group has no forbidden words; add one with `/grupp ord lägg till Solrosen`.",
    ),
    "forbidden_words_changed": (
        "Listan med förbjudna ord har nu {count} ord.",
        "The list of forbidden words now has {count} words.",
    ),
    # --- årsklocka and reminders ---------------------------------------------------------------
    "when_not_understood": (
        "”{given}” är ingen månad eller dag i en månad; skriv till exempel `mars` eller `31 mars`.",
        "“{given}” is not a month or a day of a month; write for example `March` or `31 March`.",
    ),
    "when_no_such_month": (
        "Det finns ingen månad {month} i ”{given}”; skriv dagen före månaden, till exempel `31/3`.",
        "There is no month {month} in “{given}”; write the day before the month, for example "
        "`31/3`.",
    ),
    "when_no_such_day": (
        "”{given}” finns inte eftersom månaden har högst {longest} dagar; skriv till exempel "
        "`{example}`.",
        "“{given}” does not exist because the month has at most {longest} days; write for "
        "example `{example}`.",
    ),
    "yearclock_not_yaml": (
        "Årsklockan går inte att läsa som YAML; skriv en regel per rad, till exempel "
        "`- {{titel: Delårsbokslut, när: september}}`.",
        "The årsklocka cannot be read as YAML; write one rule per line, for example "
        "`- {{titel: Delårsbokslut, när: september}}`.",
    ),
    "yearclock_not_yaml_at": (
        "Årsklockan går inte att läsa som YAML, felet sitter nära rad {line}; kontrollera indrag "
        "och kolon där, till exempel `  när: 31 mars`.",
        "The årsklocka cannot be read as YAML, the error is near line {line}; check the "
        "indentation and colons there, for example `  när: 31 mars`.",
    ),
    "yearclock_not_list": (
        "Årsklockan ska vara en lista där varje regel börjar med ett bindestreck, till exempel "
        "`- {{titel: Delårsbokslut, när: september}}`.",
        "The årsklocka must be a list in which each rule starts with a dash, for example "
        "`- {{titel: Delårsbokslut, när: september}}`.",
    ),
    "yearclock_too_many": (
        "Årsklockan har {count} regler men får ha högst {limit}; slå ihop närliggande regler, "
        "till exempel `- {{titel: Prognos och delårsbokslut, när: september}}`.",
        "The årsklocka has {count} rules but may have at most {limit}; merge related rules, for "
        "example `- {{titel: Prognos och delårsbokslut, när: september}}`.",
    ),
    "yearclock_not_mapping": (
        "Regel {number} i årsklockan består inte av nycklar och värden; skriv den till exempel "
        "som `- {{titel: Delårsbokslut, när: september}}`.",
        "Rule {number} of the årsklocka is not made of keys and values; write it for example as "
        "`- {{titel: Delårsbokslut, när: september}}`.",
    ),
    "yearclock_unknown_key": (
        "Regel {number} i årsklockan har den okända nyckeln ”{given}”; använd titel, när, "
        "sektion, ansvarig och framförhållning, till exempel `ansvarig: HR-chef`.",
        "Rule {number} of the årsklocka has the unknown key “{given}”; use titel, när, sektion, "
        "ansvarig and framförhållning (or title, when, section, responsible and lead_days), "
        "for example `ansvarig: HR-chef`.",
    ),
    "yearclock_key_twice": (
        "Regel {number} i årsklockan anger ”{given}” två gånger; behåll en av dem, till exempel "
        "`{given}: {example}`.",
        "Rule {number} of the årsklocka gives “{given}” twice; keep one of them, for example "
        "`{given}: {example}`.",
    ),
    "yearclock_missing_title": (
        "Regel {number} i årsklockan saknar titel; lägg till en, till exempel "
        "`titel: Delårsbokslut`.",
        "Rule {number} of the årsklocka has no title; add one, for example `titel: Delårsbokslut`.",
    ),
    "yearclock_missing_when": (
        "Regel {number} i årsklockan saknar när; ange en månad eller en dag, till exempel "
        "`när: 31 mars`.",
        "Rule {number} of the årsklocka has no när (when); give a month or a day, for example "
        "`när: 31 mars`.",
    ),
    "yearclock_bad_when": (
        "Regel {number} i årsklockan har ”{given}” som när, vilket inte är en månad eller en dag "
        "som finns; skriv till exempel `när: 31 mars`.",
        "Rule {number} of the årsklocka has “{given}” as när (when), which is not a month or a "
        "day that exists; write for example `när: 31 mars`.",
    ),
    "yearclock_bad_section": (
        "Regel {number} i årsklockan har ”{given}” som sektion; välj Information, Dialog, "
        "Beslut eller Övrigt, till exempel `sektion: Dialog`.",
        "Rule {number} of the årsklocka has “{given}” as section; choose Information, Dialog, "
        "Beslut or Övrigt, for example `sektion: Dialog`.",
    ),
    "yearclock_bad_lead": (
        "Regel {number} i årsklockan har ”{given}” som framförhållning; ange ett antal dagar "
        "från 0 till {limit}, till exempel `framförhållning: 14`.",
        "Rule {number} of the årsklocka has “{given}” as lead time; give a number of days from "
        "0 to {limit}, for example `framförhållning: 14`.",
    ),
    "yearclock_not_text": (
        "”{given}” i regel {number} i årsklockan ska vara text; skriv den inom citattecken, "
        'till exempel `{given}: "{example}"`.',
        "“{given}” in rule {number} of the årsklocka must be text; put it in quotes, for "
        'example `{given}: "{example}"`.',
    ),
    "yearclock_too_long": (
        "”{given}” i regel {number} i årsklockan har {length} tecken men får ha högst {limit}; "
        "korta den, till exempel `{given}: {example}`.",
        "“{given}” in rule {number} of the årsklocka has {length} characters but may have at "
        "most {limit}; shorten it, for example `{given}: {example}`.",
    ),
    "action_manage_year": ("ändra årsklockan", "change the annual cycle"),
    "yearly_proposed": ("Årsklockan föreslår: {titles}.", "The annual cycle proposes: {titles}."),
    "year_empty": (
        "Gruppen har ingen årsklocka än; ta standardårsklockan med `/arsklocka standard`.",
        "The group has no annual cycle yet; take the default with `/arsklocka standard`.",
    ),
    "year_heading": ("Årsklocka för {key}", "Annual cycle of {key}"),
    "year_taken": (
        "Gruppen har nu standardårsklockan med {count} punkter; se den med `/arsklocka visa`.",
        "The group now has the default annual cycle with {count} rules; see it with `/arsklocka visa`.",
    ),
    "year_imported": (
        "Årsklockan är ersatt med {count} punkter; se den med `/arsklocka visa`.",
        "The annual cycle is replaced with {count} rules; see it with `/arsklocka visa`.",
    ),
    "year_lead_days": (
        "Framförhållningen {given} dagar går inte; ange 0–180 dagar, till exempel `/arsklocka lägg till OSA-mål; mars; Beslut; HR-chef; 21`.",
        "A lead time of {given} days is not possible; give 0–180 days, for example `/arsklocka lägg till OSA-mål; mars; Beslut; HR-chef; 21`.",
    ),
    "year_full": (
        "Årsklockan har redan {limit} punkter; ta bort en först, till exempel `/arsklocka ta bort 3`.",
        "The annual cycle already has {limit} rules; remove one first, for example `/arsklocka ta bort 3`.",
    ),
    "year_rule_added": (
        "Punkt {number} är tillagd i årsklockan ({when}).",
        "Rule {number} is added to the annual cycle ({when}).",
    ),
    "unknown_year_rule": (
        "Årsklockan har ingen punkt {number}; se punkterna med `/arsklocka visa`.",
        "The annual cycle has no rule {number}; see the rules with `/arsklocka visa`.",
    ),
    "year_rule_removed": (
        "Punkt {number} är borttagen ur årsklockan.",
        "Rule {number} is removed from the annual cycle.",
    ),
    "no_reminders": (
        "{key} har inga påminnelser på väg; de kommer när möten planeras, till exempel med `/mote planera 19 mars kl 13; Sof`.",
        "{key} has no reminders on the way; they come as meetings are planned, for example with `/mote planera 19 mars kl 13; Sof`.",
    ),
    "reminders_heading": ("Påminnelser för {key}:", "Reminders of {key}:"),
    "reminder_to_channel": ("kanalen", "the channel"),
    "reminder_kind_agenda_deadline": ("sista dag för ärenden", "agenda deadline"),
    "reminder_kind_meeting_tomorrow": ("mötet närmar sig", "meeting coming up"),
    "reminder_kind_justering": ("justering väntar", "justering pending"),
    "reminder_kind_mbl14": ("MBL §14-fristen", "MBL §14 period"),
    "reminder_kind_yearly": ("årsklockan", "annual cycle"),
    "reminder_kind_no_meeting": ("årsklockan saknar möte", "annual cycle lacks a meeting"),
    "help_arsklocka": (
        "/arsklocka visa · /arsklocka standard · /arsklocka lägg till Rubrik; mars|31 mars; Sektion[; ansvarig][; framförhållning i dagar] · /arsklocka ta bort 3 · /arsklocka export · /arsklocka import (YAML efter en ny rad)",
        "/arsklocka visa · /arsklocka standard · /arsklocka lägg till Title; mars|31 mars; Section[; responsible][; lead days] · /arsklocka ta bort 3 · /arsklocka export · /arsklocka import (YAML after a new line)",
    ),
    # --- uppföljning (commitments) -----------------------------------------------------------
    "field_responsible": ("Den ansvarige", "The person responsible"),
    "field_commitment": ("Uppföljningen", "The commitment"),
    "field_outcome": ("Utfallet", "The outcome"),
    "empty_responsible": (
        "Ange vem som ansvarar, till exempel `/uppfoljning 6; HR-chef; Ta fram ett förslag; till nästa möte`.",
        "Say who is responsible, for example `/uppfoljning 6; HR-chef; Ta fram ett förslag; till nästa möte`.",
    ),
    "empty_commitment": (
        "Ange vad som ska göras, till exempel `/uppfoljning 6; HR-chef; Ta fram ett förslag; till nästa möte`.",
        "Say what is to be done, for example `/uppfoljning 6; HR-chef; Ta fram ett förslag; till nästa möte`.",
    ),
    "empty_outcome": (
        "Skriv utfallet med några ord, till exempel `/uppfoljning klar 3; Förslaget presenteras i oktober.`.",
        "Give the outcome in a few words, for example `/uppfoljning klar 3; Förslaget presenteras i oktober.`.",
    ),
    "action_record_commitment": ("föra in uppföljningar", "record commitments"),
    "action_close_commitment": ("stänga uppföljningen", "close the commitment"),
    "denied_responsible": (
        "Bara ordförande, sekreterare och den ansvarige kan {what}; se vem som ansvarar med `/uppfoljning lista`.",
        "Only the chair, the secretary and the person responsible can {what}; see who is responsible with `/uppfoljning lista`.",
    ),
    "reminder_kind_follow_up": ("uppföljning", "commitment"),
    "followup_mark": ("uppföljning", "follow-up"),
    "followup_bad_due": (
        "Jag förstår inte ”{given}” som när uppföljningen ska vara klar; skriv till exempel `/uppfoljning 6; HR-chef; Ta fram ett förslag; oktober` (eller ”30 oktober”, ”v. 43”, ”till nästa möte”).",
        "I don't understand “{given}” as when the commitment is due; write for example `/uppfoljning 6; HR-chef; Ta fram ett förslag; oktober` (or “30 oktober”, “v. 43”, “till nästa möte”).",
    ),
    "followup_in_past": (
        "{date} har redan varit; ange en dag från och med i dag, till exempel `/uppfoljning 6; HR-chef; Ta fram ett förslag; till nästa möte`.",
        "{date} has already passed; give a day from today on, for example `/uppfoljning 6; HR-chef; Ta fram ett förslag; till nästa möte`.",
    ),
    "followup_not_member": (
        "{who} är inte medlem i {group}; skriv en roll eller part i stället, till exempel `/uppfoljning 6; HR-chef; Ta fram ett förslag; oktober`.",
        "{who} is not a member of {group}; give a role or party instead, for example `/uppfoljning 6; HR-chef; Ta fram ett förslag; oktober`.",
    ),
    "unknown_followup": (
        "Gruppen har ingen uppföljning {number}; se uppföljningarna med `/uppfoljning lista`.",
        "The group has no commitment {number}; see the commitments with `/uppfoljning lista`.",
    ),
    "followup_already_closed": (
        "Uppföljning {number} är redan klar; se de öppna med `/uppfoljning lista`.",
        "Commitment {number} is closed already; see the open ones with `/uppfoljning lista`.",
    ),
    "followup_recorded": (
        "Uppföljning {number} är noterad på ärende {item}: {line}",
        "Commitment {number} is recorded on item {item}: {line}",
    ),
    "followup_goes_to": (
        "Den föreslås på möte #{ref} {when}.",
        "It is proposed on meeting #{ref} {when}.",
    ),
    "followup_goes_later": (
        "Den föreslås på gruppens första möte från och med {date} när ett sådant planeras.",
        "It is proposed on the group's first meeting from {date} on, once one is planned.",
    ),
    "followup_goes_next": (
        "Den föreslås på gruppens nästa möte när det planeras.",
        "It is proposed on the group's next meeting once it is planned.",
    ),
    "followup_closed": (
        "Uppföljning {number} är klar; utfallet kommer med i protokollet från möte #{ref}.",
        "Commitment {number} is closed; the outcome goes into the minutes of meeting #{ref}.",
    ),
    "followup_closed_later": (
        "Uppföljning {number} är klar; utfallet kommer med i protokollet från gruppens nästa möte.",
        "Commitment {number} is closed; the outcome goes into the minutes of the group's next meeting.",
    ),
    "followups_none": (
        "{key} har inga öppna uppföljningar; de förs in under mötet, till exempel med `/uppfoljning 6; HR-chef; Ta fram ett förslag; till nästa möte`.",
        "{key} has no open commitments; they are recorded in the meeting, for example with `/uppfoljning 6; HR-chef; Ta fram ett förslag; till nästa möte`.",
    ),
    "followups_heading": ("Öppna uppföljningar i {key}:", "Open commitments of {key}:"),
    "followups_mine_heading": ("Dina öppna uppföljningar:", "Your open commitments:"),
    "followups_mine_none": ("Du har inga öppna uppföljningar.", "You have no open commitments."),
    "followup_overdue": ("FÖRSENAD", "OVERDUE"),
    "followup_from": ("från möte #{ref}, ärende {item}", "from meeting #{ref}, item {item}"),
    "followup_on_meeting": ("tas upp på möte #{ref}", "comes up at meeting #{ref}"),
    "followups_proposed": (
        "Uppföljningar föreslås: {titles}.",
        "Commitments are proposed: {titles}.",
    ),
    "help_uppfoljning": (
        "/uppfoljning 6; vem (@person, roll eller part); vad; när (30 oktober, oktober, v. 43, till nästa möte) · "
        "/uppfoljning klar 3; utfall · /uppfoljning ändra 3; vem: …; vad: …; när: …; ärende: 5 · "
        "/uppfoljning ta bort 3 · /uppfoljning lista",
        "/uppfoljning 6; who (@person, role or party); what; by when (30 oktober, oktober, v. 43, till nästa möte) · "
        "/uppfoljning klar 3; outcome · /uppfoljning ändra 3; vem: …; vad: …; när: …; ärende: 5 · "
        "/uppfoljning ta bort 3 · /uppfoljning lista",
    ),
    # --- help ---------------------------------------------------------------------------------
    "help_all": (
        "Kommandon: /grupp, /mote, /arende, /justerare, /anteckning, /protokollsanteckning, "
        "/beslut, /uppfoljning, /protokoll, /arsklocka, /sok. Skriv till exempel `/mote hjälp` för ett kommandos delar.",
        "Commands: /grupp, /mote, /arende, /justerare, /anteckning, /protokollsanteckning, "
        "/beslut, /uppfoljning, /protokoll, /arsklocka, /sok. Type for example `/mote hjälp` for one command's parts.",
    ),
    "help_grupp": (
        "/grupp skapa FSG; Namn · /grupp koppla FSG · /grupp part Vision; fack[; kortnamn] · "
        "/grupp medlem @anna; Anna Ek; Vision; ledamot[; admin] · /grupp visa · "
        "/grupp ord visa | lägg till Solrosen | ta bort Solrosen · /grupp stil [2021|hr|export] · "
        "/grupp stående visa | lägg till Rubrik; Information | ta bort 3 | ordna 2, 1 | "
        "flytta 3; Övrigt",
        "/grupp skapa FSG; Name · /grupp koppla FSG · /grupp part Vision; fack[; short] · "
        "/grupp medlem @anna; Anna Ek; Vision; ledamot[; admin] · /grupp visa · "
        "/grupp ord visa | lägg till Solrosen | ta bort Solrosen · /grupp stil [2021|hr|export] · "
        "/grupp stående visa | lägg till Title; Information | ta bort 3 | ordna 2, 1 | "
        "flytta 3; Övrigt",
    ),
    "help_mote": (
        "/mote planera [FSG;] 19 mars kl 13; Plats[; protokoll 3/2025][; dnr X]"
        "[; sista dag 12 mars] · /mote lista · /mote visa [#3] · /mote publicera · "
        "/mote flytta [#3] torsdag kl 13–15 · /mote ändra [#3]; plats: Sof; tid: kl 13–15 · "
        "/mote ställ in [#3] · /mote påminnelser",
        "/mote planera [FSG;] next wednesday 13:00; Place[; protokoll 3/2025][; dnr X]"
        "[; sista dag 12 mars] · /mote lista · /mote visa [#3] · /mote publicera · "
        "/mote flytta [#3] thursday 13:00-15:00 · /mote ändra [#3]; plats: Sof; tid: 13-15 · "
        "/mote ställ in [#3] · /mote påminnelser",
    ),
    "help_arende": (
        "/arende Dialog; Rubrik[; föredragande: X][; beskrivning: Y][; länk: URL]"
        "[; riskbedömning: ja] · /arende acceptera 4, 5 | alla · /arende avvisa 4 · "
        "/arende ordna 6, 4, 5 · /arende flytta 5; Beslut · /arende ändra 4; titel: X · "
        "/arende ta bort 3 · /arende visa [4] · /arende publicera",
        "/arende Dialog; Title[; föredragande: X][; beskrivning: Y][; länk: URL]"
        "[; riskbedömning: ja] · /arende acceptera 4, 5 | alla · /arende avvisa 4 · "
        "/arende ordna 6, 4, 5 · /arende flytta 5; Beslut · /arende ändra 4; titel: X · "
        "/arende ta bort 3 · /arende visa [4] · /arende publicera",
    ),
    "help_justerare": (
        "/justerare @evert, @denniz – väljer mötets justerare (en per fack och en för "
        "arbetsgivaren är vanligt).",
        "/justerare @evert, @denniz – chooses the meeting's justerare (one per union and one "
        "for the employer is usual).",
    ),
    "help_anteckning": (
        "/anteckning 5; text – en anteckning på ärende 5 · /anteckning ändra 5.2; ny text · "
        "/anteckning ta bort 5.2 · /anteckning flytta 5.3; 1 · /anteckning ändra 5 (hela ärendet) · "
        "/ångra",
        "/anteckning 5; text – a note on item 5 · /anteckning ändra 5.2; new text · "
        "/anteckning ta bort 5.2 · /anteckning flytta 5.3; 1 · /anteckning ändra 5 (the whole item) · "
        "/ångra",
    ),
    "help_protokollsanteckning": (
        "/protokollsanteckning 7; text – din parts protokollsanteckning på ärende 7 · "
        "/protokollsanteckning 7; SSR, Kommunal; text (ordföranden, sekreteraren) · "
        "/protokollsanteckning ta bort 7; Vision",
        "/protokollsanteckning 7; text – your party's statement on item 7 · "
        "/protokollsanteckning 7; SSR, Kommunal; text (chair, secretary) · "
        "/protokollsanteckning ta bort 7; Vision",
    ),
    "help_beslut": (
        "/beslut 7; samverkat|enighet|oenighet|bordlagt|information|inget beslut[; text] · "
        "/beslut 7; oenighet; Vision; text · /beslut 7; enighet; egen text: text utan fast mening",
        "/beslut 7; samverkat|enighet|oenighet|bordlagt|information|inget beslut[; text] · "
        "/beslut 7; oenighet; Vision; text · /beslut 7; enighet; own text: text without the fixed "
        "sentence",
    ),
    "help_protokoll": (
        "/protokoll visa [#3] · /protokoll posta · /protokoll godkänn · "
        "/protokoll ändring; vad som ska ändras · /protokoll export pdf|docx|html|md [#3]",
        "/protokoll visa [#3] · /protokoll posta · /protokoll godkänn · "
        "/protokoll ändring; what should change · /protokoll export pdf|docx|html|md [#3]",
    ),
    "teams_file_ready": (
        "Filen ({format}) är klar; länken gäller i ett dygn.",
        "The file ({format}) is ready; the link works for a day.",
    ),
    "teams_file_unavailable": (
        "Filer kan inte delas i Teams-kanaler här ännu ({format}); be administratören sätta JUSTERA_PUBLIC_URL, eller exportera med `justera export 3 --format pdf`.",
        "Files cannot be shared in Teams channels here yet ({format}); ask the administrator to set JUSTERA_PUBLIC_URL, or export with `justera export 3 --format pdf`.",
    ),
    # --- the outbox -------------------------------------------------------------------------
    "posting_given_up": (
        "Justera kunde inte posta {what} för möte #{ref} i kanalen ({error}); se vad som väntar "
        "med `/mote visa #{ref}` och försök igen med `{retry}`.",
        "Justera could not post {what} for meeting #{ref} in the channel ({error}); see what "
        "waits with `/mote visa #{ref}` and try again with `{retry}`.",
    ),
    "posting_uncertain": (
        "Justera vet inte om {what} för möte #{ref} kom fram i kanalen: inget svar kom på om det "
        "togs emot, och det skickas inte igen för att inte komma två gånger. Se efter i kanalen; "
        "saknas det, skicka det igen med `{retry}`.",
        "Justera does not know whether {what} for meeting #{ref} reached the channel: no answer "
        "said whether it was taken, and it is not sent again so as not to arrive twice. Look in "
        "the channel; if it is missing, send it again with `{retry}`.",
    ),
    "reply_uncertain": (
        "Justera vet inte om svaret på ditt kommando kom fram: inget svar kom på om det togs "
        "emot. Se efter i tråden innan du skriver kommandot igen; `/mote visa` visar läget.",
        "Justera does not know whether the answer to your command arrived: no answer said "
        "whether it was taken. Look in the thread before you type the command again; "
        "`/mote visa` shows where things stand.",
    ),
    "reply_given_up": (
        "Justera kunde inte posta svaret på ditt kommando ({error}); `/mote visa` visar om det "
        "gjordes innan du skriver det igen.",
        "Justera could not post the answer to your command ({error}); `/mote visa` shows whether "
        "it was done before you type it again.",
    ),
    "posting_uncertain_line": (
        "Kanske inte postat: {what} ({at}, inget svar); se efter i kanalen och skicka igen med "
        "`{retry}` om det saknas.",
        "Maybe not posted: {what} ({at}, no answer); look in the channel and send it again with "
        "`{retry}` if it is missing.",
    ),
    "postings_waiting": (
        "Väntar på att postas i kanalen ({count}): {what}.",
        "Waiting to be posted in the channel ({count}): {what}.",
    ),
    "posting_failed_line": (
        "Kunde inte postas: {what} ({at}, {error}); försök igen med `{retry}`.",
        "Could not be posted: {what} ({at}, {error}); try again with `{retry}`.",
    ),
    "minutes_reposted": (
        "Version {version} av protokollet från möte #{ref} kom aldrig fram och postas nu igen i "
        "mötets tråd.",
        "Version {version} of the minutes of meeting #{ref} never arrived and is now posted again "
        "in the meeting's thread.",
    ),
    "minutes_post_waiting": (
        "Version {version} väntar redan på att postas i mötets tråd och kommer så snart kanalen "
        "tar emot; se läget med `/mote visa #{ref}`.",
        "Version {version} is already waiting to be posted in the meeting's thread and arrives as "
        "soon as the channel takes it; see where it stands with `/mote visa #{ref}`.",
    ),
}

# Texts kept in their own modules, so that work on one part does not touch this file.
from bot.core.catalogue_minutes import TEXTS as _MINUTES_TEXTS  # noqa: E402

CATALOGUE.update(_MINUTES_TEXTS)
