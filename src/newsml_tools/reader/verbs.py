"""Reporting verbs (English, German, French, Spanish, Italian) and pronouns for attribution."""

from __future__ import annotations

_EN = """said says say told tells added adds stated states noted notes explained explains
wrote writes asked asks warned warns insisted insists recalled recalls argued argues claimed
claims declared declares announced announces replied replies continued continues conceded
concedes acknowledged acknowledges admitted admits urged urges tweeted tweets posted posts
commented comments observed observes remarked remarks suggested suggests concluded concludes
confirmed confirms denied denies stressed stresses emphasised emphasized emphasises
emphasizes complained complains predicted predicts promised promises vowed vows answered
answers responded responds reported reports cautioned cautions quipped mused joked boasted
testified testifies maintained maintains contended contends agreed agrees assured assures
revealed reveals disclosed alleged alleges asserted asserts believes believed thinks thought
explained reiterated reiterates pleaded pledged pledges shouted yelled whispered screamed
exclaimed cried sighed laughed told recounted recounts described describes characterized
characterised dubbed called calls wrote penned counters countered objected protested
lamented laments acknowledged hinted hints indicated indicates informed informs advised
advises assessed estimated estimates charged charges accused accuses criticised
criticized criticizes criticises praised praises welcomed welcomes reads saying reasoned reasons
blogged blogs ruled rules"""
_DE = """sagte sagt sagten erklärte erklärt erklärten betonte betont meinte meint fügte
ergänzte ergänzt schrieb schreibt warnte warnt kritisierte kritisiert berichtete berichtet
bestätigte bestätigt forderte fordert unterstrich versicherte räumte teilte sprach so
hieß heißt antwortete antwortet betonten mahnte mahnt erzählte erzählt berichtet
forderte fordert ergänzte nannte räumt beklagte beklagt klagte klagt
erinnert schwärmt schwärmte findet bilanziert bilanzierte resümiert resümierte
sagen meinen kündigte kündigt wies weist deutete deutet"""
_FR = """déclaré dit affirmé ajouté expliqué souligné estimé indiqué précisé assuré lancé
répondu annoncé confié martelé déclare affirme explique ajoute souligne estime indique
précise assure lance répond annonce confie martèle insisté insiste rappelé rappelle
prévenu prévient regrette regretté réagi raconte raconté poursuit poursuivi observe
observé résume résumé témoigne témoigné reconnaît reconnu dénonce dénoncé déplore déploré
valoir glisse glissé avoue avoué tranche tranché conclut conclu affirmait expliquait
racontait soupire soupiré juge jugé indigne indigné exclame exclamé alarme
inquiète félicite réjouit souvient sourit plaisante lâche lâché commente commenté détaille
détaillé nuance nuancé tempère analyse analysé avertit averti queja quejó"""
_ES = """dijo afirmó señaló explicó aseguró añadió declaró indicó agregó sostuvo
manifestó advirtió dice afirma señala explica asegura añade declara indica cuenta contó
lamenta lamentó bromea bromeó advierte reconoce reconoció insiste insistió recuerda recordó
relata relató apunta apuntó subraya subrayó destaca destacó comenta comentó resume resumió
sostuvo reclama reclamó denuncia denunció critica criticó
dicho señalado explicado afirmado asegurado indicado añadido subrayado lamentado advertido
reconocido apuntado insistido destacado declarado manifestado recordado comentado
criticado denunciado precisado sentenciado concluido agregado admitido
detto dichiarato aggiunto spiegato affermato sottolineato osservato commentato spiega
aggiunge afferma sostiene racconta raccontato ricorda ricordato avverte avvertito"""

REPORTING_VERBS = frozenset((_EN + " " + _DE + " " + _FR + " " + _ES).split())
# non-English verbs that open a sentence before the name ("Explica Ferrandis: …")
VERB_FIRST = frozenset((_DE + " " + _FR + " " + _ES).split()) - {"so", "dit"}
PRONOUNS = {
    "he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "it": "o", "we": "p",
    "i": "p", "er": "m", "sie": "p", "il": "m", "elle": "f", "ils": "p", "elles": "p",
    "él": "m", "ella": "f", "es": "o", "lui": "m",
}  # fmt: skip
