"""The provision map: the interventions and groups a school runs, who is in them, what they cost.

A provision map is the school's one view of its additional and different provision (CoP 6.76:
schools "should" keep one, and the governors' SEN information report draws on it). Each
`Intervention` is a thing the school runs — a reading group, a social skills group, a 1:1
speech programme — with the staff who deliver it, the hours a week it takes and what that staff
time costs. A pupil is in an intervention when a line of provision on their support plan points
at it (`support.SupportProvision.intervention`), so the pupil's provision shows on their plan and
the map is never a second list to keep in step with the plans.
"""

from django.db import models
from django.db.models import F, Q

from opensend.core.models import BaseModel


class Delivery(models.TextChoices):
    GROUP = "group", "Group"
    INDIVIDUAL = "individual", "One to one"


class Intervention(BaseModel):
    """One intervention or group a school runs, costed by staff time and termly extras."""

    school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="interventions"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.GROUP)
    staff = models.CharField(
        "delivered by", max_length=200, help_text="A role or a name, for example 'TA (Mrs Khan)'."
    )
    hours_per_week = models.DecimalField(max_digits=5, decimal_places=2)
    hourly_cost = models.DecimalField(
        "staff cost per hour (£)", max_digits=8, decimal_places=2, default=0
    )
    other_costs_per_term = models.DecimalField(
        "other costs per term (£)",
        max_digits=9,
        decimal_places=2,
        default=0,
        help_text="Resources, licences or an outside provider's fee.",
    )
    max_pupils = models.PositiveSmallIntegerField(null=True, blank=True)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["school", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="intervention_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gt=0), name="intervention_hours_positive"
            ),
            models.CheckConstraint(
                condition=Q(hourly_cost__gte=0) & Q(other_costs_per_term__gte=0),
                name="intervention_costs_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["school", "start"])]

    def __str__(self) -> str:
        return self.name
