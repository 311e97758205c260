from opensend.law import sen2
from opensend.law.commands._args import add_rule, iso_date
from opensend.law.errors import LawInputError

DESCRIPTION = """\
The SEN2 statutory return (DfE SEN2 guidance; reference/statutory.md §6.3): for a January
census date, the collection period (the calendar year before) and the return's modules.

Give --received (and --resolved, the day the request was refused, withdrawn or ended in a plan
or no plan) to ask whether one request belongs in that return.
"""


def handle(args):
    try:
        period = sen2.collection_period(args.census_date)
    except ValueError as error:
        raise LawInputError("--census-date", "a SEN2 census date is in January") from error
    result = {
        "census_date": period.census_date,
        "period_start": period.start,
        "period_end": period.end,
        "modules": [{"number": n, "name": name} for n, name in sen2.MODULES],
        "request": None,
    }
    if args.resolved is not None and args.received is None:
        args.subparser.error("--received: required with --resolved")
    if args.received is not None:
        result["request"] = {
            "received": args.received,
            "resolved": args.resolved,
            "in_collection": sen2.request_in_collection(
                received=args.received, resolved_on=args.resolved, period=period
            ),
        }
    return result


def register(subparsers) -> None:
    parser = add_rule(
        subparsers,
        "sen2",
        summary="the SEN2 return's collection period, modules, and whether a request is in it",
        description=DESCRIPTION,
        handler=handle,
    )
    parser.add_argument(
        "--census-date", type=iso_date, required=True, metavar="DATE", help="in January"
    )
    parser.add_argument("--received", type=iso_date, metavar="DATE", help="a request's day")
    parser.add_argument("--resolved", type=iso_date, metavar="DATE", help="its outcome's day")
