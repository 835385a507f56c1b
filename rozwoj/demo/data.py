"""What the two seed documents describe, as data: institutions, partners, programmes, experts, local governments.

Names of real institutions and programmes come from the seeds; every person is fictitious and marked as demo data.
"""

import datetime
from typing import TypedDict


class VenueSpec(TypedDict):
    name: str
    organisation: str  # a key of ORGANISATIONS
    address: str
    postal_code: str
    city: str
    terc: str
    capacity: int
    accessibility_notes: str


class ProgrammeSpec(TypedDict):
    name: str
    acronym: str
    funding_programme: str
    funding_action: str
    agreement_number: str
    start_date: datetime.date
    end_date: datetime.date
    status: str
    lead: str  # a key of ORGANISATIONS
    goal: str
    description: str
    partners: list[tuple[str, str, str]]  # organisation key, role, contribution
    results: list[tuple[str, str, datetime.date]]  # title, status, due date
    indicators: list[tuple[str, str, int, int]]  # name, unit, target, achieved


class LocalGovernmentSpec(TypedDict):
    terc: str
    office: str
    members: list[tuple[str, str, str, str]]  # first name, last name, sex, position
    school: str


DEMO_PASSWORD = "rozwoj-demo"  # noqa: S105 — published in the README, refused under production settings

ORGANISATIONS: list[dict[str, str]] = [
    {
        "key": "ksap",
        "name": "Krajowa Szkoła Administracji Publicznej im. Prezydenta Rzeczypospolitej Polskiej Lecha Kaczyńskiego",
        "acronym": "KSAP",
        "kind": "training_institution",
        "country": "PL",
        "city": "Warszawa",
        "address": "ul. Wawelska 56",
        "postal_code": "00-922",
        "website": "https://www.ksap.gov.pl",
    },
    {
        "key": "ore",
        "name": "Ośrodek Rozwoju Edukacji",
        "acronym": "ORE",
        "kind": "training_institution",
        "country": "PL",
        "city": "Warszawa",
        "address": "Aleje Ujazdowskie 28",
        "postal_code": "00-478",
        "website": "https://www.ore.edu.pl",
    },
    {
        "key": "lspa",
        "name": "Latvian School of Public Administration",
        "acronym": "LSPA",
        "kind": "partner_institution",
        "country": "LV",
        "city": "Rīga",
        "description": "Łotewska Państwowa Szkoła Administracji Publicznej.",
    },
    {
        "key": "metacoach",
        "name": "MetaCoach",
        "acronym": "",
        "kind": "partner_institution",
        "country": "LV",
        "city": "Rīga",
    },
    {
        "key": "sip",
        "name": "Society in Progress",
        "acronym": "SiP",
        "kind": "ngo",
        "country": "GR",
        "city": "",
        "description": "Greckie stowarzyszenie Society in Progress.",
    },
]

VENUES: list[VenueSpec] = [
    {
        "name": "Centrum Szkoleniowe w Sulejówku",
        "organisation": "ore",
        "address": "ul. Paderewskiego 7",
        "postal_code": "05-070",
        "city": "Sulejówek",
        "terc": "1412151",
        "capacity": 60,
        "accessibility_notes": "Dane demonstracyjne: wejście bez progów, winda, toaleta dostosowana dla osób "
        "z niepełnosprawnościami, parking przy budynku.",
    },
    {
        "name": "Siedziba KSAP",
        "organisation": "ksap",
        "address": "ul. Wawelska 56",
        "postal_code": "00-922",
        "city": "Warszawa",
        "terc": "1465011",
        "capacity": 80,
        "accessibility_notes": "Dane demonstracyjne: sala konferencyjna na parterze, pętla indukcyjna, "
        "sprzęt do spotkań hybrydowych.",
    },
]

