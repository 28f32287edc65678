from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("平台投诉")

    def ready(self):
        # Complaints depends on reviews, never the reverse: the dashboard (in reviews) learns
        # about complaint figures by registration, not by import.
        from complaints.reports import dashboard_figures
        from reviews.selectors.dashboard import register_dashboard_figures

        register_dashboard_figures(dashboard_figures)
        # Registers the deadline check with reviews' alerting (reviews may not import complaints).
        # Evidence packs are background jobs too: list them on the admins' jobs page (reviews
        # knows nothing of complaints, so complaints tells it).
        from complaints import alerts  # noqa: F401
        from complaints.models import EvidencePack
        from reviews.selectors.jobs import JobKind, register_kind

        register_kind(
            JobKind(
                key="pack",
                label=_("证据包"),
                model=EvidencePack,
                queue="default",
                shop_lookup="complaint__shop",
                failed_status=EvidencePack.Status.FAILED,
                active={
                    EvidencePack.Status.PENDING: ("complaints.jobs.build_evidence_pack", "pack"),
                    EvidencePack.Status.RUNNING: ("complaints.jobs.build_evidence_pack", "pack"),
                },
                retry_status=EvidencePack.Status.PENDING,
                retry_fields={"error": "", "finished_at": None, "progress": 0},
                row=lambda p: {
                    "title": p.complaint.title,
                    "percent": p.progress,
                    "error": p.error,
                    "url": ("complaints:detail", p.complaint_id),
                },
                related=("complaint",),
            )
        )
