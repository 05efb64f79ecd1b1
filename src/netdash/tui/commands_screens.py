"""The second half of the one command table: the Journal, Audience, Community, Outcomes,
History, the lists behind the dashboard's numbers, the search, and the keys every long list,
question and Help share.

Kept apart from :mod:`netdash.tui.commands` only for length; :data:`netdash.tui.commands.COMMANDS`
is both halves in order.
"""

from __future__ import annotations

from netdash.tui.command import Command, Palette

LIST_SCREENS = {
    "contributions": "Contributions",
    "contribution": "A contribution",
    "time_split": "Time split",
    "known": "Known followers",
    "vouches": "A person's vouches",
    "goals": "Community goals",
    "organisations": "Community organisations",
}
"""Screen ids and titles of the lists behind the dashboard's numbers, after Outcomes, and of
the lists inside a screen whose keys act on their chosen row (a focused list's keys come
before its screen's, so e on a person's vouch list edits the vouch, not the person)."""

SCREEN_COMMANDS: tuple[Command, ...] = (
    # ------------------------------------------------------------------------------ journal
    Command(
        "netdash.journal.filter",
        "f",
        "journal",
        "filter_person",
        "Filter",
        "filter by person",
    ),
    Command("netdash.journal.dates", "t", "journal", "filter_dates", "Dates", "filter by date"),
    Command("netdash.journal.edit", "e", "journal", "edit_entry", "Edit", "edit the entry"),
    Command(
        "netdash.journal.delete",
        "x,delete",
        "journal",
        "delete_entry",
        "Delete",
        "delete the selected entry (asks first)",
    ),
    Command(
        "netdash.journal.clear", "r", "journal", "clear_filters", "Reset filters", "reset filters"
    ),
    Command(
        "netdash.journal.esc",
        "escape",
        "journal",
        "leave_filter",
        "Back to list",
        "from a filter back to the list",
        show=False,
    ),
    Command("netdash.journal.open", "enter", "journal", None, "Edit", "edit the selected entry"),
    Command(
        "netdash.journal.view",
        "space",
        "journal",
        "view_entry",
        "Read",
        "read the selected entry whole: every line of its note",
        show=False,  # at 80 columns the footer keeps "? Help"; the status line says it
    ),
    Command("netdash.entry.close", "escape,space,q", "entry", "close", "Close", "close"),
    # ----------------------------------------------------------------------------- audience
    Command(
        "netdash.audience.import",
        "i",
        "audience",
        "import",
        "Import",
        "import an export: a path, the source if it cannot be detected",
    ),
    Command(
        "netdash.audience.connections",
        "l",
        "audience",
        "connections",
        "LinkedIn",  # the footer's word: at 80 columns it keeps "? Help" in view
        "LinkedIn connections from imports, to make people of",
        palette=Palette(
            "LinkedIn connections", "Make people of the ones that matter", "connections"
        ),
    ),
    Command(
        "netdash.audience.rename",
        "R,shift+r",
        "audience",
        "rename_account",
        "Rename",
        "change the selected account's handle (a typo, a move to another server)",
        key_display="R",
    ),
    Command(
        "netdash.audience.delete",
        "x",
        "audience",
        "delete_account",
        "Delete",
        "delete the selected account, its counts and follower lists (asks first; ctrl+z undoes)",
    ),
    Command(
        "netdash.audience.choose",
        "up,down",
        "audience",
        None,
        "Choose",
        "choose an account: its history and follower list below",
    ),
    Command("netdash.connections.back", "escape", "connections", "back", "Back", "back"),
    Command(
        "netdash.connections.search",
        "f",
        "connections",
        "search",
        "Filter",
        "filter by name or company",
    ),
    Command(
        "netdash.connections.all",
        "m",
        "connections",
        "promote_all",
        "Make all people",
        "make people of them all (asks first)",
    ),
    Command(
        "netdash.connections.open",
        "enter",
        "connections",
        None,
        "Make person",
        "make one a person (or open them)",
    ),
    Command("netdash.strangers.back", "escape", "strangers", "back", "Back", "back"),
    Command(
        "netdash.strangers.open",
        "enter",
        "strangers",
        None,
        "Add",
        "make them a person, or link them to someone already in the journal",
    ),
    Command(
        "netdash.strangers.ignore",
        "x,delete",
        "strangers",
        "ignore",
        "Ignore",
        "ignore them for good: never listed nor counted again (ctrl+z undoes)",
    ),
    Command(
        "netdash.imported.strangers",
        "k",
        "imported",
        "strangers",
        "Who's this?",
        "the people it found who are not in the journal: add, link or ignore them",
    ),
    Command("netdash.imported.close", "escape,enter,q", "imported", "close", "Close", "close"),
    # ------------------------------------------------------------------ community, outcomes
    Command(
        "netdash.community.give", "g", "community", "app.give", "Log work", "log community work"
    ),
    Command(
        "netdash.community.open",
        "enter",
        "community",
        None,
        "Open",
        "the organisation's contributions this year",
    ),
    Command(
        "netdash.community.goal",
        "G,shift+g",  # a terminal with the Kitty key protocol says shift+g
        "community",
        "add_goal",
        "Goal",
        "set a yearly goal: hours, money or a result, for all work or one organisation",
        key_display="G",
    ),
    Command("netdash.goals.edit", "e", "goals", "screen.edit_goal", "Edit goal", "edit the goal"),
    Command(
        "netdash.goals.delete",
        "x,delete",
        "goals",
        "screen.delete_goal",
        "Delete goal",
        "delete the goal (asks first; ctrl+z undoes)",
    ),
    Command("netdash.goals.open", "enter", "goals", None, "Edit goal", "edit the goal"),
    Command(
        "netdash.organisations.rename",
        "R,shift+r",
        "organisations",
        "screen.rename_organisation",
        "Rename",
        "rename the organisation (not to a name another has)",
        key_display="R",
    ),
    Command(
        "netdash.organisations.delete",
        "x,delete",
        "organisations",
        "screen.delete_organisation",
        "Delete",
        "delete the organisation with its contributions and goals (asks first, saying what"
        " goes; ctrl+z undoes)",
    ),
    Command(
        "netdash.outcomes.log", "o", "outcomes", "app.outcome", "Log outcome", "log an outcome"
    ),
    Command("netdash.outcomes.edit", "e", "outcomes", "edit", "Edit", "edit the selected outcome"),
    Command(
        "netdash.outcomes.delete",
        "x,delete",
        "outcomes",
        "delete",
        "Delete",
        "delete the selected outcome and its credits (asks first; ctrl+z undoes)",
    ),
    Command("netdash.history.back", "escape", "history", "back", "Back", "back to the dashboard"),
    Command("netdash.review.close", "escape,v,q", "review", "close", "Close", "close"),
    # ------------------------------------------------------- the rows behind the numbers
    Command("netdash.contributions.back", "escape", "contributions", "back", "Back", "back"),
    Command(
        "netdash.contributions.open",
        "enter",
        "contributions",
        None,
        "Open",
        "show the contribution",
    ),
    Command(
        "netdash.contributions.edit",
        "e",
        "contributions",
        "edit",
        "Edit",
        "edit the selected contribution",
    ),
    Command(
        "netdash.contributions.delete",
        "x,delete",
        "contributions",
        "delete",
        "Delete",
        "delete the selected contribution (asks first; ctrl+z undoes)",
    ),
    Command(
        "netdash.contributions.previous",
        "left_square_bracket",
        "contributions",
        "year(-1)",
        "Year before",
        "the year before",
        key_display="[",
    ),
    Command(
        "netdash.contributions.next",
        "right_square_bracket",
        "contributions",
        "year(1)",
        "Year after",
        "the year after",
        key_display="]",
    ),
    Command(
        "netdash.contributions.all",
        "r",
        "contributions",
        "all_organisations",
        "Every organisation",
        "every organisation, not one",
    ),
    Command("netdash.contribution.close", "escape,q", "contribution", "close", "Close", "close"),
    Command(
        "netdash.contribution.edit", "e", "contribution", "edit", "Edit", "edit the contribution"
    ),
    Command(
        "netdash.contribution.delete",
        "x,delete",
        "contribution",
        "delete",
        "Delete",
        "delete the contribution (asks first; ctrl+z undoes)",
    ),
    Command("netdash.time_split.back", "escape", "time_split", "back", "Back", "back"),
    Command(
        "netdash.time_split.open",
        "enter",
        "time_split",
        None,
        "Open",
        "open the entry's first person",
    ),
    Command("netdash.known.back", "escape", "known", "back", "Back", "back"),
    Command("netdash.known.open", "enter", "known", None, "Open", "open the person"),
    # ------------------------------------------------------------ a person's vouches, by key
    Command(
        "netdash.person.vouch",
        "V",
        "person",
        "vouch",
        "Vouch",
        "add a vouch given to or received from them",
        show=False,  # at 80 columns the footer keeps "? Help"; the vouch line says it
    ),
    Command(
        "netdash.vouches.edit", "e", "vouches", "screen.edit_vouch", "Edit vouch", "edit the vouch"
    ),
    Command(
        "netdash.vouches.delete",
        "x,delete",
        "vouches",
        "screen.delete_vouch",
        "Delete",  # "e Edit vouch" beside it says what; at 80 columns "? Help" stays in view
        "delete the vouch (asks first; ctrl+z undoes)",
    ),
    Command("netdash.vouches.open", "enter", "vouches", None, "Edit vouch", "edit the vouch"),
    # ---------------------------------------------------------------------------- elsewhere
    Command(
        "netdash.list.first",
        "home,ctrl+home",
        "list",
        "scroll_top",
        "First",
        "the first row",
        show=False,
    ),
    Command(
        "netdash.list.last",
        "end,ctrl+end",
        "list",
        "scroll_bottom",
        "Last",
        "the last row (loads the rest)",
        show=False,
    ),
    Command("netdash.confirm.yes", "y", "confirm", "answer(True)", "Yes", "yes"),
    Command("netdash.confirm.no", "n,escape", "confirm", "answer(False)", "No", "no"),
    Command(
        "netdash.same_name.yes",
        "enter,y",
        "same-name",
        "answer(True)",
        "Add another",
        "a new person is added: another person with the name",
    ),
    Command(
        "netdash.same_name.no",
        "n,escape",
        "same-name",
        "answer(False)",
        "Back",
        "back to the form, at the name, to tell them apart",
    ),
    # ------------------------------------------------------------------------------- search
    Command(
        "netdash.search.open",
        "enter",
        "search",
        None,
        "Open",
        "open the result: the person, the entry, the contribution, the outcome",
    ),
    Command(
        "netdash.search.results",
        "down",
        "search",
        None,
        "Results",
        "from the search box to the results (up at the top goes back)",
    ),
    Command("netdash.search.close", "escape", "search", "close", "Close", "close"),
    Command("netdash.help.close", "escape,q,question_mark,f1", "help", "dismiss", "Close", "close"),
)
