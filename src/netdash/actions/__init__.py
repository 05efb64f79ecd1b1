"""What the CLI and the TUI both do, written once: import, fetch, the person report, vouch, merge.

Actions are Textual-free and run no SQL themselves (the store does); each takes the journal, or
a way to open it, and returns a typed result that each face words its own way.
"""
