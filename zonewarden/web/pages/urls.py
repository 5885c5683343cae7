"""URL map of the server-rendered pages (the REST API is under /api/v1/)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, path

from zonewarden.web.pages import (
    assessments,
    audit,
    bundle,
    certification,
    evidence,
    gaps,
    imports,
    items,
    lint,
    members,
    projects,
    remediation,
    risk,
    settings,
    snapshots,
    zones,
)


def _items(section: str, noun: str, prefix: str) -> list[URLPattern]:
    """Create, edit and delete pages of one list section."""
    kw = {"section": section}
    return [
        path(f"{prefix}/new/", items.item_create, kw, name=f"{noun}-create"),
        path(f"{prefix}/<str:key>/edit/", items.item_edit, kw, name=f"{noun}-edit"),
        path(f"{prefix}/<str:key>/delete/", items.item_delete, kw, name=f"{noun}-delete"),
    ]


P = "projects/<int:pk>"
LOGIN = auth_views.LoginView.as_view(
    template_name="zonewarden/login.html", redirect_authenticated_user=True
)

urlpatterns = [
    path("login/", LOGIN, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", projects.project_home, name="home"),
    path("projects/", projects.project_list, name="project-list"),
    path("projects/new/", projects.project_create, name="project-create"),
    path("projects/import/", projects.project_import_new, name="project-import-new"),
    path(f"{P}/", projects.project_overview, name="project-overview"),
    path(f"{P}/export/<str:fmt>/", projects.project_export, name="project-export"),
    path(f"{P}/reports/<str:fmt>/", projects.project_report, name="project-report"),
    path(f"{P}/zones/", zones.zone_list, name="zone-list"),
    *_items("zones", "zone", f"{P}/zones"),
    path(f"{P}/conduits/", zones.conduit_list, name="conduit-list"),
    *_items("conduits", "conduit", f"{P}/conduits"),
    path(f"{P}/assets/", zones.asset_list, name="asset-list"),
    *_items("assets", "asset", f"{P}/assets"),
    path(f"{P}/matrix/<str:target>/", assessments.matrix, name="matrix"),
    path(
        f"{P}/matrix/<str:target>/rows/<str:requirement>/",
        assessments.matrix_row,
        name="matrix-row",
    ),
    path(f"{P}/evidence/", evidence.evidence_list, name="evidence-list"),
    *_items("evidence", "evidence", f"{P}/evidence"),
    path(f"{P}/evidence/<str:key>/file/", evidence.evidence_upload, name="evidence-upload"),
    path(f"{P}/evidence/<str:key>/download/", evidence.evidence_download, name="evidence-download"),
    path(f"{P}/gaps/", gaps.gap_list, name="gap-list"),
    path(f"{P}/risk/", risk.risk_page, name="risk"),
    path(f"{P}/risk/<str:target>/", risk.risk_target, name="risk-target"),
    path(f"{P}/crs/<str:fmt>/", risk.crs_download, name="crs"),
    path(f"{P}/lint/", lint.lint_page, name="lint"),
    path(f"{P}/plan/", remediation.plan_page, name="plan"),
    path(f"{P}/plan/<str:fmt>/", remediation.plan_download, name="plan-download"),
    path(f"{P}/actions/", remediation.action_list, name="actions"),
    path(f"{P}/actions/<str:action>/", remediation.action_page, name="action"),
    path(f"{P}/certification/", certification.readiness_page, name="certification"),
    path(
        f"{P}/certification/calendar/",
        certification.calendar_page,
        name="certification-calendar",
    ),
    path(
        f"{P}/certification/calendar.ics",
        certification.calendar_ics,
        name="certification-calendar-ics",
    ),
    path(
        f"{P}/certification/obligations/<str:obligation>/done/",
        certification.obligation_done,
        name="certification-obligation-done",
    ),
    path(
        f"{P}/certification/nonconformities/",
        certification.nonconformities_page,
        name="certification-nonconformities",
    ),
    path(f"{P}/certification/snapshots/", snapshots.snapshot_list, name="certification-snapshots"),
    path(
        f"{P}/certification/snapshots/take/",
        snapshots.snapshot_take,
        name="certification-snapshot-take",
    ),
    path(f"{P}/certification/trend.svg", snapshots.trend_svg, name="certification-trend"),
    path(f"{P}/certification/bundle/", bundle.bundle_page, name="certification-bundle"),
    path(f"{P}/certification/bundle.zip", bundle.bundle_zip, name="certification-bundle-zip"),
    path(f"{P}/import/", imports.project_import, name="project-import"),
    path(f"{P}/import/apply/", imports.project_import_apply, name="project-import-apply"),
    path(f"{P}/members/", members.member_list, name="member-list"),
    path(f"{P}/members/set/", members.member_set, name="member-set"),
    path(f"{P}/members/remove/", members.member_remove, name="member-remove"),
    path(f"{P}/audit/", audit.audit_list, name="audit-list"),
    path(f"{P}/settings/", settings.project_settings, name="project-settings"),
    path(f"{P}/delete/", settings.project_delete, name="project-delete"),
]
