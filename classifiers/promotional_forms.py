"""More offers read by their form, and more of what is already the customer's (blind set 7's families).

Each family is written in English and Spanish where both say it; the tests write each one again in
new words. promotional_offers merges these into OFFER_RULES, HOOK_RULES, PITCH, OWN_JOB and THEIRS;
promotional.py adds the guards. Matched on the text with accents folded (promotional.fold).
"""

from __future__ import annotations

_NUMBER = (
    r"(?:\d+|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|a|an|one|two|three|four|six|nine"
    r"|twelve)"
)
_WORKER = r"(?:tecnico|plomero|electricista|jardinero|instalador|equipo|cuadrilla|muchacho|fumigador)s?"
# What a worker could also do on the visit (not "le llame", "le mande la factura").
_LOOK_OVER = (
    r"(?:revise|cheque|chequee|limpie|cambie|instale|inspeccione|mire|pode|fumigue|selle|lave|pruebe|ponga|agregue|purgue"
    r"|le\s+eche\s+un\s+vistazo|le\s+de\s+(?:mantenimiento|una\s+revisada))"
)

# Things to sell that a customer may not have yet.
_PRODUCT = (
    r"(?:detector|alarm|purifier|softener|protector|generator|camera|thermostat|filter|sensor|shutoff(?:\s+valve)?|backup"
    r"|humidifier|dehumidifier|monitor)"
)
_PRODUCTO = (
    r"(?:detector|alarma|purificador|suavizador|protector|generador|camara|termostato|filtro|sensor|humidificador"
    r"|deshumidificador|monitor)"
)

# An add-on offered during a visit already planned. Each is guarded by the customer's own mention
# ("you mentioned the dryer vent"), like promotional._WHILE_THERE.
VISIT_ADD_ONS = (
    # "While he's there, want him to ...?", "Since she'll be out there anyway, ..."
    r"\b(?:while|since)\s+(?:he|she|they)(?:'s|'re|'ll\s+be|\s+is|\s+are|\s+will\s+be)\s+(?:out\s+)?(?:there|here|on\s+site"
    r"|at\s+your\s+(?:place|home|house))\b(?=[^.!\n]{0,80}(?:\?|\bwant\b|\bwould\s+you\b))",
    # "¿Quiere que el técnico también revise ...?", "¿le gustaría que cheque también ...?"
    rf"\b(?:quiere|le\s+gustaria|desea)\s+que\s+(?:(?:el|la|nuestr[oa]|su)\s+(?:[\w-]+\s+)?{_WORKER}\s+)?(?:(?:le|lo|la|les)\s+)?"
    rf"(?:(?:tambien|de\s+una\s+vez)\s+(?:(?:le|lo|la|les)\s+)?{_LOOK_OVER}|{_LOOK_OVER}\s+(?:tambien|de\s+una\s+vez))\b",
    rf"\bya\s+que\s+(?:va|viene|pasa|estara|ira|anda)\s+(?:el|la|nuestr[oa])\s+{_WORKER}\b"
    r"(?=[^.!\n]{0,80}(?:\?|\ble\s+gustaria\b|\bquiere\b|\bdesea\b))"
    r"|\b(?:le|lo|la|se\s+lo|se\s+la)\s+(?:revisamos|chequeamos|limpiamos|cambiamos|instalamos|podamos|fumigamos)\s+tambien\b",
    r"\bmientras\s+(?:esta|este|estan|esten)\s+(?:ahi|alli|por\s+ahi|en\s+su\s+casa)\b"
    r"(?=[^.!\n]{0,80}(?:\?|\ble\s+gustaria\b|\bquiere\b|\bdesea\b))",
    # something new put in on the same trip: "Se lo podemos instalar en la misma visita",
    # "we can install one during the same visit"
    r"\b(?:se\s+)?(?:lo|la|los|las|le|uno|una)\s+(?:podemos|puede)\s+(?:instalar|poner|colocar|agregar|dejar\s+instalad[oa])"
    r"\s+(?:tambien\s+)?(?:en\s+(?:la|esa|esta)\s+misma\s+(?:visita|cita)|el\s+mismo\s+dia|de\s+una\s+vez|aprovechando\s+(?:la|su)"
    r"\s+(?:visita|cita))\b"
    r"|\bwe\s+can\s+(?:also\s+)?(?:install|add|put\s+in|mount|fit|set\s+up)\s+(?:one|them|a\s+new\s+one)\s+(?:during|on|at|in)\s+"
    r"(?:the|that)\s+same\s+(?:visit|trip|appointment|stop)\b",
)

