"""A test site: pages of one invented news site, our own stories inside templated furniture.

`site_pages(count, seed)` gives the full-page texts of `count` stories of "The Harbor Ledger"
(host `ledger.example`), each line marked as article, furniture or metadata, so that a test or
`bench/learning.py` can measure which lines cleaning removed. The furniture varies as a real
site's does: counts ("14 comments", "2,310 views"), dates, "Most read" teasers rotating
through the other stories' headlines, A/B variants of the sign-in and newsletter prompts, a
prompt inside the story, and a sponsor's note that is a sentence inside the body (prose the
learner must report, not rule). Every story was written for these tests; none is a real one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

HOST = "ledger.example"
SITE = "The Harbor Ledger"


@dataclass(frozen=True, slots=True)
class Story:
    headline: str
    dek: str
    author: str
    paragraphs: tuple[str, ...]


STORIES: tuple[Story, ...] = (
    Story(
        "Ferry crews agree to a new contract after a long winter of talks",
        "The deal raises pay and ends the split shifts that crews said wore them down",
        "Mara Velden",
        (
            "Ferry crews on the island routes voted on Sunday to accept a four-year contract, ending "
            "talks that had dragged through the winter and twice came close to a strike.",
            "The agreement raises pay by eleven percent over its term and does away with split shifts, "
            "which had kept some deckhands at the terminal for fourteen hours to work eight.",
            "Passengers should notice little change, the ferry authority said, although two early "
            "sailings will move by a quarter of an hour to fit the new rosters in the spring.",
            "Union members said the vote was closer than the leadership had hoped, with many younger "
            "crew members saying the raise did not keep up with rents on the islands.",
        ),
    ),
    Story(
        "The old cannery becomes a market hall, and the gulls approve",
        "Forty stalls open on Saturday in a building that stood empty for two decades",
        "Tobias Renn",
        (
            "The brick cannery at the end of Quay Street, empty since the last fish was tinned there "
            "twenty years ago, reopens on Saturday as a covered market with forty stalls.",
            "The city bought the building for a token sum and spent three years repairing its roof, "
            "which had let in so much rain that a small pond formed on the packing floor.",
            "Most of the stallholders sell food, from smoked mackerel to flatbreads, but a bookbinder "
            "and a bicycle mechanic have also taken space near the old loading doors.",
            "Neighbours worry about parking and about the gulls, which have already learned where the "
            "fishmonger keeps his bins, and the council has promised to review both by summer.",
        ),
    ),
    Story(
        "A school choir from the hill villages wins the regional cup",
        "Twenty-two singers beat choirs from schools four times their size",
        "Ines Calloway",
        (
            "A choir of twenty-two children from the three hill villages won the regional schools cup "
            "on Friday night, beating choirs from city schools four times their size.",
            "Their teacher, who drives between the village schools twice a week for rehearsals, said "
            "the children had practised in a barn when the school hall was being painted.",
            "The judges praised a folk song the choir sang without accompaniment, in a dialect that "
            "few people under sixty still speak, and which one grandmother had taught them.",
            "The choir will sing at the national final in June, if the villages can raise the money "
            "for the bus, and a bake sale on Sunday brought in the first few hundred.",
        ),
    ),
    Story(
        "Harbor dredging will start in May and close the east channel for weeks",
        "Fishing boats will have to use the narrower west channel until the summer",
        "Mara Velden",
        (
            "Dredging of the harbor mouth will begin in the first week of May and close the east "
            "channel for about six weeks, the port office announced on Wednesday.",
            "Silt carried down by the river has made the channel so shallow that larger boats can "
            "only pass at high tide, and two trawlers ran aground on the bar last autumn.",
            "While the work goes on, every boat will have to use the west channel, which is narrower "
            "and bends sharply near the breakwater, so the port will add a pilot boat.",
            "The mud dredged from the channel will be tested and, if it is clean enough, spread on "
            "the salt marsh to the south, where the shoreline has been retreating for years.",
        ),
    ),
    Story(
        "Library opens on Sundays again after volunteers step in",
        "A rota of forty readers keeps the doors open when the budget does not",
        "Paul Okafor",
        (
            "The central library will open on Sunday afternoons again from next month, two years "
            "after budget cuts closed it at weekends, because volunteers have offered to staff it.",
            "Forty people have signed up for the rota so far, most of them retired teachers and "
            "students, and each will work one afternoon a month alongside a paid librarian.",
            "Sunday was the busiest day before the cuts, the head librarian said, with families "
            "coming in after lunch and staying until the lights were switched off at five.",
            "The staff union said it did not object as long as volunteers did not replace paid posts, "
            "and the council agreed to review the arrangement after one year.",
        ),
    ),
    Story(
        "Storm brings down the pier lights but spares the lifeboat station",
        "Winds of ninety kilometres an hour swept the coast overnight",
        "Ines Calloway",
        (
            "A storm that swept the coast overnight brought down the string of lights along the "
            "pier and tore part of the roof from a beach cafe, but no one was hurt.",
            "The lifeboat station at the end of the pier, which had been shored up after last "
            "winter's storms, came through without damage, its coxswain said in the morning.",
            "Crews from the council spent the day clearing sand and seaweed from the promenade, "
            "where waves had thrown a rowing boat over the railings and onto the road.",
            "Forecasters expect calmer weather for the rest of the week, although another band of "
            "rain is due on Sunday, and residents have been asked to secure their bins.",
        ),
    ),
    Story(
        "Cycle lane on Mill Road divides shopkeepers and parents",
        "A trial lane will stay for six months while the council counts who uses it",
        "Tobias Renn",
        (
            "A painted cycle lane on Mill Road will stay in place for a six-month trial, the "
            "council decided on Thursday after a meeting that ran past midnight.",
            "Parents whose children cycle to the two schools on the road spoke in favour, saying "
            "they had stopped letting them ride after a girl was knocked down in the autumn.",
            "Several shopkeepers said they had lost trade since the parking spaces outside their "
            "doors were removed, and a baker said his morning customers had simply gone elsewhere.",
            "Counters will record how many people walk, cycle and drive along the road, and the "
            "council will decide in the autumn whether the lane stays, moves or goes.",
        ),
    ),
    Story(
        "Oyster beds in the estuary recover after a decade of cleanup",
        "Divers found young oysters on beds that were bare ten years ago",
        "Paul Okafor",
        (
            "Oysters are growing again on beds in the estuary that were bare ten years ago, divers "
            "from the marine trust reported after their annual survey this week.",
            "The recovery follows a long effort to cut the sewage and farm runoff that reached the "
            "estuary, which included new treatment works upstream and fences along the banks.",
            "The divers counted young oysters on six of the nine old beds, although most of them "
            "are still too small to breed, and the trust warned against harvesting any of them.",
            "Local restaurants that once served estuary oysters said they would wait for the "
            "trust's advice, and one chef said she was simply happy to hear they were back.",
        ),
    ),
    Story(
        "Lighthouse keeper's cottage to become a small museum",
        "The trust plans to open it next spring with the keeper's logbooks on show",
        "Mara Velden",
        (
            "The cottage beside the north lighthouse, where keepers lived until the light was "
            "automated, will become a small museum next spring, the coastal trust said.",
            "Its rooms will show the logbooks the keepers filled in every night for a century, "
            "recording the weather, the ships that passed and, now and then, a shipwreck.",
            "The granddaughter of the last keeper has lent his uniform and a clock that he wound "
            "every evening at eight, which she said had not missed a minute in fifty years.",
            "The trust still needs volunteers to open the cottage at weekends, and it is asking "
            "anyone with photographs of the lighthouse from before the war to get in touch.",
        ),
    ),
    Story(
        "Night buses return to the coast road after a two-year gap",
        "Late workers and students had been relying on lifts and taxis",
        "Ines Calloway",
        (
            "Night buses will run along the coast road again from the first of next month, two "
            "years after the service was cut for lack of drivers, the transport company said.",
            "Buses will leave the town centre every hour from midnight until five, stopping at "
            "the hospital, the university and the villages along the shore on the way.",
            "Nurses and cleaners who work late shifts had been paying for taxis or relying on "
            "lifts from friends, and a petition to restore the service gathered six thousand names.",
            "The company said it had hired twelve new drivers this year and that the service "
            "would be reviewed after six months to see whether enough people used it.",
        ),
    ),
    Story(
        "Allotment waiting list grows to three years as rents stay low",
        "The council is looking at splitting large plots to shorten the queue",
        "Tobias Renn",
        (
            "The waiting list for an allotment in the town has grown to more than three years, "
            "with nearly four hundred people hoping for a plot, the council said on Monday.",
            "Rents have not risen in a decade, which gardeners say keeps the plots open to people "
            "on low incomes, but also means the council has little money to add new sites.",
            "One proposal is to split the largest plots in two when their holders give them up, "
            "which the allotment society said it would accept as long as no one was forced.",
            "A retired engineer who has held the same plot for forty years said the queue was a "
            "good sign, because it showed how many people wanted to grow their own food.",
        ),
    ),
    Story(
        "Swimmers cross the bay for the hospice, in record numbers",
        "More than three hundred took part in the annual charity swim",
        "Paul Okafor",
        (
            "More than three hundred swimmers crossed the bay on Saturday in the annual charity "
            "swim for the hospice, the most since the event began thirty years ago.",
            "The water was cold but calm, and the fastest swimmer, a seventeen-year-old from the "
            "rowing club, finished the two kilometres in a little under thirty minutes.",
            "Kayakers from the sailing school followed the swimmers across the bay, and a doctor "
            "waited on the beach, although she said she had nothing to treat but cold feet.",
            "The hospice said the swim had raised more than forty thousand in sponsorship, which "
            "will pay for a nurse for a year, and it thanked the people who lined the shore.",
        ),
    ),
)

MENU = ("Home", "News", "Harbor", "Opinion", "Sport", "Weather")
SIGN_IN = ("Sign in to your Ledger account", "Log in for unlimited Ledger stories")  # A/B
NEWSLETTER = (  # A/B variants of the newsletter prompt
    "Get the Morning Ledger in your inbox",
    "The Morning Ledger: our best stories, every day",
)
IN_STORY_PROMPT = "Ledger Plus members read this first"
FOLLOW = ("Follow the Harbor desk", "Tap here to follow the Harbor desk")  # A/B, inside the story
SPONSOR = (
    "Reporting on the coast is supported by the Tidewater Fund, which has no say over what "
    "we choose to cover or how we cover it."
)
FOOTER = ("About the Ledger", "Contact the newsroom", "Privacy and cookies", "Terms of use")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")


class Kind(StrEnum):
    """What a line of a generated page is."""

    ARTICLE = "article"  # headline, dek and story paragraphs: must be kept
    FURNITURE = "furniture"  # the site's template: should be removed
    META = "meta"  # the page's <title> line, byline and date: removed with their own labels


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page: its URL, its text and what each of its lines is (by line number)."""

    url: str
    text: str
    kinds: dict[int, Kind]
    headline: str


