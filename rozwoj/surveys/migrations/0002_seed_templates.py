"""The four templates a coordinator copies (issue #9, part 7): training feedback, a local government's
self-diagnosis per support area (used by the advisory cycle), the evaluation of an advisory cycle, and the
partnership's initial needs survey. Written in Polish and English; the partnership's copy adds Latvian and Greek
(the builder lists the missing translations before it opens)."""

from django.db import migrations


def t(pl: str, en: str) -> dict:
    return {"pl": pl, "en": en}


AGREE_5 = [
    t("Zdecydowanie nie", "Strongly disagree"),
    t("Raczej nie", "Disagree"),
    t("Ani tak, ani nie", "Neither agree nor disagree"),
    t("Raczej tak", "Agree"),
    t("Zdecydowanie tak", "Strongly agree"),
]


def items(prefix: str, *labels: dict) -> list[dict]:
    return [{"code": f"{prefix}{number}", "label": label} for number, label in enumerate(labels, start=1)]


SUPPORT_AREAS = [
    t("Zarządzanie oświatą na poziomie organu prowadzącego", "Managing education at the level of the governing body"),
    t("Wsparcie uczniów szczególnie uzdolnionych", "Support for especially gifted pupils"),
    t("Planowanie budżetu", "Budget planning"),
    t("Monitorowanie jakości usług edukacyjnych", "Monitoring the quality of educational services"),
    t(
        "Analiza potrzeb i planowanie wizji lokalnego systemu oświaty",
        "Analysing needs and planning the vision of the local education system",
    ),
    t("Rola dyrektora i relacje z organem prowadzącym", "The director's role and relations with the governing body"),
    t(
        "Udział rodziców w planowaniu, realizacji i ocenie usług edukacyjnych",
        "Parents' participation in planning, delivering and assessing educational services",
    ),
    t("System wsparcia szkół i rozwój nauczycieli", "The school support system and teacher development"),
    t(
        "Zarządzanie zasobami materialnymi systemu oświaty",
        "Managing the material resources of the education system",
    ),
    t(
        "Organizacja wsparcia uczniów ze specjalnymi potrzebami edukacyjnymi",
        "Organisation of support for pupils with special educational needs",
    ),
]

STATE_ROWS = items(
    "r",
    t("Mamy rzetelną diagnozę obecnej sytuacji", "We have a sound diagnosis of the present situation"),
    t("Mamy określone cele i wskaźniki", "We have set goals and indicators"),
    t("Mamy ludzi i zasoby, by działać", "We have the people and resources to act"),
    t("Regularnie monitorujemy efekty", "We monitor the results regularly"),
    t("Współpracujemy z dyrektorami szkół", "We work together with school directors"),
)


def _training_feedback() -> dict:
    return {
        "key": "training-feedback",
        "title": t("Ocena szkolenia", "Training feedback"),
        "intro": t(
            "Dziękujemy za udział w szkoleniu. Twoje odpowiedzi pomogą nam przygotować kolejne.",
            "Thank you for taking part in the training. Your answers help us prepare the next ones.",
        ),
        "anonymity": "anonymous",
        "sections": [
            {
                "title": t("Ocena szkolenia", "Your assessment"),
                "questions": [
                    {
                        "kind": "likert_matrix",
                        "text": t("Jak oceniasz…", "How do you rate…"),
                        "rows": items(
                            "r",
                            t("Przydatność treści w Twojej pracy", "How useful the content is in your work"),
                            t("Przygotowanie prowadzących", "The trainers' preparation"),
                            t("Materiały szkoleniowe", "The training materials"),
                            t("Organizację szkolenia", "The organisation of the training"),
                        ),
                        "scale_points": 5,
                        "scale_labels": [
                            t("Bardzo źle", "Very poor"),
                            t("Źle", "Poor"),
                            t("Przeciętnie", "Fair"),
                            t("Dobrze", "Good"),
                            t("Bardzo dobrze", "Very good"),
                        ],
                        "required": True,
                    },
                    {
                        "kind": "single",
                        "text": t("Skąd dowiedziałeś(-aś) się o szkoleniu?", "How did you hear about the training?"),
                        "options": items(
                            "o",
                            t("Od przełożonego", "From my manager"),
                            t("Ze strony internetowej", "From the website"),
                            t("Z newslettera", "From the newsletter"),
                        ),
                        "allow_other": True,
                    },
                    {
                        "kind": "short_text",
                        "text": t("Jakie to było inne źródło?", "Which other source was it?"),
                        "condition": {"question": "q2", "op": "equals", "value": "other"},
                    },
                    {
                        "kind": "likert",
                        "text": t(
                            "Czy polecisz to szkolenie koleżankom i kolegom?",
                            "Would you recommend this training to your colleagues?",
                        ),
                        "scale_points": 5,
                        "scale_labels": AGREE_5,
                    },
                    {
                        "kind": "long_text",
                        "text": t("Co możemy poprawić?", "What could we improve?"),
                    },
                ],
            }
        ],
    }