PROGRAMMES: list[ProgrammeSpec] = [
    {
        "name": "Techniki coachingowe w sektorze publicznym jako narzędzie doskonalenia usług publicznych",
        "acronym": "Erasmus+ Coaching",
        "funding_programme": "Erasmus+ (program Unii Europejskiej w dziedzinie edukacji, szkoleń, młodzieży "
        "i sportu na lata 2014–2020)",
        "funding_action": "KA204 – partnerstwa strategiczne w sektorze edukacji dorosłych",
        "agreement_number": "DEMO/KA204/2020",
        "start_date": datetime.date(2020, 9, 1),
        "end_date": datetime.date(2022, 8, 31),
        "status": "completed",
        "lead": "ksap",
        "goal": "Popularyzacja i promowanie wykorzystania technik stosowanych w coachingu w pracy urzędników, "
        "którzy zarządzają zespołami w administracji publicznej.",
        "description": "Projekt współfinansowany ze środków Unii Europejskiej w Programie Erasmus+. Zespoły krajowe "
        "prowadzą grupy pilotażowe, a partnerzy wspólnie przygotowują podręcznik z rozwiązaniami coachingowymi "
        "przeznaczonymi do implementacji w jednostkach administracji publicznej.",
        "partners": [
            ("lspa", "partner", "Zespół krajowy na Łotwie, grupa pilotażowa"),
            ("metacoach", "partner", "Trenerzy coachingu, grupa pilotażowa na Łotwie"),
            ("sip", "partner", "Zespół krajowy w Grecji, grupa pilotażowa"),
        ],
        "results": [
            (
                "Badanie potrzeb kadry kierowniczej w zakresie coachingu",
                "delivered",
                datetime.date(2021, 2, 28),
            ),
            ("Zestaw narzędzi coachingowych – podręcznik", "delivered", datetime.date(2022, 6, 30)),
            (
                "Kurs coachingu dla kadry kierowniczej administracji publicznej",
                "delivered",
                datetime.date(2022, 3, 31),
            ),
            ("Grupy pilotażowe w Polsce, na Łotwie i w Grecji", "delivered", datetime.date(2021, 12, 31)),
        ],
        "indicators": [
            ("Uczestnicy grup pilotażowych", "osoby", 36, 36),
            ("Ponadnarodowe spotkania trenerów", "spotkania", 2, 2),
            ("Wersje językowe podręcznika", "wersje", 4, 4),
        ],
    },
    {
        "name": "System wsparcia, doskonalenia i rozwoju pracowników jednostek samorządu terytorialnego",
        "acronym": "Wsparcie JST",
        "funding_programme": "Program Operacyjny Wiedza Edukacja Rozwój 2014–2020",
        "funding_action": "Działanie 2.11 – demo",
        "agreement_number": "DEMO/POWR/2019",
        "start_date": datetime.date(2019, 10, 1),
        "end_date": datetime.date(2023, 6, 30),
        "status": "running",
        "lead": "ore",
        "goal": "Wsparcie, doskonalenie i rozwój pracowników jednostek samorządu terytorialnego w zarządzaniu "
        "oświatą: teamy doradcze złożone z eksperta ds. rozwoju oświaty samorządowej (ROS) i eksperta ds. "
        "personalnego rozwoju organizacji (PRO) wspierają zespoły JST w cyklu modelu doradztwa.",
        "description": "Eksperci pracują w teamach doradczych; wsparcie ma formę spotkań, szkoleń, konsultacji "
        "oraz wsparcia zdalnego na każdym etapie realizacji działań w JST (Model doradztwa dla JST).",
        "partners": [],
        "results": [
            ("Model doradztwa dla JST", "delivered", datetime.date(2020, 3, 31)),
            ("Szkolenia ekspertów ROS i PRO", "delivered", datetime.date(2020, 9, 30)),
            (
                "Wsparcie doradcze JST i Harmonogramy Działań Rozwojowych",
                "in_progress",
                datetime.date(2023, 3, 31),
            ),
            ("Publikacja dobrych praktyk i harmonogramów", "planned", datetime.date(2023, 6, 30)),
        ],
        "indicators": [
            ("Przeszkoleni eksperci ROS i PRO", "osoby", 300, 26),
            ("JST objęte wsparciem doradczym", "JST", 500, 4),
            ("Opracowane Harmonogramy Działań Rozwojowych", "harmonogramy", 500, 0),
        ],
    },
]

