"""The words of generated support plans: outcomes, passports, responsibilities, reviews.

Plain data, no Django. Texts are grouped by family of need (the census need codes map onto
nine families) and outcomes by the area they work on (reading, emotional...), which is how an
outcome finds a fitting intervention on the school's provision map. `{name}` is the pupil's
first name. Stages say which ages an outcome suits: e early years (N1 to Reception),
p primary, s secondary, f post-16.
"""

FAMILY_OF_NEED = {
    "SLCN": "language",
    "SEMH": "semh",
    "MLD": "learning",
    "NSA": "learning",
    "OTH": "learning",
    "SPLD": "spld",
    "ASD": "autism",
    "PD": "physical",
    "HI": "hearing",
    "MSI": "hearing",
    "VI": "vision",
    "SLD": "severe",
    "PMLD": "severe",
    "DS": "severe",
}

# (area, description, how we will know, stages)
# fmt: off
OUTCOMES = {
    "language": (
        ("language", "{name} will use sentences of five or more words to say what they have done",
         "Uses a five-word sentence without a model in three lessons a week", "ep"),
        ("language", "{name} will understand and follow two-part instructions in class",
         "Follows a two-part instruction first time on four days out of five", "ep"),
        ("language", "{name} will learn and use the key words for each new topic",
         "Uses eight of ten pre-taught words correctly when talking about the topic", "ps"),
        ("communication", "{name} will ask for help when they have not understood",
         "Asks an adult for help without a prompt at least once in most lessons", "epsf"),
        ("language", "{name} will retell a short story in order: who, where, what happened",
         "Retells a familiar story with a beginning, middle and end using picture prompts", "ep"),
        ("language", "{name} will explain their thinking in a full sentence using 'because'",
         "Gives a 'because' answer in a full sentence in most maths and science lessons", "ps"),
        ("communication", "{name} will keep a conversation with a classmate going for three turns",
         "Three turns or more in group work or at break, seen each week", "epsf"),
    ),
    "semh": (
        ("emotional", "{name} will name how they feel and choose a strategy to calm down",
         "Uses the feelings chart and a calming strategy without a prompt four times out of five",
         "eps"),
        ("emotional", "{name} will stay in class for whole lessons",
         "Leaves class no more than once a week, from a starting point of every day", "ps"),
        ("social", "{name} will play cooperatively with others at break and lunchtime",
         "No more than one playground incident a fortnight, from three a week", "ep"),
        ("emotional", "{name} will come into school calmly and settle to the first task",
         "Settles within ten minutes of arriving on four days out of five", "epsf"),
        ("social", "{name} will sort out a disagreement with words, with an adult's help",
         "Talks it through with an adult instead of walking off, on the weekly behaviour log",
         "epsf"),
        ("attention", "{name} will start a task within two minutes of the instruction",
         "Starts without a second prompt in most lessons, checked by the class teacher", "ps"),
        ("emotional", "{name} will be in school every day",
         "Attendance of 95% or more over the term, up from 82%", "psf"),
        ("independence", "{name} will use the time-out card and return to the lesson within ten "
         "minutes", "Back in class within ten minutes every time the card is used", "sf"),
    ),
    "learning": (
        ("maths", "{name} will recall number bonds to 10 quickly",
         "18 of 20 number bond questions right in two minutes", "ep"),
        ("maths", "{name} will add and subtract two-digit numbers using a number line",
         "Eight of ten questions right in independent work", "p"),
        ("reading", "{name} will read and understand a short text at their level",
         "Answers four of five questions about a text read with an adult", "ps"),
        ("writing", "{name} will write three connected sentences on their own",
         "Three sentences with capital letters and full stops in independent writing, twice a "
         "week", "p"),
        ("independence", "{name} will follow a visual checklist to finish a task on their own",
         "Completes a three-step task with the checklist and no adult prompt", "epsf"),
        ("maths", "{name} will pay for things and check their change",
         "Works out the change from £5 correctly in four of five real or role-play purchases",
         "psf"),
        ("independence", "{name} will organise their own equipment and homework each day",
         "Brings the right equipment and homework on four days out of five", "sf"),
        ("maths", "{name} will know the 2, 5 and 10 times tables",
         "Answers any 2, 5 or 10 times table fact within five seconds", "p"),
        ("maths", "{name} will tell the time to the nearest five minutes",
         "Reads an analogue clock to five minutes in eight of ten checks", "ps"),
        ("independence", "{name} will travel to school or college on their own",
         "Makes the journey alone on three days a week by the end of the term", "f"),
    ),
    "spld": (
        ("reading", "{name} will read the first 100 high-frequency words on sight",
         "Reads 90 of the 100 words in a minute on the precision teaching probe", "p"),
        ("writing", "{name} will spell words with common digraphs (sh, ch, th, ai, ee)",
         "Spells eight of ten dictated words correctly in the weekly check", "p"),
        ("reading", "{name} will blend sounds to read unfamiliar words",
         "Reads 15 of 20 real and nonsense words in the phonics check", "ep"),
        ("reading", "{name} will read aloud fluently at 80 words a minute",
         "80 words a minute with 95% accuracy on a text at their level", "ps"),
        ("writing", "{name} will use a laptop with a spell checker for longer writing",
         "Writes a page of connected text on the laptop in lessons each week", "sf"),
        ("writing", "{name} will plan their writing with a writing frame",
         "Uses the frame to plan and write a paragraph in most English lessons", "ps"),
        ("reading", "{name} will use a reading pen in tests and mock exams",
         "Uses the reading pen on their own in every assessment this term", "sf"),
        ("writing", "{name} will write sentences with capital letters and full stops",
         "Four of five sentences correctly punctuated in independent writing", "p"),
    ),
    "autism": (
        ("communication", "{name} will use their visual timetable to move between activities",
         "Moves to the next activity on the timetable with no more than one prompt", "ep"),
        ("social", "{name} will take turns in a structured game with two classmates",
         "Takes turns for ten minutes in the Lego group, seen each week", "eps"),
        ("sensory", "{name} will use their break card before becoming overwhelmed",
         "Asks for a break with the card, before distress, four times out of five", "epsf"),
        ("emotional", "{name} will manage a change to the routine when told in advance",
         "Copes with a planned change, prepared with a social story, without leaving the room",
         "epsf"),
        ("communication", "{name} will start a conversation with a classmate about a shared "
         "interest", "Starts a conversation at break once a week, seen by a lunchtime supervisor",
         "psf"),
        ("independence", "{name} will move between lessons on their own using the early pass",
         "Arrives on time with the pass and no adult, four days out of five", "sf"),
        ("sensory", "{name} will eat lunch in the dining hall with a friend",
         "Eats in the hall, with ear defenders if needed, three days a week", "ps"),
    ),
    "physical": (
        ("physical", "{name} will move around school safely and on their own",
         "Gets between class, hall and playground without help, with a walking aid if needed",
         "epsf"),
        ("motor", "{name} will write legibly for ten minutes with a sloped board and pencil grip",
         "A paragraph others can read, written in ten minutes", "ps"),
        ("motor", "{name} will dress and undress for PE on their own",
         "Changes for PE within ten minutes, with adapted fastenings", "ep"),
        ("physical", "{name} will do their physiotherapy exercises every day",
         "The exercise log is complete on four days out of five", "epsf"),
        ("independence", "{name} will use a laptop for written work",
         "Produces written work on the laptop in most lessons", "psf"),
    ),
    "hearing": (
        ("hearing", "{name} will check their hearing aids and radio aid and report faults",
         "Tells an adult about a flat battery or fault on the day, every time", "epsf"),
        ("language", "{name} will learn the key words before each new topic",
         "Knows eight of ten pre-taught words at the start of the topic", "ps"),
        ("hearing", "{name} will tell an adult when they have not heard an instruction",
         "Asks for repetition without a prompt in most lessons", "epsf"),
        ("communication", "{name} will join in group discussions, passing the radio aid round",
         "Contributes at least once in each group discussion", "psf"),
        ("language", "{name} will answer who, what and where questions about a story",
         "Answers eight of ten questions about a story read aloud", "ep"),
    ),
    "vision": (
        ("vision", "{name} will set up their enlarged materials and magnifier on their own",
         "Ready with their own materials at the start of each lesson", "epsf"),
        ("vision", "{name} will find their way around school on their own using landmarks",
         "Walks the main routes alone, checked by the habilitation specialist", "epsf"),
        ("writing", "{name} will touch-type at 20 words a minute",
         "20 words a minute at 90% accuracy on the typing programme", "psf"),
        ("independence", "{name} will ask for resources in their format before a lesson",
         "Asks the teacher for modified resources without a prompt", "sf"),
    ),
    "severe": (
        ("communication", "{name} will make a choice between two items using a symbol or sign",
         "Makes a clear choice with a symbol or sign four times a day", "epsf"),
        ("communication", "{name} will ask for 'more' or 'finished' with a sign, symbol or word",
         "Asks on their own at snack time and in play, seen every day", "epsf"),
        ("independence", "{name} will wash and dry their hands with one prompt",
         "Washes and dries hands with one spoken prompt on four days out of five", "epsf"),
        ("social", "{name} will stay with a group activity for five minutes",
         "Stays with the group for five minutes, three times a week", "epsf"),
        ("motor", "{name} will feed themselves with a spoon",
         "Feeds themselves most of a meal with a spoon", "ep"),
        ("independence", "{name} will make a simple snack following a picture recipe",
         "Makes toast or a sandwich with picture prompts and one adult prompt", "sf"),
        ("maths", "{name} will count up to five objects",
         "Counts five objects accurately, touching each one", "eps"),
    ),
}

