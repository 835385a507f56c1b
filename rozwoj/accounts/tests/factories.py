import factory

from rozwoj.accounts.models import Role, User, UserRole

DEMO_PASSWORD = "rozwoj-demo"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.save()
        if create and extracted:
            for role in extracted:
                UserRole.objects.create(user=self, role=role)
        self.__dict__.pop("_role_cache", None)
        if create:
            # allauth requires a verified address for mandatory verification.
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


def user_with_role(role: Role | str | None, **kwargs) -> User:
    return UserFactory(roles=[role] if role else [], **kwargs)
