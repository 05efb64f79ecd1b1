"""`netdash reach-out`: who you are losing touch with, and the follow-ups due."""

from __future__ import annotations

import json
from typing import Any

import click

from netdash.cli.kit import Context, pass_context, say, user_errors
from netdash.domain import dates


@click.command("reach-out")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--all", "show_all", is_flag=True, help="Everyone overdue, not just the top 20.")
@pass_context
def reach_out(obj: Context, as_json: bool, show_all: bool) -> None:
    """Who you are losing touch with, most urgent first; your follow-ups due, before them.

    Those past the worst their cadence allows ("every 4 weeks, at worst 6") are late and come
    first; then the due, by urgency: how far past their keep-in-touch cadence someone is, times
    how close you are (a close friend a week late comes before an acquaintance a week late).
    Snoozed people wait. A follow-up is due on its day and stays until done (`netdash followups
    done ID`, or log anything with the person).
    """
    from netdash.store.depth_reads import overdue_depths, person_depth
    from netdash.store.follow_ups import open_follow_ups
    from netdash.store.person_names import names_by_id

    today = dates.today()
    with user_errors(), obj.db(writes=False) as db:  # reads; only the score cache is kept
        queue = overdue_depths(db, today, obj.depth_settings())
        shown = queue if show_all else queue[:20]
        due = open_follow_ups(db, until=today)
        overdue = {d.person_id for d in shown}
        promised = list(dict.fromkeys(f.person.id for f in due if f.person.id not in overdue))
        rows = [person_depth(db, today, obj.depth_settings(), p) for p in promised] + shown
        names = names_by_id(db, [depth.person_id for depth in rows])
    if as_json:
        _reach_out_json(rows, names, due, today)
        return
    _reach_out_text(queue, shown, names, due, today)


def _reach_out_json(rows: list[Any], names: dict[int, str], due: list[Any], today: Any) -> None:
    """The queue for scripts: a person with a follow-up due comes first (``overdue`` false if
    only that), and every row lists the person's due ``follow_ups``."""
    document = [
        {
            "id": d.person_id,
            "name": names[d.person_id],
            "days_since_contact": d.days_since,
            "cadence_days": d.cadence_days,
            "layer": d.layer,
            "score": d.score,
            "urgency": d.urgency,
            "cadence_max_days": d.cadence_max_days,
            "cadence_status": d.cadence_status,
            "overdue": d.overdue,
            "follow_ups": [f.to_json(today) for f in due if f.person.id == d.person_id],
        }
        for d in rows
    ]
    say(json.dumps(document, indent=2, ensure_ascii=False))


def _reach_out_text(
    queue: list[Any], shown: list[Any], names: dict[int, str], due: list[Any], today: Any
) -> None:
    if due:
        say("Follow-ups due (done: netdash followups done ID, or log with them):")
        for follow_up in due:
            say(f"  {follow_up.line(today)}")
        if queue:
            say("")
    if not queue:
        if not due:
            say("Nobody is overdue. (Cadences: set per person, or by layer in the config.)")
        return
    from netdash.domain.cadence import late_in

    for d in shown:
        layer = f"inner {d.layer}" if d.layer else "no layer"
        soon = late_in(d.days_since, d.cadence_max_days)
        say(
            f"{names[d.person_id]}  ·  {d.cadence_status}: {d.overdue_text}"
            f"{'; ' + soon if soon else ''} ({d.cadence_source})  ·  {layer}, score {d.score:.0f}"
        )
    if len(queue) > len(shown):
        say(f"… and {len(queue) - len(shown)} more (--all)")
