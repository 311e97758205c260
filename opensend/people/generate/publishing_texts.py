"""The canned words of the generated publishing data (opensend.people.generate.publishing).

Plausible, plain English, and never about a child: no pupil is named or described, so nothing
published from these can identify anyone (issue 11: "Nothing published names a child").
Placeholders: {school}, {pupils} ("pupils", "children" or "students"), {senco}, {senco_email},
{telephone}, {offer_url}, {la}, {area}, {short}.
"""

# --- SEN information reports (SEND Regs 2014 Sch 1; CFA 2014 s69(3)) --------------------------

# Item key -> variants for mainstream schools. A {phase}-keyed dict gives phase-specific text.
REPORT: dict[str, tuple[str, ...]] = {
    "kinds_of_sen": (
        "We are an inclusive school and provide for {pupils} with all four broad areas of need "
        "in the SEND Code of Practice: communication and interaction, cognition and learning, "
        "social, emotional and mental health, and sensory and/or physical needs.",
        "{school} welcomes {pupils} with a wide range of needs, including speech, language and "
        "communication needs, autism, specific learning difficulties such as dyslexia, moderate "
        "learning difficulties, social, emotional and mental health needs, and hearing, vision "
        "and physical impairments.",
    ),
    "identification": (
        "Teachers check the progress of every child each half term. When a child makes less "
        "progress than expected, the class teacher talks to the SENCO and to parents, and we "
        "use the graduated approach (assess, plan, do, review) to decide what help is needed.",
        "We look at attainment data, teacher observations and what parents tell us. Where a "
        "concern is raised the SENCO carries out further assessment, and may ask for advice "
        "from specialists such as speech and language therapists or educational psychologists.",
    ),
    "evaluating_provision": (
        "We review each intervention every term against the outcomes set for it, and report "
        "to governors each year on the progress of {pupils} with SEN, with or without an EHC "
        "plan. What works is kept; what does not is changed.",
        "The SENCO and senior leaders look at the impact of our provision map each term, using "
        "progress data, pupil voice and parent feedback. Annual reviews check the provision in "
        "EHC plans.",
    ),
    "assessing_progress": (
        "Progress is reviewed at least three times a year at support plan reviews with parents. "
        "Targets are small steps, so that progress can be seen and celebrated.",
        "We assess progress through class assessments, standardised tests where helpful, and "
        "regular reviews of each support plan with the family and the {pupils} themselves.",
    ),
    "teaching": (
        "High quality teaching, adapted for individual needs, is the first step in responding "
        "to {pupils} who have SEN. Teachers use visual supports, clear routines and small steps.",
        "Every teacher is a teacher of {pupils} with SEN. Lessons are planned so that all can "
        "take part, with extra scaffolding, pre-teaching of vocabulary and chances to practise.",
    ),
    "adaptations": (
        "We adapt resources, seating, lighting and the pace of lessons. Quiet spaces are "
        "available, and we use visual timetables and word banks across the school.",
        "The curriculum is adapted through differentiated tasks, alternative ways of recording, "
        "assistive technology and access arrangements for tests and examinations.",
    ),
    "additional_support": (
        "Additional support includes small-group and one-to-one interventions for reading, "
        "spelling, number, language and social skills, run by trained teaching assistants.",
        "Our provision map lists the interventions we run, such as phonics catch-up, precision "
        "teaching, speech and language groups, and nurture sessions.",
    ),
    "activities": (
        "All clubs, trips and residential visits are open to every {pupils_one}. We plan ahead "
        "with families and make reasonable adjustments so everyone can take part.",
        "{pupils_cap} with SEN take part in PE, sport, music and trips alongside their friends, "
        "with risk assessments and extra adult support where needed.",
    ),
    "wellbeing": (
        "Our pastoral team, trained mental health first aiders and a school counsellor support "
        "emotional wellbeing. We run nurture groups and have a calm room for anyone who needs it.",
        "We teach emotional literacy through the curriculum, offer mentoring and check-ins, and "
        "work with the mental health support team and CAMHS when more help is needed.",
    ),
    "senco": (
        "Our SENCO is {senco}, a qualified teacher and member of the senior leadership team. "
        "Contact the SENCO by email at {senco_email} or through the school office on "
        "{telephone}.",
    ),
    "expertise": (
        "All staff have regular SEND training. Teaching assistants are trained in the "
        "interventions they run. We buy in advice from the educational psychology service, "
        "speech and language therapy and the sensory support team.",
        "Staff training this year has covered the Code of Practice, autism awareness, "
        "attachment and trauma, and supporting speech and language. Specialist advice comes "
        "from the local authority's support services and health partners.",
    ),
    "equipment": (
        "We provide equipment such as writing slopes, pencil grips, ear defenders and laptops. "
        "Specialist equipment is arranged with health and local authority services.",
        "Equipment and facilities are secured through the school's budget, and with the local "
        "authority and health services for specialist items such as hearing equipment.",
    ),
    "parents": (
        "Parents are involved at every stage: we meet at least three times a year to review "
        "support plans, and the SENCO is available at parents' evenings and by appointment.",
        "We consult parents when we first raise a concern and at every review. Parents' views "
        "are recorded in the support plan and shape the next steps.",
    ),
    "young_people": (
        "{pupils_cap} share their views at every review, through a one-page profile or in "
        "person. Our pupil voice group includes {pupils} with SEN.",
        "We ask {pupils} what helps them and what they want to achieve, and they take part in "
        "setting and reviewing their own targets.",
    ),
    "complaints": (
        "Please talk to the class teacher or SENCO first. If you are still unhappy, follow "
        "the school's complaints procedure on our website; the governing body will consider "
        "a formal complaint. You can also contact the local authority and SENDIASS.",
        "Concerns are best raised early with the SENCO. Our complaints procedure explains how "
        "the head teacher and then a panel of governors will consider a formal complaint.",
    ),
    "partners": (
        "Governors make sure the school works with health, social care, the local authority's "
        "support services and voluntary organisations. The SEN governor meets the SENCO termly.",
        "We work with the school nursing team, therapists, the educational psychology service, "
        "early help and local charities to meet needs and support families.",
    ),
    "support_services": (
        "{la}'s SEND information, advice and support service (SENDIASS) gives free, impartial "
        "advice to families. Its contact details are in the Local Offer.",
        "Families can contact SENDIASS for free, confidential and impartial advice, and the "
        "parent carer forum for peer support. The SENCO can help make contact.",
    ),
    "local_offer": (
        "{la}'s Local Offer is published at {offer_url}. It sets out the services available "
        "for children and young people with SEND and their families.",
    ),
    "disabled_admissions": (
        "Disabled {pupils} are admitted on the same basis as everyone else, under the "
        "admissions policy. We meet families before a child starts to plan any adjustments.",
    ),
    "equal_treatment": (
        "We make reasonable adjustments so that disabled {pupils} are not treated less "
        "favourably, and check our policies against the Equality Act 2010.",
    ),
    "access_facilities": (
        "The building has level access, an accessible toilet and a lift to the first floor. "
        "Our accessibility plan, reviewed every three years, is on our website.",
        "Ramps, handrails, accessible toilets and a hygiene room help disabled {pupils} move "
        "around the school. The accessibility plan sets out improvements over three years.",
    ),
}

