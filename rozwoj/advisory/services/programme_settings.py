"""A programme's words for the advisory cycle: the names of the two adviser roles, the stages renamed or off."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rozwoj.accounts.permissions import require_coordinator
from rozwoj.core.audit import log_action
from rozwoj.programmes.models import Programme

from ..models import AdvisorySettings, ProgrammeStage, StageKind

NAME_MAX = 150
STAGE_NAME_MAX = 200


def _clean(value: Any, limit: int, field: str, errors: dict[str, list[str]]) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > limit:
        errors.setdefault(field, []).append(_("Use at most %(limit)d characters.") % {"limit": limit})
    return text


def programme_settings_save(
    *, actor, programme: Programme, ros_role_name: str, pro_role_name: str, stages: dict[int, dict[str, Any]]
) -> AdvisorySettings:
    """Save the two role names (empty: the default) and, per stage kind, {"name": str, "enabled": bool}.
    At least one stage stays in use, and the two roles keep different names."""
    require_coordinator(actor)
    errors: dict[str, list[str]] = {}
    ros = _clean(ros_role_name, NAME_MAX, "ros_role_name", errors)
    pro = _clean(pro_role_name, NAME_MAX, "pro_role_name", errors)
    if ros and pro and ros.casefold() == pro.casefold():
        errors.setdefault("pro_role_name", []).append(_("The two adviser roles need different names."))
    unknown = set(stages) - set(StageKind.values)
    if unknown:
        errors.setdefault("stages", []).append(_("Unknown stage."))
    cleaned = {
        kind: (
            _clean(stages.get(kind, {}).get("name"), STAGE_NAME_MAX, f"stage_{kind}_name", errors),
            bool(stages.get(kind, {}).get("enabled", True)),
        )
        for kind in StageKind.values
    }
    if not any(enabled for _name, enabled in cleaned.values()):
        errors.setdefault("stages", []).append(_("Keep at least one stage in use."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        settings, _created = AdvisorySettings.objects.update_or_create(
            programme=programme, defaults={"ros_role_name": ros, "pro_role_name": pro}
        )
        for kind, (name, enabled) in cleaned.items():
            ProgrammeStage.objects.update_or_create(
                programme=programme, kind=kind, defaults={"name": name, "is_enabled": enabled}
            )
        log_action(
            actor,
            programme,
            "advisory.programme_settings",
            {
                "roles": [ros, pro],
                "stages_off": [kind for kind, (_n, enabled) in cleaned.items() if not enabled],
            },
        )
    return settings
