"""Coaching in the demo (seed 000): pilot groups of the Erasmus+ coaching partnership in Poland, Latvia and
Greece with fictitious coaches and coachees, agreements, sessions with techniques, shared and private notes.

The demo expert (ekspert@example.org) is also a coach: the Polish group's coach, with a log to read. The demo
local-government member (jst@example.org) is one of their coachees and reads the shared notes of their sessions.
"""

import datetime
import random

from rozwoj.coaching import crypto
from rozwoj.coaching.models import (
    Agreement,
    Goal,
    GoalProgress,
    PilotGroup,
    PilotGroupMember,
    Session,
    SupervisionRecord,
    Technique,
)
from rozwoj.experts.models import ExpertProfile, ExpertSpecialisation, Specialisation
from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Person
from rozwoj.programmes.models import Programme

from . import data

PROGRAMME_ACRONYM = "Erasmus+ Coaching"

# name, purpose, steps, when to use it, source; Polish version (name, purpose, steps) or None
TECHNIQUES = [
    (
        "GROW model",
        "To structure a coaching conversation from a goal to a commitment.",
        "1. **Goal** – what do you want to achieve?\n2. **Reality** – where are you now?\n"
        "3. **Options** – what could you do?\n4. **Will** – what will you do, and when?",
        "At the start of an agreement and whenever a session needs a clear structure.",
        "J. Whitmore, Coaching for Performance",
        (
            "Model GROW",
            "Uporządkowanie rozmowy coachingowej od celu do zobowiązania.",
            "1. **Cel** – co chcesz osiągnąć?\n2. **Rzeczywistość** – gdzie jesteś teraz?\n"
            "3. **Opcje** – co możesz zrobić?\n4. **Wola** – co zrobisz i kiedy?",
        ),
    ),
    (
        "Wheel of life",
        "To see the balance between the areas of a manager's work and life at a glance.",
        "1. Draw a circle divided into eight areas.\n2. Rate each area from 1 to 10.\n"
        "3. Ask which area, improved by one point, would change most.",
        "Early in an agreement, to choose goals.",
        "P. J. Meyer, Success Motivation Institute",
        (
            "Koło życia",
            "Spojrzenie na równowagę obszarów pracy i życia menedżera.",
            "1. Narysuj koło z ośmioma obszarami.\n2. Oceń każdy od 1 do 10.\n3. Zapytaj, który obszar podniesiony o jeden punkt zmieniłby najwięcej.",
        ),
    ),
    (
        "Scaling questions",
        "To make progress on a goal visible and name the next small step.",
        "1. On a scale of 1 to 10, where are you today?\n2. What makes it that number and not lower?\n"
        "3. What would one point higher look like?",
        "At every session, to rate progress on each goal.",
        "S. de Shazer, I. K. Berg, solution-focused brief therapy",
        None,
    ),
    (
        "Situation–Behaviour–Impact feedback",
        "To prepare feedback a team member can act on.",
        "1. Describe the situation.\n2. Describe the behaviour you saw.\n3. Describe its impact.",
        "When the goal is giving feedback in the team.",
        "Center for Creative Leadership",
        None,
    ),
    (
        "Logical levels",
        "To find at which level (environment, behaviour, capabilities, beliefs, identity) a change is needed.",
        "1. Walk the levels from environment to identity.\n2. At each, ask what is true now.\n"
        "3. Walk back with the resource found at the highest level.",
        "When a manager's change of role meets resistance they cannot name.",
        "R. Dilts",
        None,
    ),
]

GROUPS = [
    # partner key, country, name, schedule, coach (first, last, sex) or None for the demo expert
    ("ksap", "PL", "Grupa pilotażowa KSAP – Warszawa", "Co drugi wtorek, 10:00–12:00, KSAP", None),
    (
        "lspa",
        "LV",
        "LSPA pilot group – Rīga",
        "Every second Thursday, 14:00–16:00, online",
        ("Inese", "Kalniņa", "female"),
    ),
    (
        "sip",
        "GR",
        "Society in Progress pilot group – Athens",
        "Mondays, 17:00–19:00",
        ("Eleni", "Papadopoulou", "female"),
    ),
]

COACHEES = {
    "PL": [
        ("Marta", "Nowicka", "female"),
        ("Paweł", "Grabowski", "male"),
        ("Ewa", "Szymańska", "female"),
        ("Michał", "Wróbel", "male"),
    ],
    "LV": [
        ("Jānis", "Ozoliņš", "male"),
        ("Ilze", "Liepa", "female"),
        ("Andris", "Krūmiņš", "male"),
        ("Dace", "Zariņa", "female"),
    ],
    "GR": [
        ("Nikos", "Georgiou", "male"),
        ("Maria", "Dimitriou", "female"),
        ("Giorgos", "Nikolaou", "male"),
        ("Sofia", "Ioannou", "female"),
    ],
}

