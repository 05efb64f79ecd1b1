"""The Textual dashboard on top of the core. Nothing below ``netdash.tui`` imports from here."""
