"""Every key netdash knows, written once: bindings, palette, Help screen and README come from here.

A key used to be written four times (a screen's BINDINGS, the palette, the Help screen and the
README) and they drifted. Now a screen's ``BINDINGS`` is ``bindings("people")``, the palette lists
the commands with a ``palette`` entry, and the Help screen and the README's table are rendered
from :data:`COMMANDS` (``python -m netdash.tui.commands`` prints the README table; a test checks
that the README has it). The ids are what a ``[keys]`` section in the config file remaps.
"""

from __future__ import annotations

from textual.binding import BindingType

from netdash.tui.command import Command, Palette
from netdash.tui.commands_screens import LIST_SCREENS, SCREEN_COMMANDS

SCREENS = {
    "app": "Anywhere",
    "form": "Forms",
    "dashboard": "Dashboard",
    "dashboard-any": "Dashboard, any panel",
    "upcoming": "Dashboard, Upcoming",
    "figures": "Dashboard numbers",
    "people": "People",
    "duplicates": "Duplicates",
    "person": "Person",
    "why": "Why this score",
    "journal": "Journal",
    "entry": "Journal entry",
    "search": "Search",
    "audience": "Audience",
    "connections": "LinkedIn connections",
    "strangers": "Who's this?",
    "imported": "History imported",
    "community": "Community",
    "outcomes": "Outcomes",
    "history": "History",
    **LIST_SCREENS,
    "review": "Year in review",
    "list": "Long lists",
    "confirm": "Questions",
    "same-name": "Same name",
    "help": "Help",
}
"""Screen ids, in the order the Help screen and the README show them, with their titles."""


def _mode(mode: str, key: str, title: str, palette: str) -> Command:
    return Command(
        f"netdash.{mode}",
        key,
        "app",
        f"go('{mode}')",
        title,
        f"go to {title}",
        palette=Palette(title if mode != "community" else "Community & charity", palette),
    )


