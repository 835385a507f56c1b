"""English dates written so that nobody has to guess the order of day and month: "1 Sep 2020", "1 Sep 2020, 14:30".

Django's English defaults are American ("09/01/2020", "Sept. 1, 2020, 2:30 p.m."); readers of this site are
in Europe. Every named format a template or a service may use is set here (settings.FORMAT_MODULE_PATH).
"""

DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday
