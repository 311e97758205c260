from opensend.law.commands._args import add_rule, iso_date
from opensend.law.ehc import draft_comment_period

DESCRIPTION = """\
The family's time to comment on a draft EHC plan, or on proposed amendments, to ask for a
particular school to be named, or to ask for a meeting: at least 15 days beginning with the
day the draft was served, so it closes 14 days after that day (SEND Regulations 2014
regs 13(1) and 22(2)). The days are calendar days.
"""


def handle(args):
    return draft_comment_period(served=args.served)


def register(subparsers) -> None:
    parser = add_rule(
        subparsers,
        "draft-comments",
        summary="the family's 15 days to comment on a draft or amended plan (regs 13(1), 22(2))",
        description=DESCRIPTION,
        handler=handle,
    )
    parser.add_argument(
        "--served",
        type=iso_date,
        required=True,
        metavar="DATE",
        help="the day the draft or proposed amendments were served on the family",
    )
