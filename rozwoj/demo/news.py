"""Demo news from the two seed documents, written and published through the news services (versions, audit).

- Seed 000: "ERASMUS + Coaching: ponadnarodowe spotkanie trenerów", 19 October 2021, in Polish and English,
  with the group photo ("zdjęcie grupowe uczestników spotkania") as the cover and two more gallery photos,
  linked to the Erasmus+ Coaching programme and the transnational meeting.
- Seed 004: "Szkolenie dla ekspertów ds. personalnego rozwoju organizacji", published 26 June 2020 (the seed
  gives no date; the training ended on 25 June) and corrected on 30 June 2020 ("Ostatnia aktualizacja"), both
  versions kept; linked to the JST support programme and the PRO training.

A coordinator with the editor right (redaktor@example.org) is created beside them, so that the demo shows both
sides: koordynator@example.org writes and sends for review, redaktor@example.org (or the administrator) publishes.
"""

import datetime
import io
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile

from rozwoj.accounts.models import Role, User, UserRole
from rozwoj.events.models import Event
from rozwoj.news.models import Category, Post, PostVersion
from rozwoj.news.services import photo_add, post_create, post_publish, post_submit, post_update
from rozwoj.organisations.models import Organisation
from rozwoj.people.models import Membership, Person
from rozwoj.programmes.models import Programme

from . import data
from .events import MEETING_TITLE, PRO_TITLE, group_photo_png

WARSAW = ZoneInfo("Europe/Warsaw")
EDITOR_EMAIL = "redaktor@example.org"
GROUP_PHOTO_ALT = "zdjęcie grupowe uczestników spotkania"

SEED_000_TITLE = "ERASMUS + Coaching: ponadnarodowe spotkanie trenerów"
SEED_000_LEAD = (
    "W dniach 13-15 października 2021 r. KSAP gościł przedstawicieli partnerów projektu Techniki coachingowe w "
    "sektorze publicznym jako narzędzie doskonalenia usług publicznych, współfinansowanego ze środków Unii "
    "Europejskiej w Programie Erasmus+."
)
SEED_000_BODY = """Drugie spotkanie trenerów ponadnarodowych poświęcone było pracy nad stworzeniem podręcznika zawierającego rozwiązania coachingowe, przeznaczone do implementacji w jednostkach administracji publicznej. W spotkaniu uczestniczyli przedstawiciele instytucji partnerskich współrealizujących projekt: przedstawiciele LSPA (Latvian School of Public Administration) i MetaCoach z Łotwy oraz Stowarzyszenia Society in Progress z Grecji.

## Przebieg spotkań

W czasie trzydniowego spotkania:

1. Omówiono sprawozdania poszczególnych zespołów krajowych z postępu w pracach w grupach pilotażowych. Ta część programu miała na celu analizę różnorodnych doświadczeń z realizacji projektu w poszczególnych krajach oraz syntezę doświadczeń na potrzeby publikacji projektowej.
2. Zaprezentowano najnowsze trendy w sposobach nauczania osób dorosłych, w celu wzmocnienia kompetencji członków zespołów uczestniczących w przygotowaniu publikacji projektowej w ramach wzajemnego dzielenia się wiedzą.
3. W ostatnim dniu spotkania zaplanowano wspólną pracę nad publikacją (zawartością merytoryczną, strukturą publikacji oraz szczegółami technicznymi).

Spotkanie zorganizowane zostało w formie hybrydowej: sesja stacjonarna połączona została z sesją online, dzięki czemu możliwy był udział w spotkaniu także uczestniczek z Łotwy, które nie mogły przyjechać do Warszawy ze względu na obostrzenia epidemiczne.

## Cel projektu

Celem projektu jest popularyzacja i promowanie wykorzystania technik stosowanych w coachingu w pracy urzędników, którzy zarządzają zespołami w administracji publicznej.

## Partnerzy

Projekt realizowany jest we współpracy z łotewską Państwową Szkołą Administracji Publicznej (LSPA) oraz greckim stowarzyszeniem Society in Progress (SiP).
"""

