"""Reading HDRs: who may see and edit a draft, the public gallery (full-text search through the site search
index, filters), similar published HDRs."""

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from rozwoj.core.search.text import fts5_query, query_terms, tsquery
from rozwoj.people.selectors import local_governments_of

from ..models import Engagement, Hdr, HdrAction, HdrComment, HdrStatus, HdrVersion
from .access import can_work_on, engagements_visible_to

GALLERY_KIND = "hdr"


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def is_local_government_member_of(user, engagement: Engagement) -> bool:
    """A member of the engagement's local-government team (by their person record) or of its unit's office."""
    if not _authenticated(user):
        return False
    if engagement.members.filter(person__user=user).exists():
        return True
    return user.has_role("local_government_member") and (
        local_governments_of(user).filter(pk=engagement.local_government_id).exists()
    )


def can_edit_hdr(user, engagement: Engagement) -> bool:
    """Coordinators, the engagement's two advisers and its local-government team draft the HDR."""
    return can_work_on(user, engagement) or is_local_government_member_of(user, engagement)


def can_approve_hdr(user, engagement: Engagement) -> bool:
    """The local government's team approves its own HDR (neither the advisers nor coordinators do)."""
    return is_local_government_member_of(user, engagement)


def can_publish_hdr(user) -> bool:
    return _authenticated(user) and user.is_coordinator


def hdrs_visible_to(user) -> QuerySet[Hdr]:
    """Published HDRs for everyone; drafts for those who see their engagement."""
    published = Q(status=HdrStatus.PUBLISHED)
    if not _authenticated(user):
        return Hdr.objects.filter(published)
    if user.is_coordinator:
        return Hdr.objects.all()
    return Hdr.objects.filter(published | Q(engagement__in=engagements_visible_to(user)))


def _engagement_related(queryset):
    return queryset.select_related(
        "engagement__call__programme",
        "engagement__local_government__voivodeship",
        "engagement__support_area",
        "engagement__ros_expert__person",
        "engagement__pro_expert__person",
    )


def access_hdr(user, pk: int, *, edit: bool = False) -> Hdr:
    from django.core.exceptions import PermissionDenied

    hdr = _engagement_related(hdrs_visible_to(user)).filter(pk=pk).first()
    if hdr is None:
        raise Http404
    if edit and not can_edit_hdr(user, hdr.engagement):
        raise PermissionDenied
    return hdr


def access_public_hdr(pk: int) -> Hdr:
    hdr = _engagement_related(Hdr.objects.filter(status=HdrStatus.PUBLISHED)).filter(pk=pk).first()
    if hdr is None:
        raise Http404
    return hdr


def access_action(user, pk: int, *, edit: bool = False) -> HdrAction:
    from django.core.exceptions import PermissionDenied

    action = (
        HdrAction.objects.filter(hdr__in=hdrs_visible_to(user))
        .select_related(
            "hdr__engagement__call",
            "hdr__engagement__local_government",
            "priority",
            "source_recommendation__debate",
        )
        .filter(pk=pk)
        .first()
    )
    if action is None:
        raise Http404
    if edit and not can_edit_hdr(user, action.hdr.engagement):
        raise PermissionDenied
    return action


def hdr_of(engagement: Engagement) -> Hdr | None:
    """The engagement's HDR, or None before one is started (the caller has already checked access)."""
    return Hdr.objects.filter(engagement=engagement).first()


def hdr_comments(hdr: Hdr) -> list[HdrComment]:
    """The HDR's comments, oldest first, with their authors and versions (the caller has checked access)."""
    return list(hdr.comments.select_related("author", "version").order_by("created_at", "id"))


def hdr_versions(hdr: Hdr) -> list[HdrVersion]:
    """The HDR's versions, newest first, without their content."""
    return list(hdr.versions.select_related("author").defer("content").order_by("-number"))


def published_action(pk_text: str) -> HdrAction | None:
    """An action of a published HDR, by the id a form sent (None for anything that is not such an id)."""
    if not (pk_text.isdigit() and len(pk_text) < 12):
        return None
    return (
        HdrAction.objects.filter(hdr__status=HdrStatus.PUBLISHED, pk=int(pk_text))
        .select_related("hdr__engagement__local_government")
        .first()
    )


