"""The partnership's initial needs survey in Latvian and Greek too (issue #9, part 2): the partners in Latvia and
Greece answer in their own language. Each text gains its `lv` and `el` versions, looked up by its English text;
a text a coordinator has already changed is left as it is."""

from django.db import migrations

KEY = "partnership-needs"

# English text: (Latvian, Greek).
TRANSLATIONS = {
    "Partnership initial needs survey": (
        "Partnerības sākotnējo vajadzību aptauja",
        "Αρχική έρευνα αναγκών της σύμπραξης",
    ),
    "A survey of public-administration managers' needs for coaching, at the start of the partnership.": (
        "Publiskās pārvaldes vadītāju koučinga vajadzību aptauja partnerības sākumā.",
        "Έρευνα των αναγκών των στελεχών της δημόσιας διοίκησης για coaching, στην αρχή της σύμπραξης.",
    ),
    "Survey": ("Mērījums", "Μέτρηση"),
    "About you": ("Par jums", "Σχετικά με εσάς"),
    "Coaching": ("Koučings", "Coaching"),
    "How many people are in your team?": ("Cik cilvēku ir jūsu komandā?", "Πόσα άτομα έχει η ομάδα σας;"),
    "1–5": ("1–5", "1–5"),
    "6–15": ("6–15", "6–15"),
    "More than 15": ("Vairāk nekā 15", "Περισσότερα από 15"),
    "For how many years have you been a manager?": (
        "Cik gadus jūs strādājat vadošā amatā?",
        "Πόσα χρόνια κατέχετε διευθυντική θέση;",
    ),
    "Have you ever been coached?": (
        "Vai jūs kādreiz esat izmantojis(-usi) koučingu?",
        "Έχετε λάβει ποτέ coaching;",
    ),
    "How do you rate that experience?": ("Kā jūs vērtējat šo pieredzi?", "Πώς αξιολογείτε αυτή την εμπειρία;"),
    "Where would coaching help you most?": (
        "Kur koučings jums palīdzētu visvairāk?",
        "Σε τι θα σας βοηθούσε περισσότερο το coaching;",
    ),
    "Managing change": ("Pārmaiņu vadība", "Διαχείριση αλλαγών"),
    "Motivating the team": ("Komandas motivēšana", "Παρακίνηση της ομάδας"),
    "Communication": ("Komunikācija", "Επικοινωνία"),
    "Time management": ("Laika plānošana", "Διαχείριση χρόνου"),
    "What do you expect from the programme?": ("Ko jūs sagaidāt no programmas?", "Τι περιμένετε από το πρόγραμμα;"),
}


def _translated(texts):
    """`texts` ({language: text}) with Latvian and Greek added when its English text is known."""
    if not isinstance(texts, dict) or texts.get("en") not in TRANSLATIONS:
        return texts
    latvian, greek = TRANSLATIONS[texts["en"]]
    return {**texts, "lv": texts.get("lv") or latvian, "el": texts.get("el") or greek}


def _items(items):
    return [{**item, "label": _translated(item.get("label"))} for item in items]


def add(apps, schema_editor):
    Questionnaire = apps.get_model("surveys", "Questionnaire")
    for questionnaire in Questionnaire.objects.filter(template_key=KEY, is_template=True):
        questionnaire.title = _translated(questionnaire.title)
        questionnaire.intro = _translated(questionnaire.intro)
        questionnaire.languages = list(dict.fromkeys([*questionnaire.languages, "lv", "el"]))
        questionnaire.save(update_fields=["title", "intro", "languages"])
        for wave in questionnaire.waves.all():
            wave.label = _translated(wave.label)
            wave.save(update_fields=["label"])
        for section in questionnaire.sections.all():
            section.title = _translated(section.title)
            section.save(update_fields=["title"])
        for question in questionnaire.questions.all():
            question.text = _translated(question.text)
            question.options = _items(question.options)
            question.rows = _items(question.rows)
            question.scale_labels = [_translated(label) for label in question.scale_labels]
            question.save(update_fields=["text", "options", "rows", "scale_labels"])


def remove(apps, schema_editor):
    Questionnaire = apps.get_model("surveys", "Questionnaire")
    strip = lambda texts: {k: v for k, v in texts.items() if k not in ("lv", "el")} if isinstance(texts, dict) else texts  # noqa: E731
    for questionnaire in Questionnaire.objects.filter(template_key=KEY, is_template=True):
        questionnaire.title, questionnaire.intro = strip(questionnaire.title), strip(questionnaire.intro)
        questionnaire.languages = [code for code in questionnaire.languages if code not in ("lv", "el")]
        questionnaire.save(update_fields=["title", "intro", "languages"])
        for wave in questionnaire.waves.all():
            wave.label = strip(wave.label)
            wave.save(update_fields=["label"])
        for section in questionnaire.sections.all():
            section.title = strip(section.title)
            section.save(update_fields=["title"])
        for question in questionnaire.questions.all():
            question.text = strip(question.text)
            question.options = [{**item, "label": strip(item.get("label"))} for item in question.options]
            question.save(update_fields=["text", "options"])


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_seed_templates")]

    operations = [migrations.RunPython(add, remove)]
