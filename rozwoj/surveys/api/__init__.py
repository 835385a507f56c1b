"""Questionnaires under /api/v1/surveys/: the same access and anonymity rules as the pages.

Responses of confidential and anonymous questionnaires carry no person; an anonymous response also carries no
date and no respondent attributes (in a list of individual rows they would single people out: the results,
with their minimum group size, are the place for breakdowns). Refusals: 400/422 with {"detail", "errors"}.
"""

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from rozwoj.accounts.auth import api_auth, public_api_auth
from rozwoj.core.api import BoundedDateTime, Id, Pagination
from rozwoj.core.api_errors import ErrorOut

from ..models import (
    Anonymity,
    DistributionKind,
    InvitationStatus,
    Questionnaire,
    QuestionnaireStatus,
    Response,
)
from ..selectors.access import access_invitation, access_questionnaire, can_build, questionnaires_visible_to
from ..selectors.distribution import distribution_rows, response_rate
from ..selectors.questionnaires import (
    own_responses,
    people_by_ids,
    questionnaire_detail,
    responses_with_answers,
)
from ..selectors.respondents import waiting_for
from ..services import distribution as distribution_services
from ..services.responding import Respondent, response_submit

router = Router(tags=["surveys"], auth=api_auth)

MAX_PEOPLE = 2000


class QuestionnaireOut(Schema):
    id: int
    title: dict[str, str]
    languages: list[str]
    anonymity: Anonymity
    status: QuestionnaireStatus
    min_group_size: int
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    version: int
    is_template: bool
    owner_id: int | None
    programme_id: int | None


class QuestionOut(Schema):
    id: int
    code: str
    kind: str
    text: dict[str, str]
    help: dict[str, str]
    options: list[dict[str, Any]]
    allow_other: bool
    rows: list[dict[str, Any]]
    scale_points: int | None
    scale_labels: list[dict[str, str]]
    min_value: float | None
    max_value: float | None
    required: bool
    condition: dict[str, Any]
    since_version: int


class SectionOut(Schema):
    id: int
    order: int
    title: dict[str, str]
    description: dict[str, str]
    condition: dict[str, Any]
    questions: list[QuestionOut]


class WaveOut(Schema):
    id: int
    order: int
    label: dict[str, str]
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None


class QuestionnaireDetailOut(QuestionnaireOut):
    intro: dict[str, str]
    waves: list[WaveOut]
    sections: list[SectionOut]


class DistributionOut(Schema):
    id: int
    wave_id: int
    kind: DistributionKind
    source_label: str
    public_token: str | None
    send_at: datetime.datetime
    sent_at: datetime.datetime | None
    reminder_every_days: int
    max_reminders: int
    invited: int
    responded: int


