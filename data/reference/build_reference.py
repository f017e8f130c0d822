"""Build planwatch's bundled reference data from the shared, published figures.

Usage (from the repository root):

    python data/reference/build_reference.py [SHARED_DIR]

SHARED_DIR defaults to ``../shared/reference`` relative to the repository root. It must hold
``published_figures.csv`` and ``plan_budgets.csv``. The CSV files are written next to this script.

Every value written comes from the shared files. This script only renames, classifies and
annotates; it never derives a figure. The tables below are the whole of the judgement: the
code underneath applies them and fails loudly on anything they do not cover. Output is
deterministic (fixed row order; CRLF line ends, as in RFC 4180 and the shared files), so
running it twice gives identical files.
"""

import csv
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SHARED_DIR = REPO_ROOT / ".." / "shared" / "reference"
OUT_DIR = Path(__file__).resolve().parent

# --------------------------------------------------------------------------------------------
# 1. Sources. Key: source_title exactly as in the shared files. URLs are taken from the shared
#    files. published_on only where the title gives a full date.
#    (shared source_title, source_id, title, publisher, published_on, kind, note)
# --------------------------------------------------------------------------------------------
SOURCES = [
    (
        "The Local DK - 'Record number' of human trafficking victims in Denmark (2016-07-06)",
        "the-local-2016-07-06",
        "'Record number' of human trafficking victims in Denmark",
        "The Local DK",
        "2016-07-06",
        "press",
        "English-language news site; cites CMM.",
    ),
    (
        "ScandAsia - Human Trafficking to Denmark on the rise (source: Ritzau)",
        "scandasia-ritzau",
        "Human Trafficking to Denmark on the rise",
        "ScandAsia",
        "",
        "press",
        "Ritzau wire story carried by ScandAsia; cites CMM. Publication date not recorded.",
    ),
    (
        "US State Dept - 2017 Trafficking in Persons Report: Denmark",
        "us-tip-2017",
        "2017 Trafficking in Persons Report: Denmark",
        "US Department of State",
        "",
        "official",
        "Annual TIP report; covers mainly 2016.",
    ),
    (
        "US State Dept - 2018 Trafficking in Persons Report: Denmark",
        "us-tip-2018",
        "2018 Trafficking in Persons Report: Denmark",
        "US Department of State",
        "",
        "official",
        "Annual TIP report; covers mainly 2017.",
    ),
    (
        "Center mod Menneskehandel - Udvalgte tal og tendenser fra 2018",
        "cmm-tal-2018",
        "Udvalgte tal og tendenser fra 2018",
        "Center mod Menneskehandel",
        "",
        "official",
        "The recorded URL ends in '-fra-2017', but the title and the quoted text are about 2018.",
    ),
    (
        "Center mod Menneskehandel - Udvalgte tal og tendenser fra 2019",
        "cmm-tal-2019",
        "Udvalgte tal og tendenser fra 2019",
        "Center mod Menneskehandel",
        "",
        "official",
        "",
    ),
    (
        "Center mod Menneskehandel - Tal og statistik 2021 (senest opdateret 04-05-2022)",
        "cmm-tal-2021",
        "Tal og statistik 2021",
        "Center mod Menneskehandel",
        "2022-05-04",
        "official",
        "published_on is the page's 'senest opdateret' (last updated) date.",
    ),
    (
        "Center mod Menneskehandel - Tal og statistik 2022",
        "cmm-tal-2022",
        "Tal og statistik 2022",
        "Center mod Menneskehandel",
        "",
        "official",
        "",
    ),
    (
        "Center mod Menneskehandel - Tal og statistik 2023",
        "cmm-tal-2023",
        "Tal og statistik 2023",
        "Center mod Menneskehandel",
        "",
        "official",
        "",
    ),
    (
        "Kristeligt Dagblad - Millionstøtte skal mindske menneskehandel (2016)",
        "kd-2016-millionstoette",
        "Millionstøtte skal mindske menneskehandel",
        "Kristeligt Dagblad",
        "",
        "press",
        (
            "Published 2016 (exact date not recorded). Cites Ministeriet for Børn, Undervisning "
            "og Ligestilling for the 2015-2018 plan total."
        ),
    ),
    (
        (
            "Beskæftigelsesministeriet - Regeringen styrker bekæmpelsen af menneskehandel med ny "
            "handlingsplan (pressemeddelelse 08-04-2022)"
        ),
        "bm-pressemeddelelse-2022-04-08",
        "Regeringen styrker bekæmpelsen af menneskehandel med ny handlingsplan",
        "Beskæftigelsesministeriet",
        "2022-04-08",
        "official",
        "Press release.",
    ),
    (
        (
            "Udenrigsministeriet - Ny handlingsplan til bekæmpelse af menneskehandel (nyhed "
            "10.09.2018)"
        ),
        "um-nyhed-2018-09-10",
        "Ny handlingsplan til bekæmpelse af menneskehandel",
        "Udenrigsministeriet",
        "2018-09-10",
        "official",
        "News item.",
    ),
    (
        "WikiMili - Human trafficking in Denmark (cites 2021 GRETA report)",
        "wikimili-human-trafficking-denmark",
        "Human trafficking in Denmark",
        "WikiMili",
        "",
        "secondary",
        "Wikipedia reproduction; cites the 2021 GRETA report on Denmark.",
    ),
    (
        (
            "Mirage News - Denmark urged to boost trafficking protections (on GRETA third-round "
            "report on Denmark)"
        ),
        "miragenews-greta-3rd-round",
        "Denmark urged to boost trafficking protections",
        "Mirage News",
        "",
        "press",
        "On GRETA's third-round evaluation report on Denmark. Publication date not recorded.",
    ),
    (
        "Center mod Menneskehandel - Indirekte opsøgende arbejde blandt asylansøgere",
        "cmm-opsoegende-asylansoegere",
        "Indirekte opsøgende arbejde blandt asylansøgere",
        "Center mod Menneskehandel",
        "",
        "official",
        "",
    ),
    (
        "US State Dept - 2019 Trafficking in Persons Report: Denmark",
        "us-tip-2019",
        "2019 Trafficking in Persons Report: Denmark",
        "US Department of State",
        "",
        "official",
        "Annual TIP report; covers mainly 2018.",
    ),
    (
        (
            "humantrafficking.dk - Nyeste tal (reproduces CMM annual statistics text, 2019-2023 "
            "versions)"
        ),
        "humantrafficking-dk-nyeste-tal",
        "Nyeste tal",
        "humantrafficking.dk",
        "",
        "secondary",
        "Reproduces the text of CMM's annual statistics (2019-2023 versions).",
    ),
    (
        "Socialstyrelsen - Årsrapport om menneskehandel 2020 (nyhed 11-05-2021)",
        "sbst-nyhed-2021-05-11",
        "Årsrapport om menneskehandel 2020",
        "Socialstyrelsen",
        "2021-05-11",
        "official",
        "News item on the 2020 annual report on human trafficking.",
    ),
    (
        (
            "Kristeligt Dagblad - Nick Hækkerup: Nul dømte for menneskehandel i tre år er ikke "
            "godt nok (2022-01)"
        ),
        "kd-2022-01-haekkerup",
        "Nick Hækkerup: Nul dømte for menneskehandel i tre år er ikke godt nok",
        "Kristeligt Dagblad",
        "",
        "press",
        "Published January 2022 (exact date not recorded).",
    ),
    (
        "Socialstyrelsen - Menneskehandel i Danmark 2021 (udgivelsesside)",
        "sbst-aarsrapport-2021",
        "Menneskehandel i Danmark 2021. Årsrapport",
        "Socialstyrelsen",
        "",
        "official",
        "Publication page of the 2021 annual report.",
    ),
    (
        (
            "Menneskehandel i Danmark 2021. Årsrapport (Socialstyrelsen/CMM) - full-text mirror, "
            "table of contents"
        ),
        "9pdf-aarsrapport-2021",
        "Menneskehandel i Danmark 2021. Årsrapport (full-text mirror)",
        "9pdf.org",
        "",
        "secondary",
        (
            "Mirror of the Socialstyrelsen/CMM annual report 2021; figures read from its table of "
            "contents."
        ),
    ),
    (
        (
            "sameksistens.dk - tag: migrantprostitution ('Ofre for menneskehandel: Offentlige tal "
            "viser kun toppen af isbjerget')"
        ),
        "sameksistens-migrantprostitution",
        "Ofre for menneskehandel: Offentlige tal viser kun toppen af isbjerget",
        "sameksistens.dk",
        "",
        "press",
        "Web article found via the site's tag page 'migrantprostitution'. Date not recorded.",
    ),
    (
        "US State Dept - 2020 Trafficking in Persons Report: Denmark",
        "us-tip-2020",
        "2020 Trafficking in Persons Report: Denmark",
        "US Department of State",
        "",
        "official",
        "Annual TIP report; covers mainly 2019.",
    ),
    (
        "US State Dept - 2021 Trafficking in Persons Report: Denmark",
        "us-tip-2021",
        "2021 Trafficking in Persons Report: Denmark",
        "US Department of State",
        "",
        "official",
        "Annual TIP report; covers mainly 2020.",
    ),
    (
        "US State Dept - 2022 Trafficking in Persons Report: Denmark",
        "us-tip-2022",
        "2022 Trafficking in Persons Report: Denmark",
        "US Department of State",
        "",
        "official",
        "Annual TIP report; covers mainly 2021.",
    ),
    (
        "US State Dept - 2023 Trafficking in Persons Report: Denmark",
        "us-tip-2023",
        "2023 Trafficking in Persons Report: Denmark",
        "US Department of State",
        "",
        "official",
        "Annual TIP report; covers mainly 2022.",
    ),
    (
        (
            "Center mod Menneskehandel - Sigtelser og domme (opdateret 01-09-2022; "
            "Rigsadvokaten/POLSAS data 15-01-2022)"
        ),
        "cmm-sigtelser-domme-2022-09-01",
        "Sigtelser og domme",
        "Center mod Menneskehandel",
        "2022-09-01",
        "official",
        (
            "Version updated 2022-09-01 (published_on is that date); Rigsadvokaten/POLSAS data "
            "extracted 2022-01-15."
        ),
    ),
    (
        (
            "Center mod Menneskehandel - Sigtelser og domme (opdateret 18-12-2019; "
            "Rigsadvokaten/POLSAS data 01-06-2019)"
        ),
        "cmm-sigtelser-domme-2019-12-18",
        "Sigtelser og domme",
        "Center mod Menneskehandel",
        "2019-12-18",
        "official",
        (
            "Earlier version, updated 2019-12-18 (published_on is that date); "
            "Rigsadvokaten/POLSAS data extracted 2019-06-01."
        ),
    ),
    (
        (
            "Trafficking in Persons Report 2010 - Denmark, prosecution paragraph as reproduced in "
            "a Wikipedia mirror ('Human trafficking in Denmark')"
        ),
        "us-tip-2010-wiki-mirror",
        "Human trafficking in Denmark (Wikipedia mirror)",
        "wiki-gateway.eudic.net",
        "",
        "secondary",
        (
            "Reproduces the prosecution paragraph of the US State Department's 2010 Trafficking "
            "in Persons Report on Denmark."
        ),
    ),
    (
        "2019 Trafficking in Persons Report: Denmark (ecoi.net copy, summary)",
        "us-tip-2019-ecoi",
        "2019 Trafficking in Persons Report: Denmark (summary copy)",
        "ecoi.net",
        "",
        "secondary",
        "Copy of the US State Department's 2019 TIP report.",
    ),
    (
        (
            "Talepapir for ministeren for ligestilling, samråd om rufferi, menneskehandel og "
            "menneskeudnyttelse i Folketinget, 4. juni 2024"
        ),
        "talepapir-samraad-2024-06-04",
        (
            "Talepapir for ministeren for ligestilling, samråd om rufferi, menneskehandel og "
            "menneskeudnyttelse i Folketinget"
        ),
        "Ministeren for ligestilling",
        "2024-06-04",
        "official",
        "Speaking note for a consultation (samråd) in the Folketing. No URL recorded.",
    ),
    (
        (
            "Ligestillingsafdelingen - Satspuljeforlig: Indsats mod menneskehandel fortsættes "
            "(pressemeddelelse 29-10-2010)"
        ),
        "ligestillingsafdelingen-pressemeddelelse-2010-10-29",
        "Satspuljeforlig: Indsats mod menneskehandel fortsættes",
        "Ligestillingsafdelingen",
        "2010-10-29",
        "official",
        "Press release, distributed via Mynewsdesk.",
    ),
    (
        (
            "Følgebrev 12 Sept 2018 + Handlingsplan til bekæmpelse af menneskehandel 2019-2021 "
            "(URU Alm.del Bilag 296, 2017-18; polspy.org copy)"
        ),
        "handlingsplan-2019-2021",
        (
            "Følgebrev og Handlingsplan til bekæmpelse af menneskehandel 2019-2021 (URU Alm.del "
            "Bilag 296, 2017-18)"
        ),
        "polspy.org",
        "2018-09-12",
        "secondary",
        (
            "polspy.org copy of the plan and its cover letter as sent to the Folketing; "
            "published_on is the date of the cover letter."
        ),
    ),
    (
        (
            "Beskæftigelsesministeriet - Markant styrket indsats til ofre for menneskehandel på "
            "plads (pressemeddelelse 19-11-2021)"
        ),
        "bm-pressemeddelelse-2021-11-19",
        "Markant styrket indsats til ofre for menneskehandel på plads",
        "Beskæftigelsesministeriet",
        "2021-11-19",
        "official",
        "Press release on the November 2021 agreement on the reserve.",
    ),
    (
        (
            "Handlingsplan til bekæmpelse af menneskehandel 2022-2025 (LIU Alm.del Bilag 68, "
            "2021-22; Transportministeriet/Ligestillingsafdelingen, April 2022)"
        ),
        "handlingsplan-2022-2025",
        "Handlingsplan til bekæmpelse af menneskehandel 2022-2025 (LIU Alm.del Bilag 68, 2021-22)",
        "Transportministeriet/Ligestillingsafdelingen",
        "",
        "official",
        "Plan document dated April 2022, filed with the Folketing.",
    ),
    (
        (
            "presse-fotos.dk - article on 62,4 mio. kr. agreement against human trafficking "
            "(citing Miljø- og Ligestillingsministeriet press release; date not shown in excerpt)"
        ),
        "presse-fotos-62-4-mio",
        "Article on a DKK 62.4 million agreement against human trafficking",
        "presse-fotos.dk",
        "",
        "secondary",
        "Cites a press release from Miljø- og Ligestillingsministeriet; date not shown.",
    ),
]

