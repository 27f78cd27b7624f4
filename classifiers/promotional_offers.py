"""Offers of something the customer has not booked, and what is already theirs.

The promotional rules (classifiers.promotional) name prices and cue words. A pitch often has none: it
asks whether to add a service ("Should we add window cleaning?", "¿Le agregamos...?"), announces one
("now booking", "ahora tenemos"), leans on the season, the neighbours, scarcity, a price rise, or a
fear ("Is your home protected?", "¿Su casa está protegida?"). OFFER_RULES read those forms.

A discount, plan or credit the customer already has is not an offer: "under your Comfort Club
plan", "your membership renews", "the promo code you used was applied", "installment 2 of 4",
"rebate form attached", "parking is free". THEIRS matches the sentence such wording sits in, and
promotional.promo_spans drops price, incentive, plan and financing hits inside it.

Both are matched on the text with accents folded letter for letter (promotional.fold).
"""

from __future__ import annotations

from classifiers.promotional_forms import FORM_HOOKS, FORM_OWN_JOB, FORM_PITCH, FORM_RULES, FORM_THEIRS

_SEASON = (
    r"(?:termite|hail|storm|hurricane|allergy|pollen|mosquito|tick|flea|rain|freeze|winter|summer|spring|fall|autumn"
    r"|holiday|heating|cooling|ac|furnace|gutter|leaf|snow|wildfire|monsoon)"
)

# Something to sell after "add"/"include": a service or a product, not a note, a code or a contact,
# and not the work the customer asked about ("the second bathroom you mentioned").
_SERVICE = (
    r"(?:cleaning|clean|check(?:-?up)?|inspection|tune-?up|service|treatment|plan|membership|protection|protector|guards?"
    r"|sealing|flush|filters?|upgrade|install(?:ation)?|detectors?|alarm|coverage|warranty|wash(?:ing)?|consult(?:ation)?"
    r"|maintenance|purifier|softener|system|unit|thermostat|camera|lighting|generator)"
)
_ADD_SERVICE = (
    rf"(?:add|include)\s+(?:a|an|the|some|our|your)?\s*(?:[\w-]+\s+){{0,3}}?{_SERVICE}\b"
    r"(?![^.?!]{0,30}\b(?:you|they)\s+(?:mentioned|asked|requested|wanted))"
)
_SERVICIO = (
    r"(?:limpieza|revision|mantenimiento|servicio|plan|proteccion|protector|inspeccion|tratamiento|lavado|instalacion"
    r"|filtro|garantia|membresia|sellado|fumigacion)"
)

# An add-on to a visit already planned: "want them to look at the downspouts too?" (promotional.py guards the
# work the customer mentioned).
ADD_ON = (
    r"\b(?:(?:would|do)\s+you\s+(?:like|want)|want)\s+(?:us|them|him|her|our\s+[\w-]+|the\s+[\w-]+)\s+to\s+(?:also\s+)?"
    r"(?:check|look\s+at|inspect|clean|flush|trim|service|test|tune|treat|seal|replace|wash"
    r"|(?:take|have)\s+a\s+(?:quick\s+)?look\s+at)\b"
    r"[^.?!]{0,60}?\b(?:too|as\s+well)\s*\?"
)