# Item 4 when the school has no staff list to name its SENCO from.
SENCO_UNNAMED = (
    "Our SENCO is a qualified teacher and member of the senior leadership team. Contact the "
    "SENCO by email at {senco_email} or through the school office on {telephone}."
)

TRANSITIONS = {
    "nursery": "We visit families at home before children start, and work closely with "
    "reception teachers so that each child's move to school is planned.",
    "primary": "Year 6 {pupils} with SEN have extra visits to their secondary school, and the "
    "SENCO meets the new school to pass on what works. New starters get transition books.",
    "secondary": "We plan moves from primary school with extra visits, and from Year 9 we help "
    "{pupils} prepare for adulthood: careers advice, college links and independent travel.",
    "post16": "We help students plan their next steps into further study, supported "
    "internships, apprenticeships or work, with careers advice and visits to colleges.",
    "special": "Transition is planned from Year 9 through annual reviews focused on preparing "
    "for adulthood: employment, independent living, friendships and good health.",
}

# Special schools (Sch 1 items 2 and 4 do not apply): what they say instead of the mainstream text.
SPECIAL = {
    "kinds_of_sen": "{school} is a special school for {pupils} with complex needs, including "
    "severe and profound learning difficulties, autism and physical disabilities. All have "
    "an EHC plan.",
    "teaching": "Small classes, a sensory curriculum and specialist teaching approaches such as "
    "structured teaching and intensive interaction meet each {pupils_one}'s needs.",
}

