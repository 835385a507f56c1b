"""Demo-ready defaults: the accessibility declaration of a fictitious institution, a privacy notice and a contact
page. Administrators replace them on the site (Accessibility declaration → Edit)."""

import datetime

from django.db import migrations

INSTITUTION_PL = "Centrum Rozwoju Kadr Administracji (instytucja przykładowa)"
INSTITUTION_EN = "Centre for the Development of Public Administration Staff (a fictitious institution)"

PROCEDURE_PL = """\
Każdy ma prawo wystąpić z **żądaniem zapewnienia dostępności cyfrowej** strony internetowej lub jej elementu, a także \
zażądać udostępnienia informacji w formie alternatywnej (na przykład odczytania niedostępnego dokumentu, opisania \
zawartości filmu bez audiodeskrypcji). Żądanie powinno zawierać dane osoby zgłaszającej, wskazanie strony lub \
elementu, o które chodzi, oraz sposób kontaktu. Jeśli osoba żądająca zgłasza potrzebę otrzymania informacji w formie \
alternatywnej, powinna także określić dogodną dla niej formę tej informacji.

Podmiot publiczny realizuje żądanie **niezwłocznie, nie później niż w ciągu 7 dni** od dnia jego wystąpienia. Jeżeli \
dotrzymanie tego terminu nie jest możliwe, podmiot niezwłocznie informuje o tym, kiedy realizacja żądania będzie \
możliwa, przy czym termin ten **nie może być dłuższy niż 2 miesiące** od dnia wystąpienia z żądaniem. Jeżeli \
zapewnienie dostępności nie jest możliwe, podmiot może zaproponować alternatywny sposób dostępu do informacji.

Gdy podmiot odmówi realizacji żądania, nie dotrzyma terminów lub gdy alternatywny sposób dostępu nie odpowiada \
potrzebom, można złożyć **skargę** do podmiotu. Po wyczerpaniu tej procedury można złożyć wniosek do \
[Rzecznika Praw Obywatelskich](https://bip.brpo.gov.pl/).
"""

PROCEDURE_EN = """\
Everyone has the right to **request digital accessibility** of the website or of an element of it, and to request \
information in an alternative form (for example, reading out a document that is not accessible, or describing a \
video without audio description). The request should give the name of the person making it, the page or element \
concerned and a way to reach them. A person who asks for information in an alternative form should also say which \
form suits them.

The public body fulfils the request **without undue delay and no later than within 7 days**. When that is not \
possible, it says without delay when the request will be fulfilled, which **cannot be later than 2 months** from \
the request. When accessibility cannot be provided, it may offer an alternative way to access the information.

When the public body refuses the request, misses the deadlines, or the alternative does not meet the person's \
needs, they may file a **complaint** with the public body. After that procedure, they may apply to the \
[Commissioner for Human Rights (Rzecznik Praw Obywatelskich)](https://bip.brpo.gov.pl/).
"""

ARCHITECTURE_PL = """\
Siedziba instytucji mieści się w budynku przy ul. Przykładowej 1 w Warszawie. Do wejścia głównego prowadzi \
podjazd dla wózków; drzwi otwierają się automatycznie. Budynek ma windę obsługującą wszystkie kondygnacje \
i toaletę dostosowaną do potrzeb osób z niepełnosprawnościami na parterze. Przed budynkiem są dwa miejsca \
parkingowe dla osób z niepełnosprawnościami. Do budynku można wejść z psem asystującym.
"""

ARCHITECTURE_EN = """\
The institution is based at ul. Przykładowa 1 in Warsaw. A wheelchair ramp leads to the main entrance, whose \
doors open automatically. A lift serves every floor, and an accessible toilet is on the ground floor. There are two \
parking spaces for people with disabilities in front of the building. Assistance dogs are welcome.
"""

COMMUNICATION_PL = """\
W siedzibie instytucji można skorzystać z pętli indukcyjnej w sali szkoleniowej. Osoby doświadczające trudności \
w komunikowaniu się mogą skontaktować się z nami przez e-mail lub SMS. Na szkolenia stacjonarne można zamówić \
tłumacza polskiego języka migowego — najpóźniej 3 dni robocze przed szkoleniem.
"""

COMMUNICATION_EN = """\
An induction loop is available in the training room. People who find it hard to communicate by phone can reach us \
by e-mail or text message. A Polish Sign Language interpreter can be booked for on-site trainings at least 3 working \
days in advance.
"""

PRIVACY_PL = """\
Zgodnie z art. 13 ogólnego rozporządzenia o ochronie danych (RODO) informujemy, że:

1. **Administratorem** Pani/Pana danych osobowych jest Centrum Rozwoju Kadr Administracji (instytucja \
przykładowa), ul. Przykładowa 1, 00-001 Warszawa.
2. Kontakt z **inspektorem ochrony danych**: [iod@example.org](mailto:iod@example.org).
3. Dane przetwarzamy w celu organizacji szkoleń, spotkań i doradztwa, prowadzenia rejestracji i list obecności oraz \
wydawania zaświadczeń — na podstawie art. 6 ust. 1 lit. c i e RODO (zadania realizowane w interesie publicznym) \
oraz, gdy o to prosimy, Pani/Pana zgody (art. 6 ust. 1 lit. a RODO).
4. Odbiorcami danych mogą być podmioty przetwarzające dane na nasze zlecenie (np. dostawca hostingu) oraz \
instytucje uprawnione na podstawie przepisów prawa.
5. Dane przechowujemy przez okres realizacji programu i archiwizacji wymagany przepisami.
6. Ma Pani/Pan prawo dostępu do danych, ich sprostowania, usunięcia lub ograniczenia przetwarzania, wniesienia \
sprzeciwu, cofnięcia zgody w dowolnym momencie oraz wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych.
7. Podanie danych jest dobrowolne, ale niezbędne do udziału w szkoleniu. Dane nie są wykorzystywane do \
zautomatyzowanego podejmowania decyzji ani profilowania.
"""