FORM_RULES: dict[str, tuple[str, ...]] = {
    "upsell": VISIT_ADD_ONS + (
        # a product question: "Have you ever considered a leak shutoff valve?"
        r"\b(?:ever|have\s+you\s+ever)\s+(?:thought|considered)\s+(?:about\s+|of\s+)?(?:a|an|getting|adding|installing"
        r"|upgrading|switching)\b|\balguna\s+vez\s+(?:ha|has)\s+(?:pensado|considerado)\b",
        # more of what they bought: "If you'd like to add another one in the guest room, let us know"
        r"\bif\s+you(?:'d|\s+would)?\s+(?:ever\s+)?(?:like|want|wanted)\s+(?:to\s+)?(?:(?:add|put\s+in|install|get)\s+)?"
        r"(?:another|a\s+second|one\s+more)\b(?!\s+(?:person|contact|number|phone|name|day|date|email|address|note|time|visit"
        r"|appointment|slot|copy|look|opinion|quote|estimate)s?\b)"
        r"|\bsi\s+(?:quiere|desea|le\s+interesa|algun\s+dia\s+quiere)\s+(?:poner|instalar|agregar|comprar|colocar)\s+(?:otro|otra"
        r"|uno\s+mas|una\s+mas|otros|otras)\b(?!\s+(?:numero|contacto|telefono|correo|nombre|dia|fecha|persona)s?\b)",
        # what others choose or have us do: "Plenty of homeowners are deciding to replace...",
        # "Many customers have us..."
        r"\b(?:a\s+lot\s+of|lots\s+of|plenty\s+of|many|most|more\s+and\s+more)\s+(?:(?:of\s+)?our\s+)?(?:home\s*owners|owners|customers"
        r"|people|families|folks|neighbou?rs|clients)\s+(?:(?:are|have\s+been)\s+(?:choosing|deciding|opting|starting|electing)"
        r"\s+to\s+(?:replace|switch|upgrade|install|add|get|book)|have\s+us|get\s+us\s+to|book\s+us\s+(?:to|for)"
        r"|(?:also\s+)?(?:add|pair\s+(?:it|them)\s+with)\s+(?:a|an)\b)"
        r"|\b(?:muchos|muchas|cada\s+vez\s+mas)\s+(?:clientes|familias|vecinos|duenos|propietarios)\s+(?:(?:estan\s+|ya\s+)?"
        r"(?:decidiendo|eligiendo|optando|prefiriendo|deciden|eligen|optan|prefieren)\s+(?:por\s+)?(?:cambiar|reemplazar|instalar"
        r"|poner)|nos\s+piden\s+que)\b",
        # "Wondering what a new high-efficiency model could do?", "¿Le gustaría saber cuánto ahorraría con uno nuevo?"
        r"\b(?:curious|wondering)\s+(?:what|how\s+much|how)\s+(?:a|an)\s+(?:new|newer|high[- ]efficiency|modern"
        r"|upgraded|tankless|smart|variable[- ]speed)\b"
        r"|\b(?:le\s+gustaria\s+saber|quiere\s+saber)\s+(?:cuanto|como|que\s+tal)\b[^.!?]{0,40}\b(?:nuev[oa]|eficiente|moderno)\b",
        # "Want the details?" after naming something to buy: "¿Le mando los detalles?"
        r"\b(?:le|te)\s+(?:mando|envio|paso)\s+(?:los\s+|mas\s+)?(?:detalles|informacion|info)\s*\?",
    ),
    "urgency": (
        # scarcity: "tune-up dates are going fast", "los lugares se están acabando"
        r"\b(?:spots?|slots?|dates?|openings|appointments|times|days)\s+(?:for\s+[\w\s-]{1,30}?\s+)?(?:are\s+|is\s+)?(?:going|filling(?:\s+up)?"
        r"|booking\s+up|disappearing|selling\s+out)\s+(?:fast|quickly|quick)\b|\bthey'?re\s+going\s+fast\b"
        r"|\b(?:only\s+)?(?:a\s+)?few\s+(?:[\w-]+\s+){0,2}?(?:openings|spots|slots|dates|appointments)\s+left\b"
        r"|\b(?:lugares|espacios|cupos|fechas|citas|horarios)\b[^.!?]{0,40}?\bse\s+(?:estan\s+)?(?:acabando|agotando|llenando"
        r"|terminando|van\s+(?:rapido|volando))\b|\b(?:lugares|espacios|cupos|fechas|citas)\s+(?:estan\s+)?volando\b",
        # a renewal pushed: "Renew today to keep your coverage"
        # (the lookbehinds follow the verb: leading lookbehinds make the scan several times slower)
        r"\b(?:renew|extend)(?<!will\srenew)(?<!will\sextend)(?<!we'll\srenew)(?<!we'll\sextend)\s+(?:it\s+|them\s+"
        r"|your\s+(?:[\w-]+\s+){0,2}?(?:coverage|warranty|plan|protection)\s+)?(?:today|now|this\s+week)\b(?!')"
        r"|\b(?:renuevela|renuevelo|extiendala|extiendalo)\s+(?:hoy|ya|ahora|esta\s+semana)\b",
    ),
    "incentive": (
        # a reward for a review or a referral: "su próxima visita corre por nuestra cuenta",
        # "los dos reciben un crédito"
        r"\b(?:corre|va)\s+por\s+(?:nuestra\s+cuenta|cuenta\s+(?:nuestra|de\s+la\s+casa))\b|\bcortesia\s+de\s+la\s+casa\b"
        r"|\b(?:is|are|'s|it'?s|will\s+be)\s+on\s+the\s+house\b",
        r"\b(?:los\s+dos|ambos|you\s+both|both\s+of\s+you)\s+(?:reciben|obtienen|ganan|se\s+llevan|get|receive|earn)\b"
        r"(?=[^.!?]{0,30}(?:\$|\d\s?%|\bcredit|\bcredito|\boff\b|\bdescuento|\bgift|\bregalo|\bfree\b|\bgratis|\bbon[ou]s?\b|\breward))",
        r"\b(?:recomienda|recomiende|recomiendenos|recomiendanos|refiera|refiere)\s+con\s+(?:un|una|sus|tus|su)?\s*(?:amig"
        r"|vecin|famil|conocid)\w*",
        r"\b(?:si\s+nos\s+(?:deja|escribe|da)|dejenos|deje|escribanos)\s+(?:una\s+|su\s+)?(?:resena|opinion|calificacion"
        r"|comentario|estrellas)\b[^.!?]{0,80}?\b(?:recib\w*|gratis|credito|descuento|regal\w*|obsequi\w*|le\s+damos|corre"
        r"|va\s+por|participa"
        r"|tarjeta|\$\s?\d+|\d+\s?%)"
        r"|\b(?:if\s+you\s+leave\s+us|leave\s+us)\s+(?:a\s+)?(?:review|rating)\b[^.!?]{0,80}?\b(?:on\s+the\s+house|on\s+us|free"
        r"|credit|off)\b",
    ),
    "loyalty": (
        # a plan pitched by what it would cover or save: "Our Maintenance Plan covers the tune-ups",
        # "members would pay nothing"
        r"\bour\s+(?:[\w-]+\s+){0,2}?(?:plan|membership|club|program|agreement|package)\s+(?:fills|covers|closes|takes\s+care\s+of"
        r"|handles|picks\s+up|pays\s+for|would)\b(?!\s+(?:this|that|the|your|today'?s)\s+(?:repair|visit|part|call|fix|job)\b)"
        r"|\b(?:nuestro\s+(?:[\w-]+\s+){0,2}?(?:plan|club|programa|paquete)|nuestra\s+membresia)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:cubre|incluye|le\s+cubre|le\s+ahorra|paga|tendria)\b",
        r"\b(?:with|under|on)\s+(?:our|a|the)\s+(?:[\w-]+\s+){0,2}?(?:plan|membership|club|program)\b[^.!?]{0,60}?\bwould\s+"
        r"(?:have\s+)?(?:cost|been|be|pay|paid|save|saved)\b|\b(?:members?|plan\s+holders)\b[^.!?]{0,40}?\bwould\s+(?:have\s+)?"
        r"(?:paid|pay|saved|save|get|been)\b"
        r"|\b(?:con|para)\s+(?:nuestro|el|los\s+(?:miembros|socios)\s+del)\s+(?:[\w-]+\s+){0,2}?(?:plan|club|programa|membresia)\b"
        r"[^.!?]{0,60}?\b(?:tendria|saldria|seria|costaria|pagaria|ahorraria)\b|\b(?:miembros|socios)\b[^.!?]{0,60}?\b(?:no\s+"
        r"tendria|tendria|saldria|seria|costaria|pagaria|ahorraria)\b",
        r"\b(?:plan\s+|club\s+)?members\s+(?:paid|pay)\s+(?:\$\s?0\b|nothing\b)|\b(?:miembros|socios)\s+(?:pagan|pagaron)\s+"
        r"(?:\$\s?0\b|nada\b)|\bwant\s+to\s+(?:sign\s+up|join|enroll)\s*\?|\b(?:quiere|desea|le\s+gustaria)\s+(?:inscribirse"
        r"|afiliarse|hacerse\s+(?:miembro|socio))\b",
        r"\bhow\s+to\s+(?:join|enroll|become\s+a\s+member)\b|\bcomo\s+(?:unirse|inscribirse|afiliarse|hacerse\s+(?:miembro|socio))\b",
    ),
}

