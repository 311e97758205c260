"""Workforce pages (issue 10). Records are addressed by UUID; each area has its own views."""

from django.urls import path

from opensend.workforce import (
    keyworker_views,
    policy_views,
    senco_views,
    staff_views,
    training_views,
    workload_views,
)

S = "schools/<uuid:school_id>/workforce/"

urlpatterns = [
    # The workload view: per school (SENCO, head, governors) and across the council's area.
    path("school/workforce/", workload_views.index, name="workforce_index"),
    path(S, workload_views.school_workload, name="workforce_school"),
    path("la/workforce/", workload_views.la_workload, name="workforce_la"),
    # The school's staff list.
    path(S + "staff/", staff_views.staff_list, name="workforce_staff"),
    path("workforce/staff/<uuid:staff_id>/", staff_views.staff_edit, name="workforce_staff_edit"),
    # SENCO time and the SENCO's qualification.
    path(S + "senco-time/", senco_views.senco_time, name="workforce_senco_time"),
    path(
        "workforce/staff/<uuid:staff_id>/senco-time/",
        senco_views.senco_time_record,
        name="workforce_senco_time_record",
    ),
    path(
        "workforce/staff/<uuid:staff_id>/senco-appointment/",
        senco_views.senco_appointment,
        name="workforce_senco_appointment",
    ),
    # Key workers.
    path(S + "key-workers/", keyworker_views.key_workers, name="workforce_key_workers"),
    path(
        S + "key-workers/<uuid:child_id>/assess/",
        keyworker_views.assess,
        name="workforce_key_worker_assess",
    ),
    path(
        "workforce/key-worker-assessments/<uuid:assessment_id>/choose/",
        keyworker_views.choose,
        name="workforce_key_worker_choose",
    ),
    path(
        "workforce/key-worker-allocations/<uuid:allocation_id>/end/",
        keyworker_views.end,
        name="workforce_key_worker_end",
    ),
    # Training and CPD.
    path(S + "training/", training_views.training_plan, name="workforce_training"),
    path(S + "training/new/", training_views.session_new, name="workforce_training_new"),
    path(
        "workforce/training/<uuid:session_id>/",
        training_views.session_detail,
        name="workforce_training_session",
    ),
    path(
        "workforce/training/<uuid:session_id>/cancel/",
        training_views.session_cancel,
        name="workforce_training_cancel",
    ),
    path(S + "code-of-practice-briefing/", training_views.briefing, name="workforce_briefing"),
    path(
        S + "code-of-practice-briefing/remind/",
        training_views.briefing_remind,
        name="workforce_briefing_remind",
    ),
    path(
        "workforce/staff/<uuid:staff_id>/training/",
        training_views.staff_training,
        name="workforce_staff_training",
    ),
    path("my/send-training/", training_views.my_training, name="workforce_my_training"),
    # Policies.
    path(S + "policies/", policy_views.policy_list, name="workforce_policies"),
    path(S + "policies/new/", policy_views.policy_new, name="workforce_policy_new"),
    path(
        "workforce/policies/<uuid:policy_id>/", policy_views.policy_detail, name="workforce_policy"
    ),
    path(
        "workforce/policies/<uuid:policy_id>/review/",
        policy_views.policy_review,
        name="workforce_policy_review",
    ),
    path(
        "workforce/policies/<uuid:policy_id>/confirm/",
        policy_views.policy_confirm,
        name="workforce_policy_confirm",
    ),
    path(
        "workforce/policies/<uuid:policy_id>/approve/",
        policy_views.policy_approve,
        name="workforce_policy_approve",
    ),
]