def _self_diagnosis() -> dict:
    area_sections = [
        {
            "title": area,
            "condition": {"question": "q1", "op": "includes", "value": [f"o{number}"]},
            "questions": [
                {
                    "kind": "likert_matrix",
                    "text": t(
                        "Na ile zgadzasz się z poniższymi stwierdzeniami w tym obszarze?",
                        "How far do you agree with these statements in this area?",
                    ),
                    "rows": STATE_ROWS,
                    "scale_points": 5,
                    "scale_labels": AGREE_5,
                    "required": True,
                }
            ],
        }
        for number, area in enumerate(SUPPORT_AREAS, start=1)
    ]
    return {
        "key": "lg-self-diagnosis",
        "title": t("Autodiagnoza JST w obszarze wsparcia", "Local-government self-diagnosis per support area"),
        "intro": t(
            "Diagnoza potrzeb rozwojowych zespołu JST (etap 2 cyklu doradczego). Odpowiadają członkowie zespołu.",
            "The needs diagnosis of the local government's team (stage 2 of the advisory cycle), answered by each "
            "member of the team.",
        ),
        "anonymity": "confidential",
        "sections": [
            {
                "title": t("Obszary wsparcia", "Support areas"),
                "questions": [
                    {
                        "kind": "multiple",
                        "text": t(
                            "Które obszary wsparcia są dla Was najważniejsze?",
                            "Which support areas matter most to you?",
                        ),
                        "options": items("o", *SUPPORT_AREAS),
                        "required": True,
                    }
                ],
            },
            *area_sections,
            {
                "title": t("Potrzeby", "Needs"),
                "questions": [
                    {
                        "kind": "ranking",
                        "text": t("Uszereguj formy wsparcia od najbardziej potrzebnej", "Rank the forms of support, most needed first"),
                        "options": items(
                            "o",
                            t("Szkolenia warsztatowe", "Workshop trainings"),
                            t("Spotkania doradcze w siedzibie JST", "Advisory meetings at our office"),
                            t("Doradztwo zdalne", "Remote advice"),
                        ),
                    },
                    {"kind": "long_text", "text": t("W czym najbardziej potrzebujecie wsparcia?", "What do you most need support with?")},
                ],
            },
        ],
    }


def _cycle_evaluation() -> dict:
    return {
        "key": "advisory-cycle-evaluation",
        "title": t("Ewaluacja cyklu doradczego", "Evaluation of an advisory cycle"),
        "intro": t(
            "Ocena efektów cyklu doradczego (etap 6). Odpowiedzi są anonimowe.",
            "The evaluation of the effects of the advisory cycle (stage 6). Your answers are anonymous.",
        ),
        "anonymity": "anonymous",
        "sections": [
            {
                "title": t("Efekty", "Effects"),
                "questions": [
                    {
                        "kind": "likert_matrix",
                        "text": t("Dzięki cyklowi doradczemu…", "Thanks to the advisory cycle…"),
                        "rows": items(
                            "r",
                            t("Lepiej rozumiemy potrzeby naszej oświaty", "We understand the needs of our education better"),
                            t("Mamy realny Harmonogram Działań Rozwojowych", "We have a realistic development action schedule"),
                            t("Wdrażamy zaplanowane działania", "We carry out the planned actions"),
                            t("Lepiej współpracujemy w zespole", "We work better together as a team"),
                        ),
                        "scale_points": 5,
                        "scale_labels": AGREE_5,
                        "required": True,
                    },
                    {
                        "kind": "yes_no",
                        "text": t("Czy HDR jest wdrażany?", "Is the development action schedule being carried out?"),
                        "required": True,
                    },
                    {
                        "kind": "long_text",
                        "text": t("Co przeszkadza we wdrażaniu?", "What gets in the way?"),
                        "condition": {"question": "q2", "op": "equals", "value": False},
                    },
                    {
                        "kind": "number",
                        "text": t(
                            "Ile spotkań doradczych odbyło się w Waszej siedzibie?",
                            "How many advisory meetings took place at your office?",
                        ),
                        "min_value": 0,
                        "max_value": 50,
                    },
                    {"kind": "long_text", "text": t("Uwagi dla ekspertów", "Remarks for the experts")},
                ],
            }
        ],
    }


