"""Words that make a number a casualty count, and words that say who the victims were.

Lemmas (lower case). Kept here as plain tables so they are easy to extend.
"""

from __future__ import annotations

#: Verbs whose object (or passive subject) is the victim.
VICTIM_OBJECT_VERBS: dict[str, str] = {
    "kill": "killed", "slay": "killed", "massacre": "killed", "execute": "killed", "behead": "killed",
    "murder": "killed", "assassinate": "killed", "slaughter": "killed", "claim": "killed",
    "injure": "injured", "wound": "injured", "hurt": "injured", "maim": "injured",
    "capture": "captured", "abduct": "captured", "kidnap": "captured", "arrest": "captured",
    "detain": "captured", "seize": "captured", "imprison": "captured", "hold": "captured",
    "displace": "displaced", "uproot": "displaced", "evacuate": "displaced",
}  # fmt: skip

#: Verbs and adjectives whose subject is the victim.
VICTIM_SUBJECT_WORDS: dict[str, str] = {
    "die": "killed", "perish": "killed", "dead": "killed", "drown": "killed",
    "injured": "injured", "wounded": "injured", "hurt": "injured",
    "missing": "missing", "disappear": "missing", "unaccounted": "missing",
    "flee": "displaced", "displaced": "displaced", "homeless": "displaced",
    "killed": "killed", "captured": "captured", "detained": "captured", "kidnapped": "captured",
}  # fmt: skip

#: Nouns that are themselves a casualty count ("35 deaths", "12 dead", "a toll of 35").
CASUALTY_NOUNS: dict[str, str] = {
    "death": "killed", "dead": "killed", "fatality": "killed", "body": "killed", "corpse": "killed",
    "life": "killed", "toll": "killed", "killing": "killed",
    "injury": "injured", "injured": "injured", "wounded": "injured",
    "casualty": "other", "victim": "other", "martyr": "killed",
    "hostage": "captured", "prisoner": "captured", "captive": "captured", "detainee": "captured",
    "abductee": "captured", "arrest": "captured",
    "refugee": "displaced", "displaced": "displaced", "evacuee": "displaced",
}  # fmt: skip

#: Verbs of a toll reaching a number ("the toll rose to 35").
TOLL_VERBS = frozenset({
    "rise", "climb", "reach", "increase", "jump", "soar", "mount", "hit", "go", "stand", "be", "pass",
    "exceed", "top", "surpass", "cross",
})  # fmt: skip

#: Verbs that move a toll to a number ("the attack brought the toll to 60").
TOLL_MOVERS = frozenset({"bring", "raise", "push", "take", "lift"})

WHO: dict[str, str] = {
    **{
        w: "civilians"
        for w in (
            "civilian",
            "child",
            "kid",
            "woman",
            "boy",
            "girl",
            "baby",
            "infant",
            "minor",
            "resident",
            "villager",
            "worker",
            "student",
            "patient",
            "doctor",
            "nurse",
            "medic",
            "journalist",
            "family",
            "refugee",
            "passenger",
            "worshipper",
            "farmer",
            "shepherd",
            "teacher",
            "pupil",
            "protester",
            "demonstrator",
            "pedestrian",
            "shopper",
            "elderly",
            "teenager",
            "schoolchild",
            "volunteer",
            "brother",
            "sister",
            "son",
            "daughter",
            "father",
            "mother",
            "wife",
            "husband",
            "relative",
            "neighbour",
            "neighbor",
            "civilian",
            "cleric",
            "imam",
            "priest",
            "mayor",
            "activist",
            "photographer",
            "shopkeeper",
            "trader",
            "merchant",
            "vendor",
            "engineer",
            "lawyer",
            "judge",
            "reporter",
            "paramedic",
        )
    },
    **{
        w: "combatants"
        for w in (
            "fighter",
            "soldier",
            "troop",
            "militant",
            "rebel",
            "combatant",
            "insurgent",
            "jihadist",
            "jihadi",
            "militiaman",
            "militia",
            "gunman",
            "policeman",
            "police",
            "officer",
            "guard",
            "commander",
            "recruit",
            "personnel",
            "serviceman",
            "marine",
            "pilot",
            "attacker",
            "bomber",
            "terrorist",
            "extremist",
            "loyalist",
            "paramilitary",
            "trooper",
            "conscript",
            "mercenary",
            "sniper",
            "army",
            "force",
            "member",
            "bodyguard",
            "leader",
            "chief",
            "militiamen",
            "gunmen",
            "warrior",
        )
    },
    **{
        w: "unknown"
        for w in (
            "people",
            "person",
            "individual",
            "man",
            "other",
            "human",
            "driver",
            "official",
            "guest",
            "pilgrim",
            "employee",
            "staff",
            "suspect",
        )
    },
}

CHILD_WORDS = frozenset({"child", "kid", "boy", "girl", "baby", "infant", "minor", "schoolchild", "teenager"})

#: Groups counted as a part of a wider toll ("13 children died" beside "60 were killed").
SUBSET_WORDS = CHILD_WORDS | frozenset({"woman", "elderly"})

#: Words before a number that add it to victims already counted ("another four", "a further two").
INCREMENT_BEFORE = frozenset({"another", "further", "additional"})
#: Words after a number that do the same ("two more").
INCREMENT_AFTER = frozenset({"more"})

#: Verbs of a toll moving to a new figure ("the toll rose to 41"): the latest figure replaces older ones.
RUNNING_VERBS = frozenset({
    "rise", "climb", "reach", "increase", "jump", "soar", "mount", "hit", "bring", "raise", "push", "lift",
})  # fmt: skip

#: Verbs of a party's own claim ("the group claimed to have killed 20 soldiers"): ACLED codes such figures 0.
CLAIM_VERBS = frozenset({"claim", "boast"})

#: Titles that make a named victim one person ("assassinated the Deputy Commissioner").
TITLE_WORDS = frozenset({
    "commissioner", "governor", "minister", "councillor", "councilor", "mayor", "chief", "commander",
    "official", "officer", "judge", "director", "administrator", "lawmaker", "senator", "deputy", "president",
    "chairman", "leader", "sheikh", "colonel", "general", "major", "captain", "lieutenant", "sergeant",
})  # fmt: skip

ORDINALS: dict[str, int] = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10,
}  # fmt: skip

#: Nouns naming a whole war: their counts are context, not one event's toll.
WAR_NOUNS = frozenset({"war", "conflict", "uprising", "revolution", "insurgency", "crisis", "warfare"})

#: Nouns of a multi-day campaign: "the battle cost the lives of 180" is a campaign total unless a day is named.
CAMPAIGN_NOUNS = frozenset({"battle", "campaign", "offensive", "siege", "blockade", "operation", "fighting"})

#: Periods whose totals are not one event: "died during the winter", "killed over the past month".
PERIOD_NOUNS = frozenset({
    "winter", "summer", "spring", "autumn", "fall", "year", "month", "week", "decade", "siege", "season",
})  # fmt: skip

#: Adverbs of accumulation ("has so far killed", "to date").
CUMULATIVE_ADVERBS = frozenset({"so far", "to date", "overall", "in total", "altogether", "cumulatively"})

#: Prepositions that introduce a subset of an earlier count.
SUBSET_PREPS = frozenset({"including", "include", "among"})

WHO.update({w: "unknown" for w in TITLE_WORDS | {"politician", "candidate", "businessman"} if w not in WHO})
