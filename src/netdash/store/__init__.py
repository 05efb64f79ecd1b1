"""The Textual-free core: every read and write of the journal, as functions over a Database."""