def _partnership_needs() -> dict:
    return {
        "key": "partnership-needs",
        "title": t("Badanie potrzeb partnerstwa", "Partnership initial needs survey"),
        "intro": t(
            "Badanie potrzeb menedżerów administracji publicznej w zakresie coachingu (początek partnerstwa).",
            "A survey of public-administration managers' needs for coaching, at the start of the partnership.",
        ),
        "anonymity": "anonymous",
        "sections": [
            {
                "title": t("O Tobie", "About you"),
                "questions": [
                    {
                        "kind": "single",
                        "text": t("Ile osób jest w Twoim zespole?", "How many people are in your team?"),
                        "options": items("o", t("1–5", "1–5"), t("6–15", "6–15"), t("Ponad 15", "More than 15")),
                        "required": True,
                    },
                    {
                        "kind": "number",
                        "text": t(
                            "Od ilu lat pełnisz funkcję kierowniczą?", "For how many years have you been a manager?"
                        ),
                        "min_value": 0,
                        "max_value": 60,
                    },
                ],
            },
            {
                "title": t("Coaching", "Coaching"),
                "questions": [
                    {
                        "kind": "yes_no",
                        "text": t("Czy korzystałeś(-aś) z coachingu?", "Have you ever been coached?"),
                        "required": True,
                    },
                    {
                        "kind": "likert",
                        "text": t("Jak oceniasz to doświadczenie?", "How do you rate that experience?"),
                        "scale_points": 5,
                        "condition": {"question": "q3", "op": "equals", "value": True},
                    },
                    {
                        "kind": "multiple",
                        "text": t(
                            "W czym coaching pomógłby Ci najbardziej?", "Where would coaching help you most?"
                        ),
                        "options": items(
                            "o",
                            t("Zarządzanie zmianą", "Managing change"),
                            t("Motywowanie zespołu", "Motivating the team"),
                            t("Komunikacja", "Communication"),
                            t("Zarządzanie czasem", "Time management"),
                        ),
                        "allow_other": True,
                    },
                    {"kind": "long_text", "text": t("Czego oczekujesz od programu?", "What do you expect from the programme?")},
                ],
            },
        ],
    }


TEMPLATES = [_training_feedback, _self_diagnosis, _cycle_evaluation, _partnership_needs]


def seed(apps, schema_editor):
    Questionnaire = apps.get_model("surveys", "Questionnaire")
    Wave = apps.get_model("surveys", "Wave")
    Section = apps.get_model("surveys", "Section")
    Question = apps.get_model("surveys", "Question")
    import secrets

    for build in TEMPLATES:
        data = build()
        if Questionnaire.objects.filter(template_key=data["key"]).exists():
            continue
        questionnaire = Questionnaire.objects.create(
            title=data["title"],
            intro=data["intro"],
            languages=["pl", "en"],
            anonymity=data["anonymity"],
            is_template=True,
            template_key=data["key"],
            panel_salt=secrets.token_hex(16),
        )
        Wave.objects.create(questionnaire=questionnaire, order=1, label=t("Pomiar", "Survey"))
        number = 0
        for section_order, section_data in enumerate(data["sections"], start=1):
            section = Section.objects.create(
                questionnaire=questionnaire,
                order=section_order,
                title=section_data.get("title", {}),
                condition=section_data.get("condition", {}),
            )
            for order, question in enumerate(section_data["questions"], start=1):
                number += 1
                Question.objects.create(
                    questionnaire=questionnaire,
                    section=section,
                    order=order,
                    code=f"q{number}",
                    kind=question["kind"],
                    text=question["text"],
                    options=question.get("options", []),
                    allow_other=question.get("allow_other", False),
                    rows=question.get("rows", []),
                    scale_points=question.get("scale_points"),
                    scale_labels=question.get("scale_labels", []),
                    min_value=question.get("min_value"),
                    max_value=question.get("max_value"),
                    required=question.get("required", False),
                    condition=question.get("condition", {}),
                )


def unseed(apps, schema_editor):
    apps.get_model("surveys", "Questionnaire").objects.filter(is_template=True).exclude(template_key="").delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
