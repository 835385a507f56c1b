"""The handbook in the demo (seed 000): the partners of the Erasmus+ coaching partnership co-write "Coaching
solutions for public administration". Each partner has a chapter, in several states; the LSPA chapter of the
demo partner login (partner@example.org) is in review with a comment to answer and a Latvian translation, and its
Polish translation is outdated (the English text changed after it). The approved chapters are public."""

from rozwoj.accounts.models import User
from rozwoj.coaching.models import Technique
from rozwoj.handbooks import services
from rozwoj.handbooks.models import ChapterStatus, Handbook
from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Person
from rozwoj.programmes.models import Programme

from .coaching import PROGRAMME_ACRONYM

INTRODUCTION = """## Why coaching in public administration

Public administration changes faster than its structures. Managers are asked to lead teams through reforms,
digital services and new expectations of citizens, often without the tools to do it.

Coaching gives a manager time to think: a structured conversation in which the coach asks and the manager finds
their own answers.

## How this handbook was written

The handbook was written by the partners of the project in Poland, Latvia and Greece after the pilot groups in
each country. Every chapter was reviewed by the other partners."""

PILOT_LV = """## The Latvian pilot group

Eight managers of state and municipal institutions in Rīga met their coaches every three weeks for seven
months.

## What worked

Short sessions before a decision helped the most. The GROW model gave the conversations a shape managers could
use with their own teams.

## What we would change

Agree the sessions with the line manager from the start: the sponsor's support decided whether a coachee kept
their time for coaching."""

TECHNIQUES_TEXT = """## Choosing a technique

A technique is a tool, not a script. Start from the coachee's goal and choose the simplest tool that helps.

## GROW in a public office

Goal, reality, options, will: the four questions fit a meeting of thirty minutes."""

GREECE_TEXT = """## The Greek pilot group

Notes from the sessions in Athens will be added after the second transnational meeting."""

LATVIAN_TRANSLATION = """## Latvijas pilotgrupa

Astoņi valsts un pašvaldību iestāžu vadītāji Rīgā tikās ar saviem koučiem ik pēc trim nedēļām septiņus mēnešus.

## Kas izdevās

Īsas sesijas pirms lēmuma palīdzēja visvairāk."""

POLISH_TRANSLATION = """## Łotewska grupa pilotażowa

Ośmiu kierowników instytucji państwowych i samorządowych z Rygi spotykało się z coachami co trzy tygodnie."""


def _text(actor, chapter, body: str) -> None:
    services.chapter_save_text(
        actor=actor, chapter=chapter, title=chapter.title, body=body, base_revision=chapter.revision
    )
    chapter.refresh_from_db()


def load_handbooks_demo() -> None:
    programme = Programme.objects.get(acronym=PROGRAMME_ACRONYM)
    if Handbook.objects.filter(programme=programme).exists():
        return
    coordinator = User.objects.get(email="koordynator@example.org")
    partner_user = User.objects.get(email="partner@example.org")
    orgs = {
        "ksap": Organisation.objects.get(acronym="KSAP"),
        "lspa": Organisation.objects.get(acronym="LSPA"),
        "metacoach": Organisation.objects.get(name="MetaCoach"),
        "sip": Organisation.objects.get(name="Society in Progress"),
    }
    techniques = list(Technique.objects.filter(is_demo=True, language="en").order_by("pk")[:3])
    handbook = services.handbook_create(
        actor=coordinator,
        programme=programme,
        title="Coaching solutions for public administration",
        summary="The handbook the partners of the project write together after the pilot groups.",
    )
    Handbook.objects.filter(pk=handbook.pk).update(is_demo=True)
    part_one = services.part_save(
        actor=coordinator, handbook=handbook, part=None, data={"title": "Foundations", "order": 1}
    )
    part_two = services.part_save(
        actor=coordinator, handbook=handbook, part=None, data={"title": "The pilot groups", "order": 2}
    )

    def chapter(title, part, order, org, authors=(), techniques_used=()):
        return services.chapter_save(
            actor=coordinator,
            handbook=handbook,
            chapter=None,
            data={
                "title": title,
                "part": part,
                "order": order,
                "author_organisation": orgs[org],
                "authors": list(authors),
                "techniques": list(techniques_used),
            },
        )

    intro = chapter("Introduction", part_one, 1, "ksap")
    _text(coordinator, intro, INTRODUCTION)
    services.chapter_set_status(actor=coordinator, chapter=intro, status=ChapterStatus.APPROVED)

    tools = chapter("Techniques for managers", part_one, 2, "metacoach", techniques_used=techniques[:2])
    _text(coordinator, tools, TECHNIQUES_TEXT)
    services.chapter_set_status(actor=coordinator, chapter=tools, status=ChapterStatus.APPROVED)

    partner_person = Person.objects.get(email="partner@example.org")
    latvia = chapter(
        "Latvia: coaching in the pilot group", part_two, 1, "lspa", [partner_person], techniques[:1]
    )
    _text(partner_user, latvia, PILOT_LV.split("\n\n## What we would change")[0])
    services.translation_save(
        actor=partner_user,
        chapter=latvia,
        language="pl",
        title="Łotwa: coaching w grupie pilotażowej",
        body=POLISH_TRANSLATION,
        status="done",
        base_revision=0,
    )
    _text(partner_user, latvia, PILOT_LV)  # after the Polish translation: it is now outdated
    services.translation_save(
        actor=partner_user,
        chapter=latvia,
        language="lv",
        title="Latvija: koučings pilotgrupā",
        body=LATVIAN_TRANSLATION,
        status="in_progress",
        base_revision=0,
    )
    services.chapter_set_status(actor=partner_user, chapter=latvia, status=ChapterStatus.IN_REVIEW)
    services.comment_add(
        actor=coordinator,
        chapter=latvia,
        paragraph=3,
        body="Could you add how many sessions each coachee had on average?",
    )

    greece = chapter("Greece: the pilot group in Athens", part_two, 2, "sip")
    _text(coordinator, greece, GREECE_TEXT)
    services.chapter_set_status(actor=coordinator, chapter=greece, status=ChapterStatus.DRAFT)

    chapter("Poland: coaching for local-government managers", part_two, 3, "ksap")  # still an outline
    services.handbook_publish(actor=coordinator, handbook=handbook, published=True)
