"""Models of the convenience area."""

# --- 公共查询 (public query systems, issue 23 point 3) — helper "query" ----------------------
from govportal.convenience.models_query import (  # noqa: E402,F401
    PERSONAL_MASKS,
    FieldMask,
    QueryField,
    QueryImport,
    QueryLog,
    QueryRecord,
    QuerySource,
    QuerySystem,
)

# --- end 公共查询 ------------------------------------------------------------------------------
