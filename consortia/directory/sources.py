"""Importers for the public registers: Charity Commission extract and Companies House data.

Placeholder classes, filled in below by the register importers work.
"""

from __future__ import annotations

from consortia.directory.importers import OrganisationImporter


class CharityCommissionImporter(OrganisationImporter):
    name = "ccew"
    label = "Charity Commission for England and Wales register extract (publicextract.charity, tab-separated)"


class CompaniesHouseImporter(OrganisationImporter):
    name = "companies_house"
    label = "Companies House basic company data (CSV)"
