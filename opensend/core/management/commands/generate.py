"""`opensend generate --scale demo|small|large-la|england-sample [--seed N]`."""

from django.core.management.base import BaseCommand, CommandError

from opensend.people.generate.run import DEFAULT_SEED, GenerateRefused, GenerateResult, generate
from opensend.people.generate.scales import SCALES

FIRST_YEAR, LAST_YEAR = 2014, 2100


class Command(BaseCommand):
    help = (
        "Make deterministic synthetic data: local authorities, schools, pupils, families, the "
        "SEN register, support plans and provision maps, with the demo personas and named "
        "children. The same scale, seed and academic year always give the same pupils; plan "
        "dates are counted back from the day of the run, so that reviews are in the past and "
        "current plans fall due in the weeks ahead. Running it again with the same scale and seed "
        "finds the data and does nothing; a different scale or seed on a database that already "
        "holds generated data is refused (start from an empty database)."
    )

    def add_arguments(self, parser):
        scales = "; ".join(f"{name}: {scale.help}" for name, scale in SCALES.items())
        parser.add_argument("--scale", required=True, choices=list(SCALES), help=scales)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="default %(default)s")
        parser.add_argument(
            "--academic-year",
            type=int,
            help="the year the academic year starts (2026 means 2026 to 2027); default: this one",
        )

    def handle(self, *args, scale, seed, academic_year, verbosity, **options):
        if academic_year is not None and not FIRST_YEAR <= academic_year <= LAST_YEAR:
            raise CommandError(
                f"--academic-year must be from {FIRST_YEAR} (the SEND reforms: codes E and K) "
                f"to {LAST_YEAR}"
            )
        report = self._progress if SCALES[scale].progress or verbosity >= 2 else None
        try:
            result = generate(scale, seed=seed, academic_year=academic_year, report=report)
        except GenerateRefused as refusal:
            raise CommandError(str(refusal), returncode=1) from refusal
        self.stdout.write(summary(result))

    def _progress(self, rows: int, seconds: float) -> None:
        rate = rows / seconds if seconds else 0
        self.stdout.write(f"  {rows:,} rows written ({rate:,.0f} rows a second)")


def summary(result: GenerateResult) -> str:
    if result.skipped:
        return (
            f"Generated data for --scale {result.scale} --seed {result.seed} is already loaded: "
            "nothing to do."
        )
    k, e = result.provisions["K"], result.provisions["E"]
    las = "local authority" if result.local_authorities == 1 else "local authorities"
    return (
        f"Generated {result.pupils:,} pupils in {result.schools:,} schools and "
        f"{result.local_authorities} {las} for {result.academic_year} to "
        f"{result.academic_year + 1} (scale {result.scale}, seed {result.seed}): "
        f"{k:,} on SEN support ({result.share('K'):.1%}), {e:,} with an EHC plan "
        f"({result.share('E'):.1%}). {result.rows:,} rows in {result.seconds:.1f} s."
    )