_FIRST_HALF: tuple[Command, ...] = (
    # ----------------------------------------------------------------------------- anywhere
    Command(
        "netdash.log",
        "n",
        "app",
        "log",
        "Log",
        "log a connection (on a person's page: with them)",
        palette=Palette("Log a connection", "Open the log form"),
    ),
    # Help before the mode keys: the footer shows keys in this order, and at 80 columns
    # it has room for about eight of them
    Command(
        "netdash.help",
        "question_mark",
        "app",
        "help",
        "Help",
        "every key, opened at this screen's (this help)",
        key_display="?",
        palette=Palette("Keys", "Every key netdash knows"),
    ),
    Command(
        "netdash.search",
        "slash",
        "app",
        "search",
        "Find",
        "find anything: people, entries, community work and outcomes, as you type",
        key_display="/",
        palette=Palette("Search everything", "People, entries, contributions and outcomes"),
    ),
    Command(
        "netdash.help_f1",
        "f1",
        "app",
        "help",
        "Help",
        "every key, opened at this screen's (this help)",
        show=False,
    ),
    _mode("dashboard", "d", "Dashboard", "Depth beside breadth"),
    _mode("people", "p", "People", "Everyone in the journal"),
    _mode("journal", "j", "Journal", "Every interaction, newest first"),
    _mode("audience", "a", "Audience", "Followers per account, history, imports"),
    _mode("community", "c", "Community", "Per organisation: hours, money, results, effect"),
    _mode("outcomes", "u", "Outcomes", "What got done, and through whom"),
    _mode("history", "h", "History", "Depth & breadth over time"),
    Command(
        "netdash.import",
        "i",
        "app",
        "import_export",
        "Import",
        "import followers, people from an address book, or your history from calendars, chats"
        " and mail",
        show=False,
        palette=Palette(
            "Import", "Followers, an address book, or history from calendars, chats, mail"
        ),
    ),
    Command(
        "netdash.give",
        "g",
        "app",
        "give",
        "Give",
        "log community or charity work (hours, money, results)",
        show=False,
        palette=Palette("Log community work", "Hours, money, results for an organisation"),
    ),
    Command(
        "netdash.outcome",
        "o",
        "app",
        "outcome",
        "Outcome",
        "log an outcome and who or what it came through",
        show=False,
        palette=Palette("Log an outcome", "A job, client, talk… and who it came through"),
    ),
    Command(
        "netdash.review",
        "v",
        "app",
        "review",
        "Review",
        "the year in review",
        show=False,
        palette=Palette("Year in review", "This year, in words"),
    ),
    Command(
        "netdash.strangers",
        "k",  # "who do you know?"; w is the Person screen's Why, and k is free on every screen
        "app",
        "strangers",
        "Who's this?",
        "who's this? people your imported chats, calendars and mail mention who are not in"
        " the journal yet",
        show=False,
        palette=Palette("Who's this?", "People your imports mention: add, link or ignore them"),
    ),
    Command(
        "netdash.palette",
        "ctrl+p",
        "app",
        None,
        "Palette",
        "command palette: jump to any person, run any action",
    ),
    Command(
        "netdash.screenshot",
        "f8",
        "app",
        "screenshot",
        "Screenshot",
        "save a screenshot (SVG)",
        show=False,
    ),
    Command("netdash.quit", "ctrl+q", "app", "quit", "Quit", "quit", priority=True),
    Command(
        "netdash.undo",
        "ctrl+z",
        "app",
        "undo",
        "Undo",
        "undo the newest delete, edit, merge, import or 'not the same' (asks first)",
        show=False,
        palette=Palette(
            "Undo", "Put back the newest delete, edit, merge or import still in the trash"
        ),
    ),
    # -------------------------------------------------------------------------------- forms
    Command("netdash.form.submit", "enter", "form", None, "Save", "save"),
    Command("netdash.form.save", "ctrl+s", "form", "save", "Save", "save", priority=True),
    Command("netdash.form.next", "tab", "form", None, "Next", "next field"),
    Command("netdash.form.previous", "shift+tab", "form", None, "Previous", "previous field"),
    Command("netdash.form.accept", "right", "form", None, "Accept", "accept the suggested name"),
    Command(
        "netdash.form.cancel", "escape", "form", "cancel", "Cancel", "cancel; nothing is written"
    ),
    # ---------------------------------------------------------------------------- dashboard
    Command(
        "netdash.dashboard.open",
        "enter",
        "dashboard",
        None,
        "Open",
        "in Reach out: open the person",
    ),
    Command(
        "netdash.figures.open",
        "enter",
        "figures",
        "open",
        "Open",
        "open the rows a number counts (Tab reaches the numbers)",
    ),
    Command(
        "netdash.figures.up", "up", "figures", "move(-1)", "Up", "the number above", show=False
    ),
    Command(
        "netdash.figures.down",
        "down",
        "figures",
        "move(1)",
        "Down",
        "the number below",
        show=False,
    ),
    Command(
        "netdash.dashboard.log_with",
        "n",
        "dashboard",
        "log_with",
        "Log with them",
        "in Reach out: log a connection with the person (filled in)",
    ),
    Command("netdash.upcoming.open", "enter", "upcoming", None, "Open", "open the person"),
    Command(
        "netdash.upcoming.done",
        "x",
        "upcoming",
        "done",
        "Done",
        "mark the follow-up done (ctrl+z puts it back)",
    ),
    Command(
        "netdash.upcoming.log_with",
        "n",
        "upcoming",
        "log_with",
        "Log with them",
        "log a connection with the person (marks their follow-ups done)",
    ),
    Command(
        "netdash.upcoming.first",
        "home,ctrl+home",
        "upcoming",
        "scroll_top",
        "First",
        "the first row",
        show=False,
    ),
    Command(
        "netdash.upcoming.last",
        "end,ctrl+end",
        "upcoming",
        "scroll_bottom",
        "Last",
        "the last row (adds the rest: they come a page at a time)",
        show=False,
    ),
    Command(
        "netdash.dashboard.rescore",
        "r",
        "dashboard-any",
        "rescore",
        "Score again",
        "work the scores out again (when scoring failed)",
        show=False,
    ),
    # ------------------------------------------------------------------------------- people
    Command(
        "netdash.people.search",
        "f",
        "people",
        "search",
        "Filter",
        "filter the list by name, handle, tag or e-mail address",
    ),
    Command(
        "netdash.people.sort",
        "s",
        "people",
        "toggle_sort",
        "Sort",
        "sort by name, last contact, score or how overdue",
    ),
    Command("netdash.people.layer", "l", "people", "cycle_layer", "Layer", "filter by layer"),
    Command(
        "netdash.people.duplicates",
        "m",
        "people",
        "duplicates",
        "Duplicates",
        "likely duplicates: merge a pair, or say they are two people",
        palette=Palette(
            "Find duplicate people",
            "Same e-mail, phone, handle or name: merge them",
            "duplicates",
        ),
    ),
    Command(
        "netdash.people.new",
        "plus",
        "people",
        "new_person",
        "Add",
        "add a person (asks first if the name is taken)",
    ),
    Command("netdash.people.open", "enter", "people", None, "Open", "open the person"),
    Command(
        "netdash.people.esc",
        "escape",
        "people",
        "leave_search",
        "Clear filter",
        "clear the filter; again: from the filter box back to the list",
        show=False,
    ),
    # --------------------------------------------------------------------------- duplicates
    Command("netdash.duplicates.back", "escape", "duplicates", "back", "Back", "back"),
    Command(
        "netdash.duplicates.merge",
        "m",
        "duplicates",
        "merge(False)",
        "Merge",
        "merge the right into the left (asks first)",
    ),
    Command(
        "netdash.duplicates.reverse",
        "r",
        "duplicates",
        "merge(True)",
        "Merge the other way",
        "merge the left into the right (asks first)",
    ),
    Command(
        "netdash.duplicates.different",
        "x",
        "duplicates",
        "different",
        "Not the same",
        "not the same person: never suggested again",
    ),
    Command("netdash.duplicates.open", "enter", "duplicates", None, "Open", "open the left one"),
    # ------------------------------------------------------------------------------- person
    Command("netdash.person.back", "escape", "person", "back", "Back", "back"),
    # the person's keys are titled in a word each: at 80 columns the footer keeps "? Help"
    Command("netdash.person.edit", "e", "person", "edit_person", "Edit", "edit the person"),
    Command(
        "netdash.person.delete_entry",
        "x,delete",
        "person",
        "delete_entry",
        "Delete",
        "delete the selected entry (asks first)",
    ),
    Command(
        "netdash.person.delete",
        "D,shift+d",  # a terminal with the Kitty key protocol says shift+d
        "person",
        "delete_person",
        "Delete person",
        "delete the person and the entries only they had (asks first; ctrl+z undoes)",
        show=False,
        key_display="D",
    ),
    Command(
        "netdash.person.why",
        "w",
        "person",
        "why",
        "Why",
        "why this score: every component, its weight and journal rows",
    ),
    Command(
        "netdash.person.snooze",
        "s",
        "person",
        "snooze",
        "Snooze",
        "snooze: out of the reach-out queue for some days",
    ),
    Command(
        "netdash.person.open", "enter", "person", None, "Edit", "edit the selected journal entry"
    ),
    Command(
        "netdash.person.view",
        "space",
        "person",
        "view_entry",
        "Read",
        "read the selected entry whole: every line of its note",
        show=False,  # at 80 columns the footer keeps "? Help"; the status line says it
    ),
    Command("netdash.why.close", "escape,w,q", "why", "close", "Close", "close"),
)
COMMANDS = (*_FIRST_HALF, *SCREEN_COMMANDS)
"""Every command, in the order the Help screen, the palette and the README list them."""


