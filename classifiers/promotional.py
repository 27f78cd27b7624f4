"""Promotional wording in outbound messages, as (reason, pattern) rules over the original text.

Each hit becomes a span staff can remove. Ordinary service wording ("are you free Thursday?",
"parts are free of charge", "your quote is $189", "special instructions", "we'll deal with it")
is kept out by the patterns themselves or by a guard matched around the hit.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from classifiers import prefilter
from classifiers.promotional_es import SPANISH_PROMO_GUARDS, SPANISH_PROMO_RULES
from classifiers.promotional_forms import VISIT_ADD_ONS
from classifiers.promotional_offers import ADD_ON, HOOK_RULES, OFFER_RULES, OWN_JOB, PITCH, THEIRS, THEIRS_CANCELS

_MONEY = r"\$\s?\d[\d,]*(?:\.\d\d)?"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# "while we're there": an add-on, unless the customer asked for it (see _beside_their_mention)
_WHILE_THERE = (
    r"\bwhile\s+(?:we'?re|we\s+are|you'?re|your\s+\w+\s+is|the\s+tech\s+is|we'?re\s+out)\s+(?:there|at\s+it|here"
    r"|at\s+your\s+home)\b"
)
_PERIOD = rf"(?:today|tonight|tomorrow|this\s+(?:week(?:end)?|month)|{_WEEKDAY}|the\s+weekend|now|soon)"

PROMO_RULES: dict[str, tuple[str, ...]] = {
    "discount": (
        r"\b\d{1,2}\s?%\s?(?:off|discount|savings?)\b",
        rf"\b(?:save|saving)\s+(?:up\s+to\s+)?(?:{_MONEY}|\d{{1,2}}\s?%|big|more|money|on\b)",
        rf"{_MONEY}\s+(?:off|discount|credit|rebate|coupon|bonus)\b",
        rf"{_MONEY}\s+(?:\w+\s+)?(?:special|deal|sale|promo)\b",
        rf"\b(?:for\s+)?(?:only|just)\s+{_MONEY}",
        rf"\b(?:as\s+low\s+as|starting\s+(?:at|from)|from\s+only|prices?\s+from|from)\s+{_MONEY}",
        rf"\b(?:reg(?:ularly|\.)?|normally|usually)\s+{_MONEY}",
        rf"\bnow\s+(?:only\s+|just\s+)?{_MONEY}",
        r"\bdiscount(?:s|ed)?\b(?!\s+(?:was|has\s+been)\s+applied)",
        r"\bcoupons?\b",
        r"\bpromo(?:s|tions?|tional)?\b(?:\s+code)?",
        r"\b(?:use|with|mention)\s+(?:the\s+)?code\s+[A-Z0-9]{3,}\b",
        r"\b(?:half|50%)\s+(?:off|price)\b|\bhalf[- ]price\b",
        r"\bBOGO\b|\bbuy\s+one,?\s+get\b|\bbuy\s+\$?\d+\s+get\b|\bfor\s+the\s+price\s+of\b",
        r"\b(?:flash\s+)?sale\b|\bclearance\b",
        r"\bdeals?\b(?!\s+with)",
        r"\bspecials?\b(?!\s+(?:instructions?|requests?|notes?|order|tools?|parts?|care|attention|handling))",
        r"\b(?:lowest|best|great|special|preferred|discounted|reduced|introductory|launch|returning)"
        r"(?:\s+customer)?\s+(?:price|prices|pricing|rate|rates)\b",
        r"\bprice\s+(?:match|drop|cut)\b|\bmatch\s+any\s+competitor",
        r"\bsavings\b",
        r"\boff\s+(?:any|all|every|your\s+next|the\s+(?:first|second))\b",
        r"\b(?:first|next)\s+(?:\w+\s+)?(?:clean|visit|service(?:\s+call)?|tune-?up|month)\s+(?:is\s+)?"
        r"(?:discounted|half\s+off|on\s+us)\b",
    ),
    "urgency": (
        r"\blimited[- ]time\b|\blimited\s+(?:spots|availability\s+for\s+our)\b",
        rf"\b{_PERIOD}\s+only\b|\bonly\s+{_PERIOD}\b(?!\s+at\b)",
        r"\b(?:offer|sale|deal|special|promo(?:tion)?|discount|coupon|savings)\s+(?:ends|expires|won'?t\s+last"
        r"|is\s+valid\s+(?:until|through))\b",
        rf"\b(?:ends|expires|ending)\s+(?:soon|{_PERIOD}|this\s+\w+)\b",
        r"\b(?:act|call|book|order|sign\s+up|reserve|claim|schedule)\s+(?:now|today)\b",
        r"\bhurry\b",
        r"\bdon'?t\s+(?:miss(?:\s+out)?|wait)\b",
        r"\blast\s+(?:chance|call|day|few\s+days)\b",
        r"\b(?:only\s+)?\d+\s+(?:spots?|slots?|days?|openings)\s+left\b",
        r"\bbefore\s+(?:prices?|rates?)\s+(?:go\s+up|increase|rise)\b|\b(?:prices?|rates?)\s+(?:go(?:ing)?\s+up"
        r"|increase|are\s+rising|rise)\b",
        r"\block\s+in\b",
        r"\bwhile\s+(?:supplies|they)\s+last\b|\bwon'?t\s+last\b",
        r"\bfilling\s+(?:up\s+)?fast\b|\balmost\s+(?:all\s+)?gone\b|\bfilling\s+up\b|\bbefore\s+they'?re\s+(?:all\s+)?"
        r"(?:gone|taken)\b",
        r"\bfor\s+the\s+next\s+\d+\s+hours\b",
        r"\b(?:beat|avoid)\s+the\s+(?:\w+\s+)?(?:heat|rush|cold)\b|\bbefore\s+the\s+(?:\w+\s+)?rush\b",
        r"\b(?:extend|renew)\s+(?:it|them|your\s+[\w-]+(?:\s+[\w-]+)?|coverage)\s+(?:now|today)\b",
        r"\bbefore\s+it'?s\s+too\s+late\b|\buntil\s+it'?s\s+too\s+late\b",
        r"\bbefore\s+(?:the\s+)?(?:summer|winter|heat|cold|holidays|freeze|storm\s+season)\s+(?:hits|arrives|comes|starts|sets\s+in)\b",
    ),
    "incentive": (
        r"\bfree\b",
        r"\b(?:get|receive|claim|enjoy|earn|score)\s+(?:a\s+|an\s+|your\s+)?(?:complimentary|bonus)\b",
        r"\bcomplimentary\b",
        r"\b(?:refer(?:ral)?s?|tell|told|telling)\s+(?:a\s+|your\s+|\d\s+|two\s+|three\s+)?(?:friends?|neighbou?rs?|family)\b",
        r"\bfriends\s+you\s+refer\b|\breferral\s+(?:bonus|reward|credit|program)\b",
        r"\b(?:review|rate\s+us|5[- ]stars?|five[- ]stars?|feedback|survey|share\s+your\s+experience|photo\s+review)"
        r"\b[^.!?]{0,60}?\b(?:get|receive|earn|entered|enter|win|chance|gift\s+card|\$\s?\d+|\d+%\s+off|credit"
        r"|coupon|discount|drawing|raffle|coffee\s+card)\b",
        r"\bgift\s+(?:cards?|certificates?)\b",
        r"\bbonus\b|\bdouble\s+rewards\b",
        r"\bas\s+a\s+thank[- ]you\b",
        r"\bon\s+us\b",
        r"\b(?:rebate|tax\s+credit)s?\b",
        r"\b(?:trade-in|trade\s+in)\s+(?:program|offer|credit)\b",
    ),
    "giveaway": (
        r"\bgiveaways?\b|\bgiving\s+away\b",
        r"\benter(?:ed)?\s+(?:to\s+win|our|the|a|for|in|into)\b|\btext\s+enter\b|\breply\s+(?:enter|win)\b",
        r"\bchance\s+to\s+win\b|\bwin\s+(?:a|an|the|\$|free|one)\b",
        r"\bsweepstakes\b|\braffle\b|\bcontest\b",
        r"\b(?:gift\s+card|monthly|prize|free)\s+drawing\b|\bjoin\s+the\s+drawing\b",
    ),
    "loyalty": (
        r"\bVIP\b",
        r"\bloyal(?:ty)?\s+(?:program|rewards?|points|customers?|club)\b",
        r"\b(?:rewards?|points)\s+(?:program|club)\b|\bearn\s+points\b|\bloyalty\s+points\b",
        r"\bmembers?(?:hip)?\s+(?:save|get|perks|benefits|club|never|pricing|discount|rates?|of\s+our)\b",
        r"\bjoin\s+(?:our|the)\s+(?:[\w-]+\s+){0,3}?(?:club|program|plan|membership)\b|\bjoin\s+(?:now|today)\b",
        r"\b(?:comfort|safety|sparkle|vip|platinum|gold|premium|rewards)\s+(?:club|plan|program)\b",
        r"\b(?:sign\s+up\s+for|ask\s+about)\s+our\s+(?:[\w-]+\s+){0,2}?(?:plan|membership|club)\b",
        r"\bexclusive\b",
        r"\bas\s+(?:a|one\s+of\s+our)\s+(?:valued|loyal|favou?rite|special|preferred|top|long-?time)\s+(?:customers?|clients?)\b"
        r"|\bcomo\s+(?:cliente|clienta)s?\s+(?:especial|preferente|distinguid[oa]|valios[oa]|leal|consentid[oa])\b",
        r"\bpriority\s+(?:scheduling|service|booking)\s+(?:and|for\s+(?:just|only)?|plus)",
    ),
    "financing": (
        r"\b(?:special|easy|flexible|0%|zero[- ]percent|interest[- ]free|no[- ]interest)\s+financing\b",
        r"\bfinancing\s+(?:available|options?|offers?|plans?|from|on|for\s+\d+\s+months)\b|\b(?:ask\s+(?:us\s+)?about|offer)\s+financing\b",
        r"\b(?:0|zero)\s?%\s+(?:apr|interest|financing)\b|\b0%\s+apr\b",
        r"\bno\s+(?:money|payments?)\s+(?:down|for\s+\d+)\b|(?:\$\s?0|\bzero)\s+down\b",
        r"\blow\s+monthly\s+payments\b|\bmonthly\s+payments\s+as\s+low\s+as\b",
        rf"{_MONEY}\s*(?:/|a|per)\s*(?:mo|month)\b",
        r"\beasy\s+payment(?:\s+plans?)?\b|\bpayment\s+plans?\b|\bwith\s+approved\s+credit\b|\binterest[- ]free\b",
    ),
    "upsell": (
        _WHILE_THERE,
        r"\bwhile\s+(?:we'?re|we\s+are|the\s+(?:tech|crew|team)\s+is|our\s+(?:tech|crew|team)\s+is)\s+(?:nearby|close\s+by"
        r"|in\s+(?:the|your)\s+(?:area|neighbou?rhood))\b",
        r"\bdid\s+you\s+know\s+(?:that\s+)?(?:we|a\s+new|hydro|our|most|many|the\s+average|over|nearly|half|\d+|a\s+(?:dirty"
        r"|clogged|leaky|old|single))\b",
        r"\bwe\s+(?:also|now)\s+(?:offer|do|install|sell|provide|carry)\b|\bnow\s+offering\b|\bnew\s+service\b",
        r"\bask\s+(?:us\s+|your\s+(?:tech|technician|plumber|electrician|cleaner|installer)\s+)?about\b",
        rf"\badd(?:ing)?\b[^.!?]{{0,40}}?(?:for\s+(?:only\s+|just\s+)?{_MONEY}|{_MONEY}|\d+%\s+off|half\s+price"
        rf"|while\s+we)",
        r"\bupgrade\s+(?:to|your)\b|\bconsider\s+(?:adding|upgrading|replacing)\b|\bwhy\s+not\b",
        r"\b(?:have\s+you\s+(?:thought|considered)\s+(?:about|of)|thinking\s+(?:of|about)\s+(?:a|an|getting"
        r"|upgrading|replacing))\b",
        r"\btired\s+of\b",
        r"\bis\s+your\s+[\w-]+(?:\s+[\w-]+)?\s+(?:over|older\s+than)\s+\d+\s+years\b",
        r"\bbundle\b|\bcombo\s+(?:for|deal|special)\b",
        r"\bextended\s+warranty\b",
        # an offer to add a service, with no price named: "Want us to add you?"
        r"\bwant\s+(?:us\s+to\s+)?(?:add|include|sign\s+up|put)\s+(?:you|yours|it|one|that)\b"
        r"(?!\s+(?:to|on)\s+(?:the\s+)?(?:wait\s*list|schedule|calendar|route))",
        # social proof and competitor price claims
        r"\b(?:your\s+|the\s+)?neighbou?rs?\s+(?:just\s+|already\s+|recently\s+)?(?:got|had|booked|did|are\s+getting)"
        r"\s+(?:theirs|their|it|one)\b",
        r"\b(?:we'?ll|we\s+will|we)\s+beat\s+any\b|\bbeat\s+any\s+(?:written\s+)?(?:quote|price|estimate|offer)\b",
        # what others nearby bought: "your neighbors on Birch Lane just upgraded", "homeowners near you are switching"
        r"\b(?:your\s+|the\s+)?neighbou?rs?\b(?:\s+(?:on|in|along|across|around|down|up)\s+[\w'-]+(?:\s+[\w'-]+){0,2}?)?"
        r"\s+(?:just\s+|already\s+|recently\s+|all\s+)?(?:(?:got|had|booked|did)\s+(?:theirs|their|it|one)|upgraded|switched"
        r"|installed|replaced|signed\s+up|joined|bought"
        r"|are\s+(?:upgrading|switching|getting|installing|replacing|signing\s+up|joining))\b",
        r"\b(?:homeowners|customers|families|folks|people|households|many\s+of\s+your\s+neighbou?rs)\s+(?:near\s+you|nearby"
        r"|in\s+(?:your|the)\s+(?:area|neighbou?rhood|zip\s+code|subdivision)|on\s+your\s+(?:street|block)|like\s+you)"
        r"\s+(?:are|have\s+been|have|just|already)\s+(?:\w+\s+)?(?:switching|upgrading|switched|upgraded|choosing|going"
        r"|installing|getting|signing\s+up|joining)\b",
        # an offer made because we already have them: "while we have your info", "while you're on the schedule"
        r"\bwhile\s+we\s+(?:have|'ve\s+got|already\s+have)\s+(?:you|your\s+(?:info|information|details|address|attention))\b",
        r"\bwhile\s+you'?re\s+(?:on\s+(?:the|our)\s+(?:schedule|calendar|books|list)|already\s+booked)\b",
        # adding a service to a booked visit: "Add a tankless water heater consultation to your upcoming visit?"
        r"\b(?:add|adding|include|including|tack\s+on)\s+(?:a|an|our|one)\s+(?:[\w-]+\s+){0,4}?(?:consultation|consult|inspection"
        r"|tune-?up|cleaning|check(?:-?up)?|flush|installation|install|upgrade|treatment|estimate|quote|filter|plan"
        r"|protection|service|assessment|evaluation)\s+(?:to|onto|with)\s+(?:your|the)\s+(?:upcoming\s+|next\s+|scheduled"
        r"\s+|same\s+)?(?:visit|appointment|service|call|job|trip)\b",
        r"\bask\s+(?:us|your\s+(?:tech|technician|plumber|electrician))\s+for\s+(?:a|an|your)\s+(?:free\s+)?(?:[\w-]+\s+)?"
        r"(?:quote|estimate|consultation|assessment)\b",
        r"\bwant\s+(?:a|an|us\s+to\s+(?:send|give)\s+(?:you\s+)?a)\s+(?:free\s+|quick\s+)?(?:quote|estimate|price)\s+(?:on|for)\s+"
        r"(?:a|an|new)\b",
        r"\bwant\s+(?:a|an)\s+(?:free\s+)?(?:replacement|upgrade|new)\s+(?:quote|estimate|price)\b",
        r"\bwant\s+us\s+to\s+(?:take\s+a\s+look\s+at|check|inspect|look\s+at)\s+yours\b",
        r"(?:^|(?<=[.!?:]\s))(?:interested|curious)\s*\?",
        r"\b(?:protect|enroll|sign\s+up)\b[^.!?]{0,40}\bour\s+(?:[\w-]+\s+){0,2}?(?:plan|program|agreement|club|membership)\b",
    ),
    "win-back": (
        r"\bwe\s+miss\s+(?:you|having|seeing)\b|\bmiss\s+seeing\s+you\b",
        r"\bit'?s\s+been\s+(?:a\s+while|a\s+(?:long\s+)?time|too\s+long|over\s+a\s+year|a\s+year|ages"
        r"|\d+\s+(?:months|years))\b",
        r"\b(?:haven'?t|have\s+not)\s+(?:seen|heard\s+from)\s+you\b|\byou\s+haven'?t\s+booked\b",
        r"\bcome\s+back\b|\bwelcome\s+back\b|\bwant\s+you\s+back\b|\bearn\s+your\s+business\s+again\b",
        r"\b\d+\s+(?:months|years)\s+since\s+we\s+saw\s+you\b|\b(?:last|previous)\s+(?:service|visit|tune-?up)\s+was"
        r"\s+in\b",
        r"\b(?:returning|past|former)\s+customers?\b",
        r"\bbeen\s+a\s+year\s+since\s+your\b",
    ),
    "newsletter": (
        r"\b(?:follow|like)\s+us\s+on\b|\bnewsletter\b|\bget\s+our\s+(?:exclusive\s+)?deals\b",
    ),
    "seasonal offer": (
        r"\b(?:black\s+friday|cyber\s+monday|anniversary\s+sale|customer\s+appreciation|spooky\s+savings)\b",
    ),
}

# Hits that are ordinary service wording, matched on the text around the hit.
PROMO_GUARDS: dict[str, str] = {
    r"\bfree\b": (
        r"(?:are\s+(?:you|u)|you'?re|feel|toll|hands|be|is|are|were|was|it'?s|your|the|their|stay|kept|who(?:ever)?'s"
        r"|whichever'?s)[\s-]+free\b"
        r"|\bfree\s+(?:of\b|to\b|(?:on|at|for)\s|time|slots?|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
        r"|this|that|tomorrow|today|tonight|replacement|labor|under|since|now|\?)"
    ),
    r"\block\s+in\b": r"\block\s+in\s+(?:the|your)\s+(?:house|home|garage|car)\b"
                     r"|\block\s+in\s+(?:the|your)\s+(?:quoted|estimated|agreed)\b|\block\s+in\s+(?:the|your)\s+(?:quote|estimate)\b",
    r"\bcome\s+back\b|\bwelcome\s+back\b|\bwant\s+you\s+back\b|\bearn\s+your\s+business\s+again\b": (
        r"\b(?:time|day|when)\s+(?:for\s+us\s+|we\s+(?:can|could|should)\s+)?(?:to\s+)?come\s+back\b"
        r"|\bcome\s+back\s+(?:out|(?:[\w-]+\s+){0,2}?to\s+(?:finish|fix|check|look|complete))|\b(?:will|we'?ll|can|could|if|when|they|it|these"
        r"|those|that|symptoms?|problems?|issues?|leaks?)\s+(?:\w+\s+)?come\s+back\b"
    ),
}


# A credit owed to the customer, not offered to them: "A $50 credit for the visit we had to cancel has been applied".
_CREDIT_APPLIED = (
    r"\bcredit\b[^.!?]{0,60}?\b(?:has\s+been|have\s+been|was|is|will\s+be)\s+(?:applied|added|posted|issued|refunded"
    r"|credited)|\bcredit\s+(?:on|to)\s+your\s+(?:account|invoice|bill|card)\b|\b(?:applied|added|posted)\s+(?:a\s+)?"
    r"\$\s?\d[\d,]*(?:\.\d\d)?\s+credit\b"
)
# A plan the customer already has, named to schedule its visit: "Your Comfort Club plan's spring tune-up is due".
_PLAN_THEY_HAVE = (
    r"\byour\s+(?:[\w-]+\s+){0,2}?(?:club|plan|program|membership|agreement)(?:\s+(?:plan|membership|agreement))?"
    r"(?:'s|\s+(?:[\w-]+\s+){0,2}?(?:visit|tune-?up|maintenance|inspection|cleaning|check-?up|service|appointment)\b"
    r"|\s+(?:plan\s+)?(?:includes|covers)\b)"
)
# Our own opt-out confirmation names what stops: "you will no longer receive promotions".
_NO_MORE_OFFERS = (
    r"\b(?:no\s+longer\s+(?:receive|get)|won'?t\s+(?:receive|get|send(?:\s+you)?)|will\s+not\s+(?:receive|get|send(?:\s+you)?)"
    r"|stop\s+(?:receiving|getting|sending(?:\s+you)?)|opted\s+out\s+of|unsubscribed\s+from)\s+(?:any\s+)?(?:more\s+)?"
    r"(?:\w+\s+)?(?:promo(?:s|tions?|tional)?|offers|deals|specials|marketing|coupons)\b"
)


def _add_guard(pattern: str, guard: str) -> None:
    PROMO_GUARDS[pattern] = f"{PROMO_GUARDS[pattern]}|{guard}" if pattern in PROMO_GUARDS else guard


# The customer asked about it: "check the disposal while we're there? You mentioned it was jamming". A guard
# must overlap the hit, so it reaches from the "while" to the mention.
_THEY_ASKED = r"\b(?:you|they)\s+(?:mentioned|asked\s+about|asked\s+us|requested|said)\b|\busted\s+(?:menciono|pidio)\b"


def _beside_their_mention(anchor: str) -> str:
    """A guard from the hit's anchor word to the customer's mention, either way round, within 80 characters."""
    return rf"(?:{_THEY_ASKED})[\s\S]{{0,80}}?{anchor}|{anchor}[\s\S]{{0,80}}?(?:{_THEY_ASKED})"

_add_guard(rf"{_MONEY}\s+(?:off|discount|credit|rebate|coupon|bonus)\b", _CREDIT_APPLIED)
_add_guard(_WHILE_THERE, _beside_their_mention(r"\bwhile\b"))
# A card, quote or warranty running out, not an offer running out: "your card ending 4402 expires this month",
# "your quote for the AC replacement expires Friday".
_add_guard(rf"\b(?:ends|expires|ending)\s+(?:soon|{_PERIOD}|this\s+\w+)\b",
           r"\b(?:card|quote|estimate|proposal|bid|warranty|coverage)\b[^.!?]{0,60}\b(?:expires|ends)\b")
# A balance past due, offered a way to pay it: "invoice #3310 is 30 days past due ... set up a payment plan".
_add_guard(r"\beasy\s+payment(?:\s+plans?)?\b|\bpayment\s+plans?\b|\bwith\s+approved\s+credit\b|\binterest[- ]free\b",
           r"\b(?:past\s+due|overdue|vencid[ao])\b[\s\S]{0,100}?\bpayment\s+plans?\b")
_add_guard(ADD_ON, _beside_their_mention(r"\b(?:too|as\s+well|want|would)\b"))
for _add_on in VISIT_ADD_ONS:
    _add_guard(_add_on, _beside_their_mention(r"\b(?:while|since|quiere|gustaria|desea|mientras|podemos|puede|can)\b"))
# The extended warranty the customer already has, running out (a renewal pushed is flagged by its own words).
_add_guard(r"\bextended\s+warranty\b", r"\b(?:your|their)\s+(?:[\w-]+\s+)?extended\s+warranty\b"
           r"|\bextended\s+warranty\s+(?:paperwork|registration|certificate|claim|documents?|card)\b")
# "sale" as the Spanish verb salir: "el técnico sale para su casa".
_add_guard(r"\b(?:flash\s+)?sale\b|\bclearance\b",
           r"\b(?:tecnico|plomero|electricista|equipo|camion|cuadrilla|instalador|ella|ya|quien|usted|que|se|cuando|hora|si|no|le"
           r"|me|nos|les)\s+sale\b"
           r"|\bsale\s+(?:para|hacia|rumbo|usted|del|de\s+(?:aqui|la\s+oficina|su|nuestra|otro)|en\s+(?:camino|\d|unos|cuanto)|a\s+las"
           r"|ahorita|ahora|manana|hoy|temprano|mucha|mucho|agua|humo|caro|barato)\b")
_add_guard(r"\b(?:comfort|safety|sparkle|vip|platinum|gold|premium|rewards)\s+(?:club|plan|program)\b", _PLAN_THEY_HAVE)
for _offers in (r"\bpromo(?:s|tions?|tional)?\b(?:\s+code)?", r"\bdeals?\b(?!\s+with)", r"\bcoupons?\b",
                r"\bspecials?\b(?!\s+(?:instructions?|requests?|notes?|order|tools?|parts?|care|attention|handling))"):
    _add_guard(_offers, _NO_MORE_OFFERS)
# Spanish rules join the English ones; each language's words only match its own messages.
for _reason, _patterns in SPANISH_PROMO_RULES.items():
    PROMO_RULES[_reason] = PROMO_RULES.get(_reason, ()) + _patterns
for _pattern, _guard in SPANISH_PROMO_GUARDS.items():
    _add_guard(_pattern, _guard)
for _reason, _patterns in OFFER_RULES.items():
    PROMO_RULES[_reason] = PROMO_RULES.get(_reason, ()) + _patterns
# Accents folded one letter for one letter, so the rules read "únase" as "unase" and spans stay aligned.
_FOLD = str.maketrans("áéíóúüñÁÉÍÓÚÜÑ", "aeiouunAEIOUUN")


# ASCII capitals lowered one letter for one letter: the rules without a capital in them run case-sensitively
# on this copy, which Python's regex engine matches about twice as fast as IGNORECASE.
_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# A capital letter written into a pattern (not an escape such as \W): "BOGO", "[A-Z0-9]{3,}".
_CAPITAL = re.compile(r"(?<!\\)[A-Z]")


def fold(text: str) -> str:
    return text.translate(_FOLD)


@dataclass(frozen=True)
class _PromoRule:
    reason: str
    pattern: re.Pattern[str]
    guard: re.Pattern[str] | None
    hook: bool = False  # counts only beside a pitch for unbooked work (promotional_offers.HOOK_RULES)
    lowered: bool = False  # matched case-sensitively on the lowered text (no capital in the pattern)


def _rule(reason: str, pattern: str, guard: str | None, *, hook: bool = False) -> _PromoRule:
    lowered = not _CAPITAL.search(pattern)
    return _PromoRule(reason, re.compile(pattern, 0 if lowered else re.IGNORECASE),
                      re.compile(guard, re.IGNORECASE) if guard else None, hook=hook, lowered=lowered)


_RULES = tuple(
    _rule(reason, p, PROMO_GUARDS.get(p))
    for reason, patterns in PROMO_RULES.items()
    for p in patterns
) + tuple(
    _rule(reason, p, None, hook=True)
    for reason, patterns in HOOK_RULES.items()
    for p in patterns
)
_PITCH = re.compile(PITCH, re.IGNORECASE)
_OWN_JOB = re.compile(OWN_JOB, re.IGNORECASE)
# Which rules may hit a message, by the literals each rule's matches contain (classifiers.prefilter; exact,
# and most messages contain the words of few rules). One index serves both copies of the text: they fold alike.
_RULE_INDEX = prefilter.RuleIndex(prefilter.compile(rule.pattern) for rule in _RULES)
# Characters either side of a hit that its guard may read ("credit for the visit we had to cancel has been applied").
_GUARD_WINDOW = 80


def _guarded(rule: _PromoRule, text: str, start: int, end: int) -> bool:
    if rule.guard is None:
        return False
    lo = max(0, start - _GUARD_WINDOW)
    window = text[lo:end + _GUARD_WINDOW]
    return any(m.start() + lo < end and m.end() + lo > start for m in rule.guard.finditer(window))


_THEIRS = re.compile(THEIRS, re.IGNORECASE)
# Sentence ends: a stop followed by a space or the end ("$14.99/mo" is one sentence), or a line break.
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")


def _already_theirs(text: str, start: int, end: int) -> bool:
    """True when the hit's sentence speaks of a plan, credit or balance the customer already has."""
    lo = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    return bool(_THEIRS.search(text, lo, after.end() if after else len(text)))