# Preference among sources giving a figure for the same group: CMM's and Socialstyrelsen's own
# publications first, then other official sources, then press, then secondary reproductions.
# Ties are broken by source_id (alphabetical), so the choice is deterministic.
PRIMARY_PUBLISHERS = ("Center mod Menneskehandel", "Socialstyrelsen")
KIND_RANK = {"official": 1, "press": 2, "secondary": 3}

# --------------------------------------------------------------------------------------------
# 2. Indicators.
#    (code, name_da, name_en, definition_da, definition_en, unit, aggregation, direction, core)
# --------------------------------------------------------------------------------------------
INDICATORS = [
    (
        "victims_assessed",
        "Vurderede ofre for menneskehandel",
        "Persons assessed as victims of trafficking",
        (
            "Antal personer, der i løbet af kalenderåret er vurderet som ofre for menneskehandel "
            "i Danmark, efter Center mod Menneskehandels opgørelse (vurderinger foretaget af "
            "Udlændingestyrelsen, Center mod Menneskehandel og domstolene)."
        ),
        (
            "Number of persons assessed during the calendar year as victims of trafficking in "
            "Denmark, as counted by the Danish Centre against Human Trafficking (CMM); the count "
            "covers assessments by the Immigration Service, CMM and the courts."
        ),
        "persons",
        "flow",
        "neither",
        True,
    ),
    (
        "assessments",
        "Udredninger",
        "Assessments (udredninger)",
        (
            "Antal udredninger for menneskehandel, som Center mod Menneskehandel har gennemført i "
            "løbet af året. Ikke alle udredninger fører til, at personen vurderes som offer."
        ),
        (
            "Number of assessments for trafficking (udredninger) carried out by CMM during the "
            "year. Not every assessment leads to the person being found to be a victim."
        ),
        "assessments",
        "flow",
        "neither",
        True,
    ),
    (
        "hotline_calls",
        "Opkald til Center mod Menneskehandels hotline",
        "Calls to CMM's hotline",
        (
            "Antal opkald og henvendelser til Center mod Menneskehandels hotline i løbet af året, "
            "uanset hvem der henvender sig."
        ),
        (
            "Number of calls and inquiries to CMM's hotline during the year, from all kinds of "
            "callers."
        ),
        "calls",
        "flow",
        "neither",
        True,
    ),
    (
        "reported_cases",
        "Anmeldelser af menneskehandel",
        "Trafficking cases reported to the police",
        (
            "Antal sager om menneskehandel (straffelovens § 262 a), der er anmeldt til politiet i "
            "løbet af året."
        ),
        (
            "Number of trafficking cases (Danish Penal Code section 262 a) reported to the police "
            "during the year."
        ),
        "cases",
        "flow",
        "neither",
        True,
    ),
    (
        "victims_assessed_cumulative",
        "Vurderede ofre i alt siden 2007",
        "Persons assessed as victims since 2007 (cumulative)",
        (
            "Samlet antal personer, der fra 2007 til og med årets udgang er vurderet som ofre for "
            "menneskehandel i Danmark, efter Center mod Menneskehandels opgørelse."
        ),
        (
            "Total number of persons assessed as victims of trafficking in Denmark from 2007 up "
            "to the end of the year, as counted by CMM."
        ),
        "persons",
        "stock",
        "neither",
        False,
    ),
    (
        "victims_identified_tip",
        "Identificerede ofre ifølge den amerikanske TIP-rapport",
        "Victims identified according to the US TIP report",
        (
            "Antal ofre for menneskehandel, som danske myndigheder identificerede i året ifølge "
            "det amerikanske udenrigsministeriums årlige Trafficking in Persons-rapport. En "
            "selvstændig serie, som for 2020-2022 afviger fra Center mod Menneskehandels tal og "
            "ikke må blandes med vurderede ofre."
        ),
        (
            "Number of trafficking victims identified by the Danish authorities in the year "
            "according to the US Department of State's annual Trafficking in Persons report. A "
            "separate series that differs from CMM's count for 2020-2022; never mix it with "
            "persons assessed as victims."
        ),
        "persons",
        "flow",
        "neither",
        False,
    ),
    (
        "persons_charged_262a",
        "Sigtede personer efter straffelovens § 262 a",
        "Persons charged under Penal Code section 262 a",
        (
            "Antal personer, der i året er sigtet for menneskehandel efter straffelovens § 262 a "
            "(Rigsadvokatens opgørelse fra POLSAS, offentliggjort af Center mod Menneskehandel)."
        ),
        (
            "Number of persons charged with trafficking under Penal Code section 262 a in the "
            "year (Director of Public Prosecutions' POLSAS data, published by CMM)."
        ),
        "persons",
        "flow",
        "up",
        False,
    ),
    (
        "persons_indicted_262a",
        "Tiltalte personer efter straffelovens § 262 a",
        "Persons indicted under Penal Code section 262 a",
        (
            "Antal personer, der i året er tiltalt for menneskehandel efter straffelovens § 262 a "
            "(Rigsadvokatens opgørelse fra POLSAS). En tiltale kan vedrøre en sigtelse fra et "
            "tidligere år."
        ),
        (
            "Number of persons indicted for trafficking under Penal Code section 262 a in the "
            "year (POLSAS data). An indictment may follow a charge made in an earlier year."
        ),
        "persons",
        "flow",
        "up",
        False,
    ),
    (
        "persons_convicted_262a",
        "Dømte personer efter straffelovens § 262 a",
        "Persons convicted under Penal Code section 262 a",
        (
            "Antal personer, der i året er dømt for menneskehandel efter straffelovens § 262 a "
            "(Rigsadvokatens opgørelse fra POLSAS). Dommene kan være anket."
        ),
        (
            "Number of persons convicted of trafficking under Penal Code section 262 a in the "
            "year (POLSAS data). Judgments may be under appeal."
        ),
        "persons",
        "flow",
        "up",
        False,
    ),
    (
        "counts_charged_262a",
        "Sigtede forhold efter straffelovens § 262 a",
        "Counts charged under Penal Code section 262 a",
        (
            "Antal forhold (enkelte strafbare handlinger), der i året er rejst sigtelse for efter "
            "straffelovens § 262 a. En person kan være sigtet for flere forhold."
        ),
        (
            "Number of counts (individual offences) charged under Penal Code section 262 a in the "
            "year. One person may be charged with several counts."
        ),
        "counts",
        "flow",
        "up",
        False,
    ),
    (
        "decisions_262a_counts_conviction",
        "Forhold afgjort med dom, § 262 a",
        "Counts decided by conviction, section 262 a",
        ("Antal forhold efter straffelovens § 262 a, der i året er afgjort med dom (domfældelse)."),
        "Number of counts under Penal Code section 262 a decided in the year by a conviction.",
        "counts",
        "flow",
        "up",
        False,
    ),
    (
        "decisions_262a_counts_acquittal",
        "Forhold afgjort med frifindelse, § 262 a",
        "Counts decided by acquittal, section 262 a",
        "Antal forhold efter straffelovens § 262 a, der i året er afgjort med frifindelse.",
        "Number of counts under Penal Code section 262 a decided in the year by an acquittal.",
        "counts",
        "flow",
        "neither",
        False,
    ),
    (
        "decisions_262a_counts_dropped",
        "Forhold med opgivet påtale, § 262 a",
        "Counts with prosecution dropped, section 262 a",
        (
            "Antal forhold efter straffelovens § 262 a, hvor påtale i året er opgivet, fordi "
            "videre forfølgning ikke kan ventes at føre til domfældelse (retsplejelovens § 721, "
            "stk. 1, nr. 2)."
        ),
        (
            "Number of counts under Penal Code section 262 a where prosecution was dropped in the "
            "year because further proceedings could not be expected to lead to a conviction "
            "(Administration of Justice Act section 721(1)(2))."
        ),
        "counts",
        "flow",
        "neither",
        False,
    ),
    (
        "decisions_262a_counts_unfounded",
        "Forhold med grundløs sigtelse, § 262 a",
        "Counts with the charge found unfounded, section 262 a",
        (
            "Antal forhold efter straffelovens § 262 a, hvor sigtelsen i året er opgivet, fordi "
            "den har vist sig grundløs (retsplejelovens § 721, stk. 1, nr. 1)."
        ),
        (
            "Number of counts under Penal Code section 262 a where the charge was withdrawn in "
            "the year as unfounded (Administration of Justice Act section 721(1)(1))."
        ),
        "counts",
        "flow",
        "neither",
        False,
    ),
    (
        "decisions_262a_counts_total",
        "Afgjorte forhold i alt, § 262 a",
        "Counts decided in total, section 262 a",
        (
            "Samlet antal forhold efter straffelovens § 262 a, der er afgjort i året: dom, "
            "frifindelse, opgivet påtale og grundløs sigtelse."
        ),
        (
            "Total number of counts under Penal Code section 262 a decided in the year: "
            "convictions, acquittals, prosecutions dropped and charges found unfounded."
        ),
        "counts",
        "flow",
        "neither",
        False,
    ),
    (
        "decisions_262a_persons_conviction",
        "Personer, hvis sag er afgjort med dom, § 262 a",
        "Persons whose case was decided by conviction, section 262 a",
        (
            "Antal personer, hvis sag efter straffelovens § 262 a i året er afgjort med dom "
            "(domfældelse)."
        ),
        (
            "Number of persons whose case under Penal Code section 262 a was decided in the year "
            "by a conviction."
        ),
        "persons",
        "flow",
        "up",
        False,
    ),
    (
        "decisions_262a_persons_acquittal",
        "Personer, hvis sag er afgjort med frifindelse, § 262 a",
        "Persons whose case was decided by acquittal, section 262 a",
        ("Antal personer, hvis sag efter straffelovens § 262 a i året er afgjort med frifindelse."),
        (
            "Number of persons whose case under Penal Code section 262 a was decided in the year "
            "by an acquittal."
        ),
        "persons",
        "flow",
        "neither",
        False,
    ),
    (
        "decisions_262a_persons_dropped",
        "Personer, hvor påtale er opgivet, § 262 a",
        "Persons for whom prosecution was dropped, section 262 a",
        (
            "Antal personer, hvor påtale efter straffelovens § 262 a i året er opgivet, fordi "
            "videre forfølgning ikke kan ventes at føre til domfældelse (retsplejelovens § 721, "
            "stk. 1, nr. 2)."
        ),
        (
            "Number of persons for whom prosecution under Penal Code section 262 a was dropped in "
            "the year because further proceedings could not be expected to lead to a conviction "
            "(Administration of Justice Act section 721(1)(2))."
        ),
        "persons",
        "flow",
        "neither",
        False,
    ),
    (
        "decisions_262a_persons_unfounded",
        "Personer, hvis sigtelse er grundløs, § 262 a",
        "Persons whose charge was found unfounded, section 262 a",
        (
            "Antal personer, hvis sigtelse efter straffelovens § 262 a i året er opgivet, fordi "
            "den har vist sig grundløs (retsplejelovens § 721, stk. 1, nr. 1)."
        ),
        (
            "Number of persons whose charge under Penal Code section 262 a was withdrawn in the "
            "year as unfounded (Administration of Justice Act section 721(1)(1))."
        ),
        "persons",
        "flow",
        "neither",
        False,
    ),
    (
        "persons_prosecuted_tip",
        "Retsforfulgte personer ifølge den amerikanske TIP-rapport",
        "Persons prosecuted according to the US TIP report",
        (
            "Antal personer, der blev retsforfulgt for menneskehandel i rapportperioden ifølge "
            "det amerikanske udenrigsministeriums Trafficking in Persons-rapport."
        ),
        (
            "Number of persons prosecuted for trafficking in the reporting period according to "
            "the US Department of State's Trafficking in Persons report."
        ),
        "persons",
        "flow",
        "up",
        False,
    ),
    (
        "persons_convicted_tip",
        "Dømte personer ifølge den amerikanske TIP-rapport",
        "Persons convicted according to the US TIP report",
        (
            "Antal personer, der blev dømt for menneskehandel i rapportperioden ifølge det "
            "amerikanske udenrigsministeriums Trafficking in Persons-rapport."
        ),
        (
            "Number of traffickers convicted in the reporting period according to the US "
            "Department of State's Trafficking in Persons report."
        ),
        "persons",
        "flow",
        "up",
        False,
    ),
    (
        "police_investigations_tip",
        "Politiefterforskninger ifølge den amerikanske TIP-rapport",
        "Police investigations according to the US TIP report",
        (
            "Antal efterforskninger af menneskehandel, som politiet indledte eller gennemførte i "
            "rapportperioden ifølge det amerikanske udenrigsministeriums Trafficking in "
            "Persons-rapport."
        ),
        (
            "Number of trafficking investigations the police initiated or conducted in the "
            "reporting period according to the US Department of State's Trafficking in Persons "
            "report."
        ),
        "investigations",
        "flow",
        "up",
        False,
    ),
    (
        "persons_udredt",
        "Udredte personer",
        "Persons assessed for trafficking (udredt)",
        (
            "Antal personer, som Center mod Menneskehandel har udredt for menneskehandel i løbet "
            "af året. Tæller personer og ikke udredninger og er derfor et andet mål end "
            "indikatoren for udredninger."
        ),
        (
            "Number of persons CMM assessed for trafficking during the year. It counts persons, "
            "not assessments, so it is a different measure from the assessments indicator."
        ),
        "persons",
        "flow",
        "neither",
        False,
    ),
    (
        "prepared_repatriations",
        "Forberedte hjemsendelser",
        "Prepared returns (forberedt hjemsendelse)",
        (
            "Antal ofre for menneskehandel, der i året har fået en forberedt hjemsendelse, dvs. "
            "en forberedt og støttet hjemrejse til hjemlandet."
        ),
        (
            "Number of trafficking victims who had a prepared return (forberedt hjemsendelse) in "
            "the year, i.e. an organised and supported return to their home country."
        ),
        "persons",
        "flow",
        "neither",
        False,
    ),
]

