"""API of the development action schedules (HDR): published HDRs for everyone; drafts, their actions, comments
and versions, and the writes (context and goals, actions, comments, versions, submission, return to drafting,
approval, publication, withdrawal from the gallery) for those who may see and draft them, with the same rules as
the pages. A save carries the `revision` it read: an older one answers 409."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from rozwoj.accounts.auth import public_api_auth
from rozwoj.core.api import Id, Pagination
from rozwoj.core.api_errors import ErrorOut

from .api import router
from .models import ActionOrigin, HdrStatus, ManagementTool, Priority
from .selectors import hdr as selectors
from .selectors.access import access_engagement
from .services import hdr as services


class HdrActionOut(Schema):
    id: int
    revision: int
    priority_id: int | None
    title: str
    description: str
    owner: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    resources: str
    expected_effect: str
    indicator: str
    baseline: str
    target: str
    management_tool: str | None
    origin: ActionOrigin
    source_action_id: int | None
    source_label: str

    @staticmethod
    def resolve_management_tool(obj) -> str | None:
        return obj.management_tool.name if obj.management_tool_id else None


class HdrOut(Schema):
    id: int
    engagement_id: int
    revision: int
    title: str
    context: str
    goals: list[str]
    status: HdrStatus
    local_government: str
    local_government_kind: str
    support_area: str | None
    approved_at: datetime.datetime | None
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_goals(obj) -> list[str]:
        return obj.goal_list()

    @staticmethod
    def resolve_local_government(obj) -> str:
        return obj.engagement.local_government.display_name

    @staticmethod
    def resolve_local_government_kind(obj) -> str:
        return obj.engagement.local_government.kind

    @staticmethod
    def resolve_support_area(obj) -> str | None:
        return obj.engagement.support_area.name if obj.engagement.support_area_id else None


class HdrIn(Schema):
    revision: int = Field(..., ge=1, le=2_000_000_000, description="The revision the caller read.")
    title: str | None = Field(None, max_length=255)
    context: str | None = Field(None, max_length=20000)
    goals: str | None = Field(None, max_length=10000, description="One goal per line.")


class HdrActionIn(Schema):
    title: str = Field(..., max_length=255)
    priority_id: int | None = Field(None, ge=1, le=2_000_000_000)
    description: str = Field("", max_length=5000)
    owner: str = Field("", max_length=200)
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    resources: str = Field("", max_length=2000)
    expected_effect: str = Field("", max_length=2000)
    indicator: str = Field("", max_length=255)
    baseline: str = Field("", max_length=100)
    target: str = Field("", max_length=100)
    management_tool_id: int | None = Field(None, ge=1, le=2_000_000_000)
    revision: int | None = Field(None, ge=1, le=2_000_000_000, description="For a change: the revision read.")


class HdrCommentOut(Schema):
    id: int
    text: str
    version: int | None
    author: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_version(obj) -> int | None:
        return obj.version.number if obj.version_id else None

    @staticmethod
    def resolve_author(obj) -> str:
        return _person(obj.author)


class HdrCommentIn(Schema):
    text: str = Field(..., max_length=5000)


class HdrVersionOut(Schema):
    number: int
    comment: str
    author: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_author(obj) -> str:
        return _person(obj.author)


class HdrVersionIn(Schema):
    comment: str = Field("", max_length=2000, description="What changed (optional).")


class HdrReturnIn(Schema):
    comment: str = Field("", max_length=5000, description="Why it goes back to drafting (kept as a comment).")


def _person(user) -> str:
    """The author as the HDR page names them."""
    if user is None:
        return ""
    return user.get_full_name() or str(user)


class ProblemOut(Schema):
    message: str
    action_id: int | None


def _action_data(hdr, payload: HdrActionIn) -> dict:
    data = payload.dict()
    data.pop("revision")
    priority_id, tool_id = data.pop("priority_id"), data.pop("management_tool_id")
    data["priority"] = (
        Priority.objects.filter(pk=priority_id, engagement_id=hdr.engagement_id).first()
        if priority_id
        else None
    )
    if priority_id and data["priority"] is None:
        raise ValidationError({"priority_id": [_("Choose one of this engagement's priorities.")]})
    data["management_tool"] = ManagementTool.objects.filter(pk=tool_id).first() if tool_id else None
    if tool_id and data["management_tool"] is None:
        raise ValidationError({"management_tool_id": [_("Choose a management tool in use.")]})
    return data


def _conflict(conflict: services.HdrConflict):
    return Status(
        409, {"detail": _("Someone saved this since you read it; read it again and repeat your change.")}
    )


@router.get("/hdr", response=list[HdrOut], auth=public_api_auth)
@paginate(Pagination)
def list_published_hdrs(request, q: str = "", kind: str = "", area: int | None = None):
    """Published HDRs (the gallery), optionally searched in full text and filtered."""
    ids = selectors.gallery_ids(query=q[:200], kind=kind[:30], area=area if area and area < 2**31 else None)
    return _LazyHdrs(ids)


class _LazyHdrs(Sequence):
    """The HDRs found, loaded only for the page sliced out of them."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return selectors.hdrs_by_ids(self.ids[index])
        return selectors.hdrs_by_ids([self.ids[index]])[0]


