#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rozwoj.settings.dev")
    from rozwoj.core.process import die_with_parent_if_asked

    die_with_parent_if_asked()  # a child of `manage.py run_embedded` (make run) ends with its parent
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
