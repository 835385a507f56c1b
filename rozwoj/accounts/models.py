import hashlib
import secrets
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("administrator")
    COORDINATOR = "coordinator", _("coordinator")
    EXPERT = "expert", _("expert")
    LOCAL_GOVERNMENT_MEMBER = "local_government_member", _("local-government member")
    PARTNER_MEMBER = "partner_member", _("partner member")
    EDITOR = "editor", _("editor (publishes news and documents)")


STAFF_ROLES = frozenset({Role.ADMINISTRATOR, Role.COORDINATOR})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        user = self._create_user(email, password, **extra)
        UserRole.objects.get_or_create(user=user, role=Role.ADMINISTRATOR)
        return user


class User(AbstractUser):
    """A login. The person behind it (names, memberships) lives in people.Person."""

    username = None  # type: ignore[assignment]  # stubs type the inherited field as non-optional; None removes it
    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(_("preferred language"), max_length=10, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    # Django's documented custom-user pattern (a BaseUserManager subclass); the stubs expect auth.UserManager.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.email

    @property
    def role_set(self) -> frozenset[str]:
        if not hasattr(self, "_role_cache"):
            self._role_cache = (
                frozenset(self.roles.values_list("role", flat=True)) if self.pk else frozenset()
            )
        return self._role_cache

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set.intersection(roles))

    @property
    def is_coordinator(self) -> bool:
        """Administrators and coordinators run the programmes: they see and edit everything."""
        return self.has_role(*STAFF_ROLES)


class UserRole(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="user_role_unique")]

    def __str__(self) -> str:
        return self.get_role_display()


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def for_raw(self, raw: str):
        return self.active().filter(key_hash=_hash_token(raw)).select_related("user")


class ApiToken(models.Model):
    """A personal API token. Only its hash is stored; the raw value is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user: User, name: str) -> tuple["ApiToken", str]:
        raw = secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[:8], key_hash=_hash_token(raw))
        return token, raw
