from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("平台投诉")

    def ready(self):
        # Complaints depends on reviews, never the reverse: the dashboard (in reviews) learns
        # about complaint figures by registration, not by import.
        from complaints.reports import dashboard_figures
        from reviews.reports import register_dashboard_figures

        register_dashboard_figures(dashboard_figures)
        # Registers the deadline check with reviews' alerting (reviews may not import complaints).
        from complaints import alerts  # noqa: F401