# Provision not tied to a school intervention, by area: (what, who, how often).
CLASSROOM_PROVISION = {
    "reading": (
        ("Daily reading with an adult", "Teaching assistant", "5 × 10 minutes a week"),
        ("Paired reading with an older reading buddy", "Class teacher", "2 × 15 minutes a week"),
        ("Texts matched to reading level in every subject", "Class teachers", "Every lesson"),
    ),
    "writing": (
        ("Writing frame and word bank in writing lessons", "Class teacher",
         "Every writing lesson"),
        ("Laptop for longer pieces of writing", "Class teachers", "In lessons as needed"),
        ("Spelling practice of target words", "Teaching assistant", "3 × 10 minutes a week"),
    ),
    "maths": (
        ("Pre-teaching of the next maths topic", "Teaching assistant", "2 × 15 minutes a week"),
        ("Number line and concrete resources on the desk", "Class teacher",
         "Every maths lesson"),
    ),
    "language": (
        ("Pre-teaching of topic vocabulary", "Teaching assistant", "1 × 20 minutes a week"),
        ("Speech and language programme from the NHS therapist", "Teaching assistant",
         "3 × 15 minutes a week"),
    ),
    "communication": (
        ("Visual prompts and a help card on the desk", "Class teacher", "Every lesson"),
        ("Symbols and signing alongside speech", "Class team", "Throughout the day"),
    ),
    "social": (
        ("Structured lunchtime club", "Lunchtime supervisor", "3 lunchtimes a week"),
        ("Buddy at break time", "Class teacher", "Daily"),
    ),
    "emotional": (
        ("Morning check-in with a key adult", "Learning mentor", "5 × 5 minutes a week"),
        ("Calm corner with a time-out card", "Class teacher", "As needed"),
        ("Meet and greet at the gate", "Teaching assistant", "Daily"),
    ),
    "attention": (
        ("Movement breaks", "Class teacher", "Twice a lesson as needed"),
        ("Seat near the teacher, away from distractions", "Class teacher", "Every lesson"),
    ),
    "sensory": (
        ("Ear defenders and a quiet space at lunchtime", "Teaching assistant", "Daily"),
        ("Sensory diet from the occupational therapist", "Teaching assistant",
         "3 short breaks a day"),
    ),
    "motor": (
        ("Pencil grip and sloped writing board", "Class teacher", "Every lesson"),
        ("Handwriting practice", "Teaching assistant", "5 × 10 minutes a week"),
    ),
    "independence": (
        ("Visual checklist for daily routines", "Teaching assistant", "Daily"),
        ("End-of-day check of the homework planner", "Form tutor", "Daily"),
    ),
    "hearing": (
        ("Radio aid worn by every teacher", "Class teachers", "Every lesson"),
        ("Hearing aid and radio aid check", "Teaching assistant", "Daily, first thing"),
    ),
    "vision": (
        ("Enlarged and modified resources prepared in advance", "Teaching assistant",
         "Every lesson"),
        ("Mobility and habilitation sessions", "Habilitation specialist (sensory service)",
         "Every half term"),
    ),
    "physical": (
        ("Physiotherapy exercises from the NHS programme", "Teaching assistant",
         "5 × 15 minutes a week"),
        ("Adult support at lunchtime and for personal care", "Teaching assistant", "Daily"),
    ),
}
GENERAL_PROVISION = (
    ("Seat near the front, with instructions checked one to one", "Class teacher",
     "Every lesson"),
    ("Home-school book shared with the parents", "Class teacher", "Daily"),
    ("Extra time and a quiet room in tests", "SENCO", "In assessments"),
)