OFFER_RULES: dict[str, tuple[str, ...]] = {
    "upsell": (
        # asking whether to add or sign up for something: "Should we add window cleaning?", "Shall we sign you up?"
        rf"\b(?:should|shall|can|could|may)\s+we\s+(?:also\s+)?(?:{_ADD_SERVICE}|sign\s+you\s+up|enroll\s+you|(?:put\s+you\s+down"
        r"|book\s+you\s+(?:in\s+)?)\s+for\s+(?:a|an|our)\b)",
        rf"\b(?:would|do)\s+you\s+(?:like|want)\s+(?:us\s+to\s+)?(?:{_ADD_SERVICE}|sign\s+up|enroll|upgrade)",
        r"\b(?:would|do)\s+you\s+(?:like|want)\s+(?:him|her|them|our\s+tech\w*|the\s+tech\w*)\s+to\s+(?:do|take|give)\s+"
        r"(?:a\s+)?(?:quick\s+)?(?:check|look|inspection)\b",
        r"\bwould\s+you\s+like\s+your\s+[\w\s]{1,30}?\s+(?:every\s+week|weekly|monthly)\s+instead\b"
        r"|\binstead\s+of\s+every\s+other\s+week\b",
        r"\bwould\s+you\s+(?:consider|think\s+of)\s+us\b|\b(?:consider|remember|think\s+of)\s+us\s+(?:for|when|next)\b",
        r"\bwould\s+you\s+like\s+us\s+to\s+take\s+a\s+look\s*\?",
        # announcements: "now booking", "we have a technician in your neighborhood"
        r"\bnow\s+(?:booking|enrolling|accepting|scheduling)\b|\bnow\s+(?:serving|servicing)\s+(?:your|the)\b",
        r"\bwhile\s+(?:he|she|they)(?:'s|'re|\s+is|\s+are)\s+(?:nearby|in\s+the\s+area|in\s+your\s+(?:neighbou?rhood|area))\b",
        r"\b(?:we'?d|we\s+would)\s+love\s+to\s+help\s+with\s+your\s+next\b|\byour\s+next\s+project\b",
        r"\bif\s+you\s+know\s+(?:anyone|someone|somebody)\s+(?:who|that)\b|\bgrateful\s+for\s+(?:the|a|any|your)\s+referrals?\b",
        r"\bif\s+you'?ve\s+been\s+putting\s+off\b|\bwant\s+your\s+[\w\s-]{1,25}?\s+looking\s+(?:new|great|like\s+new|its\s+best)\b",
        r"\bneighbou?rs?\b[^.!?]{0,30}?\b(?:chose|picked|hired|trusted|went\s+with|switched\s+to)\s+us\b",
        r"\b(?:can|may|shall)\s+we\s+(?:give|send)\s+you\s+(?:a|an)\s+(?:free\s+)?(?:quote|estimate|price)\s*\?",
        r"\b(?:only\s+)?\d+\s+(?:[\w-]+\s+)?(?:spots?|slots?|dates?|openings|appointments|times)\s+left\b"
        r"|\bquedan\s+(?:pocas|pocos|solo\s+\d+)\s+(?:fechas|lugares|espacios|citas|cupos)\b",
        r"\bgrab\s+(?:your|a)\s+(?:[\w-]+\s+){0,3}?(?:spot|slot|date|place)\b|\bthinking\s+of\s+(?:selling|remodel\w*|moving"
        r"|upgrading|renovating)\s*\?",
        r"\breply\s+\W?\w+\W?\s+(?:to|for)\s+(?:learn\s+more|more\s+info(?:rmation)?|details|get\s+started|claim|sign\s+up"
        r"|book\s+(?:yours|a\s+spot|your\s+spot))\b|\brespond\w*\s+\W?\w+\W?\s+para\s+(?:mas\s+)?(?:informacion|detalles)\b",
        r"\bready\s+for\s+(?:a|an)\s+(?:deep|fresh|spring|fall|full)\s+(?:clean|cleaning|look|tune-?up|makeover)\b",
        # suggesting something new be added (a replacement of a broken part is service wording)
        r"\bwe\s+(?:recommend|suggest)\s+(?:adding|installing)\b|\b(?:le|les)\s+recomendamos\s+(?:agregar|instalar|anadir"
        r"|poner)\b|\bpor\s+si\s+ha\s+estado\s+posponiendo\b",
        r"(?<!\bwe\s)(?<!\bwe'll\s)(?<!\bwill\s)\bextend\s+(?:your\s+)?(?:[\w-]+\s+){0,2}?(?:warranty|coverage|protection)\b"
        r"(?!\s+(?:paperwork|claim|form|registration))",
        # fear and cost hooks: "Is your home protected?", "Did your last water bill seem high?"
        r"\bis\s+your\s+(?:[\w-]+\s+){1,3}?(?:protected|ready|safe|prepared|covered|doing\s+its\s+job|up\s+to\s+code)\s*\?",
        r"\bpays?\s+for\s+itself\b|\bpagar\s+sol[oa]\b",
        r"\bvoted\s+(?:#\s?1|best|number\s+one|top)\b",
        r"(?:(?<=\bmany\s)|(?<=\bmost\s)|(?<=\blot\sof\s)|(?<=\bmore\s))(?:home\s*owners|owners|customers|people|families"
        r"|neighbou?rs)\b"
        r"[^.!?]{0,60}?\b(?:are|have\s+been)\s+(?:now\s+)?(?:replacing|switching|upgrading|installing|adding|getting)\b",
        # an add-on to a visit already planned: "want them to look at the downspouts too?", "as well?"
        ADD_ON,
        r"\b(?:happy|glad)\s+to\s+(?:stop|swing|come)\s+by\s+and\s+(?:give|take\s+a\s+look|check|look|inspect|trim|clean|flush"
        r"|service|test|treat)\b|\bwe\s+can\s+(?:also\s+)?(?:swing|stop)\s+by\s+and\b[^.?!]{0,60}?\b(?:too|as\s+well)\b",
        r"\b(?:we'?d|we\s+would|our\s+(?:team|crew)\s+would)\s+be\s+(?:happy|glad)\s+to\s+(?:add|include|set\s+up|enroll)\b",
        # a service announced: "we're now installing", "we just started offering", "our new handyman service"
        r"\bwe(?:'re|\s+are)?\s+(?:now|also)\s+(?:offering|installing|servicing|service|selling|providing|carrying|repairing)\b"
        r"(?!\s+(?:your|the|it|that|this|a\s+new\s+part)\b)"
        r"|\bwe(?:'ve)?\s+(?:just\s+)?(?:started|began)\s+(?:offering|doing|installing|servicing)\b(?!\s+(?:your|the|it|on)\b)"
        r"|\bwe'?ve\s+(?:just\s+)?added\s+[^.!?]{0,40}\bto\s+our\s+(?:services|lineup|menu|offerings)\b",
        r"\binvit\w*\s+(?:you\s+)?to\s+(?:try|join|check\s+out|experience)\b|\btry\s+our\s+(?:new|latest)\b"
        r"|\bour\s+new\s+(?:[\w-]+\s+){0,2}?service\b",
        # interest asked for unbooked work ("are you interested in the 9am slot?" is scheduling)
        r"\b(?:would|are|were)\s+you\s+(?:be\s+)?interested\s+in\b(?!\s+(?:the|a|an|that|this|your)\s+(?:\d|morning|afternoon"
        r"|evening|earlier|later|first|second|next|[\w-]+day\b))(?!\s+(?:the|a|an|that|this|your)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:slot|time|opening|appointment|appt|date|visit|estimate|quote|proposal|repair|job|window)s?\b)",
        # referrals without a reward named: "Know someone moving? We'd be grateful for the introduction."
        r"\bknow\s+(?:anyone|someone|somebody)\s+(?:(?:who|that)\s+(?:needs?|might\s+need|could\s+use|wants?|is\s+(?:moving"
        r"|buying|building|looking|selling|remodel\w*))|moving|looking|buying|building|in\s+need)\b"
        r"|\bsend\s+them\s+our\s+way\b|\b(?:grateful|thankful)\s+for\s+(?:the|an|any|your)\s+(?:introduction|intro|referrals?"
        r"|recommendations?)\b|\bpass(?:ed|ing)?\s+(?:our|my)\s+(?:name|number|info)\s+(?:along|on)\b"
        r"|\bconoce\s+a\s+alguien\s+que\s+(?:necesite|quiera|busque|ocupe)\b",
        # what others who bought it say: "Customers who had their ducts cleaned say...", "Want to join them?"
        r"\b(?:customers|clients|homeowners|neighbou?rs|folks|families)\s+who\s+(?:have\s+)?(?:had|tried|switched|got|used"
        r"|signed\s+up|joined|upgraded|installed|added)\b[^.!?]{0,80}?\b(?:say|love|tell\s+us|report|rave|swear)\b"
        r"|\bjoin\s+them\s*\?",
        # a tier pitched: "Weekly clients get priority booking", "Reply to switch from monthly"
        r"\b(?:weekly|monthly|annual|yearly|premium|plan|club)\s+(?:cleaning\s+|service\s+)?(?:clients|customers|members)\s+"
        r"(?:get|enjoy|receive|never|always|skip)\b"
        r"|\bswitch\s+(?:to|from)\s+(?:our\s+|a\s+|the\s+)?(?:weekly|monthly|annual|yearly|quarterly|premium|bi-?weekly)\b"
        r"|\breply\s+(?:\W?\w+\W?\s+)?to\s+(?:switch|upgrade)\s+(?:to\s+|from\s+|your\s+)?(?:our\s+|a\s+|the\s+)?(?:weekly|monthly"
        r"|annual|yearly|quarterly|premium|bi-?weekly|plan|membership|tier)\b",
        r"\b(?:some\s+)?ideas\s+for\s+your\s+(?:yard|backyard|garden|patio|kitchen|bath\w*|home|space|lawn|landscap\w*)\b"
        r"|\bput\s+together\s+(?:some\s+)?ideas\b",
        r"\b(?:we'?ll\s+|we\s+will\s+|we\s+)?match\s+any\s+(?:written\s+|competitor'?s?\s+|other\s+)?(?:quote|price"
        r"|estimate|offer|bid)s?\b",
        r"\bready\s+for\s+(?:a|an)\s+(?:cleaner|greener|cooler|warmer|safer|brighter|quieter|new|fresh|better)\b[^.!?]{0,25}\?",
        r"\bwant\s+(?:to\s+)?(?:get\s+)?(?:on\s+the\s+list\s+for|in)\s*\??(?:\s|$)|\bget\s+on\s+the\s+list\s+for\s+(?:a|an|your|our)\b",
        r"\b(?:recently|just)\s+expanded\s+(?:into|to)\b|\bexpanded\s+our\s+services\b",
        r"\b(?:we\s+can|we\s+could|happy\s+to|glad\s+to|we'?d\s+love\s+to)\s+(?:also\s+)?(?:quote|clean|inspect|check|service|test"
        r"|tune\s+up|look\s+at|wash|seal|treat)\s+yours\b(?![^.!?]{0,60}\byou\s+(?:asked|mentioned|requested))"
        r"|\bif\s+yours\s+(?:needs|could\s+use|is\s+due)\b",
        r"\bwe'?re\s+(?:now\s+)?(?:booking|scheduling)\s+(?!your\b|the\b)(?:[\w-]+\s+){1,3}?(?:now|early|for\s+(?:the\s+)?(?:spring"
        r"|summer|fall|winter|season))\b",
        r"\bour\s+(?:[\w-]+\s+){0,2}?package\b|\b(?:text|call|message)\s+us\s+for\s+(?:details|more\s+info|pricing|a\s+quote)\b",
        r"\b(?:team|crew|techs?|schedule)\s+(?:has|have|still\s+has)\s+(?:a\s+few\s+|some\s+|two\s+|three\s+|\d\s+)?(?:openings"
        r"|open\s+(?:days|spots|slots))\b",
        r"\bthinking\s+(?:of|about)\s+(?!resched|cancel|moving\s+your|changing\s+your)(?:\w+ing\b[^.!?]{0,40}|(?:a\s+|an\s+|new\s+)?"
        r"[\w-]+\s*)\?"
        r"|\b(?:ya\s+)?penso\s+en\b|\bha\s+considerado\b",
        r"\bget\s+ahead\s+of\s+(?:the\s+|this\s+|your\s+)?(?:[\w-]+\s+)?(?:season|rush|heat|cold|freeze|winter|summer)\b",
        # a keyword reply that books something unasked: "Reply SPRAY to book", "Reply CLEAN and we'll find a time"
        r"\breply\s+(?-i:[A-Z]{3,})(?<!YES)(?<!CONFIRM)(?<!STOP)(?<!HELP)(?<!START)(?<!APPROVE)(?<!ACCEPT)(?<!AGREE)(?<!MOVE)"
        r"(?<!RESCHEDULE)(?<!CHANGE)(?<!CANCEL)\s+(?:to\s+(?:book|schedule|reserve|sign\s+up|get\s+started|claim|grab|hold"
        r"|get\s+on\s+the\s+(?:schedule|list|calendar))|(?:and|&)\s+we'?ll\s+(?:find|book|schedule|set|get|hold|save|reserve"
        r"|come|send|stop|swing|be\s+(?:out|there|by)|take\s+care|add|put|sign))\b"
        # the same in Spanish: "Escríbanos CITA y le damos un horario"
        r"|\b(?:responda|respondanos|conteste|contestenos|escriba|escribanos|mande|mandenos|envie|envienos)\s+(?:la\s+palabra\s+)?"
        r"(?-i:[A-Z]{3,})(?<!CONFIRMAR)(?<!APROBAR)(?<!ACEPTO)(?<!ACEPTAR)(?<!ALTO)(?<!PARA)(?<!BAJA)(?<!AYUDA)(?<!CAMBIAR)"
        r"(?<!CANCELAR)(?<!REPROGRAMAR)(?<!STOP)(?<!HELP)(?<!START)\s+(?:y\s+(?:le\s+|lo\s+|la\s+|les\s+)?(?:\w+amos|\w+emos|vamos)"
        r"|para\s+(?:agendar|reservar|apartar|programar|inscribirse|apuntarse))\b",
        r"\b(?:open\s+(?:days?|spots?|slots?)|openings?|room)\s+(?:next\s+week\s+|this\s+week\s+)?(?:near\s+you|in\s+your"
        r"\s+(?:area|neighbou?rhood|zip|subdivision))\b"
        r"|\b(?:tenemos|hay)\s+(?:espacio|lugar|cupo|disponibilidad)\b[^.!?]{0,40}\ben\s+su\s+(?:colonia|zona|area|vecindario"
        r"|barrio)\b",
        r"\b(?:could|can|will|may|might)\s+(?:help\s+)?(?:cut|lower|reduce|slash|trim)\s+(?:your\s+)?(?:monthly\s+)?(?:energy"
        r"|electric|water|gas|utility|heating|cooling|power)\s+(?:bills?|costs?|use|usage)\b"
        r"|\b(?:puede|podria|le\s+ayuda\s+a)\s+(?:bajar|reducir|ahorrar)\s+(?:en\s+)?(?:su|el)\s+(?:recibo|factura|cuenta"
        r"|consumo|gasto)\b",
        r"\b(?:your|the)\s+(?:go-?to|trusted|hometown|local|neighbou?rhood)\s+(?:team|company|plumbers?|electricians?|pros?"
        r"|experts?)\s+for\s+(?:all|any|every)\b|\bfor\s+all\s+(?:of\s+)?your\s+(?:[\w-]+\s+){0,2}?needs\b"
        r"|\bsomos\s+su\s+(?:equipo|empresa|plomero|electricista|tecnico)\s+de\s+confianza\b|\b(?:be\s+)?your\s+go-?to\b",
        r"\b(?:getting|becoming|really|so)\s+popular\s+(?:around\s+here|in\s+(?:your|the)\s+(?:area|neighbou?rhood))\b"
        r"|\bde\s+moda\s+en\s+(?:la|su)\s+(?:zona|colonia|area)\b",
        r"\btreat\s+(?:your\s*self|your\s+(?:home|house|family|lawn|yard))\s+to\b",
        r"\bwould\s+(?:a|an)\s+(?:[\w-]+\s+){1,3}?(?:make|help|save)\b[^.!?]{0,30}\?",
        r"\bwant\s+your\s+[\w\s-]{1,25}?\s+(?:cleaned|checked|serviced|inspected|done|treated|washed|looked\s+at)\s+(?:too|as\s+well"
        r"|while)\b",
        r"\b(?:keep|get)\s+your\s+[\w\s-]{1,25}?\s+(?:green|spotless|clean|sparkling|pest-free|bug-free|looking\s+\w+)\s+with\s+our\b"
        r"|\bmantenga\s+su\s+[\w\s]{1,25}?\s+(?:impecable|limpi[oa]|verde|brillante|como\s+nuev[oa])\s+con\s+nuestro\b",
        r"\b(?:quiere|desea|le\s+gustaria)\s+unirse\b|\bclientes\s+(?:del|de|con)\s+(?:plan|membresia|club)\s+(?:\w+\s+)?(?:nunca"
        r"|siempre|reciben|obtienen|tienen)\b",
        # Spanish
        r"\bya\s+que\s+(?:vamos|iremos|estaremos|estamos|vendremos|pasaremos|el\s+tecnico\s+(?:va|ira|estara))\b"
        r"(?=[^.!\n]{0,80}(?:\btambien\b|\baprovech|\ble\s+gustaria\b|\bquiere\b|\bdesea\b))",
        r"\b(?:quiere|le\s+gustaria|desea)\s+que\s+(?:tambien|de\s+una\s+vez)\s+(?:le\s+|lo\s+|la\s+)?"
        r"(?!(?:mand|envi|llam|avis|escrib|confirm|text)\w*\b)\w+(?:emos|amos)\b",
        r"\b(?:lo|la|los|las|le|les|te)\s+invitamos\s+a\s+(?:probar|conocer|unirse|inscribirse|aprovechar|descubrir)\b"
        r"|\bnuestro\s+nuevo\s+servicio\b|\bnuestra\s+nueva\s+(?:linea|opcion)\b",
        r"\b(?:le|te)\s+interesaria\s+(?:que|un|una|nuestro|nuestra|agregar|instalar|cambiar|probar)\b"
        r"(?!\s+(?:una?\s+)?(?:cita|visita|horario|hora|fecha)\b)",
        r"\b(?:cuentele|cuentale)\b[^.!?]{0,40}?(?:amig|vecin|famil|conocid|nosotros)|\brecomiend(?:enos|anos)\b",
        r"\b(?:pasese|cambiese|pasate|cambiate)\s+a\s+(?:un|una|nuestro|nuestra)\s+(?:[\w-]+\s+){0,3}?(?:plan|servicio|membresia"
        r"|calentador|sistema|equipo|paquete)\b",
        r"\b(?:le\s+)?preparemos\s+(?:unas\s+)?ideas\b|\bideas\s+para\s+su\s+(?:jardin|patio|cocina|bano|casa)\b",
        r"\bevite\s+(?:las\s+filas|el\s+apuro|la\s+prisa)\b",
        # Spanish
        rf"\b(?:le|te)\s+(?:agregamos|incluimos|sumamos)\s+(?:una?\s+|el\s+|la\s+)?(?:[\w-]+\s+){{0,2}}?{_SERVICIO}\b"
        r"|\b(?:le|te)\s+(?:anotamos|inscribimos|apuntamos)\s+(?:en|para|a)\s+(?:nuestro|nuestra|el|la)\b"
        r"|\b(?:lo|la|los|las)\s+(?:inscribimos|anotamos|apuntamos)\s*\?",
        r"\bha\s+pensado\s+en\b|\bnos\s+tomaria\s+en\s+cuenta\b|\bsi\s+conoce\s+a\s+alguien\b",
        r"\bahora\s+(?:tenemos|ofrecemos|instalamos|damos|atendemos)\b(?!\s+(?:su|sus|tu|tus)\b)|\bya\s+llegamos\s+a\s+su\s+(?:zona|area|colonia|ciudad)\b",
        # ("pregúntenos qué días podemos ir" asks about their own visit)
        r"\bpregunte(?:nos|nos\s+como|le)?\s+(?:por|sobre|como)\b|\bpreguntenos\s*(?:[.!]|$)",
        r"\bextienda\s+(?:la|su)\s+garantia\b|\bproteja\s+(?:a\s+)?su\b",
        r"\b(?:su|tu)\s+(?:casa|hogar|familia|techo|equipo)\s+esta\s+(?:protegid[oa]|list[oa]|preparad[oa])\s*\?",
        r"\bpaquetes?\s+(?:de|para)\s+(?:\w+\s+)?(?:limpieza|mantenimiento|las\s+fiestas|temporada)\b",
        r"\baparte\s+su\s+(?:lugar|espacio|cupo|mantenimiento|cita\s+de\s+temporada)\b",
    ),
    "win-back": (
        r"\bit'?s\s+been\s+(?:about\s+|almost\s+|over\s+|nearly\s+)?(?:a|one|\d+)\s+(?:year|years|months)\s+since\s+"
        r"(?:we\s+(?:were|came|last)|your\s+last|our\s+last)\b|\bpencil\s+you\s+in\b",
        r"\bya\s+paso\s+(?:un\s+ano|mas\s+de\s+un\s+ano|\d+\s+(?:meses|anos))\b",
    ),
}

