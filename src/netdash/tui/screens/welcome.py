"""What the dashboard shows over an empty journal (its own module: dashboard.py is near the
500-line limit)."""

from __future__ import annotations

WELCOME = """\
Your journal is empty. netdash keeps the people you really know beside your follower counts.

  n        log a connection: type a name, press Enter (Tab reaches date, kind and note)
  ?  F1    every key
  ctrl+q   quit

From the shell:
  netdash log "yesterday: coffee with Ana Souza #work"
  netdash log "follow up with Ana Souza next friday about the intro"
  netdash import ~/Downloads/contacts.vcf      (people from your address book)
  netdash followers set mastodon 1234 --account @you@example.social
  netdash demo          (a demo journal in its own file; yours is untouched)
"""
