"""The demo's development action schedules (HDR) of the 2019 pilot: 34 local governments of every type from
several voivodeships, each with an HDR in one of the support areas; most published in the gallery, some still
approved or in drafting. The people are fictitious; every row is marked as demo."""

import datetime

from django.utils import timezone

from rozwoj.advisory.models import (
    Call,
    Engagement,
    EngagementStage,
    EngagementStatus,
    Hdr,
    HdrAction,
    HdrStatus,
    HdrVersion,
    ManagementTool,
    Priority,
    StageKind,
    StageStatus,
    SupportArea,
)
from rozwoj.advisory.services.hdr import snapshot
from rozwoj.experts.models import ExpertProfile
from rozwoj.organisations.models import LocalGovernment
from rozwoj.programmes.models import Programme

PILOT_TITLE = "Pilotaż modelu doradztwa dla JST 2019"
PILOT_START, PILOT_END = datetime.date(2019, 3, 1), datetime.date(2019, 12, 31)
# The pilot: 34 local governments; the type mix of the published material (rural, urban-rural, urban gminas,
# powiats).
UNITS_PER_KIND = {"rural_gmina": 12, "urban_rural_gmina": 9, "urban_gmina": 7, "powiat": 6}
UNPUBLISHED = {5: HdrStatus.APPROVED, 11: HdrStatus.APPROVED, 17: HdrStatus.SUBMITTED, 23: HdrStatus.DRAFT}

PRIORITIES = [
    "Wspólna polityka oświatowa gminy i szkół",
    "Lepsze wykorzystanie danych o wynikach uczniów",
    "Rozwój kompetencji dyrektorów i nauczycieli",
]
ACTIONS = [
    (
        "Zespół ds. polityki oświatowej",
        "Powołanie zespołu urzędu i dyrektorów, spotkania co kwartał.",
        "Sekretarz gminy",
        "Liczba spotkań zespołu",
        "0",
        "4",
    ),
    (
        "Raport o stanie oświaty oparty na danych",
        "Opracowanie raportu z danych SIO i wyników egzaminów.",
        "Kierownik referatu oświaty",
        "Raport przyjęty przez radę",
        "nie",
        "tak",
    ),
    (
        "Sieć współpracy i samokształcenia dyrektorów",
        "Comiesięczne spotkania sieci z ekspertem zewnętrznym.",
        "Dyrektor szkoły podstawowej",
        "Odsetek dyrektorów w sieci",
        "0%",
        "100%",
    ),
    (
        "Konsultacje z rodzicami i radą gminy",
        "Debata oświatowa i ankieta dla rodziców.",
        "Wójt",
        "Liczba uczestników debaty",
        "0",
        "60",
    ),
    (
        "Plan doskonalenia nauczycieli",
        "Wspólny plan doskonalenia zawodowego finansowany z budżetu gminy.",
        "Skarbnik i dyrektorzy",
        "Nauczyciele objęci doskonaleniem",
        "20%",
        "60%",
    ),
]


def _units() -> list[LocalGovernment]:
    """Units of each type, one per voivodeship in turn, so that the gallery groups them by type and region."""
    chosen: list[LocalGovernment] = []
    for kind, count in UNITS_PER_KIND.items():
        seen: set[int] = set()
        for unit in LocalGovernment.objects.filter(kind=kind).select_related("voivodeship").order_by("terc"):
            if unit.voivodeship_id is None or unit.voivodeship_id in seen:
                continue
            seen.add(unit.voivodeship_id)
            chosen.append(unit)
            if len(seen) == count:
                break
    return chosen


def _experts():
    ros = list(
        ExpertProfile.objects.filter(specialisations__specialisation="ros", is_active=True).order_by("pk")
    )
    pro = list(
        ExpertProfile.objects.filter(specialisations__specialisation="pro", is_active=True).order_by("pk")
    )
    return ros, [expert for expert in pro if expert not in ros] or pro