NO_CHANGES = "No changes: checked and republished."
REPORT_CHANGES = (
    "Updated with this year's training and interventions.",
    "This year's provision map and staff training added.",
    NO_CHANGES,
)

# --- the Local Offer (SEND Regs 2014 regs 53-57, Sch 2) -----------------------------------------

INTRODUCTION = (
    "The Local Offer sets out the support and services available in {short} for children and "
    "young people aged 0 to 25 with special educational needs and disabilities, and their "
    "families. It is written with families, schools and services, and we review it every year."
)
# Reg 57: how people without the internet, or who need another format, get the information.
OFFLINE_ACCESS = (
    "If you cannot use the internet, phone the SEND information line on {telephone} (Monday to "
    "Friday, 9am to 5pm) and we will post you the information you need. Printed copies are "
    "kept at every library in {short}. We can provide the Local Offer in other formats, such "
    "as large print, easy read, Braille or another language, on request."
)
MEDIATION = (
    "{short} Mediation Service, phone {telephone} or email mediation@{slug}.opensend.example. "
    "Mediation is free, and you must contact a mediation adviser before appealing to the "
    "SEND Tribunal (except about school placement alone)."
)
AREA_NAMES = ("North", "South", "East", "West", "Town centre", "Rural villages")

# Generated providers: (name pattern, what they do)
PROVIDERS = (
    "{short} Parent Carer Forum",
    "{short} Autism Family Support",
    "{short} Inclusive Sports Trust",
    "{short} Travel Training Partnership",
    "{short} Young Carers and Short Breaks",
)

# (category, name pattern, provider role, ages, needs or () for all, cost, per area)
# Provider roles: la, health, ep, social, club (the persona provider or a generated one),
# forum/autism/sport/travel/breaks (the generated providers), falling back to the LA.
SERVICES = (
    (
        "education",
        "Sensory support team (hearing and vision)",
        "la",
        (0, 25),
        ("HI", "VI", "MSI"),
        "free",
        False,
    ),
    ("education", "Specialist teachers for autism", "la", (3, 19), ("ASD",), "free", False),
    ("education", "Early years SEND inclusion team", "la", (0, 5), (), "free", False),
    ("education", "Educational psychology service", "ep", (0, 25), (), "free", False),
    (
        "education",
        "Literacy and dyslexia outreach – {area}",
        "la",
        (5, 16),
        ("SPLD",),
        "free",
        True,
    ),
    (
        "education",
        "Inclusion outreach from special schools – {area}",
        "la",
        (4, 19),
        ("SLD", "PMLD", "MLD"),
        "free",
        True,
    ),
    ("education", "Physical disability outreach team", "la", (2, 19), ("PD",), "free", False),
    (
        "health",
        "Speech and language therapy – {area} clinic",
        "health",
        (0, 18),
        ("SLCN", "ASD"),
        "free",
        True,
    ),
    (
        "health",
        "Children's occupational therapy – {area}",
        "health",
        (0, 18),
        ("PD", "DS"),
        "free",
        True,
    ),
    ("health", "Children's physiotherapy – {area}", "health", (0, 18), ("PD",), "free", True),
    (
        "health",
        "CAMHS (child and adolescent mental health services)",
        "health",
        (5, 18),
        ("SEMH",),
        "free",
        False,
    ),
    ("health", "Community paediatrics", "health", (0, 18), (), "free", False),
    ("health", "School nursing and continence advice", "health", (5, 19), (), "free", False),
    ("social_care", "Short breaks – {area}", "breaks", (5, 18), (), "some_cost", True),
    ("social_care", "Disabled children's social work team", "social", (0, 18), (), "free", False),
    (
        "social_care",
        "Overnight short breaks centre",
        "social",
        (8, 18),
        ("SLD", "PMLD", "ASD"),
        "free",
        False,
    ),
    ("social_care", "Young carers support", "breaks", (8, 18), (), "free", False),
    (
        "leisure",
        "Inclusive swimming – {area} leisure centre",
        "sport",
        (4, 25),
        (),
        "charged",
        True,
    ),
    ("leisure", "Sensory play sessions – {area}", "club", (0, 8), (), "some_cost", True),
    ("leisure", "Saturday youth club – {area}", "club", (11, 19), (), "some_cost", True),
    ("leisure", "Holiday activity club – {area}", "club", (5, 16), (), "some_cost", True),
    ("leisure", "Wheelchair sports club", "sport", (8, 25), ("PD",), "charged", False),
    ("leisure", "Relaxed cinema screenings – {area}", "sport", (0, 25), (), "charged", True),
    ("support_group", "Parent carer forum", "forum", (0, 25), (), "free", False),
    (
        "support_group",
        "Autism parent support group – {area}",
        "autism",
        (0, 25),
        ("ASD",),
        "free",
        True,
    ),
    ("support_group", "Siblings group", "forum", (6, 16), (), "free", False),
    ("support_group", "Dads' and male carers' group", "forum", (0, 25), (), "free", False),
    (
        "adulthood",
        "Supported internships – {area}",
        "la",
        (16, 25),
        ("MLD", "SLD", "ASD"),
        "free",
        True,
    ),
    ("adulthood", "{short} College foundation learning", "la", (16, 25), (), "free", False),
    ("adulthood", "Independent travel training – {area}", "travel", (11, 25), (), "free", True),
    ("adulthood", "Preparing for adulthood careers advice", "la", (14, 25), (), "free", False),
    (
        "adulthood",
        "Supported living and independence skills",
        "social",
        (16, 25),
        ("SLD", "MLD"),
        "free",
        False,
    ),
    ("travel", "Home-to-school transport", "la", (4, 19), (), "free", False),
    ("travel", "Post-16 travel support", "la", (16, 25), (), "some_cost", False),
    (
        "travel",
        "Accessible community transport – {area}",
        "travel",
        (0, 25),
        ("PD",),
        "some_cost",
        True,
    ),
    (
        "advice",
        "{short} SENDIASS (information, advice and support)",
        "la",
        (0, 25),
        (),
        "free",
        False,
    ),
    ("advice", "SEND information line", "la", (0, 25), (), "free", False),
    ("advice", "Early help family support – {area}", "social", (0, 18), (), "free", True),
    ("advice", "Disability benefits advice", "forum", (0, 25), (), "free", False),
)

