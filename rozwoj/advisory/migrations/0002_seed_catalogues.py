"""The lists coordinators start from: twelve support areas, six forms of support, management tools.

The areas follow the themes of the advisory model and the PRO experts' tasks in seed 004 (education policy,
finance, the school network, staff, leadership, participation, digital tools…); coordinators edit them.
"""

from django.db import migrations

SUPPORT_AREAS = [
    ("Strategia i polityka oświatowa JST", "Planowanie rozwoju oświaty, strategia oświatowa, plan rozwoju oświaty."),
    ("Finansowanie oświaty", "Subwencja, dotacje, budżet zadaniowy, efektywne wydatkowanie środków."),
    ("Sieć szkół i placówek", "Organizacja sieci, reorganizacje, dowożenie uczniów, demografia."),
    ("Rozwój zawodowy nauczycieli i dyrektorów", "Doskonalenie, awans zawodowy, wsparcie kadry."),
    ("Przywództwo w lokalnej oświacie", "Rozwój umiejętności przywódczych kadry zarządzającej oświatą."),
    ("Rozwój organizacji i pracowników JST", "Uczenie się organizacji, rozwój osobisty i społeczny pracowników."),
    ("Partycypacja społeczna i dialog", "Debaty społeczne, spotkania dialogowe, współpraca z rodzicami i NGO."),
    ("Edukacja włączająca", "Uczniowie ze specjalnymi potrzebami edukacyjnymi, dostępność szkół."),
    ("Kształcenie zawodowe i rynek pracy", "Współpraca szkół z pracodawcami, doradztwo zawodowe."),
    ("Wychowanie, profilaktyka i dobrostan uczniów", "Programy wychowawczo-profilaktyczne, zdrowie psychiczne."),
    ("Cyfryzacja i narzędzia informatyczne w zarządzaniu", "Dane oświatowe, systemy informatyczne, kompetencje cyfrowe."),
    ("Jakość kształcenia i wyniki uczniów", "Analiza wyników egzaminów, kompetencje kluczowe uczniów."),
]

SUPPORT_FORMS = [
    ("Spotkanie informacyjno-konsultacyjne otwierające", True),
    ("Spotkanie zamykające", True),
    ("Zjazd warsztatowy", True),
    ("Spotkanie doradcze w siedzibie JST", False),
    ("Doradztwo zdalne lub spotkanie online", False),
    ("Konsultacja telefoniczna lub e-mailowa", False),
]

MANAGEMENT_TOOLS = [
    ("Analiza SWOT", "Mocne i słabe strony, szanse i zagrożenia lokalnej oświaty."),
    ("Mapa interesariuszy", "Kto ma wpływ na zmianę i kogo ona dotyczy."),
    ("Budżet zadaniowy", "Powiązanie wydatków oświatowych z celami i miernikami."),
    ("Karta wyników (Balanced Scorecard)", "Cele i mierniki w czterech perspektywach."),
    ("Analiza danych oświatowych (SIO)", "Wnioski z danych Systemu Informacji Oświatowej."),
    ("Arkusz organizacyjny szkoły", "Planowanie organizacji pracy szkoły na rok szkolny."),
    ("Ewaluacja wewnętrzna", "Systematyczne badanie efektów działań."),
    ("Zarządzanie projektem", "Harmonogram, zasoby, ryzyka, odpowiedzialności."),
]


def seed(apps, schema_editor):
    SupportArea = apps.get_model("advisory", "SupportArea")
    SupportForm = apps.get_model("advisory", "SupportForm")
    ManagementTool = apps.get_model("advisory", "ManagementTool")
    for order, (name, description) in enumerate(SUPPORT_AREAS, start=1):
        SupportArea.objects.get_or_create(name=name, defaults={"description": description, "order": order})
    for order, (name, cycle_wide) in enumerate(SUPPORT_FORMS, start=1):
        SupportForm.objects.get_or_create(name=name, defaults={"is_cycle_wide": cycle_wide, "order": order})
    for name, description in MANAGEMENT_TOOLS:
        ManagementTool.objects.get_or_create(name=name, defaults={"description": description})


class Migration(migrations.Migration):
    dependencies = [("advisory", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