# --------------------------------------------------------------------------------------------
# 3. Mapping of published_figures.csv rows.
# --------------------------------------------------------------------------------------------
# (shared indicator, shared unit) -> indicator code. Decision rows get a suffix from their
# breakdown (see COMPONENTS, dimension "decision").
INDICATOR_MAP = {
    ("victims_assessed", "persons"): "victims_assessed",
    ("victims_assessed_cumulative_since_2007", "persons"): "victims_assessed_cumulative",
    ("victims_identified_tip", "persons"): "victims_identified_tip",
    ("assessments_udredninger", "assessments"): "assessments",
    ("assessments_udredninger", "persons assessed (udredt)"): "persons_udredt",
    ("hotline_calls", "calls"): "hotline_calls",
    ("prepared_repatriations", "persons"): "prepared_repatriations",
    ("persons_charged_262a", "persons"): "persons_charged_262a",
    ("persons_indicted_262a", "persons"): "persons_indicted_262a",
    ("persons_convicted_262a", "persons"): "persons_convicted_262a",
    ("counts_charged_262a", "counts (forhold)"): "counts_charged_262a",
    ("decisions_262a_counts", "counts (forhold)"): "decisions_262a_counts",
    ("decisions_262a_persons", "persons"): "decisions_262a_persons",
    ("persons_prosecuted_tip", "persons"): "persons_prosecuted_tip",
    ("persons_convicted_tip", "persons"): "persons_convicted_tip",
    ("police_investigations", "investigations"): "police_investigations_tip",
    ("police_investigations_initiated", "investigations"): "police_investigations_tip",
}

