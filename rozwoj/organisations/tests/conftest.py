import pytest

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import user_with_role

HEADER = "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA"

# A small slice of the real TERC file: Mazowieckie with Warszawa, powiat miński (Sulejówek) and Łódzkie.
SMALL_TERC_ROWS = [
    "10;;;;ŁÓDZKIE;województwo;2025-01-01",
    "10;61;;;Łódź;miasto na prawach powiatu;2025-01-01",
    "10;61;01;1;Łódź;gmina miejska;2025-01-01",
    "10;61;01;9;Łódź-Bałuty;delegatura;2025-01-01",
    "14;;;;MAZOWIECKIE;województwo;2025-01-01",
    "14;12;;;miński;powiat;2025-01-01",
    "14;12;01;1;Mińsk Mazowiecki;gmina miejska;2025-01-01",
    "14;12;02;1;Sulejówek;gmina miejska;2025-01-01",
    "14;12;03;2;Cegłów;gmina wiejska;2025-01-01",
    "14;12;09;3;Kałuszyn;gmina miejsko-wiejska;2025-01-01",
    "14;12;09;4;Kałuszyn;miasto;2025-01-01",
    "14;12;09;5;Kałuszyn;obszar wiejski;2025-01-01",
    "14;65;;;Warszawa;miasto stołeczne, na prawach powiatu;2025-01-01",
    "14;65;01;1;Warszawa;gmina miejska, miasto stołeczne;2025-01-01",
    "14;65;02;8;Bemowo;dzielnica;2025-01-01",
]


def terc_text(rows, header=HEADER, bom=True) -> str:
    return ("\ufeff" if bom else "") + "\r\n".join([header, *rows]) + "\r\n\r\n"


@pytest.fixture
def terc_file(tmp_path):
    """Write a TERC CSV (UTF-8 with BOM, CRLF, ';') and return its path."""

    def write(rows=SMALL_TERC_ROWS, name="terc.csv", **kwargs):
        path = tmp_path / name
        path.write_bytes(terc_text(rows, **kwargs).encode("utf-8"))
        return path

    return write


@pytest.fixture
def small_registry(db, terc_file):
    from rozwoj.organisations.services import teryt_import

    teryt_import(terc_file())


@pytest.fixture
def coordinator(db):
    return user_with_role(Role.COORDINATOR)


@pytest.fixture
def expert(db):
    return user_with_role(Role.EXPERT)


@pytest.fixture
def administrator(db):
    return user_with_role(Role.ADMINISTRATOR)