class DistributionIn(Schema):
    """`person_ids` (at least one) for `people`; none needed for `public_link`."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"kind": {"const": DistributionKind.PEOPLE.value}}, "required": ["kind"]},
            "then": {"required": ["person_ids"], "properties": {"person_ids": {"minItems": 1}}},
        }
    )

    kind: DistributionKind
    wave_id: Id | None = None
    person_ids: list[Id] = Field(default_factory=list, max_length=MAX_PEOPLE)
    send_at: BoundedDateTime | None = None
    source_label: str = Field("", max_length=255)
    reminder_every_days: int = Field(7, ge=0, le=60)
    max_reminders: int = Field(2, ge=0, le=10)

    @model_validator(mode="after")
    def _people_for_people(self):
        if self.kind == DistributionKind.PEOPLE and not self.person_ids:
            raise PydanticCustomError("too_short", "Give the ids of the people to invite.")
        return self


class ResponseRateOut(Schema):
    invited: int
    responded: int
    rate: int | None
    responses: int


class ResponseOut(Schema):
    id: uuid.UUID
    wave_id: int
    language: str
    questionnaire_version: int
    submitted_on: datetime.date | None = None
    person_id: int | None = None
    organisation_kind: str | None = None
    local_government_kind: str | None = None
    voivodeship: str | None = None
    role: str | None = None
    answers: dict[str, Any]


class InvitationOut(Schema):
    questionnaire_id: int
    title: dict[str, str]
    status: InvitationStatus
    url: str


class AnswerIn(Schema):
    language: str = Field("", max_length=8)
    answers: dict[str, Any] = Field(
        ...,
        description='Field names of the respondent\'s form: {"q-q1": "o2", "q-q2": ["o1", "o3"], '
        '"q-q2-other": "…", "q-q3-r1": "4"}.',
    )
    panel_code: str = Field("", max_length=100)


class SubmittedOut(Schema):
    received: bool


def _visible(request, questionnaire_id: int, manage: bool = False) -> Questionnaire:
    return access_questionnaire(request.user, questionnaire_id, manage=manage)


@router.get("/questionnaires", response=list[QuestionnaireOut])
@paginate(Pagination)
def list_questionnaires(request):
    """Questionnaires the caller builds or reads (coordinators: all; experts: their own and the templates)."""
    if not can_build(request.user):
        raise PermissionDenied
    return questionnaires_visible_to(request.user).order_by("-created_at", "-id")


@router.get("/questionnaires/{int:questionnaire_id}", response=QuestionnaireDetailOut)
def get_questionnaire(request, questionnaire_id: Id):
    """One questionnaire with its waves, sections and current questions (texts per language)."""
    questionnaire = questionnaire_detail(request.user, questionnaire_id)
    questionnaire.sections_list = list(questionnaire.sections.all())
    return {
        **{field: getattr(questionnaire, field) for field in QuestionnaireOut.model_fields},
        "intro": questionnaire.intro,
        "waves": list(questionnaire.waves.all()),
        "sections": [
            {
                "id": section.pk,
                "order": section.order,
                "title": section.title,
                "description": section.description,
                "condition": section.condition,
                "questions": list(section.questions.all()),
            }
            for section in sorted(
                questionnaire.sections_list, key=lambda section: (section.order, section.pk)
            )
        ],
    }


@router.get("/questionnaires/{int:questionnaire_id}/distributions", response=list[DistributionOut])
def list_distributions(request, questionnaire_id: Id):
    questionnaire = _visible(request, questionnaire_id, manage=True)
    return distribution_rows(questionnaire)


@router.get("/questionnaires/{int:questionnaire_id}/response-rate", response=ResponseRateOut)
def get_response_rate(request, questionnaire_id: Id):
    return response_rate(_visible(request, questionnaire_id, manage=True))


@router.post(
    "/questionnaires/{int:questionnaire_id}/distributions",
    response={201: DistributionOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def create_distribution(request, questionnaire_id: Id, payload: DistributionIn):
    """Send to people (`person_ids`, personal links by e-mail at `send_at`) or make a public link. A wave that is
    not the questionnaire's, or a person who does not exist, answers 404; a template (never sent) answers 409."""
    questionnaire = _visible(request, questionnaire_id, manage=True)
    if questionnaire.is_template:
        return Status(409, {"detail": "A template is not sent: copy it and send the copy.", "errors": []})
    wave = None
    if payload.wave_id is not None:
        wave = questionnaire.waves.filter(pk=payload.wave_id).first()
        if wave is None:
            raise Http404
    if payload.kind == DistributionKind.PUBLIC_LINK:
        distribution = distribution_services.distribution_public_link(
            actor=request.user, questionnaire=questionnaire, wave=wave
        )
    else:
        people = people_by_ids(payload.person_ids)
        if len(people) != len(set(payload.person_ids)):
            raise Http404
        distribution = distribution_services.distribution_to_people(
            questionnaire,
            people,
            payload.send_at,
            payload.source_label or "API",
            "",
            request.user,
            wave=wave,
            reminder_every_days=payload.reminder_every_days,
            max_reminders=payload.max_reminders,
        )
    row = next(row for row in distribution_rows(questionnaire) if row.pk == distribution.pk)
    return Status(201, row)