PRIVACY_EN = """\
Under Article 13 of the General Data Protection Regulation (GDPR) we inform you that:

1. The **controller** of your personal data is the Centre for the Development of Public Administration Staff (a \
fictitious institution), ul. Przykładowa 1, 00-001 Warsaw, Poland.
2. You can reach our **data protection officer** at [iod@example.org](mailto:iod@example.org).
3. We process the data to organise trainings, meetings and advisory services, to keep registrations and attendance \
lists and to issue certificates — under Article 6(1)(c) and (e) GDPR (tasks carried out in the public interest) and, \
where we ask for it, your consent (Article 6(1)(a) GDPR).
4. The data may be passed to processors acting on our behalf (such as the hosting provider) and to bodies entitled \
to it by law.
5. We keep the data for the duration of the programme and the archiving period the law requires.
6. You have the right to access, rectify, erase or restrict the processing of your data, to object, to withdraw \
consent at any time, and to lodge a complaint with the President of the Personal Data Protection Office (UODO).
7. Giving the data is voluntary but necessary to take part in a training. The data is not used for automated \
decision-making or profiling.
"""

CONTACT_PL = """\
**Centrum Rozwoju Kadr Administracji (instytucja przykładowa)**

ul. Przykładowa 1, 00-001 Warszawa

- Telefon: [+48 22 000 00 00](tel:+48220000000) (poniedziałek–piątek, 8:00–16:00)
- E-mail: [kontakt@example.org](mailto:kontakt@example.org)
- Sprawy szkoleń: [szkolenia@example.org](mailto:szkolenia@example.org)
- Dostępność: [dostepnosc@example.org](mailto:dostepnosc@example.org)
"""

CONTACT_EN = """\
**Centre for the Development of Public Administration Staff (a fictitious institution)**

ul. Przykładowa 1, 00-001 Warsaw, Poland

- Phone: [+48 22 000 00 00](tel:+48220000000) (Monday to Friday, 8:00–16:00)
- E-mail: [kontakt@example.org](mailto:kontakt@example.org)
- Trainings: [szkolenia@example.org](mailto:szkolenia@example.org)
- Accessibility: [dostepnosc@example.org](mailto:dostepnosc@example.org)
"""


def create_defaults(apps, schema_editor):
    Declaration = apps.get_model("sitepages", "AccessibilityDeclaration")
    SitePage = apps.get_model("sitepages", "SitePage")
    Declaration.objects.get_or_create(
        pk=1,
        defaults={
            "entity_name_pl": INSTITUTION_PL,
            "entity_name_en": INSTITUTION_EN,
            "site_url": "https://rozwoj.example.org/",
            "published_on": datetime.date(2026, 1, 15),
            "updated_on": datetime.date(2026, 11, 30),
            "status": "partial",
            "non_compliant_pl": (
                "- Część dokumentów PDF opublikowanych przed 2026 rokiem może nie mieć struktury nagłówków.\n"
                "- Nagrania szkoleń mogą nie mieć napisów dla osób niesłyszących."
            ),
            "non_compliant_en": (
                "- Some PDF documents published before 2026 may lack a heading structure.\n"
                "- Recordings of trainings may lack captions for deaf people."
            ),
            "exemptions_pl": "- Mapy są wyłączone z obowiązku zapewnienia dostępności; adresy podajemy tekstem.",
            "exemptions_en": "- Maps are exempt from the accessibility obligation; we give addresses as text.",
            "prepared_on": datetime.date(2026, 1, 15),
            "reviewed_on": datetime.date(2026, 3, 20),
            "assessment": "self",
            "assessment_url": "",
            "contact_person": "Anna Przykładowa",
            "email": "dostepnosc@example.org",
            "phone": "+48 22 000 00 00",
            "complaint_procedure_pl": PROCEDURE_PL.strip(),
            "complaint_procedure_en": PROCEDURE_EN.strip(),
            "architecture_pl": ARCHITECTURE_PL.strip(),
            "architecture_en": ARCHITECTURE_EN.strip(),
            "architecture_url": "",
            "communication_pl": COMMUNICATION_PL.strip(),
            "communication_en": COMMUNICATION_EN.strip(),
            "mobile_apps_pl": "",
            "mobile_apps_en": "",
        },
    )
    SitePage.objects.get_or_create(
        kind="privacy",
        defaults={
            "title_pl": "Klauzula informacyjna RODO",
            "title_en": "Privacy notice",
            "body_pl": PRIVACY_PL.strip(),
            "body_en": PRIVACY_EN.strip(),
        },
    )
    SitePage.objects.get_or_create(
        kind="contact",
        defaults={"title_pl": "Kontakt", "title_en": "Contact", "body_pl": CONTACT_PL.strip(), "body_en": CONTACT_EN.strip()},
    )


class Migration(migrations.Migration):
    dependencies = [("sitepages", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
