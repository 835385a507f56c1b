"""The seed 000 post from writing to reading: a coordinator writes it in Polish and English with the group photo
and sends it for review; an editor schedules it; the background job publishes it; a visitor finds it in the news
filtered by category, on the programme's page and in the feed; the coordinator corrects a sentence and the post
shows "last updated"."""

import datetime

import feedparser
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.news.models import Post, PostStatus
from rozwoj.news.services import publish_due_posts
from rozwoj.news.tests.factories import png_bytes
from rozwoj.programmes.tests.factories import ProgrammeFactory

TITLE = "ERASMUS + Coaching: ponadnarodowe spotkanie trenerów"
ALT = "zdjęcie grupowe uczestników spotkania"


@pytest.mark.django_db(transaction=True)
def test_a_post_is_written_reviewed_scheduled_published_found_and_corrected(page, axe, login_as, tmp_path):
    writer = UserFactory(roles=[Role.COORDINATOR])
    editor = UserFactory(roles=[Role.COORDINATOR, Role.EDITOR])
    programme = ProgrammeFactory(
        name="Techniki coachingowe w sektorze publicznym", is_public=True, funding_programme="Erasmus+"
    )
    photo = tmp_path / "zdjecie-grupowe.png"
    photo.write_bytes(png_bytes(size=(300, 200)))

    login_as(writer)
    page.goto("/news/manage/")
    axe(page)
    page.get_by_role("link", name="Nowy wpis").click()
    axe(page)
    page.get_by_label("Kategoria").select_option(label="Projekty szkoleniowe")
    page.get_by_label("Tytuł (po polsku)").fill(TITLE)
    page.get_by_label("Wprowadzenie (po polsku)").fill(
        "W dniach 13-15 października 2021 r. KSAP gościł partnerów."
    )
    page.get_by_label("Treść (po polsku)").fill("Spotkanie zorganizowane zostało w formie hybrydowej.")
    page.get_by_label("Tytuł (po angielsku)").fill("ERASMUS+ Coaching: transnational trainers' meeting")
    page.get_by_label("Treść (po angielsku)").fill("The meeting was hybrid.")
    page.get_by_label(str(programme), exact=True).check()
    page.get_by_role("button", name="Zapisz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    axe(page)

    page.locator("input[name=photo-image]").set_input_files(str(photo))
    page.get_by_label("Tekst alternatywny").fill(ALT)
    page.get_by_label("Zdjęcie główne").check()
    page.get_by_role("button", name="Dodaj zdjęcie").click()
    expect(page.locator(".messages")).to_contain_text("Zdjęcie zostało dodane.")
    page.get_by_role("button", name="Wyślij do akceptacji").click()
    expect(page.locator(".messages")).to_contain_text("Wpis został wysłany do akceptacji.")
    axe(page)

    post = Post.objects.get(title_pl=TITLE)
    page.context.clear_cookies()
    login_as(editor)
    page.goto(f"/news/{post.pk}/manage/")
    at = timezone.localtime() + datetime.timedelta(hours=1)
    page.get_by_label("Opublikuj o").fill(at.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Zaplanuj").click()
    expect(page.locator(".messages")).to_contain_text("Publikacja wpisu została zaplanowana.")
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED
    assert publish_due_posts(timezone.now() + datetime.timedelta(hours=2)) == 1

    page.context.clear_cookies()
    page.goto("/news/?category=training-projects")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    axe(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("img", name=ALT)).to_be_visible()
    expect(page.get_by_role("link", name="This post in English")).to_be_visible()
    axe(page)
    page.goto(f"/programmes/{programme.pk}/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    axe(page)
    feed = feedparser.parse(page.request.get("/news/feed/rss/").body())
    assert [entry.title for entry in feed.entries] == [TITLE]

    login_as(writer)
    page.goto(f"/news/{post.pk}/edit/")
    page.get_by_label("Treść (po polsku)").fill(
        "Spotkanie zorganizowane zostało w formie hybrydowej (stacjonarnie i online)."
    )
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator(".messages")).to_contain_text("Wpis został zapisany.")
    page.context.clear_cookies()
    page.goto(f"/news/{post.pk}/")
    expect(page.locator(".news-updated")).to_contain_text("Ostatnia aktualizacja:")
    expect(page.locator(".prose")).to_contain_text("stacjonarnie i online")
    axe(page)