def _merge_same_reason(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping hits of one reason become one span: "0% financing" + "financing for 60 months"."""
    merged: list[tuple[int, int, str]] = []
    for start, end, reason in sorted(hits, key=lambda h: (h[2], h[0])):
        if merged and merged[-1][2] == reason and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), reason)
        else:
            merged.append((start, end, reason))
    return merged


def promo_spans(text: str) -> list[dict]:
    """Non-overlapping promotional spans {start, end, text, reason}, in order of position."""
    folded = fold(text)
    pitched = None  # decided on the first hook hit
    hits = []
    for start, end, rule in _raw_hits(folded):
        if rule.hook:
            if pitched is None:
                pitched = bool(_PITCH.search(folded)) and not _OWN_JOB.search(folded)
            if not pitched:
                continue
        hits.append((start, end, rule.reason))
    chosen: list[tuple[int, int, str]] = []
    for hit in sorted(_merge_same_reason(hits), key=lambda h: (-(h[1] - h[0]), h[0])):
        if all(hit[1] <= c[0] or hit[0] >= c[1] for c in chosen):
            chosen.append(hit)
    return [{"start": s, "end": e, "text": text[s:e], "reason": r} for s, e, r in sorted(chosen)]


def _raw_hits(folded: str) -> list[tuple[int, int, _PromoRule]]:
    lowered = folded.translate(_LOWER)
    return [
        (m.start(), m.end(), rule)
        for rule in map(_RULES.__getitem__, _RULE_INDEX.candidates(folded))
        for m in rule.pattern.finditer(lowered if rule.lowered else folded)
        if m.end() > m.start() and not _guarded(rule, folded, m.start(), m.end())
        and not (rule.reason in THEIRS_CANCELS and _already_theirs(folded, m.start(), m.end()))
    ]