def _response_out(questionnaire: Questionnaire, response: Response) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": response.pk,
        "wave_id": response.wave_id,
        "language": response.language,
        "questionnaire_version": response.questionnaire_version,
        "answers": {
            answer.question.code
            + ("" if answer.question.is_active else f"@v{answer.question.since_version}"): answer.value
            for answer in response.answers.all()
        },
    }
    if questionnaire.anonymity != Anonymity.ANONYMOUS:
        out["submitted_on"] = response.submitted_on
        out.update(
            organisation_kind=response.organisation_kind,
            local_government_kind=response.local_government_kind,
            voivodeship=response.voivodeship,
            role=response.role,
        )
    if questionnaire.anonymity == Anonymity.NAMED:
        out["person_id"] = response.person_id
    return out


@router.get("/questionnaires/{int:questionnaire_id}/responses", response=list[ResponseOut])
@paginate(Pagination)
def list_responses(request, questionnaire_id: Id):
    """Individual responses: a person only for named questionnaires; for anonymous ones no date or attributes."""
    questionnaire = _visible(request, questionnaire_id, manage=True)
    return _ResponseList(questionnaire, responses_with_answers(questionnaire))


class _ResponseList:
    """Paginated lazily: the page of responses is turned into dicts after slicing."""

    def __init__(self, questionnaire, queryset):
        self.questionnaire, self.queryset = questionnaire, queryset

    def __len__(self) -> int:
        return self.queryset.count()

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, item):
        return [_response_out(self.questionnaire, response) for response in self.queryset[item]]


@router.get("/me/invitations", response=list[InvitationOut])
def my_invitations(request):
    """The open questionnaires waiting for the caller's answers."""
    from django.urls import reverse

    waiting, _answered = waiting_for(getattr(request.user, "person", None))
    return [
        {
            "questionnaire_id": invitation.distribution.questionnaire_id,
            "title": invitation.distribution.questionnaire.title,
            "status": invitation.status,
            "url": reverse("surveys:respond", args=[invitation.token]),
        }
        for invitation in waiting
    ]


@router.get("/me/responses", response=list[ResponseOut])
def my_responses(request):
    """The caller's own named and confidential responses (anonymous ones are tied to nobody)."""
    person = getattr(request.user, "person", None)
    if person is None:
        return []
    responses = own_responses(person)[:100]
    return [
        {**_response_out(response.questionnaire, response), "submitted_on": response.submitted_on}
        for response in responses
    ]


@router.post(
    "/invitations/{token}/response",
    response={201: SubmittedOut, 400: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    auth=public_api_auth,
)
def submit_response(request, token: str, payload: AnswerIn):
    """Answer through a personal link's token (the token is the credential); each invitation answers once."""
    invitation = access_invitation(token)
    questionnaire = invitation.distribution.questionnaire
    if invitation.status == InvitationStatus.RESPONDED:
        return Status(409, {"detail": "This invitation has been answered already.", "errors": []})
    data = {key[:200]: value for key, value in list(payload.answers.items())[:2000]}
    for key, value in data.items():
        if not isinstance(value, (str, int, float, list)) or (
            isinstance(value, list) and not all(isinstance(item, (str, int, float)) for item in value)
        ):
            raise ValidationError({key: "Give a text, a number or a list of them."})
        if isinstance(value, list):
            data[key] = [str(item) for item in value[:100]]
        else:
            data[key] = str(value)
    try:
        response_submit(
            questionnaire=questionnaire,
            wave=invitation.wave,
            respondent=Respondent(invitation=invitation),
            language=payload.language,
            data=data,
            panel_code=payload.panel_code,
        )
    except ValidationError as error:
        if getattr(error, "code", None) in ("duplicate", "closed"):
            return Status(409, {"detail": " ".join(error.messages), "errors": []})
        raise
    return Status(201, {"received": True})
