"""The advisory cycle in the demo (issue 10, part 13): the 2022–23 cycle of the programme "Wsparcie JST" as
published — recruitment from September 2022, 20 local governments (gmina Dwikozy among them) with 97 participants
in teams of officials and school directors, the opening meeting on 5–6 October 2022 in Warsaw, workshop rounds on
27–28 October and 23–24 November 2022, three advisory meetings at each seat with remote advice between them, the
closing meeting on 18–19 May 2023 — the meetings of the whole cycle as events, everything in the support log.

The demo expert (ekspert@example.org) and the demo local-government member (jst@example.org) also get a live
engagement, in the programme's current call: the same local government, the expert as its adviser, stage 2 under
way and the next workshop ahead. The people are fictitious and marked as demo data; the pair of adviser roles has
the names the programme took in 2022.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from rozwoj.advisory.models import (
    AdvisorySettings,
    Application,
    ApplicationMember,
    Call,
    Engagement,
    EngagementStage,
    FollowUp,
    Hdr,
    HdrStatus,
    StageKind,
    StageStatus,
    SupportArea,
    SupportForm,
)
from rozwoj.advisory.services import calls, debates, engagements, support_log
from rozwoj.events.models import Event as EventModel
from rozwoj.events.models import EventKind, EventStatus, Session, Visibility
from rozwoj.experts.models import ExpertProfile
from rozwoj.organisations.models import GMINA_KINDS, LocalGovernment, Organisation, Venue
from rozwoj.people.models import Person
from rozwoj.programmes.models import Programme

from . import data
from .events import KSAP_VENUE, at

PROGRAMME_ACRONYM = "Wsparcie JST"
ROS_NAME = "doradca ds. personalnego rozwoju edukacji"
PRO_NAME = "doradca ds. rozwiązań zarządczych"
DWIKOZY = "2609022"
CALL_2022 = "Nabór JST 2022–2023"
CALL_NOW = "Nabór JST 2026–2027"
PARTICIPANTS_2022 = 97
FIRST = [
    "Anna",
    "Ewa",
    "Marta",
    "Beata",
    "Iwona",
    "Jan",
    "Adam",
    "Paweł",
    "Michał",
    "Robert",
    "Dorota",
    "Lidia",
]
LAST = [
    "Nowak",
    "Kowalczyk",
    "Wójcik",
    "Mazur",
    "Krawczyk",
    "Kaczmarek",
    "Zając",
    "Król",
    "Wieczorek",
    "Jabłońska",
]
COORDINATOR_EMAIL = next(row[0] for row in data.ACCOUNTS if row[1] == "coordinator")
EVENT_TITLES = (
    "Spotkanie otwierające cyklu 2022–2023 (Warszawa)",
    "Zjazd warsztatowy — runda pierwsza",
    "Zjazd warsztatowy — runda druga",
    "Spotkanie zamykające cyklu 2022–2023",
    "Zjazd warsztatowy bieżącego cyklu",
)
LG_ACCOUNT = next(row for row in data.ACCOUNTS if row[1] == "local_government_member")


def _events(programme: Programme, organiser: Organisation) -> dict[str, EventModel]:
    venue = Venue.objects.filter(name=KSAP_VENUE).first()
    kind = EventKind.objects.filter(code="workshop").first() or EventKind.objects.order_by("pk")[0]
    Day = tuple[int, int, int]
    meetings: dict[str, tuple[str, Day | None, Day | None]] = {  # titles: EVENT_TITLES
        "opening": ("Spotkanie otwierające cyklu 2022–2023 (Warszawa)", (2022, 10, 5), (2022, 10, 6)),
        "workshop1": ("Zjazd warsztatowy — runda pierwsza", (2022, 10, 27), (2022, 10, 28)),
        "workshop2": ("Zjazd warsztatowy — runda druga", (2022, 11, 23), (2022, 11, 24)),
        "closing": ("Spotkanie zamykające cyklu 2022–2023", (2023, 5, 18), (2023, 5, 19)),
        "next": ("Zjazd warsztatowy bieżącego cyklu", None, None),
    }
    events = {}
    soon = timezone.localdate() + datetime.timedelta(days=12)
    for key, (title, first_day, last_day) in meetings.items():
        # The current cycle's next workshop (no dates given) falls ahead of the day the demo is loaded.
        first = first_day or (soon.year, soon.month, soon.day)
        last = last_day or first
        event = EventModel.objects.create(
            kind=kind,
            programme=programme,
            organiser=organiser,
            title=title,
            description="Dane demonstracyjne: spotkanie wszystkich JST cyklu doradczego.",
            status=EventStatus.REGISTRATION_CLOSED if key == "next" else EventStatus.HELD,
            visibility=Visibility.PUBLIC,
            languages=["pl"],
            is_demo=True,
        )
        Session.objects.create(
            event=event,
            order=1,
            title=title,
            starts_at=at(*first, 10),
            ends_at=at(*last, 15),
            hours=Decimal("12"),  # typed: two six-hour days
            hours_overridden=True,
            format="on_site",
            venue=venue,
        )
        events[key] = event
    return events


def _units(rng: random.Random, lg_terc: str) -> list[LocalGovernment]:
    chosen = [LocalGovernment.objects.get(terc=DWIKOZY)]
    others = list(
        LocalGovernment.objects.filter(kind__in=GMINA_KINDS)
        .exclude(terc__in=[DWIKOZY, lg_terc])
        .order_by("terc")
        .values_list("pk", flat=True)
    )
    chosen += list(LocalGovernment.objects.filter(pk__in=rng.sample(others, 19)).order_by("name"))
    return chosen


def _apply(call, unit, area, members, index) -> Application:
    application = Application.objects.create(
        call=call,
        local_government=unit,
        contact_first_name=members[0][0],
        contact_last_name=members[0][1],
        contact_email=members[0][2],
        preferred_area=area,
        motivation="Dane demonstracyjne: chcemy uporządkować rozwój oświaty w gminie.",
        is_demo=True,
    )
    ApplicationMember.objects.bulk_create(
        ApplicationMember(application=application, first_name=f, last_name=last, email=e, role=r, position=p)
        for f, last, e, r, p in members
    )
    del index
    return application


def _team(rng: random.Random, tag: str, size: int) -> list[tuple]:
    members = []
    for number in range(size):
        role = "school_director" if number >= size - 2 else "official"
        position = "Dyrektor szkoły podstawowej" if role == "school_director" else "Inspektor ds. oświaty"
        members.append(
            (rng.choice(FIRST), rng.choice(LAST), f"{tag}.{number}@demo.example.org", role, position)
        )
    return members


def _log_cycle(actor, engagement, forms, events, rng: random.Random, *, live: bool) -> None:
    team = list(engagement.members.select_related("person"))
    experts = [engagement.ros_expert, engagement.pro_expert]
    cycle_wide = [
        (forms["opening"], events["opening"], datetime.date(2022, 10, 5), "12"),
        (forms["workshop"], events["workshop1"], datetime.date(2022, 10, 27), "12"),
        (forms["workshop"], events["workshop2"], datetime.date(2022, 11, 23), "12"),
        (forms["closing"], events["closing"], datetime.date(2023, 5, 18), "12"),
    ]
    for form, event, day, hours in cycle_wide:
        support_log.entry_save(
            actor=actor,
            engagement=engagement,
            data={"form": form, "date": day, "hours": Decimal(hours), "event": event, "notes": ""},
            experts=experts,
            attendees=team,
        )
    seat = [datetime.date(2022, 12, 6), datetime.date(2023, 1, 24), datetime.date(2023, 3, 14)]
    remote = [datetime.date(2022, 12, 20), datetime.date(2023, 2, 14)]
    for number, day in enumerate(seat, start=1):
        support_log.entry_save(
            actor=actor,
            engagement=engagement,
            data={
                "form": forms["seat"],
                "date": day,
                "hours": Decimal(rng.choice(["4", "5", "6"])),
                "notes": f"Spotkanie doradcze nr {number} w siedzibie JST.",
            },
            experts=experts,
            attendees=team[: max(2, len(team) - 1)],
            follow_ups=[
                {
                    "text": "Zebrać dane o sieci szkół i wynikach egzaminów",
                    "owner": team[0].person,
                    "due_on": day + datetime.timedelta(days=14),
                }
            ],
        )
    for day in remote:
        support_log.entry_save(
            actor=actor,
            engagement=engagement,
            data={
                "form": forms["remote"],
                "date": day,
                "hours": Decimal("1.5"),
                "notes": "Konsultacja online.",
            },
            experts=experts[:1],
            attendees=team[:2],
        )
    if not live:
        FollowUp.objects.filter(entry__engagement=engagement).update(done_at=timezone.now())


def _close_history(engagement: Engagement) -> None:
    """The 2022–23 cycle is over: stages 1–4 were closed in May 2023 (its HDRs belong to the HDR part)."""
    closed = datetime.datetime(2023, 5, 31, 12, tzinfo=datetime.UTC)
    EngagementStage.objects.filter(engagement=engagement, kind__lte=StageKind.IMPLEMENTATION).update(
        status=StageStatus.CLOSED, closed_at=closed
    )


def _dialogue_meeting(actor, engagement: Engagement):
    """Dwikozy's dialogue meeting with the local community (PRO adviser's tasks 4 and 12): two recommendations;
    the first becomes an HDR action when the engagement has a draft HDR."""
    meeting = debates.debate_save(
        actor=actor,
        engagement=engagement,
        data={
            "kind": "dialogue",
            "topic": "Przyszłość sieci szkół w gminie Dwikozy",
            "date": datetime.date(2023, 1, 18),  # HDRs were drafted at the seats in January–February 2023
            "place": "Gminny Ośrodek Kultury w Dwikozach",
            "moderator_expert": engagement.pro_expert,
            "invited_groups": ["parents", "teachers", "councillors", "ngos"],
            "agenda": "1. Dane o sieci szkół i prognoza demograficzna\n2. Głosy rodziców i nauczycieli\n"
            "3. Wnioski na harmonogram działań rozwojowych",
            "participant_count": 46,
            "conclusions": "Uczestnicy chcą zachowania małych szkół przy lepszej współpracy dyrektorów "
            "i wspólnej organizacji zajęć dodatkowych. (Dane demonstracyjne.)",
        },
        recommendations=[
            "Powołać zespół dyrektorów szkół gminy do wspólnego planowania zajęć dodatkowych",
            "Co pół roku konsultować z radami rodziców plan sieci szkół",
        ],
    )
    first = meeting.recommendations.order_by("order").first()
    if first is not None and Hdr.objects.filter(engagement=engagement, status=HdrStatus.DRAFT).exists():
        debates.recommendation_to_action(actor=actor, recommendation=first)


def load_advisory_demo(*, seed: int = 2022) -> None:
    rng = random.Random(seed)
    coordinator = get_user_model().objects.get(email=COORDINATOR_EMAIL)
    programme = Programme.objects.get(acronym=PROGRAMME_ACRONYM, is_demo=True)
    AdvisorySettings.objects.update_or_create(
        programme=programme, defaults={"ros_role_name": ROS_NAME, "pro_role_name": PRO_NAME}
    )
    ore = Organisation.objects.get(acronym="ORE", country="PL")
    events = _events(programme, ore)
    forms = {
        key: SupportForm.objects.get(name=name)
        for key, name in {
            "opening": "Spotkanie informacyjno-konsultacyjne otwierające",
            "closing": "Spotkanie zamykające",
            "workshop": "Zjazd warsztatowy",
            "seat": "Spotkanie doradcze w siedzibie JST",
            "remote": "Doradztwo zdalne lub spotkanie online",
        }.items()
    }
    areas = list(SupportArea.objects.filter(is_active=True).order_by("order"))
    ros = list(
        ExpertProfile.objects.filter(person__is_demo=True, specialisations__specialisation="ros").distinct()
    )
    pro = list(
        ExpertProfile.objects.filter(person__is_demo=True, specialisations__specialisation="pro").distinct()
    )
    demo_expert = ExpertProfile.objects.get(person__email=data.EXPERT_ACCOUNT)
    lg_terc = LG_ACCOUNT[4]

    call = Call.objects.create(
        programme=programme,
        title=CALL_2022,
        description="Dane demonstracyjne: nabór JST do cyklu doradczego 2022–2023.",
        opens_on=datetime.date(2022, 9, 1),
        closes_on=datetime.date(2022, 9, 23),
        cycle_starts_on=datetime.date(2022, 10, 1),
        cycle_ends_on=datetime.date(2023, 5, 31),
        places=20,
        is_published=True,
    )
    units = _units(rng, lg_terc)
    sizes = [4] + [5] * 17 + [4] * 2  # Dwikozy: two officials and two school directors; 97 in all
    if sum(sizes) != PARTICIPANTS_2022 or len(units) != len(sizes):
        raise ValueError("the 2022–23 cycle has 97 participants in 20 local governments")
    for index, (unit, size) in enumerate(zip(units, sizes, strict=True)):
        application = _apply(
            call, unit, areas[index % len(areas)], _team(rng, f"cykl2022.{index}", size), index
        )
        application = calls.application_decide(actor=coordinator, application=application, status="accepted")
        engagement = engagements.engagement_set_team(
            actor=coordinator,
            engagement=application.engagement,
            ros=ros[index % len(ros)],
            pro=pro[index % len(pro)],
        )
        engagements.support_area_choose(
            actor=coordinator, engagement=engagement, area=areas[index % len(areas)]
        )
        engagements.finding_add(
            actor=coordinator, engagement=engagement, text="Brak wspólnej strategii rozwoju oświaty w gminie."
        )
        engagements.priority_add(actor=coordinator, engagement=engagement, title="Strategia oświatowa gminy")
        engagements.priority_add(
            actor=coordinator, engagement=engagement, title="Rozwój kadry kierowniczej szkół"
        )
        _log_cycle(coordinator, engagement, forms, events, rng, live=False)
        _close_history(engagement)
    _dialogue_meeting(coordinator, Engagement.objects.get(call=call, local_government__terc=DWIKOZY))
    Engagement.objects.filter(call=call).update(is_demo=True)

    # the live engagement of the demo logins, in the current call
    now = timezone.localdate()
    current = Call.objects.create(
        programme=programme,
        title=CALL_NOW,
        description="Dane demonstracyjne: bieżący nabór JST.",
        opens_on=now - datetime.timedelta(days=120),
        closes_on=now - datetime.timedelta(days=90),
        cycle_starts_on=now - datetime.timedelta(days=80),
        cycle_ends_on=now + datetime.timedelta(days=200),
        places=20,
        is_published=True,
    )
    unit = LocalGovernment.objects.get(terc=lg_terc)
    members = [(LG_ACCOUNT[2], LG_ACCOUNT[3], LG_ACCOUNT[0], "official", LG_ACCOUNT[5])]
    members += _team(rng, "cykl2026", 3)[1:] + [
        ("Halina", "Wróbel", "cykl2026.9@demo.example.org", "school_director", "Dyrektor szkoły podstawowej")
    ]
    application = _apply(current, unit, areas[0], members, 0)
    application = calls.application_decide(actor=coordinator, application=application, status="accepted")
    live = engagements.engagement_set_team(
        actor=coordinator,
        engagement=application.engagement,
        ros=next(expert for expert in ros if expert.pk != demo_expert.pk),
        pro=demo_expert,
    )
    engagements.support_area_choose(actor=coordinator, engagement=live, area=areas[0])
    first_stage = live.stages.get(kind=StageKind.SUPPORT_AREA)
    engagements.stage_update(actor=coordinator, stage=first_stage, data={"status": StageStatus.CLOSED})
    diagnosis = live.stages.get(kind=StageKind.DIAGNOSIS)
    engagements.stage_update(actor=coordinator, stage=diagnosis, data={"status": StageStatus.IN_PROGRESS})
    engagements.finding_add(actor=coordinator, engagement=live, text="Dane o sieci szkół są rozproszone.")
    engagements.priority_add(actor=coordinator, engagement=live, title="Plan sieci szkół na lata 2027–2030")
    team = list(live.members.select_related("person"))
    support_log.entry_save(
        actor=coordinator,
        engagement=live,
        data={
            "form": forms["seat"],
            "date": now - datetime.timedelta(days=20),
            "hours": Decimal("5"),
            "notes": "Pierwsze spotkanie doradcze w siedzibie JST.",
        },
        experts=[live.ros_expert, live.pro_expert],
        attendees=team,
        follow_ups=[
            {
                "text": "Przygotować zestawienie danych SIO",
                "owner": team[0].person,
                "due_on": now + datetime.timedelta(days=10),
            },
            {
                "text": "Umówić spotkanie z dyrektorami",
                "owner": team[0].person,
                "due_on": now - datetime.timedelta(days=3),
            },
        ],
    )
    Engagement.objects.filter(pk=live.pk).update(is_demo=True)
    Person.objects.filter(advisory_memberships__engagement__call__in=[call, current]).update(is_demo=True)
