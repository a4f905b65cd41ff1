"""The members app's reference data: service categories and client groups
(`reference_capabilities`), and due-diligence requirements (`reference_diligence`), whose
loaders register themselves (`core/reference.py`)."""

from consortia.members import reference_capabilities, reference_diligence  # noqa: F401  (registers the loaders)
