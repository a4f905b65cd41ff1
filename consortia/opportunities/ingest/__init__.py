"""Notice ingestion: OCDS release and record packages in, releases stored, notices compiled.

`Ingester` is the one entry point for the feed clients and for `manage.py import_notices`;
`compile_notices` recompiles notices from their stored releases.
"""

from consortia.opportunities.ingest.ingester import BATCH_SIZE, Ingester, PackageResult
from consortia.opportunities.ingest.store import compile_notices

__all__ = ["BATCH_SIZE", "Ingester", "PackageResult", "compile_notices"]
