import pytest
from django.core.management import CommandError, call_command

from rozwoj.core.collation import polish_sort_key
from rozwoj.organisations.models import LocalGovernment, LocalGovernmentKind
from rozwoj.organisations.selectors import voivodeships
from rozwoj.organisations.services import DEFAULT_TERC_FILE, TercImportError, normalise_name, teryt_import

from .conftest import SMALL_TERC_ROWS

pytestmark = pytest.mark.django_db


def test_small_file_loads_units_with_kinds_parents_and_voivodeship(terc_file):
    result = teryt_import(terc_file())

    assert (result.created, result.updated, result.unchanged) == (11, 0, 0)
    assert result.skipped == 4  # Kałuszyn town and rural parts, Bemowo, Łódź-Bałuty
    units = {lg.terc: lg for lg in LocalGovernment.objects.select_related("parent", "voivodeship")}
    assert set(units) == {
        "10",
        "1061",
        "1061011",
        "14",
        "1412",
        "1412011",
        "1412021",
        "1412032",
        "1412093",
        "1465",
        "1465011",
    }
    assert units["14"].kind == LocalGovernmentKind.VOIVODESHIP
    assert units["14"].parent is None
    assert units["14"].voivodeship is None
    assert units["1412"].kind == LocalGovernmentKind.POWIAT
    assert units["1465"].kind == LocalGovernmentKind.CITY_WITH_POWIAT_RIGHTS  # Warszawa
    assert units["1061"].kind == LocalGovernmentKind.CITY_WITH_POWIAT_RIGHTS
    assert units["1412021"].kind == LocalGovernmentKind.URBAN_GMINA
    assert units["1412032"].kind == LocalGovernmentKind.RURAL_GMINA
    assert units["1412093"].kind == LocalGovernmentKind.URBAN_RURAL_GMINA
    sulejowek = units["1412021"]
    assert sulejowek.parent.terc == "1412"
    assert sulejowek.voivodeship.terc == "14"
    assert units["1412"].parent.terc == "14"
    assert units["1412"].voivodeship.terc == "14"
    assert sulejowek.name_search == "sulejowek"
    assert units["1061"].name_search == "lodz"
    assert str(sulejowek.registry_date) == "2025-01-01"


def test_second_run_changes_nothing(terc_file):
    path = terc_file()
    teryt_import(path)
    before = list(LocalGovernment.objects.values_list("pk", "terc", "name", "kind", "parent_id"))

    result = teryt_import(path)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 11)
    assert list(LocalGovernment.objects.values_list("pk", "terc", "name", "kind", "parent_id")) == before


def test_newer_file_updates_names_and_keeps_units_it_no_longer_lists(terc_file):
    teryt_import(terc_file())
    newer = [
        row.replace("Cegłów;gmina wiejska;2025-01-01", "Cegłów Nowy;gmina wiejska;2026-01-01")
        for row in SMALL_TERC_ROWS
        if "Mińsk Mazowiecki" not in row
    ]

    result = teryt_import(terc_file(newer, name="newer.csv"))

    assert result.created == 0
    assert result.updated == 1
    assert result.absent == 1
    ceglow = LocalGovernment.objects.get(terc="1412032")
    assert ceglow.name == "Cegłów Nowy"
    assert ceglow.name_search == "ceglow nowy"
    assert str(ceglow.registry_date) == "2026-01-01"
    assert LocalGovernment.objects.filter(terc="1412011").exists()


def test_import_corrects_a_kind_and_a_parent_stored_earlier(terc_file):
    teryt_import(terc_file())
    LocalGovernment.objects.filter(terc="1412032").update(kind=LocalGovernmentKind.URBAN_GMINA, name="Ceglow")
    LocalGovernment.objects.filter(terc="1465").update(kind=LocalGovernmentKind.POWIAT)

    result = teryt_import(terc_file())

    assert (result.created, result.updated, result.unchanged) == (0, 2, 9)
    ceglow = LocalGovernment.objects.get(terc="1412032")
    assert (ceglow.kind, ceglow.name) == (LocalGovernmentKind.RURAL_GMINA, "Cegłów")
    assert LocalGovernment.objects.get(terc="1465").kind == LocalGovernmentKind.CITY_WITH_POWIAT_RIGHTS


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ("14;12;05;7;Dziwna;gmina;2025-01-01", "unknown_rodz"),
        ("1X;;;;ZŁE;województwo;2025-01-01", "bad_code"),
        ("14;1;;;krótki;powiat;2025-01-01", "bad_code"),
        ("14;12;05;2;Bez daty;gmina wiejska;01.01.2025", "bad_date"),
        ("14;12;05;2;Za mało;gmina wiejska", "column_count"),
        ("14;12;05;2;Za dużo;gmina wiejska;2025-01-01;x", "column_count"),
        ("14;13;01;2;Sierota;gmina wiejska;2025-01-01", "missing_parent"),
        ("16;01;;;brzeski;powiat;2025-01-01", "missing_parent"),
        ("14;12;02;1;Sulejówek;gmina miejska;2025-01-01", "duplicate"),
        ("14;12;05;2;;gmina wiejska;2025-01-01", "missing_name"),
        ("14;12;05;2;Zł\x00a;gmina wiejska;2025-01-01", "control_character"),
        ("14;12;05;2;Tab\tulator;gmina wiejska;2025-01-01", "control_character"),
    ],
)
def test_a_bad_row_is_reported_with_its_line_and_nothing_is_written(terc_file, row, code):
    rows = [*SMALL_TERC_ROWS, row]
    with pytest.raises(TercImportError) as caught:
        teryt_import(terc_file(rows))

    assert [(e.line, e.code) for e in caught.value.errors] == [(len(rows) + 1, code)]
    assert not LocalGovernment.objects.exists()


