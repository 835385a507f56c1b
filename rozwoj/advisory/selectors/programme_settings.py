"""Reading a programme's words for the advisory cycle (the screens that edit them and the pages that use them)."""

from ..models import AdviserRole, AdvisorySettings, ProgrammeStage, StageKind


def programme_settings(programme) -> dict:
    """The role names as stored (empty: default) with the defaults, and every stage with its name and switch."""
    settings = AdvisorySettings.objects.filter(programme=programme).first()
    stored = {row.kind: row for row in ProgrammeStage.objects.filter(programme=programme)}
    return {
        "ros_role_name": settings.ros_role_name if settings else "",
        "pro_role_name": settings.pro_role_name if settings else "",
        "ros_default": str(AdviserRole.ROS.label),
        "pro_default": str(AdviserRole.PRO.label),
        "stages": [
            {
                "kind": kind,
                "default": str(StageKind(kind).label),
                "name": stored[kind].name if kind in stored else "",
                "enabled": stored[kind].is_enabled if kind in stored else True,
            }
            for kind in StageKind.values
        ],
    }


def stage_names(programme_id: int) -> list[tuple[int, str]]:
    """The stages a programme uses, in order, with its names for them (one query)."""
    stored = {row.kind: row for row in ProgrammeStage.objects.filter(programme_id=programme_id)}
    names = []
    for kind in StageKind.values:
        row = stored.get(kind)
        if row is not None and not row.is_enabled:
            continue
        names.append((kind, (row.name if row is not None else "") or str(StageKind(kind).label)))
    return names