# Shared indicators that do not fit the model (one value per indicator and calendar year).
NOT_LOADED_INDICATORS = {
    "victims_assessed_yoy_change_stated": (
        "Stated year-on-year change (35 %) is a claim, not a figure; CMM's own counts (73 -> 112) "
        "give +53.4 %."
    ),
    "victims_assessed_ytd": "Partial-year count (1 January to the start of October 2016).",
    "victims_assessed_period_total": "Multi-year period total, not a yearly figure.",
    "victims_assessed_share": "Cumulative share in percent over 2007-2017, not a count.",
    "victims_identified_period_total": (
        "Multi-year period total (GRETA evaluation round), not a yearly figure."
    ),
    "victims_minors_period_total": "Multi-year period total (2009-2017), not a yearly figure.",
    "identifications_cmm_and_ngos": "Lower bound ('more than 230'), not an exact figure.",
    "hotline_inquiries_subset": (
        "Subset of hotline inquiries (suspected exploitation of Ukrainians), not the total."
    ),
    "hotline_calls_change_since_2020": (
        "Qualitative statement ('more than doubled' since 2020) without a number."
    ),
}

# Breakdown components that keep a row out of observations.csv.
NOT_LOADED_COMPONENTS = {
    "age=under25 (incl. minors)": "Age band under 25 overlaps under_18; no such age group.",
    "nationality=Ukrainian": "Nationality breakdown; no nationality dimension in the model.",
    "nationality=Danish": "Nationality breakdown; no nationality dimension in the model.",
}