@router.get("/hdr/{int:hdr_id}", response=HdrOut, auth=public_api_auth)
def get_hdr(request, hdr_id: Id):
    """A published HDR; a draft for those who see its engagement."""
    return selectors.access_hdr(request.user, hdr_id)


@router.get("/hdr/{int:hdr_id}/actions", response=list[HdrActionOut], auth=public_api_auth)
def list_hdr_actions(request, hdr_id: Id):
    return selectors.hdr_actions(selectors.access_hdr(request.user, hdr_id))


@router.get("/hdr/{int:hdr_id}/check", response=list[ProblemOut], auth=public_api_auth)
def check_hdr(request, hdr_id: Id):
    """What is incomplete before submission."""
    return services.hdr_check(selectors.access_hdr(request.user, hdr_id))


@router.get("/engagements/{int:engagement_id}/hdr", response={200: HdrOut, 404: ErrorOut})
def get_engagement_hdr(request, engagement_id: Id):
    """The engagement's HDR (404 while none is started)."""
    engagement = access_engagement(request.user, engagement_id)
    hdr = getattr(engagement, "hdr", None)
    if hdr is None:
        return Status(404, {"detail": _("This engagement has no HDR yet.")})
    return selectors.access_hdr(request.user, hdr.pk)


@router.post(
    "/engagements/{int:engagement_id}/hdr",
    response={201: HdrOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def start_hdr(request, engagement_id: Id):
    """Start the engagement's HDR (or return the existing one)."""
    hdr = services.hdr_start(actor=request.user, engagement=access_engagement(request.user, engagement_id))
    return Status(201, selectors.access_hdr(request.user, hdr.pk))


@router.patch(
    "/hdr/{int:hdr_id}", response={200: HdrOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}
)
def update_hdr(request, hdr_id: Id, payload: HdrIn):
    """Change the title, context or goals of a draft; `revision` must be the current one."""
    hdr = selectors.access_hdr(request.user, hdr_id, edit=True)
    data = {key: value for key, value in payload.dict().items() if value is not None and key != "revision"}
    try:
        services.hdr_update(actor=request.user, hdr=hdr, data=data, revision=payload.revision)
    except services.HdrConflict as conflict:
        return _conflict(conflict)
    return selectors.access_hdr(request.user, hdr_id)


@router.post(
    "/hdr/{int:hdr_id}/actions", response={201: HdrActionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def create_hdr_action(request, hdr_id: Id, payload: HdrActionIn):
    hdr = selectors.access_hdr(request.user, hdr_id, edit=True)
    action = services.action_create(actor=request.user, hdr=hdr, data=_action_data(hdr, payload))
    return Status(201, action)


@router.put(
    "/hdr-actions/{int:action_id}",
    response={200: HdrActionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def update_hdr_action(request, action_id: Id, payload: HdrActionIn):
    """Replace an action of a draft; `revision` must be the action's current one."""
    action = selectors.access_action(request.user, action_id, edit=True)
    data = _action_data(action.hdr, payload)
    try:
        services.action_update(actor=request.user, action=action, data=data, revision=payload.revision or 0)
    except services.HdrConflict as conflict:
        return _conflict(conflict)
    action.refresh_from_db()
    return action


@router.delete(
    "/hdr-actions/{int:action_id}", response={204: None, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def delete_hdr_action(request, action_id: Id):
    services.action_delete(
        actor=request.user, action=selectors.access_action(request.user, action_id, edit=True)
    )
    return Status(204, None)


def _transition(request, hdr_id: int, run, *, edit: bool):
    hdr = selectors.access_hdr(request.user, hdr_id, edit=edit)
    run(hdr)
    return selectors.access_hdr(request.user, hdr_id)


@router.post("/hdr/{int:hdr_id}/submit", response={200: HdrOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
def submit_hdr(request, hdr_id: Id):
    """Submit a complete draft to the local government's team (400 lists what is incomplete)."""
    return _transition(
        request, hdr_id, lambda hdr: services.hdr_submit(actor=request.user, hdr=hdr), edit=True
    )


@router.post("/hdr/{int:hdr_id}/return", response={200: HdrOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
def return_hdr(request, hdr_id: Id, payload: HdrReturnIn):
    """Send a submitted HDR back to drafting, with a comment why (400 unless it is submitted)."""
    return _transition(
        request,
        hdr_id,
        lambda hdr: services.hdr_return(actor=request.user, hdr=hdr, comment=payload.comment),
        edit=True,
    )


@router.post("/hdr/{int:hdr_id}/approve", response={200: HdrOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
def approve_hdr(request, hdr_id: Id):
    """The local government's team approves a submitted HDR."""
    return _transition(
        request, hdr_id, lambda hdr: services.hdr_approve(actor=request.user, hdr=hdr), edit=False
    )


@router.post("/hdr/{int:hdr_id}/publish", response={200: HdrOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
def publish_hdr(request, hdr_id: Id):
    """A coordinator publishes an approved HDR."""
    return _transition(
        request, hdr_id, lambda hdr: services.hdr_publish(actor=request.user, hdr=hdr), edit=False
    )


@router.post(
    "/hdr/{int:hdr_id}/unpublish", response={200: HdrOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def unpublish_hdr(request, hdr_id: Id):
    """A coordinator withdraws a published HDR from the gallery (it is approved again)."""
    return _transition(
        request, hdr_id, lambda hdr: services.hdr_unpublish(actor=request.user, hdr=hdr), edit=False
    )


# --- comments and versions (for those who see the engagement, as on the HDR page) ------------------------


def _engagement_hdr(request, hdr_id: int, *, edit: bool = False):
    """The HDR if its engagement is seen by the caller: a published HDR's comments and versions are not public."""
    hdr = selectors.access_hdr(request.user, hdr_id, edit=edit)
    access_engagement(request.user, hdr.engagement_id)
    return hdr


@router.get("/hdr/{int:hdr_id}/comments", response={200: list[HdrCommentOut], 404: ErrorOut})
def list_hdr_comments(request, hdr_id: Id):
    """The comments on the HDR, oldest first."""
    return selectors.hdr_comments(_engagement_hdr(request, hdr_id))


@router.post(
    "/hdr/{int:hdr_id}/comments",
    response={201: HdrCommentOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def create_hdr_comment(request, hdr_id: Id, payload: HdrCommentIn):
    """Comment on the HDR (those who draft it)."""
    hdr = _engagement_hdr(request, hdr_id, edit=True)
    return Status(201, services.comment_add(actor=request.user, hdr=hdr, text=payload.text))


@router.get("/hdr/{int:hdr_id}/versions", response={200: list[HdrVersionOut], 404: ErrorOut})
def list_hdr_versions(request, hdr_id: Id):
    """The saved versions of the HDR, newest first."""
    return selectors.hdr_versions(_engagement_hdr(request, hdr_id))


@router.post(
    "/hdr/{int:hdr_id}/versions",
    response={201: HdrVersionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def create_hdr_version(request, hdr_id: Id, payload: HdrVersionIn):
    """Save the HDR's current content as a version (those who draft it)."""
    hdr = _engagement_hdr(request, hdr_id, edit=True)
    return Status(201, services.version_save(actor=request.user, hdr=hdr, comment=payload.comment))