STRENGTHS = (
    "Loves drawing and building with Lego",
    "Kind and helpful to younger pupils",
    "A great memory for facts about animals",
    "Enjoys football and plays well in a team",
    "Makes up detailed, imaginative stories",
    "A good sense of humour",
    "Works hard when interested in the topic",
    "Confident with computers and tablets",
    "Loves music and singing",
    "Good at practical tasks and making things",
    "Cares about fairness and looks out for others",
    "Knows a lot about space and the planets",
    "Enjoys helping adults with jobs around the classroom",
    "Good at puzzles and patterns",
    "A loyal friend",
    "Enjoys cooking at home",
    "Keen swimmer",
)

WHAT_HELPS = {
    "language": ("Instructions one at a time, with a picture or gesture",
                 "Key words taught before a new topic",
                 "Time to think before answering (count to ten)",
                 "Sentence starters on the desk"),
    "semh": ("A calm greeting from a key adult at the door", "Warning before any change",
             "A quiet place to go when upset", "Praise given quietly, not in front of the class",
             "A job with responsibility"),
    "learning": ("Learning broken into small steps", "Concrete resources such as counters",
                 "Lots of repetition before moving on", "Word banks and writing frames",
                 "Being asked to explain back what to do"),
    "spld": ("Handouts on cream paper in a clear font", "A printed copy instead of copying "
             "from the board", "A coloured overlay for reading",
             "Spelling marked only for the target words", "Extra time for reading and writing"),
    "autism": ("A visual timetable and warning before changes", "Clear, literal language",
               "A quiet space at lunchtime", "Ear defenders in noisy places",
               "Time to finish one thing before moving on"),
    "physical": ("Extra time to move between rooms", "A sloped writing board and pencil grip",
                 "A seat near the door", "Rest breaks in PE", "A lift pass"),
    "hearing": ("The radio aid worn by the teacher in every lesson",
                "Facing the pupil when speaking", "A seat at the front, away from noise",
                "Subtitles on every video", "Checking understanding quietly, one to one"),
    "vision": ("Enlarged print and high-contrast resources", "A seat away from glare",
               "What is on the board read out", "Extra time",
               "The classroom layout kept the same"),
    "severe": ("Symbols and objects of reference for each part of the day",
               "A steady routine with familiar adults", "One key word at a time",
               "Motivating rewards and lots of praise", "Sensory breaks"),
}
WHAT_TO_AVOID = {
    "language": ("Long strings of spoken instructions", "Idioms and sarcasm",
                 "Being put on the spot in front of the class"),
    "semh": ("Raised voices and telling off in public", "Sudden changes without warning",
             "Long spells of sitting still", "Being sent out of class as a first step"),
    "learning": ("Too much text on a page", "Copying from the board",
                 "Moving on before a step is secure"),
    "spld": ("Reading aloud to the class without warning", "Copying long passages",
             "Spelling tests in front of others"),
    "autism": ("Sudden changes to the routine", "Crowded corridors and the busy dining hall",
               "Touch without warning", "Sarcasm and figures of speech"),
    "physical": ("Crowded corridors at changeover", "Long spells of handwriting",
                 "Being rushed"),
    "hearing": ("Talking with your back turned", "Background noise during teaching",
                "Group work in a noisy room without the radio aid"),
    "vision": ("Glare from windows and whiteboards", "Moving furniture without saying",
               "Handwritten worksheets"),
    "severe": ("Too many words at once", "Unfamiliar adults without an introduction",
               "Rushed changes between activities"),
}

