"""docgen: 城乡学校结对帮扶文书生成工具.

Turns structured data (YAML / JSON / rosters) into the Word documents of urban–rural
school pairing programmes, keeping missing data visible as blanks.

The package, from the bottom up:

- :mod:`docgen.errors` — the one exception hierarchy;
- :mod:`docgen.pairing` — the schema (each field declared once), dates, numerals, blanks;
  :mod:`docgen.ooxml` — the only code that knows a .docx is a zip of XML;
- :mod:`docgen.script` — simplified ↔ traditional, for text and for .docx (OpenCC);
- :mod:`docgen.kinds` — one module per document kind: its fields, wording and context;
- :mod:`docgen.pipeline` — load → validate → context → render → finish → write, and batch;
- :mod:`docgen.tools` — users' own documents: blanks and fill, clean, ingest, check, convert;
- :mod:`docgen.api` — one function per use; :mod:`docgen.cli` and :mod:`docgen.web` only
  call it.
"""

from .api import VERSION, RenderResult, load_activities, load_pairing, render, render_pairing
from .errors import (DocgenError, InputError, Location, MissingValuesError, OutputError,
                     Problem, RenderError, TemplateError, ValidationError)
from .kinds import KINDS, Pairing
from .pairing.dates import PartialDate, SchoolYear, format_date, parse_date, parse_school_year
from .pairing.values import Blank, BlankReport
from .pipeline.batch import BatchResult, ManifestRow, run_batch
from .pipeline.validate import validate_pairing

__version__ = VERSION

__all__ = [
    "KINDS",
    "BatchResult",
    "ManifestRow",
    "load_activities",
    "run_batch",
    "Blank",
    "BlankReport",
    "DocgenError",
    "InputError",
    "Location",
    "MissingValuesError",
    "OutputError",
    "Pairing",
    "PartialDate",
    "Problem",
    "RenderError",
    "RenderResult",
    "SchoolYear",
    "TemplateError",
    "ValidationError",
    "format_date",
    "load_pairing",
    "parse_date",
    "parse_school_year",
    "render",
    "render_pairing",
    "validate_pairing",
]
