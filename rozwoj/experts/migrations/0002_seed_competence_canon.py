"""The competence canon (kanon kompetencji) per specialisation.

PRO: the twelve tasks of an expert for the personal development of organisations, as published by
ORE (June 2020). ROS, trainer and coach: a starting canon derived from the same model of advisory
support for local governments; coordinators edit the list in the application.
"""

from django.db import migrations

CANON = {
    "pro": [
        "Wsparcie merytoryczne JST w rozwoju organizacji.",
        "Uświadamianie potrzeby własnego rozwoju oraz rozwoju organizacji.",
        "Wspieranie w diagnozowaniu potrzeb rozwojowych pracowników oraz organizacji.",
        "Doskonalenie pracowników JST w zakresie rozwoju osobistego i społecznego.",
        "Doradztwo w zakresie opracowania i wdrażania planów rozwoju oświaty i/lub harmonogramów "
        "działań rozwojowych w wybranym przez JST obszarze.",
        "Konsultacje na etapie monitorowania wdrażania działań rozwojowych.",
        "Współudział w ocenie efektów wdrażanych działań rozwojowych.",
        "Inspirowanie do podejmowania innowacyjnych działań poprzez dzielenie się własnym doświadczeniem "
        "oraz wskazywanie dobrych praktyk.",
        "Zachęcanie pracowników JST do korzystania z dostępnych metod i form wsparcia.",
        "Wspieranie w rozwoju umiejętności przywódczych dla kadry zarządzającej lokalną oświatą.",
        "Wskazywanie możliwości wykorzystania zasobów do zarządzania oświatą, ze szczególnym "
        "uwzględnieniem narzędzi wywodzących się z informatyki.",
        "Wspieranie JST w budowaniu partycypacyjnego modelu zarządzania oświatą poprzez organizację "
        "i moderowanie debat społecznych i spotkań dialogowych.",
    ],
    "ros": [
        "Znajomość prawa oświatowego i jego stosowanie w zadaniach JST.",
        "Zarządzanie oświatą na poziomie organu prowadzącego.",
        "Planowanie i analiza budżetu oświaty w JST.",
        "Diagnoza potrzeb oświatowych i rozwojowych JST.",
        "Opracowywanie i wdrażanie Harmonogramów Działań Rozwojowych (HDR).",
        "Monitorowanie i ewaluacja działań rozwojowych.",
        "Praca w teamie doradczym (współpraca, etyka, podział zadań).",
        "Partycypacja społeczna: przygotowanie i prowadzenie debat oświatowych.",
    ],
    "trainer": [
        "Diagnoza potrzeb szkoleniowych uczestników.",
        "Projektowanie programu i scenariusza szkolenia.",
        "Prowadzenie zajęć z wykorzystaniem metod aktywizujących.",
        "Praca z grupą i radzenie sobie z trudnymi sytuacjami.",
        "Ewaluacja szkolenia i jego efektów.",
    ],
    "coach": [
        "Budowanie relacji i kontraktu coachingowego.",
        "Aktywne słuchanie i zadawanie pytań.",
        "Wspieranie klienta w wyznaczaniu celów i planowaniu działań.",
        "Przestrzeganie standardów etycznych coachingu.",
        "Coaching w organizacji publicznej i rozwój kadry kierowniczej.",
    ],
}


def seed(apps, schema_editor):
    Competence = apps.get_model("experts", "Competence")
    for specialisation, names in CANON.items():
        for order, name in enumerate(names, start=1):
            Competence.objects.get_or_create(
                specialisation=specialisation, name=name, defaults={"order": order}
            )


def unseed(apps, schema_editor):
    Competence = apps.get_model("experts", "Competence")
    for specialisation, names in CANON.items():
        Competence.objects.filter(specialisation=specialisation, name__in=names, assessments__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("experts", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