# Hooks (they count only beside a pitch for unbooked work, as promotional_offers.HOOK_RULES).
FORM_HOOKS: dict[str, tuple[str, ...]] = {
    "urgency": (
        # the season: "Summer is on its way", "Ya llegó el calor", "Se vienen las heladas", "Ya casi es invierno"
        r"\b(?:spring|summer|fall|autumn|winter)\s+is\s+(?:here|coming|on\s+(?:its|the)\s+way|upon\s+us|almost\s+here"
        r"|nearly\s+here)\b|\bcold\s+(?:nights|weather|days|snaps?)\s+(?:are|is)\s+(?:coming|here|on\s+the\s+way)\b",
        # ("text us any time to book again" is an invitation to come back on their own, not a seasonal push)
        r"\btime(?<!any\stime)(?<!anytime)\s+to\s+(?:wake\s+up|winterize|book|schedule|clean\s+(?:out\s+)?(?:your|those|the)|service\s+your|tune\s+up|get\s+your"
        r"|prep(?:are)?\s+your|open\s+your|close\s+your)\b",
        r"\b(?:ya\s+)?(?:llego|llega|viene|vienen|se\s+viene|se\s+vienen|se\s+acerca|se\s+acercan|comenzo|empezo|comienza)\s+"
        r"(?:el|la|los|las)\s+(?:calor|frio|invierno|verano|otono|primavera|temporada|epoca|lluvias?|heladas?|huracanes"
        r"|tormentas?|nortes?)\b|\b(?:ya\s+)?casi\s+es\s+(?:primavera|verano|otono|invierno|temporada)\b"
        r"|\bla\s+temporada\s+de\s+\w+\s+(?:ya\s+)?(?:empezo|comenzo|llego|arranco|esta\s+aqui)\b",
        # time since the last service: "Han pasado 8 meses desde la última fumigación", "su última ... fue hace 6 meses"
        rf"\b(?:ya\s+)?(?:pasaron|han\s+pasado|paso|ha\s+pasado|van|llevamos)\s+(?:mas\s+de\s+)?{_NUMBER}\s+(?:meses|mes|anos|ano|semanas)"
        r"\s+desde\s+(?:su|la|el)\s+(?:ultim[oa]|anterior)\b"
        rf"|\b(?:su|tu)\s+ultim[oa]\s+(?:[\w-]+\s+){{0,6}}?fue\s+hace\s+(?:mas\s+de\s+)?{_NUMBER}\s+(?:meses|mes|anos|ano)\b"
        rf"|\byour\s+last\s+(?:[\w-]+\s+){{0,3}}?was\s+(?:about\s+|over\s+|more\s+than\s+)?{_NUMBER}\s+(?:months?|years?)\s+ago\b",
        # hosting: "Having family over for Thanksgiving?", "¿Va a recibir visitas en Navidad?"
        r"\b(?:hosting|having\s+(?:family|guests|people|company|the\s+family)\s+over)\s+(?:for\s+)?(?:the\s+)?(?:holidays"
        r"|thanksgiving|christmas|easter|the\s+big\s+game|a\s+party|the\s+4th|new\s+year'?s)\b"
        r"|\b(?:va\s+a\s+recibir|tendra)\s+(?:visitas|invitados|familia)\s+(?:en|para)\s+(?:las\s+fiestas|navidad|diciembre"
        r"|fin\s+de\s+ano|accion\s+de\s+gracias)\b",
    ),
    "upsell": (
        # equipment age: "Pumps typically last 7 to 10 years", "turns 16 this year", "we put in your pump back in 2016"
        r"\b(?:usually|typically|normally|generally|tend\s+to|(?:most|many)\s+[\w-]+)\s+last\s+(?:about\s+|around\s+)?\d+(?:\s*(?:-|to)\s*\d+)?\s+(?:years|yrs)\b"
        r"|\b(?:suelen|normalmente|generalmente)\s+(?:durar|duran)\s+(?:unos\s+|entre\s+)?\d+(?:\s*(?:-|a|y)\s*\d+)?\s+anos\b",
        r"\bturns\s+\d+\s+(?:this|next)\s+year\b|\bcumple\s+\d+\s+anos\b|\b\d+\s+yrs?\s+old\b",
        r"\b(?:we\s+)?(?:installed|put\s+in)\s+(?:your\s+)?[\w\s-]{1,30}?\s+back\s+in\s+(?:19|20)\d\d\b"
        r"|\b(?:le\s+)?instalamos\s+(?:su\s+)?[\w\s-]{1,30}?\s+(?:alla\s+)?por\s+(?:19|20)\d\d\b",
        r"\bwhile\s+the\s+weather'?s?\s+(?:is\s+)?(?:still\s+)?(?:mild|nice|good|cool|warm|dry)\b|\bpreventive\s+(?:swap|replacement)\b"
        r"|\bmientras\s+el\s+clima\s+(?:esta|sigue)\s+(?:templado|agradable|bueno|fresco)\b",
        # a product they may not have: "Do you have a water alarm yet?", "¿Ya cuenta con purificador de aire?"
        rf"\bdo\s+you\s+(?:already\s+)?have\s+(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?{_PRODUCT}s?\s+yet\s*\?"
        rf"|\bya\s+(?:tiene|cuenta\s+con)\s+(?:un\s+|una\s+)?{_PRODUCTO}\b",
        # our crew nearby, and other work asked for: "We'll be on your block Tuesday",
        # "Any other repairs you've been meaning to get to?"
        r"\bwe(?:'re|'ll\s+be|\s+are|\s+will\s+be)\s+(?:working\s+|out\s+)?(?:on|in)\s+your\s+(?:street|block|neighbou?rhood"
        r"|subdivision)\b|\b(?:estaremos|estamos|andamos|vamos\s+a\s+estar)\s+(?:trabajando\s+)?(?:en|por)\s+su\s+(?:calle|colonia"
        r"|cuadra|vecindario|zona|barrio)\b",
        r"\b(?:anything\s+else|any\s+other\s+(?:repairs?|projects?|jobs?|work))\b[^.!?]{0,40}?\b(?:need\w*\s+(?:fixing|fixed"
        r"|attention|doing|repair)|been\s+meaning\s+to)\b|\balgo\s+mas\b[^.!?]{0,30}?\bque\s+(?:necesite|ocupe|requiera)\s+"
        r"(?:arreglo|reparacion|atencion|arreglarse)\b",
    ),
}

