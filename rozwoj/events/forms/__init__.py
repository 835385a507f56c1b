"""Forms of the events app, one module per area (events, registrations, attendance, materials)."""