# Whole breakdown strings that are labels of a total (no dimension), with a note to add.
TOTAL_LABELS = {
    "total": "",
    "2007-2015": "",
    "2007-2019": "",
    "2007-2020": "",
    "2007-2021": "",
    "2007-2022": "",
    "2007-2023": "",
    "CMM": "",
    "CMM hotline, all callers": "",
    "forberedt hjemsendelse": "",
    "sigtelser, straffeloven 262 a": "",
    "tiltaler, straffeloven 262 a": "",
    "domme, straffeloven 262 a": "",
    "sigtede forhold": "",
    "TIP reporting period": "TIP 2010 reporting period, recorded as 2009 in the shared file",
    "TIP 2019 reporting period": "TIP 2019 reporting period, recorded as 2018",
    "TIP 2020 reporting period": "TIP 2020 reporting period, recorded as 2019",
}

# Breakdown components ("key=value", combined with ";") -> (dimension, code, note).
COMPONENTS = {
    "sex=female": ("sex", "female", ""),
    "sex=male": ("sex", "male", ""),
    "sex=transgender": ("sex", "transgender", ""),
    "age=minor": ("age_group", "under_18", "age published as 'minor'"),
    "age=under18": ("age_group", "under_18", ""),
    "age=15-17": ("age_group", "under_18", "age published as '15-17'"),
    "age=17 (all minors)": ("age_group", "under_18", "age published as '17 (all minors)'"),
    "exploitation=sexual": ("exploitation", "sexual", ""),
    "exploitation=forced labour": ("exploitation", "forced_labour", ""),
    "exploitation=criminal activities": ("exploitation", "criminal_activities", ""),
    "exploitation=forced labour + criminal activities": (
        "exploitation",
        "forced_labour_or_criminal",
        "published as 'forced labour + criminal activities'",
    ),
    "exploitation=slavery-like conditions": ("exploitation", "slavery_like", ""),
    "exploitation=undetermined": ("exploitation", "undetermined", ""),
    "exploitation=other": ("exploitation", "other", ""),
    "exploitation=not registered": ("exploitation", "not_registered", ""),
    "exploitation=unspecified": ("exploitation", "unspecified", ""),
    "exploitation=other/unspecified": (
        "exploitation",
        "unspecified",
        "published as 'other/unspecified'",
    ),
    "section 262, sex trafficking": (
        "exploitation",
        "sexual",
        "published as 'section 262, sex trafficking' (TIP wording)",
    ),
    "decision=dom": ("decision", "conviction", "decision published as 'dom'"),
    "decision=frifundet": ("decision", "acquittal", "decision published as 'frifundet'"),
    "decision=påtale opgivet (Rpl. 721 stk.1 nr.2)": (
        "decision",
        "dropped",
        "decision published as 'påtale opgivet (Rpl. 721 stk.1 nr.2)'",
    ),
    "decision=sigtelse grundløs (Rpl. 721 stk.1 nr.1)": (
        "decision",
        "unfounded",
        "decision published as 'sigtelse grundløs (Rpl. 721 stk.1 nr.1)'",
    ),
    "decision=total": ("decision", "total", ""),
}

