"""Publishing pages (issue 11). Staff pages sit under schools/, la/ and providers/; the public
pages (no sign-in) under published/ and local-offer/. Records are addressed by UUID; a Local
Offer by its authority's slug, because families type and share that address."""

from django.urls import path

from opensend.publishing import (
    consultation_views,
    directory_views,
    provider_views,
    public_consultation_views,
    public_views,
    report_views,
)

R = "schools/<uuid:school_id>/sen-information-report/"
P = "published/schools/<uuid:school_id>/sen-information-report/"
LO = "local-offer/<slug:slug>/"
LA = "la/local-offer/<uuid:offer_id>/"

urlpatterns = [
    # The SEN information report: the guided editor (SENCO and head; governors read).
    path("school/sen-information-report/", report_views.index, name="publishing_report_index"),
    path(R, report_views.overview, name="publishing_report"),
    path(R + "items/<slug:item>/", report_views.item_edit, name="publishing_report_item"),
    path(R + "refresh/", report_views.refresh, name="publishing_report_refresh"),
    path(R + "preview/", report_views.preview, name="publishing_report_preview"),
    path(R + "publish/", report_views.publish, name="publishing_report_publish"),
    # The published report: public, no sign-in, a stable address for the school's website.
    path(P, public_views.report, name="public_report"),
    path(P + "report.pdf", public_views.report_pdf, name="public_report_pdf"),
    path(P + "embed/", public_views.report_embed, name="public_report_embed"),
    path(P + "versions/<int:number>/", public_views.report_version, name="public_report_version"),
    path(
        P + "versions/<int:number>/report.pdf",
        public_views.report_version_pdf,
        name="public_report_version_pdf",
    ),
    # The Local Offer: public search, service pages, and "You said, we did".
    path("local-offer/", public_views.local_offers, name="local_offer_list"),
    path(LO, public_views.local_offer, name="local_offer"),
    path(LO + "services/<uuid:service_id>/", public_views.service, name="local_offer_service"),
    path(LO + "you-said-we-did/", public_consultation_views.you_said, name="local_offer_you_said"),
    path(
        LO + "have-your-say/<uuid:consultation_id>/",
        public_consultation_views.respond,
        name="local_offer_respond",
    ),
    path(
        LO + "have-your-say/<uuid:consultation_id>/thank-you/",
        public_consultation_views.thanks,
        name="local_offer_respond_thanks",
    ),
    # Providers keep their own entries; the authority approves their changes.
    path("local-offer-entries/", directory_views.index, name="publishing_entries_index"),
    path(
        "providers/<uuid:organisation_id>/local-offer/",
        directory_views.provider_entries,
        name="publishing_provider_entries",
    ),
    path(
        "providers/<uuid:organisation_id>/local-offer/new/",
        directory_views.provider_service_new,
        name="publishing_provider_service_new",
    ),
    path(
        "local-offer-entries/<uuid:service_id>/",
        directory_views.service_edit,
        name="publishing_service_edit",
    ),
    path(
        "local-offer-entries/<uuid:service_id>/confirm/",
        directory_views.service_confirm,
        name="publishing_service_confirm",
    ),
    path("la/local-offer/", directory_views.la_index, name="publishing_la_index"),
    path(LA, directory_views.la_offer, name="publishing_la_offer"),
    path(LA + "settings/", directory_views.la_settings, name="publishing_la_settings"),
    path(LA + "services/", directory_views.la_services, name="publishing_la_services"),
    path(LA + "services/new/", directory_views.la_service_new, name="publishing_la_service_new"),
    path(LA + "changes/", directory_views.la_changes, name="publishing_la_changes"),
    path(LA + "providers/", provider_views.la_providers, name="publishing_la_providers"),
    path(
        "local-offer-changes/<uuid:change_id>/",
        directory_views.change_review,
        name="publishing_change_review",
    ),
    # Consultations on the Local Offer (reg 56), for the authority, and for those it asks.
    path("have-your-say/", consultation_views.mine, name="publishing_my_consultations"),
    path(LA + "consultations/", consultation_views.consultations, name="publishing_consultations"),
    path(
        LA + "consultations/new/",
        consultation_views.consultation_new,
        name="publishing_consultation_new",
    ),
    path(
        "consultations/<uuid:consultation_id>/",
        consultation_views.consultation,
        name="publishing_consultation",
    ),
    path(
        "consultations/<uuid:consultation_id>/themes/new/",
        consultation_views.theme_new,
        name="publishing_theme_new",
    ),
    path(
        "consultation-themes/<uuid:theme_id>/",
        consultation_views.theme_edit,
        name="publishing_theme_edit",
    ),
    path(
        "consultation-comments/<uuid:comment_id>/",
        consultation_views.comment,
        name="publishing_comment",
    ),
    path(
        "consultations/<uuid:consultation_id>/publish/",
        consultation_views.publish,
        name="publishing_consultation_publish",
    ),
]
