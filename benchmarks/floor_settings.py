"""The production settings plus the floor views' routes and templates (only for the benchmarks)."""

from pathlib import Path

from rozwoj.settings.production import *  # noqa: F403
from rozwoj.settings.production import TEMPLATES

ROOT_URLCONF = "benchmarks.floor_urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(__file__).resolve().parent / "templates"]
