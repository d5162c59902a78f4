"""Models of the participation area."""

# --- 意见征集 and 网上听证 (issue 22 points 2, 3; helper "drafts") ------------------------
from govportal.participation.models_drafts import (  # noqa: F401
    CommentOutcome,
    CommentStatus,
    Hearing,
    HearingRegistration,
    ParticipantKind,
    RegistrationStatus,
    SelectionMethod,
    Solicitation,
    SolicitationArticle,
    SolicitationComment,
)

# --- end of 意见征集 and 网上听证 ----------------------------------------------------------