ASSESSMENTS = {
    "language": "Speech and language therapist's assessment, the class teacher's observations "
                "and a language screen",
    "semh": "Strengths and Difficulties Questionnaire (parents and teacher), behaviour logs and "
            "attendance",
    "learning": "Standardised reading and maths tests and the class teacher's assessments",
    "spld": "Phonics check, standardised single-word reading and spelling tests and a "
            "dyslexia screener",
    "autism": "The autism diagnosis report, a sensory checklist and classroom observations",
    "physical": "The physiotherapist's and occupational therapist's reports and a check of the "
                "building",
    "hearing": "The audiology report and the teacher of the deaf's assessment of listening",
    "vision": "The qualified teacher of the visually impaired's functional vision assessment",
    "severe": "Engagement profile, the EHC plan's advice and classroom observations",
}
ASSESSED_BY = {
    "language": "SENCO with the NHS speech and language therapist",
    "semh": "SENCO and class teacher, with advice from the mental health support team",
    "learning": "Class teacher and SENCO",
    "spld": "SENCO (specialist assessor) and class teacher",
    "autism": "SENCO with the autism outreach team",
    "physical": "SENCO with the NHS therapists",
    "hearing": "Teacher of the deaf and SENCO",
    "vision": "Qualified teacher of the visually impaired and SENCO",
    "severe": "Class teacher, SENCO and the school's therapists",
}

