"""What the data migrations seed (event kinds, competence canon, questionnaire templates, site pages, news category,
advisory catalogues, unit costs). A test that flushes the database (a transactional or browser test) takes it away
from every test after it on the same worker; `reseed()` puts it back."""

import importlib

from django.apps import apps

SEEDS = (
    ("rozwoj.events.migrations.0002_builtin_event_kinds", "create_kinds"),
    ("rozwoj.experts.migrations.0002_seed_competence_canon", "seed"),
    ("rozwoj.surveys.migrations.0002_seed_templates", "seed"),
    ("rozwoj.surveys.migrations.0003_partnership_needs_latvian_greek", "add"),
    ("rozwoj.sitepages.migrations.0002_default_pages", "create_defaults"),
    ("rozwoj.news.migrations.0002_training_projects_category", "seed"),
    ("rozwoj.advisory.migrations.0002_seed_catalogues", "seed"),
    ("rozwoj.partnerships.migrations.0002_seed_unit_costs", "seed"),
)


def reseed() -> None:
    for module, function in SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)
