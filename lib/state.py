"""Every URL query parameter and session-state key, named once.

Keys that define what is on screen are URL parameters (widgets use ``bind="query-params"``
with these keys); ephemeral UI state uses the ``SESSION_`` keys.
"""

# Global filters (sidebar, every page).
OUTLETS = "outlet"
DATE_RANGE = "dates"
UNDATED = "undated"

# Selections shared across views.
ENTITY = "entity"
ARTICLE = "article"

# Overview.
OVERVIEW_TYPE = "type"

# Entity mentions view.

# Framing view.

# Timeline view.
TIMELINE_GRANULARITY = "tl_grain"
TIMELINE_KINDS = "tl_kinds"
TIMELINE_ENTITIES = "tl_entities"
TIMELINE_BASIS = "tl_basis"
TIMELINE_RANGE = "tl_range"
TIMELINE_POINT = "tl_point"

# Session-only state.
SESSION_NOTES = "_notes"
