"""Sections of other apps' pages (rozwoj.core.related): the chapters describing a technique on its page, and the
programme's handbook on the programme's page. Coaching and programmes never import this app."""

from rozwoj.core.related import register_section

from .selectors import chapters_describing, handbooks_visible_to, published_handbooks


def technique_chapters(request, technique):
    chapters = chapters_describing(technique, request.user)
    if not chapters:
        return None
    for chapter in chapters:
        chapter.public = chapter.handbook.is_published and chapter.status == "approved"
    return {"chapters": chapters}


def programme_handbook(request, programme):
    handbook = handbooks_visible_to(request.user).filter(programme=programme).first()
    if handbook is not None:
        return {"handbook": handbook, "working": True}
    handbook = published_handbooks().filter(programme=programme).first()
    if handbook is not None:
        return {"handbook": handbook, "working": False}
    if getattr(request.user, "is_authenticated", False) and request.user.is_coordinator:
        return {"handbook": None, "programme": programme}
    return None


def register() -> None:
    register_section(
        "coaching.technique",
        key="handbook_chapters",
        template="handbooks/related/technique.html",
        context=technique_chapters,
        order=60,
    )
    register_section(
        "programmes.programme",
        key="handbook",
        template="handbooks/related/programme.html",
        context=programme_handbook,
        order=40,
    )