def bindings(screen: str) -> list[BindingType]:
    """A screen's ``BINDINGS``: its commands that are keys Textual handles."""
    assert screen in SCREENS, screen
    return [
        command.binding() for command in COMMANDS if command.screen == screen and command.action
    ]


_NAMES = {
    "plus": "+",
    "question_mark": "?",
    "slash": "/",
    "up": "↑",
    "down": "↓",
    "right": "→",
    "left": "←",
}


def key_text(key: str) -> str:
    """How a Textual key name reads to a person: "question_mark" is "?", "f1" is "F1"."""
    if key in _NAMES:
        return _NAMES[key]
    if key[0] == "f" and key[1:].isdigit():
        return key.upper()
    if len(key) > 1 and "+" not in key:
        return key.capitalize()  # Enter, Escape, Delete, Tab
    return key


def keys_text(command: Command) -> str:
    if command.key_display:
        return command.key_display
    return " or ".join(key_text(key) for key in command.keys.split(","))


def help_rows() -> list[tuple[str, list[tuple[str, str]]]]:
    """Per screen title, (keys, meaning) rows; keys that mean the same share a row."""
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    for screen, title in SCREENS.items():
        rows: dict[str, list[str]] = {}
        for command in COMMANDS:
            if command.screen == screen:
                rows.setdefault(command.help, []).append(keys_text(command))
        sections.append((title, [(" or ".join(keys), help) for help, keys in rows.items()]))
    return sections


def palette_entries() -> list[tuple[str, str, str]]:
    """(title, help with its key, app action) for each command the palette lists."""
    entries = []
    for command in COMMANDS:
        if command.palette is None:
            continue
        same = [
            keys_text(other)
            for other in COMMANDS
            if other.screen == command.screen and other.action == command.action
        ]
        where = "" if command.screen == "app" else f" on {SCREENS[command.screen]}"
        action = command.palette.action or command.action
        assert action is not None
        entries.append(
            (command.palette.title, f"{command.palette.help} ({' or '.join(same)}{where})", action)
        )
    return entries


def readme_table() -> str:
    """The README's "Screens and keys" table (paste the output of ``python -m
    netdash.tui.commands``)."""
    lines = ["| where | key | does |", "|---|---|---|"]
    for title, rows in help_rows():
        for keys, meaning in rows:
            shown = " or ".join(f"`{key}`" for key in keys.split(" or "))
            lines.append(f"| {title} | {shown} | {meaning} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(readme_table(), end="")