# Fictitious experts (ROS and PRO), marked as demo data.
EXPERTS = [
    ("Agnieszka", "Wiśniewska", "female", ["pro", "trainer"], ["14", "10"], ["pl", "en"]),
    ("Tomasz", "Kamiński", "male", ["ros"], ["14"], ["pl"]),
    ("Katarzyna", "Lewandowska", "female", ["ros", "trainer"], ["12", "18"], ["pl", "en"]),
    ("Piotr", "Zieliński", "male", ["pro", "coach"], ["02", "08"], ["pl", "de"]),
    ("Magdalena", "Szymańska", "female", ["ros"], ["30"], ["pl"]),
    ("Marcin", "Woźniak", "male", ["pro"], ["24", "16"], ["pl", "en"]),
    ("Joanna", "Dąbrowska", "female", ["pro", "coach"], ["06", "20"], ["pl", "uk"]),
    ("Krzysztof", "Kozłowski", "male", ["ros"], ["22", "28"], ["pl"]),
    ("Ewa", "Jankowska", "female", ["ros", "trainer"], ["04"], ["pl", "en"]),
    ("Michał", "Mazur", "male", ["pro"], ["26", "32"], ["pl", "en"]),
    ("Barbara", "Krawczyk", "female", ["ros"], ["10"], ["pl"]),
    ("Paweł", "Piotrowski", "male", ["pro", "trainer"], ["14", "12"], ["pl", "en", "lv"]),
]

# Local governments (TERC codes of the shipped registry) with their offices and fictitious team members.
LOCAL_GOVERNMENTS: list[LocalGovernmentSpec] = [
    {
        "terc": "1412151",
        "office": "Urząd Miasta Sulejówek",
        "members": [
            ("Monika", "Adamczyk", "female", "Naczelniczka Wydziału Edukacji"),
            ("Rafał", "Sikora", "male", "Dyrektor Szkoły Podstawowej nr 1"),
            ("Iwona", "Baran", "female", "Dyrektorka Przedszkola Miejskiego"),
        ],
        "school": "Szkoła Podstawowa nr 1 w Sulejówku",
    },
    {
        "terc": "0201022",
        "office": "Urząd Gminy Bolesławiec",
        "members": [
            ("Grzegorz", "Wróbel", "male", "Zastępca Wójta"),
            ("Anna", "Michalska", "female", "Kierowniczka Zespołu Obsługi Szkół"),
        ],
        "school": "",
    },
    {
        "terc": "1412",
        "office": "Starostwo Powiatowe w Mińsku Mazowieckim",
        "members": [("Dorota", "Król", "female", "Naczelniczka Wydziału Oświaty")],
        "school": "",
    },
    {
        "terc": "3064011",
        "office": "Urząd Miasta Poznania – Wydział Oświaty",
        "members": [("Łukasz", "Wieczorek", "male", "Dyrektor Wydziału Oświaty")],
        "school": "",
    },
]

ACCOUNTS = [
    # e-mail, role, first name, last name, organisation key or LG terc, position
    ("admin@example.org", "administrator", "Adam", "Administracyjny", "ore", "Administrator systemu"),
    ("koordynator@example.org", "coordinator", "Katarzyna", "Koordynacka", "ore", "Koordynatorka programu"),
    ("jst@example.org", "local_government_member", "Jan", "Samorządowy", "1412151", "Inspektor ds. oświaty"),
    ("partner@example.org", "partner_member", "Līga", "Bērziņa", "lspa", "Project manager"),
]
EXPERT_ACCOUNT = "ekspert@example.org"  # the first of EXPERTS gets this login
