"""The demo consortium: Lancashire Community Partnership, its members, commissioners and funders.

Everything here is fictional: the organisations, the people and the numbers. Where a real public
body appears (a council, the ICB, the National Lottery Community Fund) only its name is real;
its contacts, e-mails and phone numbers are made up.

Why the numbers look the way they do:
- Charity numbers are seven digits starting 19. The Charity Commission is issuing numbers in the
  1,2xx,xxx range, and every number from 1100000 to 1199999 already belongs to a real charity, so
  an "11" number would give a fictional organisation a real charity's identity (and the register
  importers would merge the real charity's details into it).
- Company numbers are eight digits starting 99, far beyond anything Companies House has issued.
- Phone numbers are in 01632 960xxx, the range Ofcom keeps for drama and fiction.
- E-mail addresses and websites sit under `.example.` domains, so nothing can reach a real inbox.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consortia.directory.choices import ConsentSource, LegalForm
from consortia.directory.choices import OrganisationRoleCode as Role

CONSORTIUM_NAME = "Lancashire Community Partnership"

# The local authorities the members are spread across: the twelve Lancashire districts and the
# two unitaries. Names are as in `directory/data/areas.csv`.
LANCASHIRE_AUTHORITIES = (
    "Burnley",
    "Chorley",
    "Fylde",
    "Hyndburn",
    "Lancaster",
    "Pendle",
    "Preston",
    "Ribble Valley",
    "Rossendale",
    "South Ribble",
    "West Lancashire",
    "Wyre",
    "Blackburn with Darwen",
    "Blackpool",
)

CEO = "Chief Executive"
SERVICES = "Services Manager"
FINANCE = "Finance Lead"
VOLUNTEERS = "Volunteer Coordinator"
COMMISSIONING = "Commissioning Manager"
GRANTS = "Grants Manager"

MEMBERSHIP = ConsentSource.MEMBERSHIP
FORM = ConsentSource.FORM
EVENT = ConsentSource.EVENT
EMAIL = ConsentSource.EMAIL


@dataclass(frozen=True)
class Person:
    """A contact at an organisation. No consent date means they have not consented (yet)."""

    first_name: str
    last_name: str
    job_title: str
    consent_date: str = ""  # ISO date
    consent_source: str = ""

    @property
    def consent(self) -> bool:
        return bool(self.consent_date)

    def email_at(self, domain: str) -> str:
        local = f"{self.first_name}.{self.last_name}".lower()
        return re.sub(r"[^a-z.]", "", local) + f"@{domain}"


@dataclass(frozen=True)
class Org:
    """An organisation as the directory will hold it. `area` is an Area name."""

    name: str
    legal_form: str
    roles: tuple[str, ...]
    area: str
    town: str
    domain: str
    phone: str
    people: tuple[Person, ...]
    address_line_1: str = ""
    postcode: str = ""
    county: str = "Lancashire"
    charity_number: str = ""
    company_number: str = ""
    other_names: str = ""
    notes: str = ""

    @property
    def email(self) -> str:
        return f"info@{self.domain}"

    @property
    def website(self) -> str:
        return f"https://www.{self.domain}"


def _charity(domain: str) -> str:
    return f"{domain}.example.org.uk"


MEMBER = (Role.MEMBER,)

# The consortium itself: a company limited by guarantee whose hub is hosted by Red Rose CVS.
# It plays none of the directory's roles; it is here so that documents and invoices can name it.
CONSORTIUM = Org(
    name=CONSORTIUM_NAME,
    legal_form=LegalForm.CLG,
    roles=(),
    area="Preston",
    town="Preston",
    address_line_1="c/o Red Rose CVS, Fishergate Court, Fishergate",
    postcode="PR1 8QF",
    domain=_charity("lancashirecommunitypartnership"),
    phone="01632 960100",
    company_number="99000731",
    other_names="LCP",
    notes="The consortium company. Its hub is hosted by Red Rose CVS.",
    people=(
        Person("Helen", "Tattersall", "Consortium Manager", "2023-04-03", FORM),
        Person("Margaret", "Eccles", "Chair", "2023-04-03", FORM),
    ),
)

INFRASTRUCTURE = Org(
    name="Red Rose Council for Voluntary Service",
    other_names="Red Rose CVS",
    legal_form=LegalForm.CLG,
    roles=(Role.INFRASTRUCTURE, Role.MEMBER),
    area="Preston",
    town="Preston",
    address_line_1="Fishergate Court, Fishergate",
    postcode="PR1 8QF",
    domain=_charity("redrosecvs"),
    phone="01632 960101",
    charity_number="1900233",
    company_number="99001846",
    notes="Infrastructure body for voluntary groups across Lancashire; hosts the consortium's hub staff.",
    people=(
        Person("Janet", "Birtwistle", CEO, "2023-04-03", MEMBERSHIP),
        Person("Kwame", "Mensah", "Development Manager", "2023-04-03", MEMBERSHIP),
        Person("Sophie", "Whittle", FINANCE, "2023-05-17", EMAIL),
    ),
)

MEMBERS = (
    Org(
        name="Pendle Women's Centre",
        legal_form=LegalForm.CIO,
        roles=MEMBER,
        area="Pendle",
        town="Nelson",
        address_line_1="27 Railway Street",
        postcode="BB9 0LT",
        domain=_charity("pendlewomenscentre"),
        phone="01632 960110",
        charity_number="1904217",
        notes="Women-only centre: domestic abuse support, counselling, ESOL and back-to-work courses.",
        people=(
            Person("Nasreen", "Akhtar", CEO, "2023-09-14", MEMBERSHIP),
            Person("Claire", "Holden", SERVICES, "2023-09-14", MEMBERSHIP),
            Person("Joanne", "Pickup", FINANCE),
        ),
    ),
    Org(
        name="Colne Youth Project",
        legal_form=LegalForm.CHARITY,
        roles=MEMBER,
        area="Pendle",
        town="Colne",
        address_line_1="Youth Centre, 3 Albert Road",
        postcode="BB8 0AQ",
        domain=_charity("colneyouthproject"),
        phone="01632 960111",
        charity_number="1907752",
        notes="Open-access youth clubs, detached youth work and a young people's mental health drop-in.",
        people=(
            Person("Ryan", "Hartley", CEO, "2023-10-02", MEMBERSHIP),
            Person("Amy", "Dugdale", VOLUNTEERS, "2024-01-22", EVENT),
        ),
    ),
    Org(
        name="Burnley Food Futures CIC",
        legal_form=LegalForm.CIC,
        roles=MEMBER,
        area="Burnley",
        town="Burnley",
        address_line_1="Unit 4, Sandygate Business Centre, Sandygate",
        postcode="BB11 1TD",
        domain=_charity("burnleyfoodfutures"),
        phone="01632 960112",
        company_number="99012384",
        notes="Community cafe, food pantry and cook-and-eat courses for families on low incomes.",
        people=(
            Person("Shabana", "Hussain", "Director", "2023-09-20", MEMBERSHIP),
            Person("Liam", "Nuttall", SERVICES, "2023-09-20", MEMBERSHIP),
            Person("Tracey", "Bentley", VOLUNTEERS, "2024-03-11", FORM),
        ),
    ),
    Org(
        name="Brunshaw Family Support",
        legal_form=LegalForm.CIO,
        roles=MEMBER,
        area="Burnley",
        town="Burnley",
        address_line_1="Brunshaw Community Centre, Brunshaw Road",
        postcode="BB10 3BX",
        domain=_charity("brunshawfamilysupport"),
        phone="01632 960113",
        charity_number="1908341",
        notes="Early help for families: parenting groups, home visiting and school-readiness sessions.",
        people=(
            Person("Karen", "Sutcliffe", CEO, "2023-11-06", MEMBERSHIP),
            Person("Zahid", "Iqbal", FINANCE, "2023-11-06", MEMBERSHIP),
        ),
    ),
    Org(
        name="Chorley Debt and Money Advice",
        legal_form=LegalForm.CLG,
        roles=MEMBER,
        area="Chorley",
        town="Chorley",
        address_line_1="12 St Thomas's Road",
        postcode="PR7 1HR",
        domain=_charity("chorleymoneyadvice"),
        phone="01632 960114",
        charity_number="1903386",
        company_number="99031875",
        notes="Free debt, benefits and money advice; FCA-authorised debt counselling.",
        people=(
            Person("Andrew", "Rigby", CEO, "2023-09-14", MEMBERSHIP),
            Person("Priya", "Sharma", SERVICES, "2023-09-14", MEMBERSHIP),
            Person("Gillian", "Crook", FINANCE, "2024-02-05", EMAIL),
        ),
    ),
    Org(
        name="Chorley Men's Shed",
        legal_form=LegalForm.CIO,
        roles=MEMBER,
        area="Chorley",
        town="Chorley",
        address_line_1="The Workshop, 40 Bolton Street",
        postcode="PR7 3AB",
        domain=_charity("chorleymensshed"),
        phone="01632 960115",
        charity_number="1911804",
        notes="Workshop and peer support for older men at risk of loneliness; social prescribing referrals.",
        people=(
            Person("Brian", "Haworth", "Chair of Trustees", "2024-04-18", FORM),
            Person("Dave", "Marsden", VOLUNTEERS),
        ),
    ),
    Org(
        name="Fylde Coast Befriending",
        legal_form=LegalForm.CIO,
        roles=MEMBER,
        area="Fylde",
        town="Lytham St Annes",
        address_line_1="41 St Andrews Road South",
        postcode="FY8 1PZ",
        domain=_charity("fyldecoastbefriending"),
        phone="01632 960116",
        charity_number="1906629",
        notes="Telephone and face-to-face befriending for older people; hospital discharge support.",
        people=(
            Person("Susan", "Cartmell", CEO, "2023-10-09", MEMBERSHIP),
            Person("Rachel", "Singleton", VOLUNTEERS, "2023-10-09", MEMBERSHIP),
        ),
    ),
    Org(
        name="Kirkham and Wesham Community Hub Ltd",
        legal_form=LegalForm.CBS,
        roles=MEMBER,
        area="Fylde",
        town="Kirkham",
        address_line_1="18 Station Road",
        postcode="PR4 2HA",
        domain=_charity("kirkhamweshamhub"),
        phone="01632 960117",
        notes="Community benefit society (registered with the FCA): food pantry, warm space and community transport.",
        people=(
            Person("Martin", "Whiteside", "Secretary", "2024-01-15", MEMBERSHIP),
            Person("Lesley", "Parkinson", VOLUNTEERS, "2024-01-15", MEMBERSHIP),
        ),
    ),
    Org(
        name="Hyndburn Refugee Welcome",
        legal_form=LegalForm.CIO,
        roles=MEMBER,
        area="Hyndburn",
        town="Accrington",
        address_line_1="8 Cannon Street",
        postcode="BB5 1NJ",
        domain=_charity("hyndburnrefugeewelcome"),
        phone="01632 960118",
        charity_number="1912058",
        notes="Casework, ESOL conversation clubs and resettlement support for refugees and asylum seekers.",
        people=(
            Person("Farah", "Ahmed", CEO, "2023-12-04", MEMBERSHIP),
            Person("Tomasz", "Nowak", SERVICES, "2023-12-04", MEMBERSHIP),
            Person("Elaine", "Duckworth", VOLUNTEERS),
        ),
    ),
    Org(
        name="Accrington Employment Pathways",
        legal_form=LegalForm.CLG,
        roles=MEMBER,
        area="Hyndburn",
        town="Accrington",
        address_line_1="Broadway House, Broadway",
        postcode="BB5 1EY",
        domain=_charity("accringtonpathways"),
        phone="01632 960119",
        charity_number="1902947",
        company_number="99047261",
        notes="Employment support for people with health conditions; Individual Placement and Support.",
        people=(
            Person("Mark", "Holt", CEO, "2023-09-14", MEMBERSHIP),
            Person("Bushra", "Khan", SERVICES, "2023-09-14", MEMBERSHIP),
            Person("Neil", "Entwistle", FINANCE, "2023-09-14", MEMBERSHIP),
        ),
    ),
    Org(
        name="Lancaster District Housing Advice",
        legal_form=LegalForm.CLG,
        roles=MEMBER,
        area="Lancaster",
        town="Lancaster",
        address_line_1="17 Church Street",
        postcode="LA1 1LP",
        domain=_charity("lancasterhousingadvice"),
        phone="01632 960120",
        charity_number="1901583",
        company_number="99008452",
        notes="Housing advice, homelessness prevention and tenancy sustainment.",
        people=(
            Person("Catherine", "Procter", CEO, "2023-09-27", MEMBERSHIP),
            Person("Owen", "Airey", SERVICES, "2023-09-27", MEMBERSHIP),
        ),
    ),
    Org(
        name="Morecambe Bay Recovery Community",
        legal_form=LegalForm.CIO,
        roles=MEMBER,
        area="Lancaster",
        town="Morecambe",
        address_line_1="56 Euston Road",
        postcode="LA4 5LE",
        domain=_charity("morecambebayrecovery"),
        phone="01632 960121",
        charity_number="1910476",
        notes="Peer-led recovery from drugs and alcohol: recovery cafe, mutual aid meetings and mentoring.",
        people=(
            Person("Steve", "Gardner", CEO, "2024-02-12", MEMBERSHIP),
            Person("Kirsty", "Hodgson", VOLUNTEERS, "2024-02-12", MEMBERSHIP),
            Person("Phil", "Baxter", FINANCE, "2024-06-03", EMAIL),
        ),
    ),
    Org(
        name="Preston Domestic Abuse Service",
        legal_form=LegalForm.CLG,
        roles=MEMBER,
        area="Preston",
        town="Preston",
        address_line_1="Unit 2, Winckley Court, Mount Street",
        postcode="PR1 8BU",
        domain=_charity("prestondas"),
        phone="01632 960122",
        charity_number="1900872",
        company_number="99002917",
        notes="Refuge, outreach and IDVA service. The refuge address is confidential: post goes to the office.",
        people=(
            Person("Louise", "Fairclough", CEO, "2023-09-14", MEMBERSHIP),
            Person("Harpreet", "Kaur", SERVICES, "2023-09-14", MEMBERSHIP),
            Person("Ian", "Cowell", FINANCE, "2023-09-14", MEMBERSHIP),
        ),
    ),
    Org(
        name="Preston Digital Inclusion CIC",
        legal_form=LegalForm.CIC,
        roles=MEMBER,
        area="Preston",
        town="Preston",
        address_line_1="The Hub, 9 Friargate",
        postcode="PR1 2EE",
        domain=_charity("prestondigitalinclusion"),
        phone="01632 960123",
        company_number="99054410",
        notes="Device lending, data banks and one-to-one digital skills support.",
        people=(
            Person("Adeel", "Rashid", "Director", "2024-03-04", MEMBERSHIP),
            Person("Hannah", "Moss", VOLUNTEERS, "2024-03-04", MEMBERSHIP),
        ),
    ),
    Org(
        name="Fulwood Memory Cafe",
        legal_form=LegalForm.UNINCORPORATED,
        roles=MEMBER,
        area="Preston",
        town="Fulwood",
        address_line_1="Community Hall, Watling Street Road",
        postcode="PR2 8EA",
        domain=_charity("fulwoodmemorycafe"),
        phone="01632 960124",
        notes="Weekly memory cafe for people living with dementia and their carers. Run entirely by volunteers.",
        people=(
            Person("Jean", "Gregson", "Chair", "2024-05-20", EVENT),
            Person("Colin", "Wilding", "Treasurer"),
        ),
    ),
    Org(
        name="Ribble Valley Carers Link",
        legal_form=LegalForm.CIO,
        roles=MEMBER,
        area="Ribble Valley",
        town="Clitheroe",
        address_line_1="22 Wellgate",
        postcode="BB7 2DP",
        domain=_charity("ribblevalleycarerslink"),
        phone="01632 960125",
        charity_number="1909163",
        notes="Information, carers' assessments support, breaks and peer groups for unpaid carers.",
        people=(
            Person("Alison", "Cottam", CEO, "2023-10-16", MEMBERSHIP),
            Person("Rebecca", "Slater", SERVICES, "2023-10-16", MEMBERSHIP),
            Person("Graham", "Lord", VOLUNTEERS, "2024-09-09", FORM),
        ),
    ),
    Org(
        name="Longridge Community Action",
        legal_form=LegalForm.CHARITY,
        roles=MEMBER,
        area="Ribble Valley",
        town="Longridge",
        address_line_1="Station Buildings, Berry Lane",
        postcode="PR3 3JA",
        domain=_charity("longridgecommunityaction"),
        phone="01632 960126",
        charity_number="1904790",
        notes="Community transport, lunch club and a good-neighbour scheme for the town and villages.",
        people=(
            Person("Patricia", "Bamber", CEO, "2023-11-13", MEMBERSHIP),
            Person("Robert", "Iddon", FINANCE),
        ),
    ),
    Org(
        name="Rossendale Peer Support",
        legal_form=LegalForm.CIO,
        roles=MEMBER,
        area="Rossendale",
        town="Rawtenstall",
        address_line_1="14 Bank Street",
        postcode="BB4 6QS",
        domain=_charity("rossendalepeersupport"),
        phone="01632 960127",
        charity_number="1911237",
        notes="Mental health peer support groups, a crisis cafe and wellbeing walks.",
        people=(
            Person("Emma", "Ormerod", CEO, "2024-01-08", MEMBERSHIP),
            Person("Jordan", "Lumb", VOLUNTEERS, "2024-01-08", MEMBERSHIP),
        ),
    ),
    Org(
        name="Bacup Family Kitchen CIC",
        legal_form=LegalForm.CIC,
        roles=MEMBER,
        area="Rossendale",
        town="Bacup",
        address_line_1="31 Market Street",
        postcode="OL13 8EZ",
        domain=_charity("bacupfamilykitchen"),
        phone="01632 960128",
        company_number="99063728",
        notes="Holiday activities and food programme, family meals and a social supermarket.",
        people=(
            Person("Nicola", "Greenwood", "Director", "2024-02-26", MEMBERSHIP),
            Person("Sean", "Heys", SERVICES, "2024-02-26", MEMBERSHIP),
        ),
    ),
    Org(
        name="South Ribble Young Carers",
        legal_form=LegalForm.CIO,
        roles=MEMBER,
        area="South Ribble",
        town="Leyland",
        address_line_1="5 Towngate",
        postcode="PR25 2LH",
        domain=_charity("southribbleyoungcarers"),
        phone="01632 960129",
        charity_number="1907405",
        notes="Young carers' assessments, school support, respite trips and groups.",
        people=(
            Person("Michelle", "Aspinall", CEO, "2023-10-23", MEMBERSHIP),
            Person("Daniel", "Forshaw", SERVICES, "2023-10-23", MEMBERSHIP),
            Person("Laura", "Bretherton", VOLUNTEERS, "2024-07-15", EVENT),
        ),
    ),
    Org(
        name="Leyland Skills and Enterprise Trust",
        legal_form=LegalForm.CLG,
        roles=MEMBER,
        area="South Ribble",
        town="Leyland",
        address_line_1="62 Hough Lane",
        postcode="PR25 2SD",
        domain=_charity("leylandskills"),
        phone="01632 960130",
        charity_number="1902211",
        company_number="99019604",
        notes="Adult skills, pre-employment courses and self-employment support.",
        people=(
            Person("Simon", "Threlfall", CEO, "2023-09-14", MEMBERSHIP),
            Person("Angela", "Moorcroft", FINANCE, "2023-09-14", MEMBERSHIP),
        ),
    ),
    Org(
        name="Skelmersdale Community Advice",
        legal_form=LegalForm.CLG,
        roles=MEMBER,
        area="West Lancashire",
        town="Skelmersdale",
        address_line_1="Unit 11, The Concourse",
        postcode="WN8 6LN",
        domain=_charity("skelmersdaleadvice"),
        phone="01632 960131",
        charity_number="1903930",
        company_number="99027385",
        notes="Welfare benefits advice, tribunal representation and energy advice.",
        people=(
            Person("Julie", "Ashcroft", CEO, "2023-09-14", MEMBERSHIP),
            Person("Kevin", "Rimmer", SERVICES, "2023-09-14", MEMBERSHIP),
            Person("Donna", "Prescott", FINANCE),
        ),
    ),
    Org(
        name="West Lancashire Disability Forum",
        legal_form=LegalForm.CIO,
        roles=MEMBER,
        area="West Lancashire",
        town="Ormskirk",
        address_line_1="19 Burscough Street",
        postcode="L39 2EG",
        domain=_charity("westlancsdisabilityforum"),
        phone="01632 960132",
        charity_number="1906102",
        notes="User-led: advocacy, accessible information and co-production with commissioners.",
        people=(
            Person("Richard", "Caunce", CEO, "2023-11-20", MEMBERSHIP),
            Person("Yvonne", "Blundell", VOLUNTEERS, "2023-11-20", MEMBERSHIP),
        ),
    ),
    Org(
        name="Wyre Youth Matters",
        legal_form=LegalForm.CIO,
        roles=MEMBER,
        area="Wyre",
        town="Fleetwood",
        address_line_1="48 Lord Street",
        postcode="FY7 6DS",
        domain=_charity("wyreyouthmatters"),
        phone="01632 960133",
        charity_number="1909734",
        notes="Youth clubs, mentoring and a youth employability programme for 16–24 year olds.",
        people=(
            Person("Craig", "Cookson", CEO, "2023-10-30", MEMBERSHIP),
            Person("Jade", "Wareing", SERVICES, "2023-10-30", MEMBERSHIP),
            Person("Matthew", "Bond", FINANCE, "2024-04-08", EMAIL),
        ),
    ),
    Org(
        name="Fleetwood Community Kitchen CIC",
        legal_form=LegalForm.CIC,
        roles=MEMBER,
        area="Wyre",
        town="Fleetwood",
        address_line_1="7 Dock Street",
        postcode="FY7 6HP",
        domain=_charity("fleetwoodkitchen"),
        phone="01632 960134",
        company_number="99071543",
        notes="Community meals, a catering training kitchen and food skills for care leavers.",
        people=(
            Person("Sharon", "Swarbrick", "Director", "2024-03-18", MEMBERSHIP),
            Person("Paul", "Cardwell", VOLUNTEERS),
        ),
    ),
    Org(
        name="Blackburn Families Together",
        legal_form=LegalForm.CLG,
        roles=MEMBER,
        area="Blackburn with Darwen",
        town="Blackburn",
        address_line_1="4 Richmond Terrace",
        postcode="BB1 7AT",
        domain=_charity("blackburnfamilies"),
        phone="01632 960135",
        charity_number="1901129",
        company_number="99035190",
        notes="Family support, parenting programmes in English, Urdu and Gujarati, and a children's centre.",
        people=(
            Person("Ayesha", "Patel", CEO, "2023-09-14", MEMBERSHIP),
            Person("Gary", "Haworth", FINANCE, "2023-09-14", MEMBERSHIP),
            Person("Salma", "Mahmood", SERVICES, "2023-09-14", MEMBERSHIP),
        ),
    ),
    Org(
        name="Audley and Bastwell Neighbourhood Trust",
        legal_form=LegalForm.CIO,
        roles=MEMBER,
        area="Blackburn with Darwen",
        town="Blackburn",
        address_line_1="90 Audley Range",
        postcode="BB1 1TF",
        domain=_charity("audleybastwelltrust"),
        phone="01632 960136",
        charity_number="1912690",
        notes="Neighbourhood community centre: health checks, women's groups, homework club and a food bank.",
        people=(
            Person("Imtiaz", "Desai", CEO, "2024-05-13", MEMBERSHIP),
            Person("Rukhsana", "Bibi", VOLUNTEERS, "2024-05-13", MEMBERSHIP),
        ),
    ),
    Org(
        name="Darwen Green Spaces CIC",
        legal_form=LegalForm.CIC,
        roles=MEMBER,
        area="Blackburn with Darwen",
        town="Darwen",
        address_line_1="15 Bridge Street",
        postcode="BB3 2AA",
        domain=_charity("darwengreenspaces"),
        phone="01632 960137",
        company_number="99082236",
        notes="Green social prescribing: community gardens, conservation volunteering and walking groups.",
        people=(
            Person("Lucy", "Pilkington", "Director", "2024-06-24", MEMBERSHIP),
            Person("Tom", "Kenyon", VOLUNTEERS, "2024-06-24", MEMBERSHIP),
        ),
    ),
    Org(
        name="Blackpool Homeless Outreach",
        legal_form=LegalForm.CLG,
        roles=MEMBER,
        area="Blackpool",
        town="Blackpool",
        address_line_1="23 Abingdon Street",
        postcode="FY1 1DA",
        domain=_charity("blackpooloutreach"),
        phone="01632 960138",
        charity_number="1900456",
        company_number="99004728",
        notes="Street outreach, a day centre and supported move-on accommodation.",
        people=(
            Person("Christopher", "Hindle", CEO, "2023-09-14", MEMBERSHIP),
            Person("Natalie", "Wood", SERVICES, "2023-09-14", MEMBERSHIP),
            Person("Stuart", "Fletcher", FINANCE, "2023-09-14", MEMBERSHIP),
        ),
    ),
    Org(
        name="Blackpool Community Grocery Ltd",
        legal_form=LegalForm.CBS,
        roles=MEMBER,
        area="Blackpool",
        town="Blackpool",
        address_line_1="110 Central Drive",
        postcode="FY1 5JD",
        domain=_charity("blackpoolgrocery"),
        phone="01632 960139",
        notes="Member-owned community grocery in Revoe: low-cost food, money advice sessions and cookery.",
        people=(
            Person("Deborah", "Hesketh", "Secretary", "2024-02-19", MEMBERSHIP),
            Person("Jamie", "Sumner", VOLUNTEERS),
        ),
    ),
    Org(
        name="Blackpool Autism Family Support",
        legal_form=LegalForm.CIO,
        roles=MEMBER,
        area="Blackpool",
        town="Blackpool",
        address_line_1="212 Whitegate Drive",
        postcode="FY3 9JL",
        domain=_charity("blackpoolautismfamilies"),
        phone="01632 960140",
        charity_number="1910821",
        notes="Support for autistic children, young people and their families before and after diagnosis.",
        people=(
            Person("Kathryn", "Rawcliffe", CEO, "2023-12-11", MEMBERSHIP),
            Person("Ben", "Howarth", SERVICES, "2023-12-11", MEMBERSHIP),
        ),
    ),
)

COMMISSIONERS = (
    Org(
        name="Lancashire County Council",
        legal_form=LegalForm.PUBLIC_BODY,
        roles=(Role.COMMISSIONER,),
        area="Lancashire",
        town="Preston",
        address_line_1="County Hall, Fishergate",
        postcode="PR1 8XJ",
        domain="lancashire.example.gov.uk",
        phone="01632 960150",
        notes="Adult social care, public health and children's services commissioning.",
        people=(
            Person("Philippa", "Garside", "Head of Commissioning, Adult Social Care", "2024-01-17", EMAIL),
            Person("Omar", "Farooq", "Public Health Commissioning Manager", "2024-03-06", EVENT),
        ),
    ),
    Org(
        name="Blackpool Council",
        legal_form=LegalForm.PUBLIC_BODY,
        roles=(Role.COMMISSIONER,),
        area="Blackpool",
        town="Blackpool",
        address_line_1="Municipal Buildings, Corporation Street",
        domain="blackpool.example.gov.uk",
        phone="01632 960151",
        people=(Person("Andrea", "Lowe", "Strategic Commissioning Manager", "2024-02-14", EMAIL),),
    ),
    Org(
        name="Blackburn with Darwen Borough Council",
        legal_form=LegalForm.PUBLIC_BODY,
        roles=(Role.COMMISSIONER,),
        area="Blackburn with Darwen",
        town="Blackburn",
        address_line_1="Town Hall, King William Street",
        domain="blackburn.example.gov.uk",
        phone="01632 960152",
        people=(
            Person("Javed", "Mulla", COMMISSIONING, "2024-02-21", EVENT),
            Person("Sarah", "Walmsley", "Commissioning Officer, Early Help"),
        ),
    ),
    Org(
        name="Preston City Council",
        legal_form=LegalForm.PUBLIC_BODY,
        roles=(Role.COMMISSIONER,),
        area="Preston",
        town="Preston",
        address_line_1="Town Hall, Lancaster Road",
        domain="preston.example.gov.uk",
        phone="01632 960153",
        people=(Person("Gareth", "Pye", "Community Engagement and Commissioning Manager", "2024-04-10", EMAIL),),
    ),
    Org(
        name="NHS Lancashire and South Cumbria Integrated Care Board",
        other_names="Lancashire and South Cumbria ICB",
        legal_form=LegalForm.PUBLIC_BODY,
        roles=(Role.COMMISSIONER,),
        area="Lancashire",
        town="Leyland",
        address_line_1="Chorley House, Centurion Way",
        domain="lscicb.example.nhs.uk",
        phone="01632 960154",
        notes="Covers Lancashire, Blackpool, Blackburn with Darwen and South Cumbria.",
        people=(
            Person("Fiona", "McAllister", "Head of Contracting, Community Services", "2024-01-24", EMAIL),
            Person("Rajesh", "Mistry", "VCFSE Partnership Lead", "2024-01-24", EVENT),
        ),
    ),
    Org(
        name="Office of the Police and Crime Commissioner for Lancashire",
        other_names="Lancashire OPCC\nLancashire Constabulary (commissioning)",
        legal_form=LegalForm.PUBLIC_BODY,
        roles=(Role.COMMISSIONER,),
        area="Lancashire",
        town="Preston",
        domain="lancashire-pcc.example.police.uk",
        phone="01632 960155",
        notes="Commissions victim services and community safety projects.",
        people=(Person("Helen", "Riley", "Victim Services Commissioning Manager", "2024-05-08", EMAIL),),
    ),
    Org(
        name="Department for Work and Pensions (North West)",
        other_names="DWP North West",
        legal_form=LegalForm.PUBLIC_BODY,
        roles=(Role.COMMISSIONER,),
        area="North West",
        county="",
        town="",
        domain="dwp.example.gov.uk",
        phone="01632 960156",
        notes="Employment programmes for the Lancashire contract package area.",
        people=(
            Person("Jonathan", "Ainsworth", "Contract Manager, Employment Programmes", "2024-03-27", EMAIL),
            Person("Michaela", "Doyle", "Partnership Manager, Lancashire"),
        ),
    ),
    Org(
        name="Probation Service – Lancashire",
        other_names="Lancashire Probation",
        legal_form=LegalForm.PUBLIC_BODY,
        roles=(Role.COMMISSIONER,),
        area="Lancashire",
        town="Preston",
        domain="justice.example.gov.uk",
        phone="01632 960157",
        notes="Commissioned Rehabilitative Services: accommodation, personal wellbeing and women's services.",
        people=(Person("Derek", "Halliwell", "Head of Commissioned Rehabilitative Services", "2024-06-12", EMAIL),),
    ),
)

FUNDERS = (
    Org(
        name="The National Lottery Community Fund",
        legal_form=LegalForm.PUBLIC_BODY,
        roles=(Role.FUNDER,),
        area="North West",
        county="",
        town="",
        domain="tnlcommunityfund.example.org.uk",
        phone="01632 960170",
        notes="Reaching Communities and Awards for All; the North West team covers Lancashire.",
        people=(
            Person("Rosie", "Kellett", "Funding Officer, North West", "2024-02-01", EMAIL),
            Person("Victor", "Adeyemi", "Portfolio Manager", "2024-02-01", EMAIL),
        ),
    ),
    Org(
        name="Bowland Community Foundation",
        legal_form=LegalForm.CLG,
        roles=(Role.FUNDER,),
        area="Ribble Valley",
        town="Clitheroe",
        address_line_1="2 Castle Street",
        postcode="BB7 2BT",
        domain=_charity("bowlandfoundation"),
        phone="01632 960171",
        charity_number="1901867",
        company_number="99015530",
        notes="Community foundation: local grants programmes and donor-advised funds across Lancashire.",
        people=(
            Person("Elizabeth", "Seed", CEO, "2023-11-29", EMAIL),
            Person("Nadia", "Hussain", GRANTS, "2023-11-29", EMAIL),
        ),
    ),
    Org(
        name="The Hargreaves Family Charitable Trust",
        legal_form=LegalForm.CHARITY,
        roles=(Role.FUNDER,),
        area="Chorley",
        town="Chorley",
        address_line_1="c/o Moss & Fell Solicitors, 9 Fazakerley Street",
        postcode="PR7 1BG",
        domain=_charity("hargreavestrust"),
        phone="01632 960172",
        charity_number="1903602",
        notes="Small grants to Lancashire charities for older people and carers. Applications twice a year.",
        people=(Person("Anthony", "Hargreaves", "Trust Secretary", "2024-04-22", EMAIL),),
    ),
    Org(
        name="The Cotton Town Charitable Trust",
        legal_form=LegalForm.CHARITY,
        roles=(Role.FUNDER,),
        area="Blackburn with Darwen",
        town="Blackburn",
        address_line_1="33 Preston New Road",
        postcode="BB2 6AE",
        domain=_charity("cottontowntrust"),
        phone="01632 960173",
        charity_number="1906974",
        notes="Grants for employment, skills and young people in east Lancashire's former mill towns.",
        people=(
            Person("Margaret", "Whalley", GRANTS, "2024-01-10", EMAIL),
            Person("Asif", "Chaudhry", "Chair of Grants Committee"),
        ),
    ),
    Org(
        name="Morecambe Bay Health and Wellbeing Fund",
        legal_form=LegalForm.CIO,
        roles=(Role.FUNDER,),
        area="Lancaster",
        town="Lancaster",
        address_line_1="6 Sun Street",
        postcode="LA1 1EW",
        domain=_charity("morecambebayfund"),
        phone="01632 960174",
        charity_number="1911568",
        notes="Health inequalities grants around Morecambe Bay; multi-year core funding for small charities.",
        people=(Person("Joanna", "Thornber", "Programme Manager", "2024-03-13", EMAIL),),
    ),
)

# In the order they are loaded: the CVS before the consortium that it hosts.
ORGANISATIONS: tuple[Org, ...] = (INFRASTRUCTURE, CONSORTIUM, *MEMBERS, *COMMISSIONERS, *FUNDERS)
