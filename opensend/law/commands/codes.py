import argparse

from opensend.law.codes import census_check, codes
from opensend.law.commands._args import add_rule, iso_date

DESCRIPTION = """\
The DfE's school census codes for SEN: provision (E, K, N; legacy S, A and P with the
date each stopped) and types of need with their broad areas (Code of Practice 6.28-6.35),
including Down syndrome from the January 2025 census.

To check one pupil's record as an importer would, give --provision, any --need CODE:RANK
and --census-date: the output then has a "check" with every problem found.
"""


def need_argument(value: str) -> tuple[str, int]:
    code, _, rank = value.partition(":")
    if not code or not rank.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not in the form CODE:RANK, e.g. ASD:1")
    return code, int(rank)


def handle(args):
    result = codes()
    if args.provision is None:
        return {**_as_dict(result), "check": None}
    if args.census_date is None:
        args.subparser.error("--census-date: required with --provision")
    problems = census_check(provision=args.provision, needs=args.need, census_date=args.census_date)
    return {**_as_dict(result), "check": {"valid": not problems, "problems": problems}}


def _as_dict(result) -> dict:
    return {
        "sen_provision": result.sen_provision,
        "need_types": result.need_types,
        "census_rules": result.census_rules,
    }


def register(subparsers) -> None:
    parser = add_rule(
        subparsers,
        "codes",
        summary="the DfE's SEN provision and need-type codes, and the census checks",
        description=DESCRIPTION,
        handler=handle,
    )
    parser.add_argument("--provision", metavar="CODE", help="E, K or N (to check a record)")
    parser.add_argument(
        "--need",
        type=need_argument,
        action="append",
        default=[],
        metavar="CODE:RANK",
        help="a type of need and its rank, e.g. ASD:1",
    )
    parser.add_argument(
        "--census-date",
        type=iso_date,
        metavar="DATE",
        help="the census day the record is checked for",
    )
