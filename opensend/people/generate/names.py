"""Names for synthetic people and places: common in England today, of many origins.

Plain data, no Django. The lists are fixed and ordered, so a seeded draw from them gives the
same person on every run. Place names avoid the demo personas' schools (Oakfield, Hillside,
Riverside, Moorgate) so a generated school is never mistaken for one of theirs.
"""

# Name pools by family origin, weighted roughly as England's pupils are (DfE "Schools, pupils
# and their characteristics": about three in four White British). A child's first name and
# surname come from the family's pool, with some mixing, so families read as real ones do.
NAME_POOLS = {
    "british": (
        0.70,
        ("Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Grace", "Freya",
         "Evie", "Poppy", "Ella", "Emily", "Florence", "Willow", "Rosie", "Sienna", "Harper",
         "Ruby", "Chloe", "Megan", "Cerys", "Eilidh", "Niamh", "Aoife", "Jessica", "Matilda",
         "Daisy", "Holly"),
        ("Oliver", "George", "Noah", "Arthur", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theo",
         "Jack", "Charlie", "Freddie", "Alfie", "Thomas", "Jacob", "Joshua", "William", "James",
         "Ethan", "Samuel", "Daniel", "Reuben", "Kieran", "Cian", "Rhys", "Callum", "Finlay", "Max",
         "Louis"),
        ("Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
         "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
         "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Jackson", "Wood", "Turner",
         "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "King", "Baker",
         "Harrison",
         "Morgan", "Allen", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett",
         "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey",
         "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards", "Marshall", "Anderson",
         "Simpson", "Ellis", "Adams", "O'Brien", "O'Connor", "Byrne", "McDonald", "Campbell",
         "Stewart"),
    ),
    "south_asian": (
        0.11,
        ("Aisha", "Fatima", "Maryam", "Zainab", "Amira", "Hafsa", "Priya", "Ananya", "Simran",
         "Anaya", "Inaaya", "Aleena", "Eesha", "Riya", "Sana"),
        ("Muhammad", "Mohammed", "Ibrahim", "Yusuf", "Zayn", "Ayaan", "Arjun", "Rohan", "Aarav",
         "Jaskaran", "Hamza", "Ahmed", "Vihaan", "Rayan", "Aryan"),
        ("Patel", "Khan", "Singh", "Begum", "Ali", "Ahmed", "Hussain", "Rahman", "Shah", "Kaur",
         "Sharma", "Gill", "Chowdhury", "Mahmood", "Iqbal", "Akhtar", "Kumar", "Mistry"),
    ),
    "black": (
        0.06,
        ("Chiamaka", "Adaeze", "Amara", "Zuri", "Abena", "Nia", "Keisha", "Ama", "Tiana", "Imani",
         "Folake", "Hodan"),
        ("Chidi", "Emeka", "Tobi", "Kwame", "Kofi", "Tyrone", "Marcus", "Jayden", "Malachi", "Kai",
         "David", "Abdirahman"),
        ("Okafor", "Adeyemi", "Mensah", "Osei", "Okonkwo", "Nwosu", "Abdi", "Mohamed", "Francis",
         "Grant", "Reid", "Henry", "Campbell", "Boateng", "Asante"),
    ),
    "european": (
        0.07,
        ("Zofia", "Maja", "Julia", "Alicja", "Ioana", "Elena", "Sofia", "Hanna", "Lena", "Giulia",
         "Beatriz", "Ana"),
        ("Jakub", "Szymon", "Filip", "Andrei", "Luca", "Mateo", "Antoni", "David", "Matteo",
         "Tiago", "Kacper", "Stefan"),
        ("Kowalski", "Nowak", "Wisniewski", "Lewandowski", "Popescu", "Ionescu", "Rossi",
         "Da Silva", "Santos", "Ferreira", "Costa", "Kaminski", "Georgiou", "Petrov"),
    ),
    "east_asian": (
        0.02,
        ("Mei", "Lin", "Yan", "Hoa", "Linh", "Xin"),
        ("Wei", "Hao", "Jun", "Minh", "Kenji", "Ryan"),
        ("Chen", "Wang", "Li", "Nguyen", "Tran", "Wong", "Zhang", "Liu"),
    ),
    "middle_eastern": (
        0.04,
        ("Yasmin", "Leyla", "Elif", "Hana", "Nadia", "Zeynep", "Layla", "Noor"),
        ("Emre", "Kerem", "Ali", "Omar", "Tariq", "Yusuf", "Karim", "Mustafa"),
        ("Yilmaz", "Demir", "Kaya", "Hassan", "Haddad", "Saleh", "Aziz", "Karimi"),
    ),
}  # fmt: skip
POOL_NAMES = tuple(NAME_POOLS)
POOL_WEIGHTS = tuple(pool[0] for pool in NAME_POOLS.values())


# Local authorities beyond the demo's two (england-sample only): fictional places.
LA_PLACES = (
    "Eastmarsh", "Westbridge", "Kingsford", "Ashdale", "Harrowfield", "Brackenshire", "Lowmoor",
    "Fernbridge", "Stonegate", "Millbrook", "Thornbury", "Calderwick", "Redhaven", "Glenford",
    "Marlow Vale",
)  # fmt: skip
LA_SUFFIXES = ("County Council", "City Council", "Borough Council", "Metropolitan Borough Council")

SCHOOL_PLACES = (
    "Abbey", "Ashfield", "Beech Hill", "Birchwood", "Bramble", "Brook", "Castle", "Cedar",
    "Chapel", "Clayton", "Coppice", "Dale", "Elm Tree", "Fairfield", "Fir Tree", "Forest",
    "Foxhill", "Glebe", "Greenacre", "Hawthorn", "Heath", "Highfield", "Holly", "Kingsway",
    "Lakeside", "Larkrise", "Lime Tree", "Manor", "Meadow", "Mill", "Moorland", "Northfield",
    "Oak Tree", "Orchard", "Park", "Pinewood", "Priory", "Queensway", "Rowan", "Sandhill",
    "Springfield", "Stanley", "Sunnyside", "Valley", "Victoria", "Westfield", "Whitefield",
    "Willowbrook", "Windmill", "Woodside", "Wyvern", "Alder", "Bluebell", "Church Hill", "Hazel",
    "Ivy Bank", "Juniper", "Kestrel", "Linden", "Maple", "Meadowbank", "Nightingale", "Oakwood",
    "Primrose", "Redwood", "Rosehill", "Southfield", "Sycamore", "Thornfield", "Greenway",
)  # fmt: skip
PLACE_PREFIXES = ("", "North ", "South ", "East ", "West ", "Upper ", "Lower ", "Great ", "New ")
SAINTS = (
    "St Andrew's", "St Anne's", "St George's", "St John's", "St Joseph's", "St Luke's",
    "St Mark's", "St Michael's", "St Peter's", "St Paul's", "St Bede's", "St Hilda's",
    "St Margaret's", "St Thomas's", "Holy Trinity", "Christ Church",
)  # fmt: skip
