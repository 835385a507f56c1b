"""The authorisation policy of trainings and meetings: every page and endpoint for every role, and for trainers
with a login (with and without the expert role), who manage the events they train and nothing else."""

import pytest
from django.urls import reverse

from .authorization import (
    COORDINATORS,
    EVERYONE,
    FORBIDDEN,
    LOGGED_IN,
    LOGIN,
    NOT_FOUND,
    OK,
    ROLES,
    UNAUTHORISED,
    matrix_tests,
    row,
    text_of,
)

# Administrators, coordinators and the trainers of the event (both trainers train the public event).
MANAGERS = row(LOGIN, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)
LOGGED_IN_NOT_ANONYMOUS = row(NOT_FOUND, OK, OK, OK, OK, OK, OK, OK, OK)
# Drafts: staff, and the trainers of the draft (the trainer without a role trains it, the expert does not).
STAFF_AND_TRAINERS_OF_THE_DRAFT = row(
    NOT_FOUND, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND
)


PAGES = {
    "event list": (lambda e: reverse("events:list"), EVERYONE),
    "public event": (lambda e: reverse("events:detail", args=[e["public"].pk]), EVERYONE),
    "internal event": (lambda e: reverse("events:detail", args=[e["internal"].pk]), LOGGED_IN_NOT_ANONYMOUS),
    "draft event": (
        lambda e: reverse("events:detail", args=[e["draft"].pk]),
        STAFF_AND_TRAINERS_OF_THE_DRAFT,
    ),
    "calendar": (lambda e: reverse("events:calendar"), EVERYONE),
    "event .ics": (lambda e: reverse("events:ics", args=[e["public"].pk]), EVERYONE),
    "internal event .ics": (
        lambda e: reverse("events:ics", args=[e["internal"].pk]),
        LOGGED_IN_NOT_ANONYMOUS,
    ),
    "certificate verification": (lambda e: reverse("events:verify"), EVERYONE),
    "site search": (lambda e: reverse("search:results") + "?q=szkolenie", EVERYONE),
    "register": (lambda e: reverse("events:register", args=[e["public"].pk]), LOGGED_IN),
    "my registrations": (lambda e: reverse("events:my_registrations"), LOGGED_IN),
    "calendar feed settings": (lambda e: reverse("events:feed_settings"), LOGGED_IN),
    "notifications": (lambda e: reverse("notifications:list"), LOGGED_IN),
    "event create": (lambda e: reverse("events:create"), COORDINATORS),
    "event edit": (lambda e: reverse("events:edit", args=[e["public"].pk]), COORDINATORS),
    "session create": (lambda e: reverse("events:session_create", args=[e["public"].pk]), COORDINATORS),
    "session edit": (lambda e: reverse("events:session_edit", args=[e["session"].pk]), COORDINATORS),
    "agenda": (lambda e: reverse("events:agenda_edit", args=[e["session"].pk]), COORDINATORS),
    "trainers": (lambda e: reverse("events:trainers", args=[e["public"].pk]), COORDINATORS),
    "participating organisations": (
        lambda e: reverse("events:organisations", args=[e["public"].pk]),
        COORDINATORS,
    ),
    "change of plan": (lambda e: reverse("events:change_plan", args=[e["public"].pk]), COORDINATORS),
    "new dates for the event": (lambda e: reverse("events:reschedule", args=[e["public"].pk]), COORDINATORS),
    "cancel event": (lambda e: reverse("events:cancel", args=[e["public"].pk]), COORDINATORS),
    "kinds of event": (lambda e: reverse("events:kind_list"), COORDINATORS),
    "event export": (lambda e: reverse("events:export", args=["csv"]), COORDINATORS),
    "participants": (lambda e: reverse("events:participants", args=[e["public"].pk]), MANAGERS),
    "feedback questionnaire": (lambda e: reverse("events:feedback", args=[e["public"].pk]), MANAGERS),
    "participants export": (
        lambda e: reverse("events:participants_export", args=[e["public"].pk, "xlsx"]),
        MANAGERS,
    ),
    "bulk registration": (lambda e: reverse("events:bulk_register", args=[e["public"].pk]), COORDINATORS),
    "registration import": (
        lambda e: reverse("events:registrations_import", args=[e["public"].pk]),
        COORDINATORS,
    ),
    "attendance": (lambda e: reverse("events:attendance", args=[e["session"].pk]), MANAGERS),
    "attendance list PDF": (lambda e: reverse("events:attendance_pdf", args=[e["session"].pk]), MANAGERS),
    "certificates": (lambda e: reverse("events:certificates", args=[e["public"].pk]), MANAGERS),
    "materials": (lambda e: reverse("events:materials", args=[e["public"].pk]), MANAGERS),
    # A trainer manages only the events they train.
    "participants of an event the trainers do not train": (
        lambda e: reverse("events:participants", args=[e["internal"].pk]),
        COORDINATORS,
    ),
    "attendance at a session of an event the trainers do not train": (
        lambda e: reverse("events:attendance", args=[e["internal_session"].pk]),
        COORDINATORS,
    ),
    "materials of an event the trainers do not train": (
        lambda e: reverse("events:materials", args=[e["internal"].pk]),
        COORDINATORS,
    ),
}

