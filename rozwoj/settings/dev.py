"""The embedded default: `make run` on a fresh machine, nothing else needed."""

from .base import *  # noqa: F403
from .base import ROZWOJ_COACHING_NOTES_KEYS, env_bool

DEBUG = env_bool("DEBUG", True)

# A published key for the embedded default and tests only: production reads COACHING_NOTES_KEYS (no fallback).
ROZWOJ_COACHING_NOTES_KEYS = ROZWOJ_COACHING_NOTES_KEYS or ["ZGV2LW9ubHktY29hY2hpbmctbm90ZXMta2V5LTMyYj0="]