# Hooks: the season, the weather, an appliance's age, a fear or a bill, a suggestion. Each is also
# ordinary service wording ("rain is in the forecast, so we'll move your roof job"), so a hook counts
# only in a message that also pitches unbooked work (PITCH) and is not about the customer's own job
# (OWN_JOB).
HOOK_RULES: dict[str, tuple[str, ...]] = {
    "urgency": (
        rf"\b{_SEASON}\s+season\s+(?:is\s+)?(?:here|coming|upon\s+us|around\s+the\s+corner|almost\s+here|starts|is\s+starting)\b",
        rf"\b(?:{_SEASON}|rain|storms?|snow|a\s+freeze|a\s+heat\s+wave)\s+(?:is\s+|are\s+)?in\s+the\s+forecast\b",
        r"\baround\s+the\s+corner\b",
        r"\b(?:is|be)\s+(?:a\s+|the\s+)?(?:good|great|perfect|ideal|best)\s+time\s+(?:to|for)\b",
        r"\bwhile\s+(?:the\s+|our\s+)?(?:schedule|calendar)\s+is\s+(?:still\s+)?open\b|\bbefore\s+(?:the\s+)?(?:schedule|calendar"
        r"|spots|slots|dates)\s+fill\b",
        r"\bthis\s+(?:winter|summer|spring|fall|season)\b(?=[^.!?]{0,40}\b(?:schedule|book|call|safe|ready|protect)\b)",
        # Spanish
        r"\bantes\s+de\s+que\s+(?:llegue|lleguen|empiece|empiecen)\s+(?:el|la|los|las)\s+(?:calor|frio|invierno|verano"
        r"|temporada|lluvias?|heladas?|tormentas?)\b|\bevite\s+la\s+espera\b",
        r"\b(?:ya\s+)?(?:viene|llega|empezo|empieza|comienza|se\s+acerca)\s+la\s+temporada\b",
        r"\bse\s+acerca\s+(?:el|la)\s+(?:verano|invierno|otono|primavera|frio|calor|temporada)\b"
        r"|\b(?:ya\s+)?casi\s+(?:llega|viene|empieza)\s+(?:el|la)\s+(?:frio|calor|invierno|verano|temporada|otono|primavera)\b"
        r"|\b(?:fall|winter|summer|spring|autumn|the\s+cold|the\s+heat)\s+is\s+(?:almost|nearly|just\s+about)\s+here\b"
        r"|\b(?:es|este\s+es)\s+(?:un\s+)?(?:buen|excelente|el\s+mejor)\s+momento\s+(?:para|de)\b"
        r"|\bno\s+espere\s+(?:a|hasta)\s+(?:la|el|que\s+(?:llegue|empiece|haga))\s+(?:primera?\s+|proxim[oa]\s+)?(?:invierno"
        r"|verano|temporada|frio|calor|helada|lluvias?|tormentas?)\b",
        rf"\b{_SEASON}\s+season\s+(?:peaks|is\s+peaking|hits|kicks\s+off)\b",
        r"\bantes\s+de\s+que\s+se\s+(?:llenen|agoten|acaben|ocupen)\b",
    ),
    "upsell": (
        r"\bif\s+you'?re\s+interested\b|\binterested\s+in\s+(?:a|an|our|adding|getting|upgrading|switching|learning)\b",
        r"\bcheck\s+out\s+our\b",
        r"\bfills?\s+up\s+(?:every|each|fast|quickly)\b|\bsabia\s+que\b",
        r"\b(?:technician|tech|crew|team|truck)\s+(?:will\s+be\s+)?in\s+your\s+(?:neighbou?rhood|area|street|subdivision)\b",
        r"\btecnico\s+(?:por|en)\s+su\s+(?:colonia|zona|area|vecindario|calle|barrio)\b",
        r"\bwe\s+(?:recommend|suggest)\s+(?:upgrading|replacing)\b",
        r"\b(?:protect|keep)\s+your\s+(?:home|family|investment|house|loved\s+ones|kids|pets)\b",
        r"\bgoing\s+on\s+vacation\s*\?|\bask\s+us\s+how\b",
        r"\b(?:is|are)\s+(?:about\s+|almost\s+|over\s+|nearly\s+|now\s+)?\d+\s+years\s+old\b",
        r"\bmake\s+sure\s+your\s+[\w\s-]{1,25}?\s+is\s+ready\b",
        r"\bbill\s+(?:seem|look|come\s+in|came\s+in|was)\s+(?:\w+\s+)?high\b",
        r"\ble\s+recomendamos\s+(?:cambiar|reemplazar)\b",
        r"\bse\s+va\s+de\s+vacaciones\b|\bya\s+tiene\s+\d+\s+anos\b",
        r"\b(?:recibo|factura|cuenta)\s+de\s+(?:agua|luz|gas)\s+(?:salio|llego|vino)\s+(?:muy\s+)?alt[oa]\b",
        r"\bhomes?\s+(?:your\s+age|like\s+yours|of\s+that\s+age|built\s+before\s+\d+|over\s+\d+\s+years)\b"
        r"|\b(?:su|tu)\s+(?:[\w-]+\s+){1,2}?(?:ya\s+)?tiene\s+(?:mas\s+de\s+)?\d+\s+anos\b",
        r"\bis\s+your\s+(?:[\w-]+\s+){1,3}?(?:keeping|working|doing|running|performing)\b[^.!?]{0,30}\?"
        r"|\bavoid\s+(?:frozen|burst|costly|expensive|a\s+(?:costly|surprise|surprising))\b|\bkeep\s+it\s+that\s+way\b",
        r"\b(?:could|can|will|would)\s+save\s+you\s+(?:thousands|hundreds|money|a\s+(?:lot|bundle|fortune))\b"
        r"|\bso\s+you\s+never\s+(?:have\s+to|forget|worry|run\s+out)\b|\bnunca\s+(?:mas\s+)?se\s+quede\s+sin\b",
        r"\b(?:su|tu)\s+\w+\s+esta\s+(?:list|protegid|preparad)[oa]\s*\?",
    ),
}
# Blind set 5's forms (each written again in our own words in the tests): a schedule filling up, a win-back,
# a price matched, a list to join, newer models, "tired of ...?", a renewal at the old price, a referral paid.
for _reason, _patterns in {
    "urgency": (
        r"\bantes\s+de\s+que\s+se\s+(?:nos\s+)?llene\s+la\s+agenda\b|\bla\s+agenda\s+se\s+(?:nos\s+)?llena\b"
        r"|\bbefore\s+(?:our|the)\s+(?:schedule|calendar)\s+fills\s+up\b|\b(?:schedule|calendar)\s+(?:fills|books)\s+up\s+fast\b",
        r"\bdon'?t\s+get\s+caught\s+(?:without|in\s+the\s+(?:cold|heat|dark))\b|\bque\s+no\s+le\s+agarre\s+(?:el|la)\b",
    ),
    "win-back": (
        r"\bit'?s\s+been\s+(?:about\s+|almost\s+|over\s+|nearly\s+)?(?:a|one|\d+)\s+(?:year|years|months)\s+since\s+"
        r"(?:we\s+(?:were|came|last)|your\s+last|our\s+last)\b|\bpencil\s+you\s+in\b",
        r"\bwe'?d\s+love\s+to\s+(?:see|have|serve)\s+you\s+again\b|\bwe'?ve\s+missed\s+you\b"
        r"|\bhace\s+(?:mucho\s+)?tiempo\s+que\s+no\s+(?:sabemos\s+de\s+usted|lo\s+vemos|la\s+vemos|le\s+vemos)\b",
    ),
    "loyalty": (
        r"\brenueve\b[^.!?]{0,40}\b(?:esta\s+semana|hoy|ahora|antes)\b|\b(?:le\s+)?respetamos\s+el\s+precio\b"
        r"|\brenew\s+(?:by|before|this\s+week|today|now)\b[^.!?]{0,40}\b(?:price|rate)\b",
    ),
    "discount": (
        r"\bvolume\s+pricing\b|\bpor\s+muy\s+poco\b|\b(?:eligen|escogen|reservan)\s+primero\b",
        r"\bse\s+lo\s+igualamos\b|\bigualamos\s+(?:cualquier|el|su)\s+(?:precio|presupuesto|cotizacion)\b"
        r"|\bwe'?ll\s+(?:match|beat)\s+(?:it|that|any|their)\b",
    ),
    "incentive": (
        r"\bque\s+nos\s+recomiende\b|\bpor\s+cada\s+(?:cliente|persona|amigo|vecino|familiar)\b[^.!?]{0,40}"
        r"\b(?:regalamos|le\s+damos|recibe)\b",
    ),
    "upsell": (
        r"\bwould\s+you\s+like\s+(?:to\s+be|us\s+to\s+(?:add|put)\s+you)\s+(?:added\s+|put\s+)?(?:to|on)\s+(?:our|the)\s+"
        r"(?:[\w-]+\s+){0,3}?list\b|\ble\s+(?:agregamos|anotamos)\s+(?:a|en)\s+(?:la|nuestra)\s+lista\b",
        r"\b(?:los\s+)?modelos\s+nuevos\b[^.!?]{0,40}\b(?:gastan|consumen|ahorran)\b"
        r"|\bnewer\s+(?:models|units|systems)\b[^.!?]{0,40}\b(?:are|use|save|cost|run)\b",
        r"(?:^|[.!?]\s+)\W*(?:cansad[oa]s?\s+de|tired\s+of|sick\s+of)\b",
        r"\bwe'?d\s+love\s+to\s+help\s+(?:you\s+)?with\s+(?:your|any)\s+(?:next\s+|new\s+)?projects?\b",
        r"\b(?:inspeccion|revision)\s+de\s+cortesia\b",
        r"\bwould\s+your\s+(?:[\w-]+\s+){1,3}?benefit\s+from\b|\bmejore\s+su\s+plan\b|\bupgrade\s+(?:your\s+)?(?:plan|membership)\s+to\b",
        r"\bagregue\s+(?:el|la|un|una)\s+(?:[\w-]+\s+){0,2}?(?:limpieza|revision|mantenimiento|servicio|tratamiento|inspeccion"
        r"|lavado|fumigacion)\b",
        r"\b(?:espacios|lugares|citas|horarios)\s+(?:libres|disponibles)\b[^.!?]{0,40}\ben\s+su\s+(?:zona|area|colonia|vecindario)\b"
        r"|\bopenings\s+in\s+your\s+(?:area|neighbou?rhood)\b",
        r"\bya\s+estamos\s+(?:agendando|reservando|tomando\s+citas)\b|\bya\s+estan\s+disponibles\b",
        r"\bbefore\s+the\s+(?:storms?|rains?|heat|cold|freeze|rush|snow)\s+(?:hits?|arrives?|comes?|starts?|sets\s+in)\b"
        r"|\bla\s+temporada\s+de\s+\w+\s+(?:se\s+acerca|ya\s+viene|ya\s+llego|esta\s+por\s+empezar)\b",
    ),
}.items():
    OFFER_RULES[_reason] = OFFER_RULES.get(_reason, ()) + _patterns