PARENT_RESPONSIBILITIES = {
    "language": "Talk about the school day each evening using the home-school book",
    "semh": "Keep mornings calm and tell the school about anything that has happened at home",
    "learning": "Practise number facts with the app for ten minutes three times a week",
    "spld": "Read with {name} for ten minutes each evening and sign the reading record",
    "autism": "Use the social stories at home before changes such as a school trip",
    "physical": "Keep up the physiotherapy exercises at weekends and in the holidays",
    "hearing": "Make sure the hearing aids come to school charged every day",
    "vision": "Make sure {name} brings their glasses and magnifier every day",
    "severe": "Use the same signs and symbols at home, and share what works in the home book",
}
PUPIL_RESPONSIBILITIES = {
    "language": "{name} will ask when they have not understood",
    "semh": "{name} will use the calm card and tell an adult how they feel",
    "learning": "{name} will use the checklist and word bank before asking for help",
    "spld": "{name} will use the word mat and practise the spellings each week",
    "autism": "{name} will check the visual timetable and use the break card when needed",
    "physical": "{name} will do the exercises and ask for help when tired",
    "hearing": "{name} will check the hearing aids each morning and say when they cannot hear",
    "vision": "{name} will set up their equipment and ask for resources they need",
    "severe": "{name} will take part in the sessions and make choices with symbols",
}
SCHOOL_RESPONSIBILITIES = (
    "Deliver the provision below, keep the parents informed and review the plan termly",
    "The class teacher plans for these outcomes every week; the SENCO checks progress "
    "each half term",
    "Share this plan with every adult who teaches {name} and meet the parents each term",
)

PUPIL_VIEWS = (
    "I like going to the group because it is quiet.",
    "Reading is getting easier.",
    "I don't like it when it is noisy at lunch.",
    "I want to get better at maths.",
    "I like having my own timetable.",
    "Sometimes I get cross and I don't know why.",
    "I like working with my favourite adult.",
    "I want to be able to do my work on my own.",
    "My friends help me at break.",
)
# For pupils who say little in words: views gathered by watching, with symbols or objects.
SHOWN_VIEWS = (
    "Gathered with symbols: {name} chose the sensory room, music and the trampoline as "
    "favourite things.",
    "From observation: {name} smiles and reaches for the bubbles and the swing; turns away "
    "from loud group times.",
    "With photo cards: {name} picked playing outside and snack time, and showed that the hall "
    "is too noisy.",
)
PARENT_VIEWS = (
    "We have seen {name} grow in confidence at home.",
    "Mornings are still difficult; we would like to keep the meet and greet.",
    "We would like to hear more about what {name} does in the groups.",
    "{name} is happier coming to school this term.",
    "We are pleased with the progress in reading.",
    "Homework causes arguments at home; we would like less, or help with it.",
    "We worry about the move to the next class and would like a visit first.",
)

PROGRESS_NOTES = {
    "not_started": ("Not started: the group began late because of staff absence.",
                    "Not started yet; moved to next term's timetable."),
    "some_progress": ("Some progress: secure with an adult's support, not yet alone.",
                      "Some progress, but not every week: attendance at the group was patchy.",
                      "Some progress; the target was broken into smaller steps."),
    "good_progress": ("Good progress: most of the criteria met in class.",
                      "Good progress, and growing in confidence.",
                      "Good progress; nearly there, keep going."),
    "achieved": ("Achieved: met consistently over the last three weeks.",
                 "Achieved, and now seen in other lessons too.",
                 "Achieved ahead of the review date."),
}
REVIEW_SUMMARIES = {
    "continue": (
        "Steady progress. {name} and the parents agreed the outcomes are still right: carry on "
        "for another term.",
        "{name} has made some progress; the provision continues with small changes to the "
        "timing.",
    ),
    "new_outcomes": (
        "Good progress this term. Achieved outcomes are closed and new ones set for next term.",
        "{name} has met some of the outcomes. We agreed new outcomes with the parents and "
        "kept the rest.",
    ),
    "move_to_ehc_request": (
        "Progress remains limited despite well-matched support over several terms. With the "
        "parents' agreement the school will request an EHC needs assessment; the plan "
        "continues meanwhile.",
    ),
    "end_support": (
        "{name} has met the outcomes and no longer needs SEN support. Support ends; the class "
        "teacher will keep an eye on progress and the parents know to get in touch.",
    ),
}
# fmt: on