# English replacements for shared notes that quote Danish text or cite the shared research's
# own abbreviations. Key: (source_id, shared indicator, year, shared breakdown).
NOTE_OVERRIDES = {
    ("the-local-2016-07-06", "victims_assessed", "2015", "total"): (
        "Also in the 2017 TIP report ('93 victims in 2015')"
    ),
    ("us-tip-2018", "victims_assessed", "2017", "total"): (
        "US TIP report; CMM's 2018 page says the 2018 count is in line with 2017"
    ),
    ("cmm-tal-2018", "victims_assessed", "2018", "total"): (
        "'In 2018, 97 persons were assessed as trafficked in Denmark'"
    ),
    ("cmm-tal-2021", "victims_assessed", "2020", "total"): (
        "Given for comparison on CMM's 2021 page; also in Socialstyrelsen's 2020 annual report"
    ),
    ("cmm-tal-2023", "victims_assessed", "2023", "total"): (
        "CMM calls this an increase of 35 % on 2022, but 73 -> 112 is +53.4 %; the stated change "
        "is in not_loaded.csv"
    ),
    ("cmm-tal-2021", "victims_assessed_cumulative_since_2007", "2021", "2007-2021"): (
        "The shared file notes a second source for this figure (abbreviated 'DIGMIN')"
    ),
    ("cmm-tal-2023", "victims_assessed_cumulative_since_2007", "2023", "2007-2023"): (
        "The shared file notes a second source for this figure (abbreviated 'PF')"
    ),
    ("cmm-tal-2018", "victims_assessed", "2018", "exploitation=forced labour"): (
        "Page heading: '46 persons have been trafficked for forced labour'"
    ),
    ("cmm-tal-2019", "victims_assessed", "2019", "exploitation=undetermined"): (
        "The form of exploitation could not be determined"
    ),
    ("humantrafficking-dk-nyeste-tal", "victims_assessed", "2019", "sex=female"): (
        "2019 section (text of CMM's 2019 annual statistics); the 2020 TIP report gives the same "
        "split"
    ),
    ("sbst-nyhed-2021-05-11", "victims_assessed", "2020", "exploitation=sexual"): (
        "'45 of 77'; Kristeligt Dagblad (kd-2022-01-haekkerup) reports 44: minor conflict"
    ),
    ("kd-2022-01-haekkerup", "victims_assessed", "2020", "exploitation=sexual"): (
        "Conflicts with 45 in Socialstyrelsen's 2020 annual report (sbst-nyhed-2021-05-11)"
    ),
    ("humantrafficking-dk-nyeste-tal", "victims_assessed", "2020", "sex=male"): (
        "from the 2021 section: 'since 2020, when 21 men were assessed as trafficked'"
    ),
    ("9pdf-aarsrapport-2021", "victims_assessed", "2021", "exploitation=slavery-like conditions"): (
        "heading in the 2021 annual report's contents: 'Three trafficked into slavery-like "
        "conditions'"
    ),
    ("humantrafficking-dk-nyeste-tal", "victims_assessed", "2021", "sex=male"): (
        "2021 section: '37 of the victims ... are men'"
    ),
    ("us-tip-2017", "victims_identified_tip", "2016", "age=minor"): (
        "5 sex trafficking, 1 forced criminality, 2 'other'; sameksistens.dk gives 9 under 18 for "
        "2016 (under victims_assessed): conflict"
    ),
    ("us-tip-2017", "victims_identified_tip", "2015", "age=minor"): (
        "Also The Local (the-local-2016-07-06): 6 minors, mostly boys forced into theft"
    ),
    ("us-tip-2021", "victims_identified_tip", "2020", "age=minor"): (
        "CMM (via humantrafficking.dk) gives 9 under victims_assessed"
    ),
    ("9pdf-aarsrapport-2021", "assessments_udredninger", "2021", "CMM"): (
        "heading in the 2021 annual report's contents: '193 have been assessed for trafficking'; "
        "counts persons, not assessments"
    ),
    ("sbst-aarsrapport-2021", "prepared_repatriations", "2021", "forberedt hjemsendelse"): (
        "'The highest number so far'"
    ),
    # The source kind already says "as reproduced by" this mirror.
    ("us-tip-2010-wiki-mirror", "police_investigations", "2009", "TIP reporting period"): "",
    ("talepapir-samraad-2024-06-04", "assessments_udredninger", "2020", "total"): (
        "Stated in the speech: 'risen from 182 in 2020 to 290 assessments in 2023'; no other "
        "source found"
    ),
    ("talepapir-samraad-2024-06-04", "assessments_udredninger", "2023", "total"): (
        "Stated in the speech; no other source found"
    ),
}

# --------------------------------------------------------------------------------------------
# 4. Plans, action areas and budget lines (plan_budgets.csv).
# --------------------------------------------------------------------------------------------
PLAN_NAME_DA = "Handlingsplan til bekæmpelse af menneskehandel {first}–{last}"
PLAN_NAME_EN = "National action plan against human trafficking {first}–{last}"
PLAN_TOTAL_PREFIX = "Handlingsplan i alt"

