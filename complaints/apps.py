from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("平台投诉")

    def ready(self):
        # Registers the deadline check with reviews' alerting (reviews may not import complaints).
        from complaints import alerts  # noqa: F401