# A call to book, or an offer to come, for work the customer has not asked for.
PITCH = (
    r"\b(?:book|schedule|reserve|sign\s+up|call\s+(?:us|today|now)|give\s+us\s+a\s+(?:call|shout)|let\s+us\s+know"
    r"|reply|ask\s+(?:us|about)|we\s+can\s+(?:test|check|inspect|service|take|come|do|help|install|replace|clean)"
    r"|we'?d\s+be\s+(?:happy|glad)\s+to|happy\s+to\s+(?:come|take|help)|would\s+you\s+like|want\s+us|shall\s+we"
    r"|should\s+we|we\s+(?:also\s+)?(?:offer|install|sell|carry|provide)|let\s+our\s+(?:team|crew|techs?)|everything\s+we\s+(?:do|offer)|all\s+(?:of\s+)?our\s+services"
    r"|aparte|agende|reserve|llame|llamenos|con\s+gusto|quiere\s+que|le\s+interesa|le\s+gustaria|preguntenos|podemos"
    r"|nuestro\s+equipo\s+puede|evite\s+la\s+espera|(?:replace|replacement|upgrade)\s+now|now\s+beats|grab|lo\s+cambiamos"
    r"|se\s+lo\s+(?:cambiamos|revisamos|limpiamos)|get\s+your\s+[\w\s-]{1,20}?\s+(?:checked|cleaned|serviced|inspected)"
    r"|we\s+have\s+(?:a\s+few\s+|some\s+)?(?:openings|spots|slots|availability)|if\s+you'?d\s+like|say\s+the\s+word"
    r"|want\s+(?:them|him|her)\s+to|programe|(?:y\s+)?(?:lo|la|le)\s+agendamos|para\s+agendar\w*|pidanos|pidenos|solicite"
    r"|dej(?:e|enos)\s+que\s+\w+(?:emos|amos)|let\s+us\s+(?:make\s+sure|check|take\s+care|handle)"
    r"|have\s+your\s+[\w\s-]{1,20}?\s+(?:checked|cleaned|serviced|inspected|tuned)|revise\s+su|haga\s+revisar)\b"
)
OWN_JOB = (
    r"\b(?:your|the)\s+(?:[\w-]+\s+){0,2}?(?:appointment|appt|visit|job|repair|inspection|tune-?up|service|install(?:ation)?)"
    r"\s+(?:is|has\s+been|was)\s+(?:confirmed|scheduled|moved|set|booked|tomorrow|today|on|now)\b"
    r"|\bis\s+confirmed\b|\bwe'?ll\s+(?:reschedule|move|push)\b|\breschedul\w+\s+(?:your|the)\b|\btoday'?s\s+(?:repair|visit"
    r"|job)\b|\bincluded\s+in\b|\brunning\s+(?:late|behind)\b|\bon\s+the\s+way\b|\byour\s+invoice\b|\bpayment\s+is\s+due\b"
    r"|\b(?:tech\w*|crew|team|truck|he|she|they)(?:'s|'re|\s+is|\s+are)\s+(?:just\s+)?around\s+the\s+corner\b"
    r"|\bearlier\s+(?:slot|time|appointment|opening)\b|\bconfirmamos\b|\bsu\s+cita\s+(?:es|esta|queda|del)\b|\breprogram\w*"
)

