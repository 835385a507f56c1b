import datetime

import factory
from django.utils import timezone

from rozwoj.accounts.models import Role
from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.news.models import Category, Post, PostStatus


def training_projects() -> Category:
    return Category.objects.get(slug="training-projects")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name_pl = factory.Sequence(lambda n: f"Kategoria {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class PostFactory(factory.django.DjangoModelFactory):
    """A published post (Polish only) unless told otherwise."""

    class Meta:
        model = Post
        skip_postgeneration_save = True

    title_pl = factory.Sequence(lambda n: f"Wiadomość {n}")
    lead_pl = "Krótkie wprowadzenie."
    body_pl = "Treść wiadomości."
    category = factory.LazyFunction(training_projects)
    status = PostStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


def draft(**kwargs) -> Post:
    return PostFactory(status=PostStatus.DRAFT, published_at=None, **kwargs)


def writer():
    return UserFactory(roles=[Role.COORDINATOR])


def editor():
    return UserFactory(roles=[Role.COORDINATOR, Role.EDITOR])


def png_bytes(size=(40, 30), fmt="PNG") -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 100, 50)).save(buffer, format=fmt)
    return buffer.getvalue()
