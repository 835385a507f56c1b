import factory

from rozwoj.accounts.tests.factories import UserFactory
from rozwoj.notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "registration_confirmed"
    title = factory.Sequence(lambda n: f"Powiadomienie {n}")
    body = "Treść powiadomienia."
    url = "/events/1/"