# Calls to book unasked work, joining promotional_offers.PITCH.
FORM_PITCH = (
    r"\b(?:want\s+(?:a|an|one)\b(?!\s+(?:call|text|reminder|copy|receipt|photo|picture|heads|ride|refund|ETA)\b)|want\s+me\s+to|want\s+(?:the|more)\s+(?:details|info)|curious\s+(?:what|how|whether|if|about)"
    r"|wondering\s+(?:what|how|whether|if)|put\s+you\s+on\s+the\s+(?:schedule|calendar|list)"
    r"|(?:le|lo|la|les)\s+(?:apartamos|programamos|agendamos|revisamos|reservamos|incluimos|anotamos|agregamos|apuntamos"
    r"|limpiamos|cambiamos|instalamos|podamos|fumigamos)"
    r"|le\s+damos\s+(?:mantenimiento|servicio|una\s+revisada)|contestenos|respondanos|escribanos|mandenos|envienos"
    r"|se\s+lo\s+podemos|le\s+(?:mando|mandamos)\s+(?:los\s+)?(?:detalles|informacion))\b"
)
# A plan the customer has, whose visit is being scheduled, is their own job (promotional_offers.OWN_JOB).
FORM_OWN_JOB = (
    r"\b(?:su|tu|your)\s+(?:[\w-]+\s+){0,2}?(?:plan|membresia|membership|club|agreement)\s+(?:incluye|includes|covers|cubre)\b"
    r"|\bincluid[oa]\s+en\s+su\b|\bwe\s+(?:moved|rescheduled|pushed)\s+your\b"
    r"|\byour\s+(?:scheduled|upcoming|booked)\s+(?:repair|visit|appointment|service|install\w*|job|cleaning|tune-?up)\b"
    r"|\bsu\s+(?:cita|visita|servicio)\s+(?:programad|agendad)[oa]\b|\b(?:you|usted)\s+(?:asked\s+(?:about|for)|requested"
    r"|pidio|solicito)\b|\byour\s+(?:[\w-]+\s+){0,2}?(?:club|plan|program|membership|agreement)'s\b"
    r"|\b(?:de|en)\s+su\s+(?:plan|membresia|club|contrato)\b"
)
# What is already the customer's (promotional_offers.THEIRS): a plan's billing and auto-pay, its free first
# month ending, a discount already applied, financing they signed, a visit free under a warranty, a recall
# or after an install.
FORM_THEIRS = (
    r"\bper\s+your\s+(?:enrollment|agreement|contract|sign-?up)\b|\bas\s+agreed\b|\bcard\s+on\s+file\s+will\s+be\s+"
    r"(?:billed|charged)\b|\byour\s+auto-?pay\b|\bauto-?pay\s+(?:for\s+your|went\s+through|was\s+(?:processed|successful"
    r"|received)|ran)\b|\b(?:su\s+pago\s+automatico|pago\s+automatico\s+de\s+su)\b|\bsegun\s+su\s+(?:inscripcion|contrato"
    r"|acuerdo)\b|\bsu\s+tarjeta\s+registrada\b|\b(?:your|the)\s+next\s+included\b|\bsu\s+proxim[oa]\s+(?:[\w-]+\s+)?"
    r"incluid[oa]\b"
    r"|\b(?:free\s+first|first\s+free)\s+month\b[^.!?]{0,60}\b(?:ends|ended|is\s+over)\b|\bfirst\s+month\b[^.!?]{0,40}\bwas\s+free\b"
    r"|\b(?:primer\s+mes\s+gratis|mes\s+gratis\s+de\s+su)\b[^.!?]{0,60}\b(?:termina|termino|vence|se\s+acaba)\b"
    r"|\balready\s+applied\b|\bya\s+(?:esta|quedo|fue)\s+aplicad[oa]s?\b"
    r"|\baplicad[oa]s?\s+(?:en|a)\s+(?:su|la)\s+(?:factura|cuenta|recibo|nota)\b"
    r"|\b(?:financiamiento|credito|prestamo|plan\s+de\s+pagos|contrato)\s+que\s+(?:usted\s+)?(?:firmo|contrato|acepto|aprobo"
    r"|solicito)\b|\b(?:financing|loan|payment\s+plan|agreement)\s+(?:you|we)\s+(?:signed|set\s+up|took\s+out|arranged)\b"
    r"|\b(?:came\s+back|returned|recurred|failed|broke)\s+within\b|\b(?:volvio|regreso|fallo)\b[^.!?]{0,30}?\b(?:antes\s+de"
    r"|dentro\s+de)\s+(?:los\s+)?\d+\s+dias\b|\b(?:visita|revision)\s+de\s+(?:regreso|garantia)\b"
    r"|\bour\s+(?:mistake|error)\b|\b(?:error|culpa)\s+(?:fue\s+)?nuestr[oa]\b|\bnuestro\s+error\b"
    r"|\b(?:manufacturer'?s?|factory|safety)\s+recall\b|\byour\s+recall\b|\brecall\s+(?:repair|notice|on\s+your|for\s+your)\b|\bllamado\s+a\s+revision\b|\bretiro\s+del\s+fabricante\b"
    r"|\bwithin\s+(?:the\s+|your\s+)?\d+[- ]day\s+guarantee\b|\bgarantia\s+de\s+\d+\s+dias\b"
    r"|\b(?:check(?:-?up)?|visit|inspection|follow-?up|tune-?up)\s+after\s+(?:the\s+|your\s+)?install(?:ation)?\b"
    r"|\bpost-?install(?:ation)?\b|\b(?:revision|visita|inspeccion)\s+(?:despues|posterior)\s+(?:de|a)\s+(?:la|su)\s+instalacion\b"
)