# plan_id -> (source_id of the row that gives the total, note)
PLANS = {
    "2011-2014": (
        "ligestillingsafdelingen-pressemeddelelse-2010-10-29",
        (
            "DKK 80 million over four years under the 2010 satspulje agreement; continued funding "
            "at the previous level."
        ),
    ),
    "2015-2018": (
        "kd-2016-millionstoette",
        (
            "Includes a DKK 9.4 million top-up from the 2016 satspulje agreement (allocated over "
            "periods up to 2020). Total as given by Ministeriet for Børn, Undervisning og "
            "Ligestilling and reported by Kristeligt Dagblad; no official primary source found."
        ),
    ),
    "2019-2021": (
        "um-nyhed-2018-09-10",
        (
            "2018 satspulje agreement; the same total is in the cover letter of 12 September 2018 "
            "(handlingsplan-2019-2021)."
        ),
    ),
    "2022-2025": (
        "bm-pressemeddelelse-2021-11-19",
        (
            "Agreement on the reserve, November 2021 (reserve total DKK 860.5 million); described "
            "as a lift of more than DKK 7 million a year. Also stated in "
            "talepapir-samraad-2024-06-04."
        ),
    ),
}

ACTION_AREA_PREFIX_DA = "Indsatsområde "
ACTION_AREA_PREFIX_EN = "Action area "

# Budget lines not represented as a plan total or an action area: (plan, initiative) -> reason.
BUDGET_REASONS = {
    ("2015-2018", "Tillæg fra satspuljeaftale 2016"): (
        "Part of the 2015-2018 total of DKK 108.35 million; mentioned in the note of plan "
        "2015-2018 in plans.csv. Its allocation over 2016-2020 is not published."
    ),
    ("2022-2025", "Styrket og fokuseret Center mod Menneskehandel i Socialstyrelsen"): (
        "Named initiative of the 2022-2025 agreement; no amount published."
    ),
    (
        "2022-2025",
        (
            "Udvidet opsøgende arbejde (AmiAmi, HopeNow, Reden International): social- og "
            "sundhedstilbud til sårbare udenlandske kvinder i prostitution"
        ),
    ): "Named initiative of the 2022-2025 agreement ('markant flere midler'); no amount published.",
    ("2022-2025", "Flere indkvarteringstilbud"): (
        "Heading in the 2021 annual report on the new plan; no amount published."
    ),
    (
        "post-2025 / continuation",
        (
            "Aftale om styrket indsats mod menneskehandel: Center mod Menneskehandel (+ juridisk "
            "rådgivning i Reden International)"
        ),
    ): "Agreement of DKK 62.4 million with no confirmed date or period (source is a secondary "
    "reproduction); not a plan. Unclear whether the Reden legal-counselling line is included.",
    ("2022-2025", "Handlingsplan i alt"): (
        "Duplicate of the 2022-2025 total (DKK 118.2 million) repeated in the speech; the plan in "
        "plans.csv cites bm-pressemeddelelse-2021-11-19 and mentions the speech in its note."
    ),
}

# --------------------------------------------------------------------------------------------
# Output columns.
# --------------------------------------------------------------------------------------------
COLUMNS = {
    "sources.csv": ["source_id", "title", "publisher", "url", "published_on", "kind", "note"],
    "indicators.csv": [
        "code",
        "name_da",
        "name_en",
        "definition_da",
        "definition_en",
        "unit",
        "aggregation",
        "direction",
        "is_core",
    ],
    "observations.csv": [
        "indicator",
        "year",
        "quarter",
        "sex",
        "age_group",
        "exploitation",
        "value",
        "source_id",
        "is_preferred",
        "note",
    ],
    "not_loaded.csv": ["indicator", "year", "value", "unit", "breakdown", "source_id", "reason"],
    "plans.csv": [
        "plan_id",
        "name_da",
        "name_en",
        "start_date",
        "end_date",
        "total_dkk",
        "status",
        "source_id",
        "note",
    ],
    "action_areas.csv": ["plan_id", "code", "name_da", "name_en", "source_id"],
    "not_loaded_budgets.csv": ["plan", "initiative", "year", "amount_dkk", "source_id", "reason"],
}


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(name, rows):
    columns = COLUMNS[name]
    with (OUT_DIR / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)  # RFC 4180: CRLF line ends, minimal quoting
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[column] for column in columns])
    print(f"{name}: {len(rows)} rows")


def build_sources(figures, budgets):
    urls = {}
    for row in figures + budgets:
        urls.setdefault(row["source_title"], set()).add(row["source_url"])
    table = {entry[0]: entry for entry in SOURCES}
    unknown = sorted(set(urls) - set(table))
    unused = sorted(set(table) - set(urls))
    if unknown or unused:
        raise SystemExit(f"source table mismatch: unknown={unknown} unused={unused}")
    rows = []
    for shared_title, source_id, title, publisher, published_on, kind, note in SOURCES:
        if len(urls[shared_title]) != 1:
            raise SystemExit(f"several URLs for {shared_title!r}")
        rows.append(
            {
                "source_id": source_id,
                "title": title,
                "publisher": publisher,
                "url": next(iter(urls[shared_title])),
                "published_on": published_on,
                "kind": kind,
                "note": note,
            }
        )
    ids = [row["source_id"] for row in rows]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate source_id")
    slug_of = {entry[0]: entry[1] for entry in SOURCES}
    return rows, slug_of


def build_indicators():
    keys = COLUMNS["indicators.csv"]
    rows = []
    for entry in INDICATORS:
        row = dict(zip(keys, entry, strict=True))
        row["is_core"] = "true" if row["is_core"] else "false"
        rows.append(row)
    return rows


def parse_breakdown(breakdown):
    """Return ({dimension: code}, [notes]) for a loadable breakdown string."""
    if breakdown in TOTAL_LABELS:
        note = TOTAL_LABELS[breakdown]
        return {}, [note] if note else []
    dims, notes = {}, []
    for component in (part.strip() for part in breakdown.split(";")):
        if component not in COMPONENTS:
            raise SystemExit(f"unmapped breakdown component {component!r}")
        dimension, code, note = COMPONENTS[component]
        if dimension in dims:
            raise SystemExit(f"dimension {dimension} twice in {breakdown!r}")
        dims[dimension] = code
        if note:
            notes.append(note)
    return dims, notes


def not_loaded_reason(row):
    if row["indicator"] in NOT_LOADED_INDICATORS:
        return NOT_LOADED_INDICATORS[row["indicator"]]
    for component in (part.strip() for part in row["breakdown"].split(";")):
        if component in NOT_LOADED_COMPONENTS:
            return NOT_LOADED_COMPONENTS[component]
    return None