def _date(rng: random.Random) -> str:
    hour, minute = rng.randint(1, 12), rng.randint(0, 59)
    day, month = rng.randint(1, 28), rng.choice(MONTHS)
    return f"{month} {day}, 2025 {hour}:{minute:02d} {rng.choice(('AM', 'PM'))}"


def page_lines(index: int, rng: random.Random) -> list[tuple[str, Kind]]:
    """The lines of page `index`, each with its kind, in page order."""
    story = STORIES[index % len(STORIES)]
    others = [other.headline for other in STORIES if other is not story]
    teasers = [others[(index * 3 + step) % len(others)] for step in range(3)]  # rotating
    lines: list[tuple[str, Kind]] = [(f"{story.headline} | {SITE}", Kind.META)]
    lines += [(item, Kind.FURNITURE) for item in MENU]
    lines.append((SIGN_IN[index % 2], Kind.FURNITURE))
    lines.append((f"Listen to this story · {rng.randint(2, 9)} min", Kind.FURNITURE))
    lines += [(story.headline, Kind.ARTICLE), (story.dek, Kind.ARTICLE)]
    lines += [(f"By {story.author}", Kind.META), (_date(rng), Kind.META)]
    paragraphs = list(story.paragraphs)
    for number, paragraph in enumerate(paragraphs):
        lines.append((paragraph, Kind.ARTICLE))
        # Short furniture between the paragraphs: the built-in rules and passes keep it.
        if number == 0:
            lines.append((FOLLOW[index % 2], Kind.FURNITURE))
        elif number == 1:
            lines.append((IN_STORY_PROMPT, Kind.FURNITURE))
        elif number == 2:
            lines.append((f"Gallery · {rng.randint(3, 40)} photos", Kind.FURNITURE))
    if index % 4 != 3:  # the sponsor's note sits at the end of most stories, as a sentence
        lines.append((SPONSOR, Kind.FURNITURE))
    lines.append(("Share this story", Kind.FURNITURE))
    lines.append((f"{rng.randint(2, 240)} comments", Kind.FURNITURE))
    lines.append((NEWSLETTER[(index // 2) % 2], Kind.FURNITURE))
    lines.append(("Most read", Kind.FURNITURE))
    lines += [(teaser, Kind.FURNITURE) for teaser in teasers]
    lines.append((f"Updated {_date(rng)}", Kind.FURNITURE))
    lines.append((f"{rng.randint(1, 9)},{rng.randint(100, 999)} views", Kind.FURNITURE))
    lines += [(item, Kind.FURNITURE) for item in FOOTER]
    lines.append((f"Copyright 2025 {SITE}", Kind.FURNITURE))
    return lines


def site_pages(count: int = 12, seed: int = 7) -> list[Page]:
    """`count` pages of the site (stories repeat after len(STORIES) pages); a seed of its own
    for each page, so the same page comes out the same whatever `count` is."""
    pages = []
    for index in range(count):
        lines = page_lines(index, random.Random(seed * 1000 + index))
        # One block per line, blank lines between: block i is on line 2 * i + 1.
        text = "\n\n".join(line for line, _ in lines) + "\n"
        kinds = {2 * number + 1: kind for number, (_, kind) in enumerate(lines)}
        url = f"https://www.{HOST}/news/2025/story-{index + 1}"
        pages.append(Page(url, text, kinds, STORIES[index % len(STORIES)].headline))
    return pages


@dataclass(frozen=True, slots=True)
class Shares:
    """What cleaning did to generated pages: furniture lines removed and article lines kept."""

    furniture: int
    removed_furniture: int
    article: int
    kept_article: int

    @property
    def furniture_removed(self) -> float:
        return self.removed_furniture / self.furniture

    @property
    def article_kept(self) -> float:
        return self.kept_article / self.article


def shares(pages: list[Page], outputs: list[dict[str, Any]]) -> Shares:
    """Count, over pages and their cleaned JSON records (in the same order), the furniture lines
    in `removed` and the article lines not in it."""
    furniture = removed_furniture = article = kept_article = 0
    for page, output in zip(pages, outputs, strict=True):
        removed = {item["line"] for item in output["removed"]}
        for line, kind in page.kinds.items():
            if kind is Kind.FURNITURE:
                furniture += 1
                removed_furniture += line in removed
            elif kind is Kind.ARTICLE:
                article += 1
                kept_article += line not in removed
    return Shares(furniture, removed_furniture, article, kept_article)