SUMMARY = {
    "education": "Advice and specialist teaching for {who}, with schools, settings and families.",
    "health": "NHS assessment and therapy for {who}, with advice for families and schools.",
    "social_care": "Support for disabled children, young people and their families: {who}.",
    "leisure": "Fun, relaxed and inclusive activities for {who}, with trained staff.",
    "support_group": "Meet other families, share experience and get peer support: {who}.",
    "adulthood": "Help with the move to adult life, study, work and independence for {who}.",
    "travel": "Help getting to school, college and activities for {who}.",
    "advice": "Free, impartial information, advice and support about SEND for {who}.",
}
WHO = {
    (): "any child or young person with SEND",
    "ASD": "autistic children and young people",
    "PD": "children and young people with physical disabilities",
    "SLCN": "children with speech, language and communication needs",
    "SPLD": "pupils with dyslexia and other specific learning difficulties",
}
DESCRIPTION = (
    "{name} is part of {short}'s Local Offer. {summary} Families can contact the service "
    "directly; where a referral is needed, a school, GP or health visitor can make it. We "
    "work closely with schools, health and social care, and the support is planned with each "
    "family."
)
WHEN = (
    "Monday to Friday, 9am to 5pm",
    "Term time, Saturdays 10am to 12 noon",
    "School holidays, 10am to 3pm",
    "Tuesday evenings, 6pm to 8pm",
    "By appointment",
    "First Wednesday of the month, 10am to 12 noon",
)
FEES = {
    "some_cost": "Some sessions are free; others cost £2 to £5. Ask about help with costs.",
    "charged": "£4.50 a session; carers go free. Discounts with a leisure card.",
}
LOCATIONS = ("Community Centre", "Family Hub", "Leisure Centre", "Children's Centre", "Library")

ANSWERS = {
    "who_for": "Children and young people with SEND and their families living in {short}.",
    "how_to_access": "Families can refer themselves by phone or email; professionals can refer "
    "with the family's agreement.",
    "needs_identified": "We meet the family and, where helpful, the school to agree what "
    "support is needed, and review it regularly.",
    "support_given": "Support is planned around each person, adapted for their communication, "
    "sensory and physical needs.",
    "staff_expertise": "Staff are trained in SEND, autism awareness, safeguarding and first aid.",
    "involvement": "Children, young people and parents help plan the support and tell us how "
    "well it is working.",
    "accessibility": "Accessible building and toilets, quiet space, information in easy read "
    "and other formats on request.",
    "moving_on": "We help plan the move to the next service or to adult services, sharing "
    "information with the family's agreement.",
    "complaints": "Tell the service first; if you are still unhappy, use {la}'s complaints "
    "procedure.",
}
CHANGED_SUMMARY = "Sessions now have a quiet room and a worker trained in sensory support."
CHANGED_WHEN = "Term time, weekdays 4pm to 6pm, and the first week of every school holiday"
NEW_ENTRY = "Inclusive drama group"

