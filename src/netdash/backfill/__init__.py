"""Backfill: turning what already happened (calendars, chats, call logs, mail) into journal days.

Readers here are Textual-free and SQL-free: each turns one export into :class:`Trace` records;
``netdash.domain.evidence_days`` folds them into one day per conversation and channel, and
``netdash.store.evidence`` writes those days. Nothing a reader yields carries content: no
message body, subject or description ever leaves a reader.
"""
