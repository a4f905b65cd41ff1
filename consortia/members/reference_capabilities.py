"""Reference data for capabilities: service categories (with CPV codes) and client groups.

Loaded by a migration so a new consortium starts with common public-service categories; all of
it can be edited afterwards. Idempotent: creates what is missing, never overwrites edits.
"""

from __future__ import annotations

from typing import Any

from consortia.core.reference import reference_data

# (code, name, description, CPV codes as "code name" pairs): real CPV 2008 codes only.
CATEGORIES: list[tuple[str, str, str, list[str]]] = [
    (
        "advice-advocacy",
        "Advice and advocacy",
        "Information, advice and independent advocacy on welfare benefits, debt, housing and rights.",
        ["85312300-2 Guidance and counselling services", "79140000-7 Legal advisory and information services"],
    ),
    (
        "employability-skills",
        "Employability and skills",
        "Help into work: job search, confidence, qualifications and in-work support.",
        ["79611000-0 Job search services", "80530000-8 Vocational training services"],
    ),
    (
        "mental-health-wellbeing",
        "Mental health and wellbeing",
        "Talking therapies, peer support, crisis and recovery services and wellbeing activities.",
        ["85312320-8 Counselling services", "85323000-9 Community health services"],
    ),
    (
        "substance-misuse",
        "Substance misuse",
        "Drug and alcohol recovery support, harm reduction and aftercare.",
        ["85312500-4 Rehabilitation services", "85323000-9 Community health services"],
    ),
    (
        "homelessness-housing",
        "Homelessness and housing support",
        "Outreach, supported accommodation, tenancy sustainment and homelessness prevention.",
        [
            "85311000-2 Social work services with accommodation",
            "85312000-9 Social work services without accommodation",
            "70333000-4 Housing services",
        ],
    ),
    (
        "domestic-abuse",
        "Domestic abuse",
        "Refuge, independent domestic violence advisers, outreach and recovery programmes.",
        ["85311000-2 Social work services with accommodation", "85312300-2 Guidance and counselling services"],
    ),
    (
        "children-families",
        "Children and families",
        "Early help, parenting support and family support workers.",
        ["85311300-5 Welfare services for children and young people", "85320000-8 Social services"],
    ),
    (
        "youth-services",
        "Youth services",
        "Youth clubs, detached youth work, mentoring and positive activities for young people.",
        [
            "85311300-5 Welfare services for children and young people",
            "92000000-1 Recreational, cultural and sporting services",
        ],
    ),
    (
        "older-people",
        "Older people's services",
        "Befriending, day opportunities, help at home and information for older people.",
        ["85311100-3 Welfare services for the elderly", "85312100-0 Daytime care services"],
    ),
    (
        "carers-support",
        "Carers' support",
        "Assessment, information, breaks and peer support for unpaid carers.",
        ["85312000-9 Social work services without accommodation", "85320000-8 Social services"],
    ),
    (
        "social-prescribing",
        "Social prescribing",
        "Link workers connecting people referred by GPs and others to community support.",
        ["85323000-9 Community health services", "98000000-3 Other community, social and personal services"],
    ),
    (
        "learning-disability",
        "Learning disability support",
        "Supported living, day services, self-advocacy and short breaks for people with learning disabilities.",
        ["85311200-4 Welfare services for the handicapped", "85312100-0 Daytime care services"],
    ),
    (
        "physical-activity-health",
        "Physical activity and health",
        "Community sport, health walks and programmes that help people become and stay active.",
        ["92620000-3 Sport-related services", "85323000-9 Community health services"],
    ),
    (
        "financial-inclusion",
        "Financial inclusion",
        "Debt advice, budgeting, income maximisation and access to affordable credit.",
        ["85312300-2 Guidance and counselling services", "66171000-9 Financial consultancy services"],
    ),
    (
        "digital-inclusion",
        "Digital inclusion",
        "Devices, data and help to get online safely and confidently.",
        ["80533100-0 Computer training services"],
    ),
    (
        "community-transport",
        "Community transport",
        "Dial-a-ride, community car schemes and accessible minibuses.",
        ["60112000-6 Public road transport services"],
    ),
    (
        "criminal-justice",
        "Criminal justice and rehabilitation",
        "Through-the-gate support, mentoring and resettlement for people in contact with the justice system.",
        [
            "75231200-6 Services related to the detention or rehabilitation of criminals",
            "85312500-4 Rehabilitation services",
        ],
    ),
    (
        "refugees-migrants",
        "Refugees and migrants",
        "Resettlement, ESOL, casework and integration support for refugees, asylum seekers and migrants.",
        ["85320000-8 Social services", "80400000-8 Adult and other education services"],
    ),
    (
        "food-poverty",
        "Food poverty",
        "Food banks, community pantries and meals for people on low incomes.",
        ["55521200-0 Meal delivery service", "98000000-3 Other community, social and personal services"],
    ),
    (
        "volunteering-community",
        "Volunteering and community development",
        "Volunteer recruitment and brokerage, community groups support and capacity building.",
        [
            "98133100-5 Civic betterment and community facility support services",
            "98000000-3 Other community, social and personal services",
        ],
    ),
]

CLIENT_GROUPS = [
    "Children",
    "Young people",
    "Families",
    "Older people",
    "Disabled people",
    "People with learning disabilities",
    "People with mental ill health",
    "Carers",
    "Refugees and asylum seekers",
    "People who are homeless",
    "Ex-offenders",
    "People in poverty",
    "Unemployed adults",
]


def cpv_text(codes: list[str]) -> str:
    """The CPV codes as stored: the codes alone, comma-separated."""
    return ", ".join(code.split(" ", 1)[0] for code in codes)


@reference_data("members.ServiceCategory", "members.ClientGroup")
def load_capability_reference(apps: Any = None) -> None:
    """Create the seeded service categories and client groups that are missing."""
    if apps is None:
        from django.apps import apps as registry

        apps = registry
    categories = apps.get_model("members", "ServiceCategory")._default_manager
    client_groups = apps.get_model("members", "ClientGroup")._default_manager
    existing_codes = set(categories.values_list("code", flat=True))
    existing_names = {name.lower() for name in categories.values_list("name", flat=True)}
    for order, (code, name, description, codes) in enumerate(CATEGORIES, start=1):
        if code in existing_codes or name.lower() in existing_names:
            continue
        categories.create(code=code, name=name, description=description, cpv_codes=cpv_text(codes), order=order * 10)
    groups = {name.lower() for name in client_groups.values_list("name", flat=True)}
    for order, name in enumerate(CLIENT_GROUPS, start=1):
        if name.lower() not in groups:
            client_groups.create(name=name, order=order * 10)