def as_integer(text):
    if not text.isdigit():
        raise SystemExit(f"value {text!r} is not a whole number")
    return str(int(text))


def source_rank(source):
    if source["kind"] == "official" and source["publisher"] in PRIMARY_PUBLISHERS:
        return 0
    return KIND_RANK[source["kind"]]


def build_observations(figures, slug_of, sources_by_id):
    observations, not_loaded = [], []
    for row in figures:
        source_id = slug_of[row["source_title"]]
        reason = not_loaded_reason(row)
        if reason is not None:
            not_loaded.append(
                {
                    "indicator": row["indicator"],
                    "year": row["year"],
                    "value": row["value"],
                    "unit": row["unit"],
                    "breakdown": row["breakdown"],
                    "source_id": source_id,
                    "reason": reason,
                }
            )
            continue
        key = (row["indicator"], row["unit"])
        if key not in INDICATOR_MAP:
            raise SystemExit(f"unmapped indicator/unit {key}")
        dims, notes = parse_breakdown(row["breakdown"])
        indicator = INDICATOR_MAP[key]
        if "decision" in dims:
            indicator = f"{indicator}_{dims.pop('decision')}"
        override_key = (source_id, row["indicator"], row["year"], row["breakdown"])
        shared_note = NOTE_OVERRIDES.get(override_key, row["note"])
        if sources_by_id[source_id]["kind"] == "secondary":
            notes.insert(0, f"As reproduced by {sources_by_id[source_id]['publisher']}")
        if shared_note:
            notes.append(shared_note)
        observations.append(
            {
                "indicator": indicator,
                "year": row["year"],
                "quarter": "",
                "sex": dims.get("sex", ""),
                "age_group": dims.get("age_group", ""),
                "exploitation": dims.get("exploitation", ""),
                "value": as_integer(row["value"]),
                "source_id": source_id,
                "is_preferred": "false",
                "note": notes,
            }
        )
    mark_preferred(observations, sources_by_id)
    for obs in observations:
        obs["note"] = "; ".join(" ".join(part.split()) for part in obs["note"])
    order = {entry[0]: index for index, entry in enumerate(INDICATORS)}
    observations.sort(
        key=lambda o: (
            order[o["indicator"]],
            o["year"],
            o["sex"],
            o["age_group"],
            o["exploitation"],
            o["is_preferred"] != "true",
            o["source_id"],
        )
    )
    return observations, not_loaded


def group_key(obs):
    return tuple(
        obs[c] for c in ("indicator", "year", "quarter", "sex", "age_group", "exploitation")
    )


def mark_preferred(observations, sources_by_id):
    groups = {}
    for obs in observations:
        groups.setdefault(group_key(obs), []).append(obs)
    for members in groups.values():
        members.sort(key=lambda o: (source_rank(sources_by_id[o["source_id"]]), o["source_id"]))
        best = members[0]
        best["is_preferred"] = "true"
        others = members[1:]
        if others:
            listed = ", ".join(f"{o['source_id']} ({o['value']})" for o in others)
            best["note"].append(f"preferred; also published by {listed}")
            for other in others:
                other["note"].append(
                    f"not preferred; preferred source {best['source_id']} gives {best['value']}"
                )


def build_plans(budgets, slug_of):
    plans, areas, rest = [], [], []
    used_totals = set()
    for row in budgets:
        source_id = slug_of[row["source_title"]]
        initiative = row["initiative"]
        plan_entry = PLANS.get(row["plan"])
        if (
            initiative.startswith(PLAN_TOTAL_PREFIX)
            and plan_entry is not None
            and plan_entry[0] == source_id
        ):
            first, last = row["plan"].split("-")
            plans.append(
                {
                    "plan_id": row["plan"],
                    "name_da": PLAN_NAME_DA.format(first=first, last=last),
                    "name_en": PLAN_NAME_EN.format(first=first, last=last),
                    "start_date": f"{first}-01-01",
                    "end_date": f"{last}-12-31",
                    "total_dkk": as_integer(row["amount_dkk"]),
                    "status": "adopted",
                    "source_id": source_id,
                    "note": plan_entry[1],
                }
            )
            used_totals.add(row["plan"])
        elif initiative.startswith(ACTION_AREA_PREFIX_DA):
            number, name_da = initiative.removeprefix(ACTION_AREA_PREFIX_DA).split(": ", 1)
            number_en, name_en = (
                row["initiative_en"].removeprefix(ACTION_AREA_PREFIX_EN).split(": ", 1)
            )
            if number != number_en or row["amount_dkk"]:
                raise SystemExit(f"unexpected action area row {initiative!r}")
            areas.append(
                {
                    "plan_id": row["plan"],
                    "code": f"IO{number}",
                    "name_da": name_da,
                    "name_en": name_en,
                    "source_id": source_id,
                }
            )
        else:
            key = (row["plan"], initiative)
            if key not in BUDGET_REASONS:
                raise SystemExit(f"budget row without a place or a reason: {key}")
            rest.append(
                {
                    "plan": row["plan"],
                    "initiative": initiative,
                    "year": "" if row["year"] == "unknown" else row["year"],
                    "amount_dkk": row["amount_dkk"],
                    "source_id": source_id,
                    "reason": BUDGET_REASONS[key],
                }
            )
    missing = sorted(set(PLANS) - used_totals)
    if missing:
        raise SystemExit(f"no total found for plans {missing}")
    plans.sort(key=lambda p: p["plan_id"])
    return plans, areas, rest


def main(argv):
    shared_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_SHARED_DIR
    figures = read_csv(shared_dir / "published_figures.csv")
    budgets = read_csv(shared_dir / "plan_budgets.csv")

    sources, slug_of = build_sources(figures, budgets)
    sources_by_id = {row["source_id"]: row for row in sources}
    indicators = build_indicators()
    observations, not_loaded = build_observations(figures, slug_of, sources_by_id)
    plans, areas, budget_rest = build_plans(budgets, slug_of)

    if len(observations) + len(not_loaded) != len(figures):
        raise SystemExit("figure rows do not add up")
    if len(plans) + len(areas) + len(budget_rest) != len(budgets):
        raise SystemExit("budget rows do not add up")

    write_csv("sources.csv", sources)
    write_csv("indicators.csv", indicators)
    write_csv("observations.csv", observations)
    write_csv("not_loaded.csv", not_loaded)
    write_csv("plans.csv", plans)
    write_csv("action_areas.csv", areas)
    write_csv("not_loaded_budgets.csv", budget_rest)


if __name__ == "__main__":
    main(sys.argv)
