from .advisers import DEFAULT_CAPACITY, AdviserCapacity, ConflictOfInterest
from .calls import (
    TEAM_MAX,
    TEAM_MIN,
    Application,
    ApplicationMember,
    ApplicationStatus,
    Call,
    TeamRole,
)
from .catalogues import (
    AdviserRole,
    AdvisorySettings,
    ManagementTool,
    ProgrammeStage,
    StageKind,
    SupportArea,
    SupportForm,
)
from .debates import Debate, DebateKind, InvitedGroup, Recommendation
from .engagement import (
    Engagement,
    EngagementMember,
    EngagementStage,
    EngagementStatus,
    Finding,
    Priority,
    StageStatus,
)
from .evaluation import Evaluation, IndicatorResult
from .hdr import ActionOrigin, Hdr, HdrAction, HdrComment, HdrStatus, HdrVersion
from .monitoring import MonitoringDigest, MonitoringEntry, MonitoringStatus
from .proposals import MatchingRun, TeamProposal
from .support_log import FollowUp, SupportHours, SupportLogEntry

__all__ = [
    "Debate",
    "DebateKind",
    "InvitedGroup",
    "Recommendation",
    "ActionOrigin",
    "Hdr",
    "HdrAction",
    "HdrComment",
    "HdrStatus",
    "HdrVersion",
    "DEFAULT_CAPACITY",
    "TEAM_MAX",
    "TEAM_MIN",
    "AdviserCapacity",
    "AdviserRole",
    "AdvisorySettings",
    "Application",
    "ApplicationMember",
    "ApplicationStatus",
    "Call",
    "ConflictOfInterest",
    "Engagement",
    "Evaluation",
    "IndicatorResult",
    "EngagementMember",
    "EngagementStage",
    "EngagementStatus",
    "Finding",
    "FollowUp",
    "ManagementTool",
    "MonitoringDigest",
    "MonitoringEntry",
    "MonitoringStatus",
    "Priority",
    "ProgrammeStage",
    "StageKind",
    "StageStatus",
    "SupportArea",
    "SupportForm",
    "SupportHours",
    "SupportLogEntry",
    "TeamRole",
    "MatchingRun",
    "TeamProposal",
]