# Sentences about what the customer already has or already owes (see module docstring).
THEIRS = (
    r"\b(?:under|with|on|through|part\s+of|included\s+in)\s+your\s+(?:[\w-]+\s+){0,3}?(?:club|plan|program|membership"
    r"|agreement|warranty|coverage)\b"
    r"|\byour\s+(?:existing|current)\s+(?:[\w-]+\s+)?(?:membership|plan|agreement|warranty|subscription)\b"
    r"|\b(?:membership|plan|subscription|agreement)\s+renews\b"
    r"|\b(?:has|have)\s+been\s+applied\b|\bwas\s+applied\b|\bwill\s+be\s+applied\b|\bapplied\s+to\s+(?:your\s+)?"
    r"(?:invoice|account|bill|balance)\b|\bon\s+your\s+(?:last\s+)?(?:invoice|account|bill)\b"
    r"|\b(?:you|we)\s+(?:used|promised)\b"
    r"|\binstall?ments?\b|\b(?:financing|loan|remaining|outstanding)\s+balance\b|\bbalance\s+(?:is\s+)?now\b"
    r"|\bwill\s+be\s+charged\b|\bpayment\s+plan\s+update\b"
    r"|\brebate\s+(?:form|paperwork|application|check)\b|\bform\s+for\s+the\b[^.!?]{0,30}\brebate\b"
    r"|\b(?:parking|street\s+parking)\b[^.!?]{0,30}\bfree\b|\bfree\s+(?:street\s+|on-?site\s+)?parking\b"
    r"|\bfree[- ]of[- ]charge\s+(?:callback|call-?back|return|repair|warranty)\b|\b(?:return|follow-?up|warranty)\s+"
    r"(?:visit|trip)\s+is\s+on\s+us\b"
    r"|\bspecial[- ]order(?:ed)?\b"
    r"|\byou\s+saved\b|\b(?:your\s+)?savings\s+(?:are|is)\s+(?:shown|listed|on)\b|\bon\s+your\s+receipt\b"
    r"|\b(?:deal|offer|contract|quote|estimate|proposal)\s+(?:you|we)\s+(?:signed|accepted|agreed\s+(?:to|on)|discussed"
    r"|approved)\b|\bwithin\s+(?:the\s+|your\s+)?(?:\d+[- ]day\s+)?warranty\b|\bunder\s+(?:the\s+)?warranty\b"
    # Spanish
    r"|\b(?:membresia|plan|suscripcion)\s+actual\b|\bse\s+renueva\b|\bya\s+se\s+aplico\b|\bse\s+aplico\s+a\s+su\b"
    r"|\b(?:que\s+)?uso\s+ya\b|\bestacionamiento\b[^.!?]{0,40}\bgratis\b|\bsolicitud\s+de\s+no\s+recibir\b"
    r"|\bno\s+recibir\s+(?:mas\s+)?(?:promociones|ofertas)\b|\bpedido\s+especial\b"
    r"|\bse\s+(?:le\s+)?(?:aplico|aplicara)\b|\b(?:oferta|cotizacion|presupuesto|contrato)\s+que\s+(?:acepto|firmo|aprobo)\b"
    r"|\b(?:dentro\s+de|cubiert[oa]\s+por|bajo)\s+(?:la|su)\s+garantia\b|\bsigue\s+en\s+garantia\b"
    r"|\bpor\s+(?:la|su)\s+garantia\b|\bmail\s+(?:it|the\s+form|this)\s+(?:in\s+)?by\b"
    r"|\b(?:we'?ve|we\s+have)\s+applied\s+(?:it|this|that|them)\b|\bsame\s+(?:price|rate)\s+as\s+(?:last|before)\b"
    r"|\byour\s+(?:[\w-]+\s+){0,2}?(?:membership|plan|club|agreement)\s+(?:plan\s+)?(?:includes|covers)\b"
)
# The reasons a THEIRS sentence cancels: prices, gifts, plans and financing. An offer question or a
# seasonal push beside a plan the customer has ("your plan covers X; want us to add Y?") still counts.
THEIRS_CANCELS = frozenset({"discount", "incentive", "loyalty", "financing"})

# Blind set 7's families (classifiers.promotional_forms), written again in our own words in the tests.
for _rules, _more in ((OFFER_RULES, FORM_RULES), (HOOK_RULES, FORM_HOOKS)):
    for _reason, _patterns in _more.items():
        _rules[_reason] = _rules.get(_reason, ()) + _patterns
PITCH = f"{PITCH}|{FORM_PITCH}"
OWN_JOB = f"{OWN_JOB}|{FORM_OWN_JOB}"
THEIRS = f"{THEIRS}|{FORM_THEIRS}"