SEED_000_TITLE_EN = "ERASMUS+ Coaching: transnational trainers' meeting"
SEED_000_LEAD_EN = (
    "On 13–15 October 2021 KSAP hosted the partners of the project Coaching techniques in the public sector as a "
    "tool for improving public services, co-funded by the European Union under the Erasmus+ Programme."
)
SEED_000_BODY_EN = """The second transnational trainers' meeting worked on a handbook of coaching solutions to be implemented in public-administration bodies. Representatives of the partner institutions took part: LSPA (Latvian School of Public Administration) and MetaCoach from Latvia, and the Society in Progress association from Greece.

## The meeting

During the three days:

1. The national teams reported on the progress of their pilot groups, to compare the experience of the project in each country and to bring it together for the project's publication.
2. The latest trends in adult learning were presented, to strengthen the teams preparing the publication through sharing knowledge.
3. The last day was given to joint work on the publication (its content, structure and technical details).

The meeting was hybrid: the session on site was joined by a session online, so that participants from Latvia who could not travel to Warsaw because of the pandemic restrictions could take part.

## The project's goal

The project promotes the use of coaching techniques in the work of civil servants who manage teams in public administration.

## Partners

The project is run together with the Latvian School of Public Administration (LSPA) and the Greek association Society in Progress (SiP).
"""

SEED_004_TITLE = "Szkolenie dla ekspertów ds. personalnego rozwoju organizacji"
SEED_004_LEAD = (
    "W dniach 24–25 czerwca 2020 roku odbyło się szkolenie on-line przygotowujące do pełnienia roli eksperta ds. "
    "personalnego rozwoju organizacji. W szkoleniu uczestniczyło 13 osób."
)
SEED_004_BODY = """W związku z zakończeniem prac nad wstępnymi założeniami systemu wsparcia, doskonalenia i rozwoju pracowników JST (Jednostek Samorządu Terytorialnego) – rozpoczęto szkolenia związane z przygotowaniem do realizacji ww. zadań w systemie przez dwie grupy specjalistów; ekspertów ds. rozwoju oświaty samorządowej (ROS) oraz ekspertów ds. personalnego rozwoju organizacji (PRO).

Szkolenie wstępnie planowane było w formie stacjonarnej w Centrum Szkoleniowym w Sulejówku w terminie 26–28 marca 2020 roku, jednak ze względu na zagrożenie związane z pandemią COVID-19, zostało przełożone i zrealizowane w późniejszym terminie.

Szkolenie objęło m.in. następujące zagadnienia:

1. Omówienie modelu doradztwa dla JST.
2. Omówienie roli i zadań ekspertów ds. personalnego rozwoju organizacji (PRO) w systemie wsparcia, doskonalenia i rozwoju pracowników JST. Kanon kompetencji.
3. Zapoznanie z podstawami prawa oświatowego.
4. Partycypacja społeczna w kontekście systemu wsparcia, doskonalenia i rozwoju pracowników JST. Przygotowanie i prowadzenie debat. Wymiana doświadczeń.
5. Przedstawienie modelu doradztwa ze szczególnym uwzględnieniem stosowanych w nim metod pracy.
6. Planowanie pracy w teamie doradczym cz. 1 (zasady współpracy, etyka, podział zadań, studium przypadku).
7. Planowanie pracy w teamie doradczym cz. 2 (Harmonogramy Działań Rozwojowych w praktyce).

Eksperci realizujący zadania w ramach systemu wsparcia, doskonalenia i rozwoju pracowników JST – zgodnie z przyjętymi założeniami – pracują w teamach doradczych, składających się z eksperta ds. rozwoju oświaty samorządowej (ROS) oraz eksperta ds. personalnego rozwoju organizacji (PRO). Zróżnicowane kompetencje doradców gwarantują bardziej wielowymiarowe podejście do napotkanych problemów i/lub rozpoznanych potrzeb pracowników jednostek samorządu terytorialnego oraz zaproponowanych sposobów ich rozwiązania. Wsparcie realizowane przez team doradczy ma formę spotkań, szkoleń, konsultacji oraz wsparcia zdalnego udzielanego na każdym etapie realizacji działań w JST.

W celu bardziej szczegółowego zapoznania się z rolą i zadaniami obu grup ekspertów zachęcamy do przeczytania Modelu doradztwa dla JST, w którym szczegółowo omówione zostały etapy doradztwa, metody pracy doradców oraz obszary, w ramach których udzielane jest wsparcie doradcze.

## Zadania ekspertów ds. personalnego rozwoju organizacji (PRO)

1. Wsparcie merytoryczne JST w rozwoju organizacji.
2. Uświadamianie potrzeby własnego rozwoju oraz rozwoju organizacji.
3. Wspieranie w diagnozowaniu potrzeb rozwojowych pracowników oraz organizacji.
4. Doskonalenie pracowników JST w zakresie rozwoju osobistego i społecznego.
5. Doradztwo w zakresie opracowania i wdrażania planów rozwoju oświaty i/lub harmonogramów działań rozwojowych w wybranym przez JST obszarze.
6. Konsultacje na etapie monitorowania wdrażania działań rozwojowych.
7. Współudział w ocenie efektów wdrażanych działań rozwojowych.
8. Inspirowanie do podejmowania innowacyjnych działań poprzez dzielenie się własnym doświadczeniem oraz wskazywanie dobrych praktyk.
9. Zachęcanie pracowników JST do korzystania z dostępnych metod i form wsparcia.
10. Wspieranie w rozwoju umiejętności przywódczych dla kadry zarządzającej lokalną oświatą.
11. Wskazywanie możliwości wykorzystania zasobów do zarządzania oświatą, ze szczególnym uwzględnieniem narzędzi wywodzących się z informatyki.
12. Wspieranie JST w budowaniu partycypacyjnego modelu zarządzania oświatą poprzez organizację i moderowanie debat społecznych i spotkań dialogowych.

Szkolenie dla drugiej grupy ekspertów, tj. ekspertów ds. rozwoju oświaty samorządowej (ROS), także ze względu na zagrożenie koronawirusem COVID-19, zostało przesunięte na późniejszy termin, ostatni zjazd szkolenia (trzeci zjazd) planowany jest w formie stacjonarnej w dniach 7–11 września 2020 roku.
"""
# The first version, before the correction of 30 June 2020 (the seed shows only the corrected text).
SEED_004_FIRST_BODY = SEED_004_BODY.replace(
    "ostatni zjazd szkolenia (trzeci zjazd) planowany jest w formie stacjonarnej w dniach 7–11 września 2020 roku",
    "termin zostanie podany wkrótce",
)