def load_hdr_demo() -> int:
    """Create the pilot's call, engagements and HDRs once; the number of HDRs created."""
    if Call.objects.filter(title=PILOT_TITLE, is_demo=True).exists():
        return 0
    programme = Programme.objects.filter(is_demo=True).order_by("start_date", "pk").first()
    areas = list(SupportArea.objects.filter(is_active=True).order_by("order", "pk"))
    tools = list(ManagementTool.objects.filter(is_active=True))
    if programme is None or not areas:
        return 0
    call = Call.objects.create(
        programme=programme,
        title=PILOT_TITLE,
        description="Dane demonstracyjne: pilotaż modelu doradztwa (34 JST, zespoły 2–3 osób).",
        opens_on=datetime.date(2019, 1, 7),
        closes_on=datetime.date(2019, 2, 15),
        cycle_starts_on=PILOT_START,
        cycle_ends_on=PILOT_END,
        places=34,
        is_published=True,
        is_demo=True,
    )
    ros, pro = _experts()
    published_at = timezone.make_aware(datetime.datetime(2019, 12, 16, 12, 0))
    created = 0
    for index, unit in enumerate(_units()):
        area = areas[index % min(len(areas), 6)]  # six of the twelve areas, several HDRs in each
        pair = {}
        if ros and pro:
            pair = {"ros_expert": ros[index % len(ros)], "pro_expert": pro[(index + 1) % len(pro)]}
            if pair["ros_expert"] == pair["pro_expert"]:
                pair = {}
        engagement = Engagement.objects.create(
            call=call,
            local_government=unit,
            support_area=area,
            status=EngagementStatus.CLOSED,
            closed_at=published_at,
            is_demo=True,
            **pair,
        )
        status = UNPUBLISHED.get(index, HdrStatus.PUBLISHED)
        closed_kinds = (1, 2, 3) if status in (HdrStatus.APPROVED, HdrStatus.PUBLISHED) else (1, 2)
        EngagementStage.objects.bulk_create(
            EngagementStage(
                engagement=engagement,
                kind=kind,
                status=StageStatus.CLOSED if kind in closed_kinds else StageStatus.IN_PROGRESS,
                closed_at=published_at if kind in closed_kinds else None,
            )
            for kind in StageKind.values
        )
        priorities = Priority.objects.bulk_create(
            Priority(engagement=engagement, title=title, rank=rank)
            for rank, title in enumerate(PRIORITIES, 1)
        )
        hdr = Hdr.objects.create(
            engagement=engagement,
            title=f"Harmonogram działań rozwojowych — {unit.display_name}",
            context=(
                f"{unit.display_name} prowadzi szkoły i przedszkola, których wyniki i koszty zespół JST "
                f"przeanalizował z doradcami w obszarze „{area.name}”. (Dane demonstracyjne.)"
            ),
            goals="\n".join(
                [
                    f"Wzmocnienie obszaru: {area.name}",
                    "Decyzje oświatowe oparte na danych",
                    "Współpraca szkół",
                ]
            ),
            status=status,
            approved_at=published_at if status in (HdrStatus.APPROVED, HdrStatus.PUBLISHED) else None,
            published_at=published_at if status == HdrStatus.PUBLISHED else None,
            is_demo=True,
        )
        actions = []
        for number, (title, description, owner, indicator, baseline, target) in enumerate(ACTIONS):
            if (index + number) % 5 == 4 and number >= 3:
                continue  # HDRs differ in length
            start = PILOT_START + datetime.timedelta(days=30 * (number + 1))
            actions.append(
                HdrAction(
                    hdr=hdr,
                    priority=priorities[number % len(priorities)],
                    title=title,
                    description=description,
                    owner=owner,
                    starts_on=start,
                    ends_on=min(start + datetime.timedelta(days=120), PILOT_END),
                    resources="Czas pracy zespołu; środki z budżetu oświaty",
                    expected_effect=f"Postęp w obszarze „{area.name}”",
                    indicator=indicator,
                    baseline=baseline,
                    target=target,
                    management_tool=tools[(index + number) % len(tools)] if tools else None,
                    order=number + 1,
                )
            )
        HdrAction.objects.bulk_create(actions)
        if status != HdrStatus.DRAFT:
            HdrVersion.objects.create(hdr=hdr, number=1, content=snapshot(hdr), comment="Wersja przedłożona.")
        created += 1
    return created
