"""Templates for the usual hub job roles: a starting point that a hub edits to fit.

Each template holds a job description (purpose, typical hours, contract, pay, responsibilities
grouped under headings that end with a colon) and a person specification of 10 to 12 criteria,
written for a UK voluntary-sector consortium. Salaries are full-time equivalents in line with
voluntary-sector pay outside London in 2025; a hub sets its own. `people.services.roles.
create_from_template` turns one into a draft `JobRole` with its criteria.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from consortia.people.choices import ContractType, CriterionCategory, Requirement

E, D = Requirement.ESSENTIAL, Requirement.DESIRABLE
QUALIFICATIONS = CriterionCategory.QUALIFICATIONS
EXPERIENCE = CriterionCategory.EXPERIENCE
SKILLS = CriterionCategory.SKILLS
KNOWLEDGE = CriterionCategory.KNOWLEDGE
VALUES = CriterionCategory.VALUES
OTHER = CriterionCategory.OTHER

# How a criterion is assessed: A at application (the form and supporting statement), T by a
# test or exercise, I at interview.
A, T, I, AI, AT, TI, AIT = "A", "T", "I", "AI", "AT", "TI", "AIT"  # noqa: E741  (I for interview)

HUB_LOCATION = "Hybrid: the hub office and home, with regular travel across the consortium's area"


@dataclass(frozen=True)
class CriterionTemplate:
    category: str
    text: str
    requirement: str
    assessed: str  # letters from A, T, I

    @property
    def at_application(self) -> bool:
        return "A" in self.assessed

    @property
    def at_test(self) -> bool:
        return "T" in self.assessed

    @property
    def at_interview(self) -> bool:
        return "I" in self.assessed


@dataclass(frozen=True)
class RoleTemplate:
    code: str
    title: str
    summary: str  # one line for the "start from a template" choice
    purpose: str
    hours_per_week: Decimal
    fte: Decimal
    contract_type: str
    salary_from: Decimal | None
    salary_to: Decimal | None
    responsibilities: tuple[str, ...]
    criteria: tuple[CriterionTemplate, ...]
    reports_to: str = ""  # the title of another template's role
    reports_to_other: str = ""
    location: str = HUB_LOCATION

    @property
    def responsibilities_text(self) -> str:
        return "\n".join(self.responsibilities)


def c(category: str, text: str, requirement: str, assessed: str) -> CriterionTemplate:
    return CriterionTemplate(category, text, requirement, assessed)


CONSORTIUM_MANAGER = RoleTemplate(
    code="consortium_manager",
    title="Consortium Manager",
    summary="Leads the hub: business plan, commissioners, bids, contracts, members, board and staff.",
    purpose=(
        "To lead the consortium's hub: to develop and deliver the business plan agreed by the board, to win "
        "and manage contracts on behalf of the members, and to build the relationships with commissioners, "
        "funders and members on which the consortium depends. The Consortium Manager is the consortium's "
        "senior employee and its public face."
    ),
    hours_per_week=Decimal("37.5"),
    fte=Decimal("1.00"),
    contract_type=ContractType.PERMANENT,
    salary_from=Decimal("40000"),
    salary_to=Decimal("46000"),
    reports_to_other="The chair of the board",
    responsibilities=(
        "Strategy and business planning:",
        "Lead the development of the consortium's business plan and annual workplan with the board, and report "
        "progress against them.",
        "Advise the board on the consortium's direction, risks and opportunities, including how the hub is run.",
        "Commissioners and partners:",
        "Build and keep relationships with commissioners in local government, the NHS and other public bodies, "
        "and represent the consortium at strategic forums.",
        "Respond to consultations and market engagement, making the case for community-led services.",
        "Bids and contracts:",
        "Lead the consortium's bid/no-bid decisions and oversee each bid from the first notice to submission.",
        "Negotiate contracts with commissioners and subcontracts with members, and make sure the consortium "
        "meets what it has promised.",
        "Members and the supply chain:",
        "Recruit, support and develop the membership, including due diligence and the supply-chain register.",
        "Manage conflicts of interest openly, so that members are treated fairly in allocations and payments.",
        "Governance, finance and people:",
        "Prepare board papers and reports, and support the board and its committees to govern well.",
        "Set and monitor the hub's budget, the management fee and the consortium's cash flow with the Finance Officer.",
        "Line-manage the hub staff and lead their recruitment, induction, supervision and development.",
    ),
    criteria=(
        c(QUALIFICATIONS, "Educated to degree level, or equivalent experience at a senior level", E, A),
        c(QUALIFICATIONS, "A management or leadership qualification, or working towards one", D, A),
        c(
            EXPERIENCE,
            "At least three years' experience of managing services, contracts or partnerships in the voluntary, "
            "community or public sector",
            E,
            AI,
        ),
        c(EXPERIENCE, "Experience of writing or leading successful bids for public-sector contracts", E, AI),
        c(EXPERIENCE, "Experience of working with and reporting to a board of trustees or directors", E, AI),
        c(EXPERIENCE, "Experience of managing staff", E, AI),
        c(EXPERIENCE, "Experience of setting up or running a consortium, partnership or supply chain", D, AI),
        c(
            KNOWLEDGE,
            "Knowledge of public-sector commissioning and procurement, including the Procurement Act 2023",
            E,
            AI,
        ),
        c(SKILLS, "Able to negotiate and influence at a senior level, with commissioners and with members", E, I),
        c(SKILLS, "Clear, persuasive writing, from board reports to bid answers", E, AT),
        c(SKILLS, "Able to manage a budget and read management accounts", E, AI),
        c(VALUES, "Commitment to the values of the voluntary sector and to equality, diversity and inclusion", E, I),
    ),
)

BID_MANAGER = RoleTemplate(
    code="bid_manager",
    title="Bid Manager",
    summary="Finds opportunities and manages and writes bids, from the notice to submission.",
    purpose=(
        "To win contracts and funding for the consortium and its members: to find and assess opportunities, "
        "to plan and manage bids from the notice to submission, and to write clear, compelling and compliant "
        "answers drawing on the members' evidence."
    ),
    hours_per_week=Decimal("30"),
    fte=Decimal("0.80"),
    contract_type=ContractType.FIXED_TERM,
    salary_from=Decimal("34000"),
    salary_to=Decimal("38000"),
    reports_to="Consortium Manager",
    responsibilities=(
        "Finding opportunities:",
        "Watch Find a Tender, Contracts Finder and funders for opportunities that fit the members' services, "
        "and circulate them to members promptly.",
        "Prepare bid/no-bid appraisals for the Consortium Manager and the board.",
        "Managing bids:",
        "Plan each bid: the timetable, who answers which question, word limits, pricing and sign-off; and keep "
        "everyone to it.",
        "Gather evidence, case studies and outcome figures from members, and agree their roles and shares.",
        "Manage clarification questions and submit complete, compliant bids on time.",
        "Writing:",
        "Write and edit bid answers in plain English that meet the commissioner's criteria and word limits.",
        "Keep the answer library up to date: standard answers, policies, case studies and CVs.",
        "Learning:",
        "Gather and share the feedback on every bid, won or lost, and use it to improve the next one.",
        "Help members build their own bid-writing skills.",
    ),
    criteria=(
        c(QUALIFICATIONS, "A bid or proposal management qualification, such as APMP Foundation", D, A),
        c(
            EXPERIENCE,
            "Experience of writing successful bids or tenders for public-sector contracts or large grants",
            E,
            AI,
        ),
        c(EXPERIENCE, "Experience of managing a bid to a deadline with several contributors", E, AI),
        c(EXPERIENCE, "Experience of working in or with the voluntary and community sector", D, A),
        c(SKILLS, "Excellent written English: clear, persuasive answers within a word limit", E, AT),
        c(SKILLS, "Able to analyse tender documents and evaluation criteria quickly and accurately", E, TI),
        c(SKILLS, "Able to organise your own work and other people's to meet fixed deadlines", E, AI),
        c(SKILLS, "Confident with spreadsheets, enough to build or check a pricing schedule", D, T),
        c(KNOWLEDGE, "Knowledge of public procurement, including the Procurement Act 2023 and social value", E, AI),
        c(KNOWLEDGE, "Knowledge of outcomes frameworks and how social value is measured", D, AI),
        c(VALUES, "Commitment to winning work for local community organisations", E, I),
    ),
)

CONTRACTS_OFFICER = RoleTemplate(
    code="contracts_officer",
    title="Contracts and Performance Officer",
    summary="Manages contracts and subcontracts, members' monitoring returns and reports to commissioners.",
    purpose=(
        "To make sure the consortium delivers what it has promised: to manage the contracts it holds and its "
        "subcontracts with members, to collect and check members' monitoring returns, and to report "
        "performance accurately to commissioners and the board."
    ),
    hours_per_week=Decimal("37.5"),
    fte=Decimal("1.00"),
    contract_type=ContractType.PERMANENT,
    salary_from=Decimal("29000"),
    salary_to=Decimal("32000"),
    reports_to="Consortium Manager",
    responsibilities=(
        "Contracts and subcontracts:",
        "Set up subcontracts with members that pass down the commissioner's requirements, KPIs and payment terms.",
        "Keep the contracts register, variations and key dates up to date.",
        "Members' performance:",
        "Run the monitoring timetable: remind members, collect their returns and check them against the evidence.",
        "Rate each subcontract's performance (red, amber or green), visit members, and agree improvement plans "
        "where they are needed.",
        "Reporting:",
        "Roll up members' returns into accurate, on-time reports to commissioners.",
        "Report contract performance, risks and issues to the Consortium Manager and the board.",
        "Quality and compliance:",
        "Keep members' due-diligence evidence (insurance, policies, DBS checks, quality marks) current, and "
        "follow up evidence that is about to expire.",
        "Handle complaints and incidents under subcontracts in line with the consortium's procedures.",
    ),
    criteria=(
        c(QUALIFICATIONS, "A qualification in contract, project or performance management", D, A),
        c(EXPERIENCE, "Experience of contract management or performance monitoring", E, AI),
        c(EXPERIENCE, "Experience of collecting, checking and reporting figures accurately", E, AT),
        c(EXPERIENCE, "Experience of working with partner organisations or subcontractors", D, AI),
        c(SKILLS, "Able to build good working relationships with members while holding them to account", E, I),
        c(SKILLS, "Confident with spreadsheets and databases", E, AT),
        c(SKILLS, "Clear written reports for commissioners and the board", E, A),
        c(SKILLS, "Able to manage a busy workload with regular deadlines", E, AI),
        c(KNOWLEDGE, "Knowledge of outcome-based and payment-by-results contracts", D, AI),
        c(KNOWLEDGE, "Understanding of data protection (UK GDPR) when handling information about service users", E, I),
        c(VALUES, "Commitment to good-quality services for the people the members support", E, I),
    ),
)

FINANCE_OFFICER = RoleTemplate(
    code="finance_officer",
    title="Finance Officer",
    summary="Invoices commissioners, pays members, accounts for the management fee and reports to the board.",
    purpose=(
        "To keep the consortium's money in good order: to invoice commissioners, to pay members promptly and "
        "accurately, to account for the management fee, and to give the Consortium Manager and the board "
        "clear, timely financial information."
    ),
    hours_per_week=Decimal("22.5"),
    fte=Decimal("0.60"),
    contract_type=ContractType.SECONDMENT,
    salary_from=Decimal("28000"),
    salary_to=Decimal("31000"),
    reports_to="Consortium Manager",
    responsibilities=(
        "Income and payments:",
        "Raise invoices to commissioners and funders, and chase payment.",
        "Pay members within 30 days of a valid invoice, net of the agreed management fee.",
        "Reconcile the bank accounts and keep the ledgers in the accounting package.",
        "Budgets and reporting:",
        "Prepare monthly management accounts, budget against actual figures and cash-flow forecasts.",
        "Prepare the finance papers for the board and its finance committee.",
        "Work out the recharges for shared staff time with the organisations that employ them.",
        "Controls and compliance:",
        "Keep the financial procedures and controls working, including authorisation limits and the separation "
        "of duties.",
        "Prepare for the annual independent examination or audit, and support the year-end accounts.",
        "Make sure VAT, payroll and the conditions of grants are handled correctly, taking advice where needed.",
    ),
    criteria=(
        c(QUALIFICATIONS, "An accounting qualification (AAT level 3 or above), or equivalent experience", E, A),
        c(QUALIFICATIONS, "A part or full professional accountancy qualification (ACCA, CIMA, ACA or CIPFA)", D, A),
        c(EXPERIENCE, "Experience of bookkeeping and management accounts in a small organisation", E, AI),
        c(EXPERIENCE, "Experience of charity accounting (the Charities SORP) or of restricted funds", D, AI),
        c(EXPERIENCE, "Experience of an accounting package such as Xero, QuickBooks or Sage", E, AT),
        c(SKILLS, "Accurate and methodical, with excellent attention to detail", E, T),
        c(SKILLS, "Able to explain financial information clearly to people who are not accountants", E, I),
        c(SKILLS, "Advanced spreadsheet skills", E, T),
        c(KNOWLEDGE, "Knowledge of VAT as it applies to charities and contracts for services", D, I),
        c(VALUES, "Honesty and discretion with confidential information", E, I),
    ),
)

HUB_ADMINISTRATOR = RoleTemplate(
    code="hub_administrator",
    title="Hub Administrator",
    summary="First point of contact; meetings, minutes, records, diary and the office systems.",
    purpose=(
        "To keep the hub running smoothly: to be the first point of contact for members and partners, to "
        "organise the meetings of the board and the members, and to keep the consortium's records, diary and "
        "systems in order, so that the rest of the team can concentrate on winning and managing contracts."
    ),
    hours_per_week=Decimal("22.5"),
    fte=Decimal("0.60"),
    contract_type=ContractType.PERMANENT,
    salary_from=Decimal("23500"),
    salary_to=Decimal("25500"),
    reports_to="Consortium Manager",
    responsibilities=(
        "Members and enquiries:",
        "Answer enquiries from members, commissioners and the public by phone, e-mail and post.",
        "Keep the member and contact records up to date, and send out the members' bulletin and opportunity alerts.",
        "Meetings and governance:",
        "Organise board, committee and members' meetings: book rooms, send papers, take minutes and follow up actions.",
        "Keep the registers of interests, decisions and policies up to date, and remind people when reviews are due.",
        "Office and systems:",
        "Manage the hub's diary, files and shared systems, and keep records in line with data protection rules.",
        "Process purchase orders and expenses and pass them to the Finance Officer.",
        "Support the bid team by formatting, proof-reading and putting together bid documents.",
    ),
    criteria=(
        c(QUALIFICATIONS, "GCSE English and maths at grade 4 (C) or above, or equivalent", E, A),
        c(EXPERIENCE, "Experience of office administration", E, AI),
        c(EXPERIENCE, "Experience of taking minutes of meetings", D, A),
        c(EXPERIENCE, "Experience of working in or with the voluntary and community sector", D, A),
        c(SKILLS, "Good IT skills, including Word, Excel and Outlook or their equivalents", E, AT),
        c(SKILLS, "Clear written and spoken communication, with a friendly, helpful manner", E, AI),
        c(SKILLS, "Well organised, able to put a varied workload in order of priority", E, I),
        c(SKILLS, "Accurate, with good attention to detail", E, T),
        c(KNOWLEDGE, "Understanding of confidentiality and data protection", E, I),
        c(VALUES, "Commitment to equality, diversity and inclusion", E, I),
    ),
)

TEMPLATES: tuple[RoleTemplate, ...] = (
    CONSORTIUM_MANAGER,
    BID_MANAGER,
    CONTRACTS_OFFICER,
    FINANCE_OFFICER,
    HUB_ADMINISTRATOR,
)
BY_CODE: dict[str, RoleTemplate] = {template.code: template for template in TEMPLATES}