def test_every_bad_row_is_listed_by_the_command_and_nothing_changes(terc_file):
    teryt_import(terc_file())
    before = list(LocalGovernment.objects.values_list("terc", "name"))
    rows = list(SMALL_TERC_ROWS)
    rows[1] = "10;61;;;Łódź zmieniona;miasto na prawach powiatu;2025-01-01"  # a valid change on line 3 ...
    rows[6] = "14;12;01;7;Mińsk Mazowiecki;gmina miejska;2025-01-01"  # line 8: unknown RODZ
    rows[8] = "14;12;03;2;Cegłów;gmina wiejska;2025-13-01"  # line 10: bad date

    with pytest.raises(CommandError) as caught:
        call_command("import_teryt", str(terc_file(rows, name="bad.csv")))

    message = str(caught.value)
    assert "8" in message
    assert "10" in message
    assert "2025-13-01" in message
    assert "RODZ" in message
    assert list(LocalGovernment.objects.values_list("terc", "name")) == before  # ... was not written


def test_a_wrong_header_is_refused(terc_file):
    with pytest.raises(TercImportError) as caught:
        teryt_import(terc_file(header="A;B;C"))
    assert caught.value.errors[0].line == 1


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_teryt", str(tmp_path / "nope.csv"))


def test_file_object_and_no_bom_are_accepted(terc_file):
    path = terc_file(bom=False)
    with path.open("rb") as handle:
        result = teryt_import(handle)
    assert result.created == 11


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Łódź", "lodz"), ("ŚWIĘTOKRZYSKIE", "swietokrzyskie"), ("Sulejówek", "sulejowek"), ("Żółć", "zolc")],
)
def test_normalise_name(name, expected):
    assert normalise_name(name) == expected


def test_full_shipped_file_counts(capsys):
    call_command("import_teryt")

    counts = dict(
        (kind, LocalGovernment.objects.filter(kind=kind).count()) for kind in LocalGovernmentKind.values
    )
    assert counts == {
        "voivodeship": 16,
        "powiat": 314,
        "city_powiat": 66,
        "urban_gmina": 302,
        "rural_gmina": 1459,
        "urban_rural_gmina": 718,
    }
    assert LocalGovernment.objects.count() == 16 + 380 + 2479
    assert not LocalGovernment.objects.exclude(kind="voivodeship").filter(voivodeship__isnull=True).exists()
    assert not LocalGovernment.objects.exclude(kind="voivodeship").filter(parent__isnull=True).exists()
    assert LocalGovernment.objects.get(terc="1465").name == "Warszawa"
    assert LocalGovernment.objects.get(terc="1465011").parent.terc == "1465"
    assert (
        LocalGovernment.objects.filter(
            terc__startswith="14", kind__in=["urban_gmina", "rural_gmina", "urban_rural_gmina"]
        ).count()
        == 314
    )
    assert "2875" in capsys.readouterr().out
    # GUS numbers the voivodeships in the order of the Polish alphabet: the filters list them by code.
    names = [v.display_name for v in voivodeships()]
    assert names == sorted(names, key=polish_sort_key)
    assert names.index("Łódzkie") == names.index("Lubuskie") + 1

    result = teryt_import(DEFAULT_TERC_FILE)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2875)


def test_a_file_that_is_not_utf8_is_refused_with_the_line(tmp_path):
    path = tmp_path / "cp1250.csv"
    text = "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\r\n" + "\r\n".join(SMALL_TERC_ROWS[:5])
    path.write_bytes(text.encode("cp1250"))
    with pytest.raises(TercImportError) as caught:
        teryt_import(path)
    assert [(e.line, e.code) for e in caught.value.errors] == [(2, "encoding")]
    assert not LocalGovernment.objects.exists()
