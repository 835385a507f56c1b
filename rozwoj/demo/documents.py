"""The demo library: "Model doradztwa dla JST" as a public PDF in its second version with the first kept, and the
ORE training programme for experts as a document, both linked to the programme of seed 004. The PDFs are real,
generated with WeasyPrint from short texts drawn from the seed."""

from __future__ import annotations

from html import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from rozwoj.accounts.models import User
from rozwoj.documents.models import Document, Language, Visibility
from rozwoj.documents.services import category_save, document_create, document_update, version_add
from rozwoj.programmes.models import Programme

from . import data

MODEL_TITLE = "Model doradztwa dla JST"
PROGRAMME_TITLE = "Program szkolenia dla ekspertów ds. personalnego rozwoju organizacji (PRO)"
CATEGORIES = [("Modele i standardy", "Models and standards"), ("Programy szkoleń", "Training programmes"),
              ("Raporty", "Reports")]  # fmt: skip

MODEL_TEXT = [
    "Eksperci realizujący zadania w ramach systemu wsparcia, doskonalenia i rozwoju pracowników JST pracują w "
    "teamach doradczych, składających się z eksperta ds. rozwoju oświaty samorządowej (ROS) oraz eksperta ds. "
    "personalnego rozwoju organizacji (PRO).",
    "Zróżnicowane kompetencje doradców gwarantują bardziej wielowymiarowe podejście do napotkanych problemów "
    "i/lub rozpoznanych potrzeb pracowników jednostek samorządu terytorialnego.",
    "Wsparcie realizowane przez team doradczy ma formę spotkań, szkoleń, konsultacji oraz wsparcia zdalnego "
    "udzielanego na każdym etapie realizacji działań w JST.",
]
MODEL_STAGES = [
    "Diagnoza potrzeb rozwojowych JST.",
    "Opracowanie harmonogramu działań rozwojowych.",
    "Wdrażanie działań z udziałem teamu doradczego.",
    "Monitorowanie wdrażania działań rozwojowych.",
    "Ocena efektów wdrażanych działań rozwojowych.",
]
TRAINING_TOPICS = [
    "Omówienie modelu doradztwa dla JST.",
    "Omówienie roli i zadań ekspertów ds. personalnego rozwoju organizacji (PRO) w systemie wsparcia, "
    "doskonalenia i rozwoju pracowników JST. Kanon kompetencji.",
    "Zapoznanie z podstawami prawa oświatowego.",
    "Partycypacja społeczna w kontekście systemu wsparcia, doskonalenia i rozwoju pracowników JST. "
    "Przygotowanie i prowadzenie debat. Wymiana doświadczeń.",
    "Przedstawienie modelu doradztwa ze szczególnym uwzględnieniem stosowanych w nim metod pracy.",
    "Planowanie pracy w teamie doradczym cz. 1 (zasady współpracy, etyka, podział zadań, studium przypadku).",
    "Planowanie pracy w teamie doradczym cz. 2 (Harmonogramy Działań Rozwojowych w praktyce).",
]


def _pdf(title: str, paragraphs: list[str], items: list[str], footer: str) -> bytes:
    import weasyprint  # loaded only when the demo is loaded: pango is slow to start

    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    listing = "".join(f"<li>{escape(item)}</li>" for item in items)
    html = (
        f'<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        "<style>body{font-family:sans-serif;font-size:11pt;line-height:1.4} h1{font-size:18pt}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}<ol>{listing}</ol><p><small>{escape(footer)}</small></p></body></html>"
    )
    return weasyprint.HTML(string=html).write_pdf()


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@transaction.atomic
def load_documents_demo() -> dict[str, Document]:
    admin = User.objects.get(email=data.ACCOUNTS[0][0])
    programme = Programme.objects.get(acronym="Wsparcie JST")
    categories = [
        category_save(actor=admin, category=None, data={"name_pl": pl, "name_en": en, "order": order})
        for order, (pl, en) in enumerate(CATEGORIES)
    ]
    footer = "Ośrodek Rozwoju Edukacji — materiał demonstracyjny platformy Rozwój."
    model = document_create(
        actor=admin,
        data={
            "title": MODEL_TITLE,
            "description": "Etapy doradztwa, metody pracy doradców oraz obszary, w ramach których udzielane jest "
            "wsparcie doradcze w systemie wsparcia, doskonalenia i rozwoju pracowników JST.",
            "category": categories[0],
            "programme": programme,
            "language": Language.POLISH,
            "visibility": Visibility.STAFF,
        },
        upload=_upload(
            "model-doradztwa-dla-jst.pdf", _pdf(MODEL_TITLE, MODEL_TEXT[:2], MODEL_STAGES[:3], footer)
        ),
        note="Wersja wstępna.",
    )
    version_add(
        actor=admin,
        document=model,
        upload=_upload(
            "model-doradztwa-dla-jst-v2.pdf",
            _pdf(MODEL_TITLE + " (wersja 2)", MODEL_TEXT, MODEL_STAGES, footer),
        ),
        note="Uzupełnione etapy doradztwa i formy wsparcia teamu doradczego.",
    )
    document_update(actor=admin, document=model, data={"visibility": Visibility.PUBLIC})
    training = document_create(
        actor=admin,
        data={
            "title": PROGRAMME_TITLE,
            "description": "Zagadnienia szkolenia on-line z 24–25 czerwca 2020 r. przygotowującego do pełnienia "
            "roli eksperta ds. personalnego rozwoju organizacji.",
            "category": categories[1],
            "programme": programme,
            "language": Language.POLISH,
            "visibility": Visibility.PUBLIC,
        },
        upload=_upload("program-szkolenia-pro.pdf", _pdf(PROGRAMME_TITLE, [], TRAINING_TOPICS, footer)),
        note="",
    )
    return {"model": model, "training": training}