def _at(year, month, day, hour=12) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=WARSAW)


def demo_news_loaded() -> bool:
    return Post.objects.filter(is_demo=True).exists()


def _editor() -> User:
    """A coordinator of ORE with the editor right."""
    user = User.objects.filter(email=EDITOR_EMAIL).first()
    if user is not None:
        return user
    user = User.objects.create_user(email=EDITOR_EMAIL, password=data.DEMO_PASSWORD)
    UserRole.objects.bulk_create(
        [UserRole(user=user, role=Role.COORDINATOR), UserRole(user=user, role=Role.EDITOR)]
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    person = Person.objects.create(
        first_name="Renata", last_name="Redakcyjna", email=EDITOR_EMAIL, is_demo=True, user=user
    )
    ore = Organisation.objects.filter(acronym="ORE").first()
    if ore is not None:
        Membership.objects.create(person=person, organisation=ore, position="Redaktorka serwisu")
    return user


def _photo(seed: int, colour: tuple[int, int, int]) -> bytes:
    """A plain drawn placeholder (a room with a flipchart) for the gallery."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (960, 640), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 60, 900, 420), fill=(250, 250, 250), outline=(80, 80, 80), width=6)
    for line in range(6):
        draw.line(
            (100, 110 + line * 50, 860 - (seed * 37 + line * 90) % 300, 110 + line * 50),
            fill=(0, 86, 150),
            width=8,
        )
    draw.rectangle((0, 500, 960, 640), fill=(150, 125, 100))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _backdate(post: Post, *, published: datetime.datetime, updated: datetime.datetime | None = None) -> None:
    """The seeds' real dates: publication (and the correction) as they happened, the versions with them."""
    Post.objects.filter(pk=post.pk).update(
        published_at=published, status_changed_at=published, text_updated_at=updated
    )
    versions = list(post.versions.order_by("number"))
    if versions:
        PostVersion.objects.filter(pk=versions[0].pk).update(
            created_at=published - datetime.timedelta(days=1)
        )
    if updated and len(versions) > 1:
        PostVersion.objects.filter(pk=versions[-1].pk).update(created_at=updated)


def load_news_demo() -> list[Post]:
    if demo_news_loaded():
        return list(Post.objects.filter(is_demo=True).order_by("pk"))
    writer = User.objects.get(email=next(row[0] for row in data.ACCOUNTS if row[1] == "coordinator"))
    editor = _editor()
    category = Category.objects.get(slug="training-projects")
    coaching = Programme.objects.get(acronym="Erasmus+ Coaching")
    jst = Programme.objects.get(acronym="Wsparcie JST")
    meeting = Event.objects.filter(title=MEETING_TITLE).first()
    pro = Event.objects.filter(title=PRO_TITLE).first()

    post = post_create(
        actor=writer,
        data={
            "category": category,
            "title_pl": SEED_000_TITLE,
            "lead_pl": SEED_000_LEAD,
            "body_pl": SEED_000_BODY,
            "title_en": SEED_000_TITLE_EN,
            "lead_en": SEED_000_LEAD_EN,
            "body_en": SEED_000_BODY_EN,
            "tags": "Erasmus+, coaching, Łotwa, Grecja",
            "programmes": [coaching],
            "events": [meeting] if meeting else [],
        },
    )
    photo_add(
        actor=writer,
        post=post,
        image=ContentFile(group_photo_png(), name="zdjecie-grupowe.png"),
        alt_text=GROUP_PHOTO_ALT,
        caption="Uczestnicy drugiego ponadnarodowego spotkania trenerów w KSAP, październik 2021",
        is_cover=True,
    )
    photo_add(
        actor=writer,
        post=post,
        image=ContentFile(_photo(1, (214, 226, 240)), name="praca-w-grupach.png"),
        alt_text="sala szkoleniowa z tablicą flipchart, na której zapisano wnioski zespołów krajowych",
        caption="Sprawozdania zespołów krajowych",
    )
    photo_add(
        actor=writer,
        post=post,
        image=ContentFile(_photo(2, (232, 222, 206)), name="praca-nad-publikacja.png"),
        alt_text="tablica z planem struktury podręcznika coachingowego",
        caption="Praca nad publikacją",
    )
    post_submit(actor=writer, post=post)
    post_publish(actor=editor, post=post)
    Post.objects.filter(pk=post.pk).update(is_demo=True)
    _backdate(post, published=_at(2021, 10, 19))

    report = post_create(
        actor=writer,
        data={
            "category": category,
            "title_pl": SEED_004_TITLE,
            "lead_pl": SEED_004_LEAD,
            "body_pl": SEED_004_FIRST_BODY,
            "tags": "PRO, model doradztwa, JST",
            "programmes": [jst],
            "events": [pro] if pro else [],
        },
    )
    photo_add(
        actor=writer,
        post=report,
        image=ContentFile(_photo(3, (220, 236, 222)), name="szkolenie-online.png"),
        alt_text="ekran komputera ze spotkaniem online uczestników szkolenia PRO",
        is_cover=True,
    )
    post_submit(actor=writer, post=report)
    post_publish(actor=editor, post=report)
    post_update(actor=writer, post=report, data={"body_pl": SEED_004_BODY})
    Post.objects.filter(pk=report.pk).update(is_demo=True)
    _backdate(report, published=_at(2020, 6, 26), updated=_at(2020, 6, 30))
    return list(Post.objects.filter(is_demo=True).order_by("pk"))