def hdr_actions(hdr: Hdr) -> list[HdrAction]:
    return list(
        hdr.actions.select_related(
            "priority", "management_tool", "source_action__hdr", "source_recommendation__debate"
        ).order_by("order", "id")
    )


# --- the public gallery ----------------------------------------------------------------------------------


def matching_hdr_ids(query: str) -> list[int] | None:
    """The published HDRs whose indexed text matches `query` (Polish words, accents and endings folded), best
    first; None when the query has no words (no text filter)."""
    terms = query_terms(query or "")
    if not terms:
        return None
    if connection.vendor == "postgresql":
        sql = (
            "SELECT e.object_id FROM core_searchentry e, to_tsquery('simple', unaccent(%s)) AS q(query)"
            " WHERE e.kind = %s AND e.vector @@ q.query ORDER BY ts_rank(e.vector, q.query) DESC, e.object_id"
        )
        params = [tsquery(terms), GALLERY_KIND]
    else:
        sql = (
            "SELECT e.object_id FROM core_searchentry_fts JOIN core_searchentry e"
            " ON e.id = core_searchentry_fts.rowid WHERE core_searchentry_fts MATCH %s AND e.kind = %s"
            " ORDER BY bm25(core_searchentry_fts, 8.0, 1.0), e.object_id"
        )
        params = [fts5_query(terms), GALLERY_KIND]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        seen: dict[int, None] = {}
        for (object_id,) in cursor.fetchall():
            seen.setdefault(object_id, None)
    return list(seen)


def gallery_ids(*, query: str = "", kind: str = "", voivodeship: int | None = None, area: int | None = None):
    """The ids of the published HDRs found, in order: by relevance when searched, else by local government.
    Only numbers: the page shown then loads its HDRs with `hdrs_by_ids`."""
    hdrs = Hdr.objects.filter(status=HdrStatus.PUBLISHED)
    if kind:
        hdrs = hdrs.filter(engagement__local_government__kind=kind)
    if voivodeship:
        hdrs = hdrs.filter(engagement__local_government__voivodeship_id=voivodeship)
    if area:
        hdrs = hdrs.filter(engagement__support_area_id=area)
    ids = matching_hdr_ids(query)
    if ids is None:
        return list(hdrs.order_by("engagement__local_government__name", "id").values_list("pk", flat=True))
    if not ids:
        return []
    if kind or voivodeship or area:
        allowed = set(hdrs.values_list("pk", flat=True))
        return [pk for pk in ids if pk in allowed]
    return ids  # the index holds only published HDRs


def hdrs_by_ids(ids) -> list[Hdr]:
    """These published HDRs with what the gallery shows of them, in the order of `ids`."""
    ids = list(ids)
    found = {
        hdr.pk: hdr
        for hdr in _engagement_related(Hdr.objects.filter(status=HdrStatus.PUBLISHED, pk__in=ids)).annotate(
            action_count=Count("actions")
        )
    }
    return [found[pk] for pk in ids if pk in found]


def gallery(**filters) -> list[Hdr]:
    """All published HDRs found (for the API and tests; the page shows them a page at a time)."""
    return hdrs_by_ids(gallery_ids(**filters))


def similar_hdrs(hdr: Hdr, limit: int = 5) -> list[Hdr]:
    """Published HDRs of the same support area (first those of the same type of local government)."""
    engagement = hdr.engagement
    if not engagement.support_area_id:
        return []
    candidates = (
        _engagement_related(
            Hdr.objects.filter(
                status=HdrStatus.PUBLISHED, engagement__support_area_id=engagement.support_area_id
            )
        )
        .exclude(pk=hdr.pk)
        .prefetch_related(
            Prefetch("actions", queryset=HdrAction.objects.order_by("order", "id"), to_attr="action_list")
        )
        .order_by("-published_at", "id")[:50]
    )
    same_kind = engagement.local_government.kind
    ranked = sorted(candidates, key=lambda other: other.engagement.local_government.kind != same_kind)
    return ranked[:limit]
