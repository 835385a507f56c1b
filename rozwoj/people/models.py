from django.apps import apps
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from rozwoj.core.collation import polish_sort_key
from rozwoj.core.models import TimeStampedModel
from rozwoj.organisations.models import Organisation

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{6,20}$", _("Enter a phone number of digits, spaces and dashes, optionally with +.")
)


class Sex(models.TextChoices):
    """Optional; used only for aggregate indicators."""

    NOT_GIVEN = "", _("not given")
    FEMALE = "female", _("female")
    MALE = "male", _("male")


# Alphabetical order of people (Polish alphabet, last name then first name), e.g. `order_by(*PERSON_ORDER)`.
PERSON_ORDER = ("sort_key", "id")


# Rows of higher apps that keep a copy of their person's sort key, to list them alphabetically without a join
# (events' registrations): each app registers its model in its ready(); Person.save() updates the copies when
# the key changes (a new name). Entries: (model label, person foreign key, field of the copy).
SORT_KEY_COPIES: list[tuple[str, str, str]] = []


def keep_sort_key_copy(
    model_label: str, *, person_field: str = "person", key_field: str = "person_sort_key"
) -> None:
    entry = (model_label, person_field, key_field)
    if entry not in SORT_KEY_COPIES:
        SORT_KEY_COPIES.append(entry)


class PersonQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for person in objs:
            person.set_sort_key()
        return super().bulk_create(objs, *args, **kwargs)


class Person(TimeStampedModel):
    """Anyone the platform knows: most participants never log in; a login is linked when they do."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, blank=True, default=Sex.NOT_GIVEN)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    # Kept by save() and bulk_create(): see rozwoj.core.collation.
    sort_key = models.CharField(max_length=255, editable=False, default="")

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = list(PERSON_ORDER)
        constraints = [
            models.UniqueConstraint(Lower("email"), condition=~Q(email=""), name="person_email_unique"),
        ]
        indexes = [
            models.Index(Lower("last_name"), Lower("first_name"), name="person_name_idx"),
            # The list order (Meta.ordering): pages of 50,000 people without sorting the whole table.
            models.Index(fields=list(PERSON_ORDER), name="person_sort_order_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def set_sort_key(self) -> None:
        self.sort_key = polish_sort_key(self.last_name, self.first_name)

    def save(self, *args, **kwargs):
        before = None if self._state.adding else self.__dict__.get("sort_key")
        self.set_sort_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding and before != self.sort_key:
            for label, person_field, key_field in SORT_KEY_COPIES:
                copies = apps.get_model(label)._default_manager.filter(**{person_field: self.pk})
                copies.exclude(**{key_field: self.sort_key}).update(**{key_field: self.sort_key})

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Membership(TimeStampedModel):
    """A person's place in an organisation (position and dates)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="memberships"
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="membership_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.organisation}"
