"""Every URL query parameter and session-state key, named once.

Keys that define what is on screen are URL parameters (widgets use ``bind="query-params"``
with these keys); ephemeral UI state uses the ``SESSION_`` keys.
"""

# Global filters (sidebar, every page).
OUTLETS = "outlet"
DATE_RANGE = "dates"
UNDATED = "undated"
MINE = "mine"
COPIES_ONCE = "copies"
SESSION_DATE_BOUNDS = "_date_bounds"
"""The date range the date filter last offered: a range still equal to it widens with the corpus."""

# Selections shared across views.
ENTITY = "entity"
ARTICLE = "article"
SENTENCE = "sentence"
"""The sentence of the article a link opens at (its index in the article)."""

# Entity mentions view.
ENTITY_TAB = "en_tab"
ENTITY_TYPES = "ent_types"
ENTITY_TOP = "ent_top"
ENTITY_METRIC = "ent_metric"
ENTITY_BARS = "ent_bars"
NETWORK_NODES = "net_nodes"
NETWORK_MIN_WEIGHT = "net_weight"
SESSION_ENTITY_CHARTS = ("_entity_bars_chart", "_entity_heatmap_chart", "_entity_network_chart")
SESSION_PROFILE_DIALOG = "_entity_profile_dialog"
SESSION_RANKING_TABLE = "_entity_ranking_table"
"""The ranking drawn as a table too (a table's code costs every load of the view, so only on request)."""
"""Set by a chart click: open the clicked entity's profile in a dialog on this rerun."""
NETWORK_OUTLETS = "net_outlets"
SESSION_CORRECTION = "_entity_correction"
SESSION_ARTICLE_PICKER = "_article_picker"
SESSION_ARTICLE_SEARCH = "_article_search"
SESSION_FIX_FIELDS = ("_fix_action", "_fix_target", "_fix_name", "_fix_label")
SESSION_CORRECTIONS = "_session_corrections"
"""Corrections a visitor saved in a read-only instance: applied to the corpus for this session only."""
SESSION_RESTORE_PICK = "_restore_pick"

# Framing view.
FRAMING_TAB = "fr_tab"
FRAMING_OUTLET = "fr_outlet"
FRAMING_TERM = "fr_term"
FRAMING_ACTOR = "fr_actor"
FRAMING_NAMES = "fr_names"
FRAMING_LABEL = "fr_label"
FRAMING_QUOTE_KINDS = "fr_kinds"
FRAMING_SPEAKER = "fr_speaker"
FRAMING_CUE = "fr_cue"
FRAMING_FRAME = "fr_frame"
FRAMING_TONE_OUTLET = "fr_tone_outlet"
FRAMING_QUERY = "fr_q"
SESSION_FRAMING_CHARTS = ("_fr_terms_scatter", "_fr_terms_bars")
SESSION_FIND_POPOVER = "_fr_find_popover"
FRAMING_GROUP_BY = "fr_by"
"""Distinctive terms: groups made of outlets, countries or kinds (group A is ``FRAMING_OUTLET``)."""
FRAMING_VERSUS = "fr_vs"
FRAMING_FIND = "fr_find"
FRAMING_QUERY_MODE = "fr_mode"

# Timeline view.
TIMELINE_TAB = "tl_tab"
TIMELINE_GRANULARITY = "tl_grain"
TIMELINE_KINDS = "tl_kinds"
TIMELINE_ENTITIES = "tl_entities"
TIMELINE_BASIS = "tl_basis"
TIMELINE_RANGE = "tl_range"
TIMELINE_POINT = "tl_point"
SESSION_TIMELINE_SEEN = "_tl_seen"
SESSION_TIMELINE_DIALOG = "_tl_dialog"
"""Set by a new chart click: show that point's sentences in a dialog on this rerun."""

# Stories view.
STORY = "story"

# Metadata editor.
META_WEAK = "meta_weak"
META_FIND = "meta_q"
META_PAGE = "meta_page"
SESSION_METADATA_SAVED = "_metadata_saved"
SESSION_METADATA_EDITS = "_metadata_edits"
"""Unsaved edits of the metadata editor, {article key: {field: value}}, from every page and search."""
SESSION_METADATA_DRAWN = "_metadata_drawn"
"""How many times the editor was drawn anew (after a save or a discard): part of its widget key."""

# Session-only state.
SESSION_UPLOADS = "_uploads"
SESSION_INTAKE = "_intake"
SESSION_AUTHENTICATED = "_authenticated"
SESSION_FAILED_LOGINS = "_failed_logins"
SESSION_WORKSPACE = "_workspace"
SESSION_JOB_NOTICE = "_job_notice"

# A visitor's workspace: the unguessable token of their own articles (never in a shared link).
WORKSPACE = "ws"
SESSION_BUNDLE = "_bundle"
SESSION_SHOW_LINK = "_show_link"
