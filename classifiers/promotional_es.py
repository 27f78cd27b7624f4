"""Spanish promotional wording ("15% de descuento", "por solo $59", "únase a nuestro club").

Matched, like the English rules, on the message with its accents folded letter for letter
(promotional.fold), so "Únase" and "unase" are one word and the spans index the original text.
"""

from __future__ import annotations

_MONEY = r"\$\s?\d[\d,]*(?:\.\d\d)?"

SPANISH_PROMO_RULES: dict[str, tuple[str, ...]] = {
    "discount": (
        r"\b\d{1,2}\s?%\s?(?:de\s+)?(?:descuento|menos|off|de\s+ahorro)\b",
        r"\bdescuentos?\b(?!\s+(?:ya\s+)?(?:fue|ha\s+sido|quedo)\s+aplicado)",
        rf"\b(?:por\s+)?(?:solo|solamente|nada\s+mas|desde|a\s+partir\s+de)\s+{_MONEY}",
        rf"{_MONEY}\s+(?:de\s+)?(?:descuento|menos|de\s+ahorro)\b",
        r"\bahorr(?:e|a|en|ar|ara|aras)\b",
        r"\bofertas?\b|\bpromoci(?:on|ones)\b|\bcupon(?:es)?\b|\brebajas?\b|\bliquidacion\b",
        r"\bprecios?\s+(?:especial|especiales|de\s+promocion|rebajados?|bajos?)\b|\bespecial\s+de\s+(?:temporada|invierno"
        r"|verano|primavera|otono)\b",
        r"\bmitad\s+de\s+precio\b|\b2\s*x\s*1\b|\bdos\s+por\s+uno\b",
    ),
    "urgency": (
        r"\bpor\s+tiempo\s+limitado\b|\btiempo\s+limitado\b",
        r"\b(?:solo|valido\s+solo|valida\s+solo)\s+(?:hoy|esta\s+semana|este\s+mes|este\s+fin\s+de\s+semana)\b",
        r"\b(?:llame|llama|llamenos|reserve|reserva|agende|agenda|haga\s+su\s+cita|aparte)\s+(?:hoy|ya|ahora)\b",
        r"\baprovech\w*",
        r"\bno\s+(?:se\s+)?(?:lo\s+|la\s+)?pierda\b|\bno\s+te\s+lo\s+pierdas\b",
        r"\b(?:quedan|ultimos|ultimas)\s+(?:\d+\s+|pocos\s+|pocas\s+)?(?:lugares|espacios|cupos|citas)\b",
        r"\bantes\s+de\s+que\s+(?:suban|aumenten)\s+(?:los\s+)?precios\b",
        # "Los precios suben en enero. Asegure el precio de este año ahora."
        r"\b(?:los\s+|nuestros\s+)?precios\s+(?:suben|aumentan|van\s+a\s+(?:subir|aumentar)|subiran|aumentaran)\b",
        r"\b(?:asegure|congele|aparte|reserve)\s+(?:el|su|este|nuestro)\s+precio\b",
        r"\b(?:la\s+)?(?:oferta|promocion|promo)\s+(?:termina|vence|acaba)\b",
        r"\bantes\s+de\s+(?:que\s+(?:llegue|empiece)\s+)?la\s+temporada\b|\bprepare(?:se)?\s+para\s+el\s+"
        r"(?:invierno|verano|calor|frio)\b",
    ),
    "incentive": (
        r"\bgratis\b|\bgratuit[oa]s?\b",
        r"\bde\s+regalo\b|\bregalo\b|\btarjeta\s+de\s+regalo\b",
        r"\b(?:recomiende|recomienda|refiera|refiere)\s+a\s+(?:un\s+|una\s+|sus\s+|tus\s+)?(?:amig|vecin|famil)\w*",
        r"\bbono\b",
    ),
    "giveaway": (
        r"\bsorteo\b|\bconcurso\b|\bgane\s+(?:un|una|el|la)\b|\bparticipe\s+para\s+ganar\b",
    ),
    "loyalty": (
        r"\b(?:unase|unete|inscribase|inscribete|afiliese)\s+(?:hoy\s+)?(?:a|en)\s+(?:nuestro|nuestra|el|la)\b",
        r"\bproteja\s+su\s+(?:hogar|casa|familia|equipo|sistema)\b",
        r"\bmiembros?\s+(?:ahorran|reciben|obtienen)\b|\bclub\s+(?:de|vip)\b|\bexclusiv\w*",
    ),
    "financing": (
        r"\bfinanciamiento\b|\bmeses\s+sin\s+intereses\b|\bsin\s+enganche\b",
        rf"{_MONEY}\s*(?:al|por)\s+mes\b|\bpagos\s+(?:mensuales\s+)?(?:bajos|desde)\b",
    ),
    "upsell": (
        r"\baproveche\s+(?:que|la\s+visita)\b|\bya\s+que\s+(?:estamos|estaremos|el\s+tecnico\s+esta)\s+(?:ahi|alli)\b",
        r"\b(?:tambien|ahora)\s+(?:ofrecemos|instalamos|vendemos|hacemos)\b",
        r"\bpregunte(?:le)?\s+(?:por|sobre|a\s+su\s+tecnico)\b",
        r"\b(?:sus\s+|tus\s+)?vecinos\s+(?:ya\s+)?(?:lo\s+)?(?:hicieron|tienen|instalaron|contrataron)\b",
        r"\b(?:quiere|le\s+gustaria|desea)\s+que\s+(?:le\s+|lo\s+|la\s+)?(?:agreguemos|incluyamos|anotemos"
        r"|inscribamos|sumemos)\b",
        r"\b(?:igualamos|mejoramos|superamos)\s+cualquier\s+(?:cotizacion|precio|presupuesto|oferta)\b",
        r"\b(?:cambie|reemplace|actualice|renueve)\s+su\s+(?:equipo|sistema|calentador|boiler|aire|unidad)\s+"
        r"(?:viejo|vieja|antiguo|antigua)\b",
        r"\b(?:extienda|renueve)\s+(?:su\s+[\w-]+(?:\s+[\w-]+)?\s+)?(?:hoy|ahora|ya)\b",
        # "¿Sabía que instalamos calentadores sin tanque?", "¿Le mandamos información?"
        r"\bsab(?:ia|ias|e|es)\s+(?:usted\s+)?que\s+(?:ahora\s+|tambien\s+|ya\s+)?(?:instalamos|ofrecemos|vendemos|hacemos"
        r"|tenemos|reparamos|damos|limpiamos)\b",
        r"\b(?:le|te)\s+(?:mandamos|enviamos|damos|paso|pasamos)\s+(?:mas\s+)?(?:informacion|info|detalles|una\s+cotizacion"
        r"|un\s+presupuesto)\s*\?",
        # "Mientras estamos en su casa, ¿quiere que revisemos también el calentador?"
        r"\b(?:le|te)\s+gustaria\s+(?:agregar|anadir|incluir|sumar|aprovechar)\b",
        r"\b(?:le|te)\s+interesa(?:ria)?\s*\?",
        r"\bmientras\s+(?:estamos|estemos|estaremos|el\s+tecnico\s+(?:esta|este)|nuestro\s+tecnico\s+(?:esta|este))\s+"
        r"(?:en\s+su\s+(?:casa|hogar|domicilio|propiedad|negocio)|ahi|alli|por\s+ahi|por\s+alla)\b"
        r"(?=[^.!\n]{0,80}(?:\?|\btambien\b|\baprovech|\ble\s+gustaria\b|\bquiere\b|\bdesea\b))",
        r"\b(?:quiere|le\s+gustaria|desea)\s+que\s+(?:le\s+|lo\s+|la\s+)?(?:revisemos|chequemos|limpiemos|cambiemos|instalemos"
        r"|hagamos)\s+(?:tambien|de\s+una\s+vez|aprovechando)\b",
        r"\b(?:sus\s+|tus\s+)?vecinos\s+(?:de\s+[\w-]+(?:\s+[\w-]+)?\s+)?(?:ya\s+|recien\s+)?(?:cambiaron|actualizaron"
        r"|se\s+pasaron|estan\s+cambiando|se\s+estan\s+pasando|renovaron)\b",
    ),
    "win-back": (
        r"\b(?:lo|la|los|te)\s+extranamos\b|\bha\s+pasado\s+(?:mucho\s+tiempo|un\s+ano|tiempo)\b|\bvuelva\s+con\s+nosotros\b",
    ),
}

# Hits that are ordinary service wording, keyed by the rule they guard (see promotional.PROMO_GUARDS).
SPANISH_PROMO_GUARDS: dict[str, str] = {
    # a toll-free line: "llame a nuestra línea gratuita"
    r"\bgratis\b|\bgratuit[oa]s?\b": r"\b(?:linea|numero|llamada|telefono)\s+(?:de\s+)?(?:gratuit[oa]|gratis)\b"
                                     r"|\bllam(?:e|a|enos)\s+(?:sin\s+costo|gratis)\b",
    # our own opt-out confirmation: "Ya no recibirá mensajes de promociones"
    r"\bofertas?\b|\bpromoci(?:on|ones)\b|\bcupon(?:es)?\b|\brebajas?\b|\bliquidacion\b": (
        r"\b(?:ya\s+)?no\s+(?:recibira|le\s+(?:enviaremos|mandaremos)|le\s+llegaran|recibiras|te\s+(?:enviaremos|mandaremos))"
        r"\s+(?:mas\s+)?(?:mensajes\s+(?:de|con)\s+)?(?:promociones|ofertas|cupones)\b|\bdejara\s+de\s+recibir\s+"
        r"(?:mensajes\s+de\s+)?(?:promociones|ofertas)\b"
    ),
}
