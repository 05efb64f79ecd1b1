"""Writing the journal out: versioned JSON, CSV per table, Markdown to read, vCards to share.

Textual-free; every file is created readable by its owner only.
"""
