"""Writes of the questionnaires app, one module per area: questionnaires (the builder), distribution (sending,
reminders), responding (answers, drafts), answers (checking a respondent's form)."""
