"""Fixed lists used by the directory."""

from django.db import models


class LegalForm(models.TextChoices):
    CHARITY = "charity", "Registered charity (trust or association)"
    CIO = "cio", "Charitable incorporated organisation (CIO / SCIO)"
    CIC = "cic", "Community interest company (CIC)"
    CLG = "clg", "Company limited by guarantee"
    CLS = "cls", "Company limited by shares"
    CBS = "cbs", "Community benefit society"
    UNINCORPORATED = "unincorporated", "Unincorporated association"
    PUBLIC_BODY = "public_body", "Public body"
    OTHER = "other", "Other"


class CharityRegister(models.TextChoices):
    ENGLAND_WALES = "ccew", "Charity Commission for England and Wales"
    SCOTLAND = "oscr", "Scottish Charity Regulator (OSCR)"
    NORTHERN_IRELAND = "ccni", "Charity Commission for Northern Ireland"


class OrganisationRoleCode(models.TextChoices):
    MEMBER = "member", "Member"
    COMMISSIONER = "commissioner", "Commissioner"
    FUNDER = "funder", "Funder"
    INFRASTRUCTURE = "infrastructure", "Infrastructure body"
    PROVIDER = "provider", "Provider"
    OTHER = "other", "Other"


class AreaKind(models.TextChoices):
    COUNTRY = "country", "Country"
    REGION = "region", "Region (England)"
    ITL1 = "itl1", "ITL1 region"
    COUNTY = "county", "County"
    UNITARY = "unitary", "Unitary authority"
    DISTRICT = "district", "District"
    METROPOLITAN = "metropolitan", "Metropolitan district"
    LONDON_BOROUGH = "london_borough", "London borough"


class PreferredContact(models.TextChoices):
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    POST = "post", "Post"
    NONE = "none", "Do not contact"


class ConsentSource(models.TextChoices):
    FORM = "form", "Signed form"
    EMAIL = "email", "By e-mail"
    WEBSITE = "website", "Website sign-up"
    EVENT = "event", "At an event"
    PHONE = "phone", "By phone"
    MEMBERSHIP = "membership", "Membership agreement"
    OTHER = "other", "Other"