# --- consultations and "You said, we did" (reg 56) -----------------------------------------------

CLOSED_TITLE = "Review of the Local Offer {year}"
CLOSED_DESCRIPTION = (
    "Tell us what you think of the Local Offer: what it contains, how easy it is to use, and "
    "how we develop it with you. Your comments and our response will be published."
)
RESPONSE_SUMMARY = (
    "Thank you to everyone who took part. We received comments from families, young people, "
    "schools and professionals. Below we say what you told us, what we have done, and what we "
    "plan to do next."
)
OPEN_TITLE = "Short breaks and leisure: have your say"
OPEN_DESCRIPTION = (
    "We are reviewing short breaks and leisure activities in the Local Offer. Tell us what "
    "works, what is missing and how we could make it easier to find."
)

# (title, you said, we did, planned action, [(respondent type, topic, comment)])
THEMES = (
    (
        "Finding information",
        "The Local Offer is hard to search and some pages are out of date.",
        "We added filters by age, need and area, and ask every provider to confirm their entry "
        "each year.",
        "Entries not confirmed for 12 months will be flagged and followed up each quarter.",
        [
            ("parent", "accessibility", "It takes ages to find anything for my age group."),
            ("senco", "accessibility", "Several services listed have closed; please check them."),
            ("teacher", "accessibility", "A search by area would help us signpost families."),
            ("parent", "accessibility", "The website does not work well on my phone."),
        ],
    ),
    (
        "Short breaks and holiday activities",
        "There are not enough holiday activities for teenagers and those with complex needs.",
        "We funded two new holiday clubs for 11 to 19 year olds and extra places with one-to-one "
        "support.",
        "We will commission more overnight short breaks and report back on waiting times.",
        [
            ("parent", "content", "Holiday clubs fill up in minutes and none take teenagers."),
            (
                "young_person",
                "content",
                "I would like a youth club where I can be with my friends.",
            ),
            ("provider", "content", "We could offer more places with funding for extra staff."),
        ],
    ),
    (
        "Preparing for adulthood",
        "Families want clearer information about options after 16 and travel training.",
        "We wrote a new preparing for adulthood guide and listed every supported internship.",
        "Post-16 information events will run in every area each spring.",
        [
            (
                "parent",
                "content",
                "Nobody explained the options after Year 11 until it was too late.",
            ),
            ("professional", "content", "Travel training should start earlier, from Year 9."),
            ("school_leader", "development", "Schools should be asked before post-16 changes."),
        ],
    ),
    (
        "Being involved",
        "People want to help shape the Local Offer, not just comment once a year.",
        "The parent carer forum now co-chairs the Local Offer steering group.",
        "We will run a young people's panel twice a year.",
        [
            ("parent", "development", "Please involve parents before decisions are made."),
            ("young_person", "development", "Ask young people in schools, not just online."),
        ],
    ),
)
# One comment gave a phone number: published without it (reg 56(2): identifies no one).
WITH_PHONE = (
    "parent",
    "content",
    "The speech therapy page has the wrong opening times. Call me on 01632 960999 to discuss.",
    "The speech therapy page has the wrong opening times.",
)
VEXATIOUS = (
    "other",
    "content",
    "Everyone at the council is useless and should be sacked. I will keep sending this.",
    "Abusive and repeated; it makes no point about the Local Offer we can respond to.",
)
INDIVIDUAL = (
    "parent",
    "content",
    "My son's EHC plan review is late and his school transport was cancelled last week.",
    "About the services provided to one family: passed to the SEND team to answer directly.",
)
OPEN_COMMENTS = (
    ("parent", "content", "More Saturday activities for autistic teenagers, please."),
    ("young_person", "accessibility", "Put the activities on a map so I can see what is near me."),
    ("provider", "content", "We have spare places in our sensory sessions on weekday mornings."),
    (
        "teacher",
        "accessibility",
        "A printable list of holiday clubs would help at parents' evening.",
    ),
    ("parent", "development", "Ask families which activities they want before buying them."),
)