API = {
    "events": (lambda e: "/api/v1/events/", EVERYONE),
    "internal event": (lambda e: f"/api/v1/events/{e['internal'].pk}", LOGGED_IN_NOT_ANONYMOUS),
    "draft event": (lambda e: f"/api/v1/events/{e['draft'].pk}", STAFF_AND_TRAINERS_OF_THE_DRAFT),
    "registrations of an event": (
        lambda e: f"/api/v1/events/{e['public'].pk}/registrations",
        row(UNAUTHORISED, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK),
    ),
    "attendance of a session": (
        lambda e: f"/api/v1/events/sessions/{e['session'].pk}/attendance",
        row(UNAUTHORISED, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK),
    ),
    "registrations of an event the trainers do not train": (
        lambda e: f"/api/v1/events/{e['internal'].pk}/registrations",
        row(UNAUTHORISED, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
    "attendance at a session of an event the trainers do not train": (
        lambda e: f"/api/v1/events/sessions/{e['internal_session'].pk}/attendance",
        row(UNAUTHORISED, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ),
}


globals().update(matrix_tests("events", pages=PAGES, api=API, prefix="event_"))


def test_drafts_and_internal_events_never_leak_into_public_lists_calendar_or_api(client, events):
    for url in (reverse("events:list"), reverse("events:calendar"), "/api/v1/events/"):
        body = text_of(client.get(url))
        assert "Spotkanie wewnętrzne" not in body, url
        assert "Szkic" not in body, url


@pytest.mark.parametrize("role", ROLES)
def test_the_site_search_finds_what_each_role_may_see_never_more(client, world, events, role):
    from rozwoj.core.search import reindex

    reindex("events")
    reindex("programmes")
    if world["users"][role] is not None:
        client.force_login(world["users"][role])
    signed_in = role != "anonymous"
    body = text_of(client.get(reverse("search:results"), {"q": "publiczne"}))
    assert "<mark>publiczne</mark>" in body.lower()
    body = text_of(client.get(reverse("search:results"), {"q": "wewnętrzne"}))
    assert ("<mark>wewnętrzne</mark>" in body) == signed_in
    body = text_of(client.get(reverse("search:results"), {"q": "szkic"}))
    assert "<mark>Szkic</mark>" not in body  # drafts are found by nobody, not even their trainers or staff
    internal_programme = world["internal_programme"]
    body = text_of(client.get(reverse("search:results"), {"q": internal_programme.name}))
    assert (f'href="{reverse("programmes:detail", args=[internal_programme.pk])}"' in body) == signed_in


@pytest.mark.parametrize("role", ["trainer", "expert_trainer"])
def test_trainers_see_their_participants_without_contact_data(client, world, events, role):
    client.force_login(world["users"][role])
    participant = events["registration"].person
    public = events["public"].pk
    for url in (
        reverse("events:participants", args=[public]),
        reverse("events:participants_export", args=[public, "csv"]),
        f"/api/v1/events/{public}/registrations",
        f"/api/v1/events/sessions/{events['session'].pk}/attendance",
    ):
        body = text_of(client.get(url))
        assert participant.last_name in body, url
        assert participant.email not in body, url