GOALS = [
    "Delegate tasks with clear expectations",
    "Give the team regular feedback",
    "Plan the week around priorities",
]


def _coach(spec) -> ExpertProfile:
    if spec is None:
        profile = ExpertProfile.objects.get(person__email=data.EXPERT_ACCOUNT)
    else:
        first, last, sex = spec
        person = Person.objects.create(first_name=first, last_name=last, sex=sex, is_demo=True)
        profile = ExpertProfile.objects.create(
            person=person, bio="Dane demonstracyjne: fikcyjna coachka.", languages=["en"]
        )
    ExpertSpecialisation.objects.get_or_create(profile=profile, specialisation=Specialisation.COACH)
    return profile


def _techniques() -> list[Technique]:
    originals = []
    for name, purpose, steps, when, source, polish in TECHNIQUES:
        technique = Technique.objects.create(
            name=name,
            purpose=purpose,
            steps=steps,
            when_to_use=when,
            source=source,
            language="en",
            visibility="public",
            is_demo=True,
        )
        originals.append(technique)
        if polish:
            Technique.objects.create(
                name=polish[0],
                purpose=polish[1],
                steps=polish[2],
                source=source,
                language="pl",
                original=technique,
                visibility="public",
                is_demo=True,
            )
    # One technique the partners keep to themselves until the handbook is published.
    originals[-1].visibility = "partners"
    originals[-1].save(update_fields=["visibility"])
    return originals


def _sessions(agreement, goals, techniques, rng, start: datetime.date, count: int, polish: bool):
    for number in range(count):
        session = Session.objects.create(
            agreement=agreement,
            held_on=start + datetime.timedelta(days=14 * number),
            duration_minutes=rng.choice([60, 75, 90]),
            mode=rng.choice(["on_site", "online"]),
            shared_notes=(
                f"Sesja {number + 1}: uzgodniony krok do następnego spotkania – rozmowa z zespołem."
                if polish
                else f"Session {number + 1}: agreed next step – a conversation with the team."
            ),
            private_notes_token=crypto.encrypt(
                f"Notatka prywatna coacha (demo) {number + 1}: obserwacje do superwizji."
            ),
        )
        session.techniques.set(rng.sample(techniques, 2))
        GoalProgress.objects.bulk_create(
            GoalProgress(session=session, goal=goal, rating=min(10, 3 + number + rng.randint(0, 2)))
            for goal in goals
        )


def load_coaching_demo(*, seed: int = 2021) -> None:
    if PilotGroup.objects.filter(is_demo=True).exists():
        return
    rng = random.Random(seed)
    programme = Programme.objects.get(acronym=PROGRAMME_ACRONYM)
    techniques = _techniques()
    jst = Person.objects.get(email="jst@example.org")
    for partner_key, country, name, schedule, coach_spec in GROUPS:
        partner = Organisation.objects.get(acronym=dict(ksap="KSAP", lspa="LSPA", sip="SiP")[partner_key])
        coach = _coach(coach_spec)
        group = PilotGroup.objects.create(
            programme=programme,
            partner=partner,
            country=country,
            name=name,
            capacity=8,
            schedule=schedule,
            start_date=datetime.date(2021, 2, 1),
            end_date=datetime.date(2021, 9, 30),
            is_demo=True,
        )
        group.coaches.add(coach)
        coachees = [
            Person.objects.create(first_name=first, last_name=last, sex=sex, is_demo=True)
            for first, last, sex in COACHEES[country]
        ]
        if country == "PL":
            coachees.insert(0, jst)
        for index, coachee in enumerate(coachees):
            PilotGroupMember.objects.create(group=group, person=coachee)
            agreement = Agreement.objects.create(
                coach=coach,
                coachee=coachee,
                programme=programme,
                pilot_group=group,
                kind="pro_bono",
                sessions_planned=6,
                start_date=datetime.date(2021, 2, 15) + datetime.timedelta(days=index),
                confidentiality_terms="Treść sesji pozostaje między coachem a coachee; do sprawozdań trafiają tylko "
                "dane zbiorcze.",
                coachee_consent=True,
                sponsor_name="Dyrektor departamentu (demo)" if index % 2 == 0 else "",
                sponsor_approved_on=datetime.date(2021, 2, 10) if index % 2 == 0 else None,
                is_demo=True,
            )
            goals = [
                Goal.objects.create(agreement=agreement, title=title, order=order)
                for order, title in enumerate(GOALS[: 2 + index % 2])
            ]
            _sessions(
                agreement, goals, techniques, rng, agreement.start_date, 3 + index % 4, coach_spec is None
            )
        if coach_spec is None:
            SupervisionRecord.objects.create(
                coach=coach, held_on=datetime.date(2021, 5, 20), hours=2, supervisor="Superwizorka (demo)"
            )
